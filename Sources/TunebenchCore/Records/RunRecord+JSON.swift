// The run file format: one JSON object per run, members in a fixed order, trials last.
//
// {"format":1,"problem":"branin","optimizer":"random","repetition":0,
//  "problemSpec":{"name":"branin","options":{}},"optimizerSpec":{"name":"random","options":{}},
//  "instanceSeed":"91b4...","optimizerSeed":"0c3e...","budget":100,"costBudget":33.5,"optimum":0.397...,
//  "fidelities":[{"steps":1,"cost":0.037},{"steps":3,"cost":0.111}, ...],
//  "parameters":["x1","x2"],"status":"complete","wallSeconds":0.0012,
//  "optimizerMetadata":{"library":"optuna 5.0.0"},
//  "trials":[{"number":0,"configuration":{"x1":2.5,"x2":7.1},"value":24.1,"cost":1,"status":"ok",
//             "askSeconds":1e-06,"evaluationSeconds":2e-07,"tellSeconds":1e-07}, ...]}
//
// Optional members (costBudget, optimum, constraints, fidelities, failure, metadata, fidelity, value, noiselessValue,
// recommended, constraints, info) are left out when absent; inactive parameters are left out of a configuration. `recommended` (the noiseless
// value of the optimizer's recommendation) appears only under observation noise, so noiseless run files keep their
// bytes, and older readers skip it. A constrained problem's record (format 3) gives the number of constraints in the
// header ("constraints":2) and each successful trial's constraint values ("constraints":[-0.3,1.2]). A run on simulated
// workers (format 4) gives them in the header ("simulation":{"workers":4,"mode":"asynchronous","timeBudget":100}) and
// each trial's worker and simulated start and end ("worker":2,"start":1.5,"end":2.75), its trials in completion order.
// A multi-objective problem's record (format 5) gives its hypervolume reference in the header
// ("objectives":{"reference":[1.1,1.1],"hypervolume":0.8766}) and each successful trial's objective values
// ("objectives":[0.25,0.5]).
// Unknown members are skipped when reading, so that later minor versions stay readable; a larger "format" is refused. "trials" is always the last member, so that
// a reader can stream the trials of a large file with the rest of the record in hand (RunFileReader).

extension RunRecord {
    /// The record as compact JSON: ``headerJSON()``, the trials' ``TrialRecord/jsonBytes(parameters:)`` separated
    /// by commas, then ``jsonEnd``. A run file written piece by piece as the run goes is therefore the same file.
    public func jsonBytes() -> [UInt8] {
        var buffer = TextBuffer(capacity: 512 + trials.count * 200)
        buffer.append(headerJSON())
        let encoder = TrialEncoder(parameters: parameters)
        for (index, trial) in trials.enumerated() {
            if index > 0 { buffer.append(ascii: ",") }
            encoder.append(trial, to: &buffer)
        }
        buffer.append(Self.jsonEnd)
        return buffer.bytes
    }

    /// The bytes that close a run file after its last trial.
    public static let jsonEnd: [UInt8] = Array("]}".utf8)

    /// The record's JSON up to its trials: every member but `trials` (whatever ``trials`` holds), then `"trials":[`.
    public func headerJSON() -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.key("format")
        // A full record keeps format 1 (its bytes do not change); an `improvements` record needs format 2, a
        // constrained problem's 3 (a reader that ignored feasibility would report the wrong regret).
        writer.integer(
            max(
                format, recording == .all ? 1 : 2, constraintCount > 0 ? 3 : 1, simulation != nil ? 4 : 1,
                paretoReference != nil ? 5 : 1))
        writer.key("problem")
        writer.string(problem)
        writer.key("optimizer")
        writer.string(optimizer)
        writer.key("repetition")
        writer.integer(repetition)
        writer.key("problemSpec")
        problemSpec.write(to: &writer)
        writer.key("optimizerSpec")
        optimizerSpec.write(to: &writer)
        writer.key("instanceSeed")
        writer.string(instanceSeed)
        writer.key("optimizerSeed")
        writer.string(optimizerSeed)
        writer.key("budget")
        writer.integer(budget)
        if recording != .all {
            writer.key("recording")
            writer.string(recording.rawValue)
        }
        if let costBudget {
            writer.key("costBudget")
            writer.number(costBudget)
        }
        if let optimum {
            writer.key("optimum")
            writer.number(optimum)
        }
        if constraintCount > 0 {
            writer.key("constraints")
            writer.integer(constraintCount)
        }
        if let paretoReference {
            writer.key("objectives")
            writer.beginObject()
            writer.key("reference")
            writer.beginArray()
            for value in paretoReference.point { writer.number(value) }
            writer.endArray()
            if let volume = paretoReference.hypervolume {
                writer.key("hypervolume")
                writer.number(volume)
            }
            writer.endObject()
        }
        if let simulation {
            writer.key("simulation")
            writer.beginObject()
            writer.key("workers")
            writer.integer(simulation.workers)
            writer.key("mode")
            writer.string(simulation.mode)
            if let timeBudget = simulation.timeBudget {
                writer.key("timeBudget")
                writer.number(timeBudget)
            }
            if simulation.askCharge != 0 {
                writer.key("askCharge")
                writer.number(simulation.askCharge)
            }
            writer.endObject()
        }
        if !fidelities.isEmpty {
            writer.key("fidelities")
            writer.beginArray()
            for level in fidelities {
                writer.beginObject()
                writer.key("steps")
                writer.integer(level.steps)
                writer.key("cost")
                writer.number(level.cost)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("parameters")
        writer.beginArray()
        for name in parameters { writer.string(name) }
        writer.endArray()
        writer.key("status")
        writer.string(status.rawValue)
        if let failure {
            writer.key("failure")
            writer.string(failure)
        }
        writer.key("wallSeconds")
        writer.number(wallSeconds)
        for (key, metadata) in [("problemMetadata", problemMetadata), ("optimizerMetadata", optimizerMetadata)]
        where !metadata.isEmpty {
            writer.key(key)
            writer.beginObject()
            for name in metadata.keys.sorted() {
                writer.key(name)
                writer.string(metadata[name]!)
            }
            writer.endObject()
        }
        writer.key("trials")
        writer.beginArray()
        return writer.bytes
    }

    /// Reads a record written by ``jsonBytes()``.
    /// - Throws: ``JSONError`` naming the line, column and problem.
    public init(json bytes: [UInt8]) throws {
        var trials: [TrialRecord] = []
        var source: [UInt8]? = bytes
        let header = try RunFileReader.read(nextChunk: { defer { source = nil }; return source }) { _, trial in
            trials.append(trial)
        }
        self = header
        self.trials = trials
    }

    /// An empty record that ``readMember(_:from:seen:)`` fills.
    static var unread: RunRecord {
        RunRecord(
            problem: "", optimizer: "", repetition: -1, problemSpec: SpecRecord(name: "", options: [:]),
            optimizerSpec: SpecRecord(name: "", options: [:]), instanceSeed: 0, optimizerSeed: 0, budget: 0,
            optimum: nil, parameters: [], status: .failed, trials: [], wallSeconds: 0)
    }

    /// The members that every run file has.
    static let requiredMembers = ["format", "problem", "optimizer", "repetition", "status", "trials", "parameters"]

    /// Reads the value of member `key` (any member but `trials`) into the record; unknown members are skipped.
    mutating func readMember(_ key: String, from reader: inout JSONReader) throws {
        switch key {
        case "format":
            format = try reader.readInt()
            guard format <= RunRecord.currentFormat else {
                throw reader.error("format \(format) was written by a newer Tunebench")
            }
        case "problem": problem = try reader.readString()
        case "optimizer": optimizer = try reader.readString()
        case "repetition": repetition = try reader.readInt()
        case "problemSpec": problemSpec = try SpecRecord(reading: &reader)
        case "optimizerSpec": optimizerSpec = try SpecRecord(reading: &reader)
        case "instanceSeed": instanceSeed = try reader.readString()
        case "optimizerSeed": optimizerSeed = try reader.readString()
        case "budget": budget = try reader.readInt()
        case "costBudget": costBudget = try reader.readDouble()
        case "recording":
            let text = try reader.readString()
            guard let recording = TrialRecording(rawValue: text) else {
                throw reader.error("unknown trial recording '\(text)'")
            }
            self.recording = recording
        case "optimum": optimum = try reader.readNull() ? nil : try reader.readDouble()
        case "constraints": constraintCount = try reader.readInt()
        case "objectives":
            var reference = ParetoReference(point: [], hypervolume: nil)
            try reader.readObject { reader, name in
                switch name {
                case "reference": try reader.readArray { reader in reference.point.append(try reader.readDouble()) }
                case "hypervolume": reference.hypervolume = try reader.readDouble()
                default: try reader.skipValue()
                }
            }
            paretoReference = reference
        case "simulation":
            var simulation = SimulationRecord(workers: 1, mode: "asynchronous", timeBudget: nil)
            try reader.readObject { reader, name in
                switch name {
                case "workers": simulation.workers = try reader.readInt()
                case "mode": simulation.mode = try reader.readString()
                case "timeBudget": simulation.timeBudget = try reader.readDouble()
                case "askCharge": simulation.askCharge = try reader.readDouble()
                default: try reader.skipValue()
                }
            }
            self.simulation = simulation
        case "fidelities":
            fidelities = []
            try reader.readArray { reader in
                var level = Fidelity(steps: 0, cost: .nan)
                try reader.readObject { reader, name in
                    switch name {
                    case "steps": level.steps = try reader.readInt()
                    case "cost": level.cost = try reader.readDouble()
                    default: try reader.skipValue()
                    }
                }
                fidelities.append(level)
            }
        case "parameters":
            parameters = []
            try reader.readArray { reader in parameters.append(try reader.readString()) }
        case "status":
            let text = try reader.readString()
            guard let status = RunStatus(rawValue: text) else { throw reader.error("unknown run status '\(text)'") }
            self.status = status
        case "failure": failure = try reader.readString()
        case "wallSeconds": wallSeconds = try reader.readDouble()
        case "problemMetadata", "optimizerMetadata":
            var metadata: [String: String] = [:]
            try reader.readObject { reader, name in metadata[name] = try reader.readString() }
            if key == "problemMetadata" { problemMetadata = metadata } else { optimizerMetadata = metadata }
        default: try reader.skipValue()
        }
    }
}

extension SpecRecord {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(name)
        writer.key("options")
        writer.beginObject()
        for key in options.keys.sorted() {
            writer.key(key)
            writer.option(options[key]!)
        }
        writer.endObject()
        writer.endObject()
    }

    init(reading reader: inout JSONReader) throws {
        var name = ""
        var options: [String: OptionValue] = [:]
        try reader.readObject { reader, key in
            switch key {
            case "name": name = try reader.readString()
            case "options":
                try reader.readObject { reader, option in
                    guard let value = OptionValue(json: try reader.readValue()) else {
                        throw reader.error("option '\(option)' must be a number, a string or a boolean")
                    }
                    options[option] = value
                }
            default: try reader.skipValue()
            }
        }
        self.init(name: name, options: options)
    }
}

extension TrialRecord {
    /// The trial as compact JSON, as it appears in the `trials` of a run file whose parameters are `parameters`
    /// (``TrialEncoder``).
    public func jsonBytes(parameters: [String]) -> [UInt8] {
        var buffer = TextBuffer(capacity: 64 + 24 * parameters.count)
        TrialEncoder(parameters: parameters).append(self, to: &buffer)
        return buffer.bytes
    }

    /// The members of a trial object, in the order ``TrialEncoder`` writes them.
    private enum Member: String, CaseIterable {
        case number, configuration, fidelity, value, noiselessValue, recommended, constraints, objectives
        case worker, start, end
        case cost, status, failure, info
        case askSeconds, evaluationSeconds, tellSeconds
    }

    private static let memberCases = Member.allCases
    private static let members = JSONNames(memberCases.map(\.rawValue))
    private static let statuses = JSONNames([TrialStatus.ok, .failed].map(\.rawValue))

    /// Reads a trial of a run whose parameters are `parameters` (``RunRecord/parameters``, as ``JSONNames``).
    init(reading reader: inout JSONReader, parameters: JSONNames) throws {
        var trial = TrialRecord(
            number: -1, configuration: [RecordedValue?](repeating: nil, count: parameters.names.count), fidelity: nil,
            value: nil, noiselessValue: nil, cost: 1, status: .ok, failure: nil, info: nil, askSeconds: 0,
            evaluationSeconds: 0, tellSeconds: 0)
        // A simulated run's worker, start and end, in whatever order they come.
        var worker: Int?
        var start = 0.0
        var end = 0.0
        try reader.readObject(names: Self.members) { reader, key in
            guard case .name(let index) = key else {
                try reader.skipValue()
                return
            }
            switch Self.memberCases[index] {
            case .number: trial.number = try reader.readInt()
            case .configuration:
                // Members come in parameter order, so each name is found at the first try.
                try reader.readObject(names: parameters) { reader, name in
                    switch name {
                    case .other(let name):
                        throw reader.error("configuration names '\(name)', which is not a parameter of the run")
                    case .name(let position) where reader.nextIsString():
                        trial.configuration[position] = .choice(try reader.readString())
                    case .name(let position):
                        trial.configuration[position] = .number(try reader.readDouble())
                    }
                }
            case .fidelity: trial.fidelity = try reader.readInt()
            case .value: trial.value = try reader.readNull() ? nil : try reader.readDouble()
            case .noiselessValue: trial.noiselessValue = try reader.readNull() ? nil : try reader.readDouble()
            case .recommended: trial.recommended = try reader.readNull() ? nil : try reader.readDouble()
            case .constraints:
                var constraints: [Double] = []
                try reader.readArray { reader in constraints.append(try reader.readDouble(nullAsNaN: true)) }
                trial.constraints = constraints
            case .objectives:
                var objectives: [Double] = []
                try reader.readArray { reader in objectives.append(try reader.readDouble(nullAsNaN: true)) }
                trial.objectives = objectives
            case .worker: worker = try reader.readInt()
            case .start: start = try reader.readDouble()
            case .end: end = try reader.readDouble()
            case .cost: trial.cost = try reader.readDouble(nullAsNaN: true)
            case .status:
                switch try reader.readString(in: Self.statuses) {
                case .name(let index): trial.status = index == 0 ? .ok : .failed
                case .other(let text): throw reader.error("unknown trial status '\(text)'")
                }
            case .failure: trial.failure = try reader.readString()
            case .info:
                var info: [String: Double] = [:]
                try reader.readObject { reader, name in info[name] = try reader.readDouble(nullAsNaN: true) }
                trial.info = info
            case .askSeconds: trial.askSeconds = try reader.readDouble()
            case .evaluationSeconds: trial.evaluationSeconds = try reader.readDouble()
            case .tellSeconds: trial.tellSeconds = try reader.readDouble()
            }
        }
        if let worker { trial.simulated = SimulatedTimes(worker: worker, start: start, end: end) }
        self = trial
    }
}
