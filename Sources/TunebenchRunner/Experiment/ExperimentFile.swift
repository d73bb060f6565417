import Foundation
import TunebenchCore

/// Reads and writes experiment files.
///
/// An experiment file is a JSON object:
///
/// ```json
/// {
///   "name": "peers",
///   "description": "optional free text",
///   "seed": 0,
///   "repetitions": 10,
///   "budget": 100,
///   "budget-per-dimension": false,
///   "cost-budget": 33.5,
///   "optimizers": ["random", {"name": "sobol", "label": "sobol-plain", "options": {"scramble": false}}],
///   "problems": ["branin", {"name": "rosenbrock", "options": {"dimension": 4}}, {"suite": "ml"}]
/// }
/// ```
///
/// `optimizers` and `problems` are required; `seed` defaults to 0, `repetitions` to 10, `budget` to 100, `name`
/// to ``defaultName(for:)``. `budget-per-dimension` (default
/// false) makes `budget` count evaluations per parameter, as COCO's budgets do. `record` is `all` (the default: run
/// files keep every trial) or `improvements` (``TunebenchCore/TrialRecording``). `cost-budget` (optional, a positive number) limits each run's total cost in the
/// problems' cost unit (see ``Experiment/costBudget``); with it, `budget` defaults to
/// ``Experiment/defaultBudgetWithCost``. `workers` (default 1), `mode` (`asynchronous`, the default, or
/// `synchronous`) and `time-budget` (simulated seconds, optional) run each run on simulated parallel workers
/// (``WorkerSettings``, ``WorkerSimulation``), `ask-charge` (simulated seconds, default 0) charging each ask to the
/// clock; they cannot be combined with `"record": "improvements"`. An entry is
/// a registry name, or an object with `name` and optionally `label` and `options`; a problem entry may also be a suite's name or `{"suite": NAME}`, which stand for the suite's
/// problems, or `{"suite": NAME, "options": {...}}`, whose options go to each problem and into each label. A plugin can be named by its command line, `{"command": "python3 my_solver.py", "label": "mine"}`,
/// which stands for the registry's `external` entry with that `command` option. Labels default to ``TunebenchCore/EntrySpec/defaultLabel(name:options:)`` and must be unique.
///
/// Every error names the file, the field (as a path such as `problems[2].options.dimension`) and the value.
public enum ExperimentFile {
    static let topLevelFields = [
        "name", "description", "seed", "repetitions", "budget", "budget-per-dimension", "record", "cost-budget",
        "workers", "mode", "time-budget", "ask-charge", "optimizers", "problems",
    ]

    /// Loads and validates the experiment in `url` against `registry`.
    /// - Throws: ``RunnerError`` naming the file, field and value.
    public static func load(_ url: URL, registry: Registry) throws -> Experiment {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RunnerError.unreadableExperiment(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(data, file: url.path, defaultName: defaultName(for: url), registry: registry)
    }

    /// The name of an experiment file without a "name" field: its folder's name for a file called
    /// `experiment.json` (the layout of `Results/`), else the file's name without extension.
    public static func defaultName(for url: URL) -> String {
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent().lastPathComponent
        let name = url.lastPathComponent == "experiment.json" ? folder : stem
        return EntrySpec.isValidLabel(name) ? name : "experiment"
    }

    /// Parses and validates experiment JSON.
    /// - Parameters:
    ///   - file: the path used in messages.
    ///   - defaultName: the name when the file has none.
    public static func parse(_ data: Data, file: String, defaultName: String, registry: Registry) throws -> Experiment {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw RunnerError.unreadableExperiment(file: file, reason: "is not valid JSON (\(error))")
        }
        let reader = FieldReader(file: file)
        guard case .object(let fields) = document else {
            throw reader.error("(top level)", document, "expected an object with optimizers and problems")
        }
        for key in fields.keys.sorted() where !topLevelFields.contains(key) {
            let hint = NearestName.suggestion(for: key, among: topLevelFields).map { "; did you mean '\($0)'?" } ?? ""
            throw reader.error(
                FieldReader.member(key), fields[key]!,
                "unknown field\(hint) (fields: \(topLevelFields.joined(separator: ", ")))")
        }
        let name = try fields["name"].map { try reader.label($0, at: "name") } ?? defaultName
        let description = try fields["description"].map { try reader.string($0, at: "description") }
        let seed = try fields["seed"].map { try reader.integer($0, at: "seed", in: 0...Int.max) } ?? 0
        let repetitions = try fields["repetitions"].map {
            try reader.integer($0, at: "repetitions", in: Experiment.repetitionRange)
        } ?? 10
        let costBudget = try fields["cost-budget"].map { try reader.positiveNumber($0, at: "cost-budget") }
        let budget = try fields["budget"].map { try reader.integer($0, at: "budget", in: Experiment.budgetRange) }
            ?? (costBudget == nil ? 100 : Experiment.defaultBudgetWithCost)
        let perDimension = try fields["budget-per-dimension"].map { try reader.bool($0, at: "budget-per-dimension") } ?? false
        let recording = try fields["record"].map { value -> TrialRecording in
            let text = try reader.string(value, at: "record")
            guard let recording = TrialRecording(rawValue: text) else {
                throw reader.error("record", value, "expected \"all\" or \"improvements\"")
            }
            return recording
        } ?? .all
        let workers = try reader.workers(fields, recording: recording)
        guard let optimizerList = fields["optimizers"] else {
            throw reader.error("optimizers", .null, "is missing; list the optimizers to run, e.g. [\"random\"]")
        }
        guard let problemList = fields["problems"] else {
            throw reader.error("problems", .null, "is missing; list the problems, e.g. [\"branin\"]")
        }
        let optimizers = try reader.specs(optimizerList, at: "optimizers", kind: .optimizer, registry: registry)
        let problems = try reader.specs(problemList, at: "problems", kind: .problem, registry: registry)
        return Experiment(
            name: name, description: description, seed: UInt64(seed), repetitions: repetitions, budget: budget,
            budgetPerDimension: perDimension, recording: recording, costBudget: costBudget, workers: workers,
            optimizers: optimizers, problems: problems)
    }

    /// The canonical JSON of an experiment (every label explicit, options with their types kept), as stored in
    /// result folders. Reading it back with ``parse(_:file:defaultName:registry:)`` gives the same experiment.
    public static func encode(_ experiment: Experiment) -> Data {
        var writer = JSONWriter(pretty: true)
        writer.beginObject()
        writer.key("name")
        writer.string(experiment.name)
        if let description = experiment.description {
            writer.key("description")
            writer.string(description)
        }
        writer.key("seed")
        writer.integer(Int(experiment.seed))
        writer.key("repetitions")
        writer.integer(experiment.repetitions)
        writer.key("budget")
        writer.integer(experiment.budget)
        if experiment.budgetPerDimension {
            writer.key("budget-per-dimension")
            writer.bool(true)
        }
        if experiment.recording != .all {
            writer.key("record")
            writer.string(experiment.recording.rawValue)
        }
        if let costBudget = experiment.costBudget {
            writer.key("cost-budget")
            writer.number(costBudget)
        }
        if experiment.workers.workers != 1 {
            writer.key("workers")
            writer.integer(experiment.workers.workers)
        }
        if experiment.workers.mode != .asynchronous {
            writer.key("mode")
            writer.string(experiment.workers.mode.rawValue)
        }
        if let timeBudget = experiment.workers.timeBudget {
            writer.key("time-budget")
            writer.number(timeBudget)
        }
        if experiment.workers.askCharge != 0 {
            writer.key("ask-charge")
            writer.number(experiment.workers.askCharge)
        }
        for (key, specs) in [("optimizers", experiment.optimizers), ("problems", experiment.problems)] {
            writer.key(key)
            writer.beginArray()
            for spec in specs {
                writer.beginObject()
                writer.key("name")
                writer.string(spec.name)
                writer.key("label")
                writer.string(spec.label)
                if !spec.options.isEmpty {
                    writer.key("options")
                    writer.beginObject()
                    for option in spec.options.keys.sorted() {
                        writer.key(option)
                        writer.option(spec.options[option]!)
                    }
                    writer.endObject()
                }
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return Data(writer.bytes + [0x0A])
    }
}

/// Reads typed fields of a parsed experiment, turning every mismatch into a ``RunnerError`` with its path.
struct FieldReader {
    var file: String

    /// A member's name in a field path: the key, or `""` for the empty key.
    static func member(_ key: String) -> String {
        key.isEmpty ? "\"\"" : key
    }

    /// The error for `field`; names and text taken from the document (in `field` and `reason`) are made printable on
    /// one line.
    func error(_ field: String, _ value: JSONValue, _ reason: String) -> RunnerError {
        RunnerError.invalidExperiment(
            file: file, field: JSONValue.printable(field), value: value == .null ? "" : value.shown,
            reason: JSONValue.printable(reason, limit: 2000))
    }

    func string(_ value: JSONValue, at field: String) throws -> String {
        guard case .string(let s) = value else { throw error(field, value, "expected a string, found \(value.typeName)") }
        return s
    }

    func label(_ value: JSONValue, at field: String) throws -> String {
        let s = try string(value, at: field)
        guard EntrySpec.isValidLabel(s) else {
            throw error(field, value, "use ASCII letters, digits and ._+=- (it names files), not starting with a dot")
        }
        return s
    }

    func integer(_ value: JSONValue, at field: String, in range: ClosedRange<Int>) throws -> Int {
        let k: Int
        switch value {
        case .integer(let i): k = i
        case .number(let x) where x.rounded() == x && abs(x) < 1e15: k = Int(x)
        default: throw error(field, value, "expected an integer, found \(value.typeName)")
        }
        guard range.contains(k) else {
            throw error(field, value, "expected an integer in [\(range.lowerBound), \(range.upperBound)]")
        }
        return k
    }

    func bool(_ value: JSONValue, at field: String) throws -> Bool {
        guard case .bool(let b) = value else { throw error(field, value, "expected true or false, found \(value.typeName)") }
        return b
    }

    func positiveNumber(_ value: JSONValue, at field: String) throws -> Double {
        let x: Double
        switch value {
        case .integer(let i): x = Double(i)
        case .number(let y): x = y
        default: throw error(field, value, "expected a positive number, found \(value.typeName)")
        }
        guard x > 0, x.isFinite else { throw error(field, value, "expected a positive number") }
        return x
    }

    func option(_ value: JSONValue, at field: String) throws -> OptionValue {
        guard let option = OptionValue(json: value) else {
            throw error(field, value, "expected a number, a string or a boolean, found \(value.typeName)")
        }
        return option
    }

    /// Reads a list of entries, expands suites, checks names and options against the registry and labels for
    /// uniqueness.
    func specs(_ value: JSONValue, at field: String, kind: EntryKind, registry: Registry) throws -> [EntrySpec] {
        guard case .array(let items) = value else {
            throw error(field, value, "expected an array of \(kind.rawValue) names or objects, found \(value.typeName)")
        }
        guard !items.isEmpty else { throw error(field, value, "needs at least one \(kind.rawValue)") }
        var specs: [(spec: EntrySpec, field: String)] = []
        for (index, item) in items.enumerated() {
            let path = "\(field)[\(index)]"
            for spec in try entries(item, at: path, kind: kind, registry: registry) {
                specs.append((spec, path))
            }
        }
        var firstField: [String: String] = [:]
        for (spec, path) in specs {
            if let earlier = firstField[spec.label] {
                throw error(
                    path, .string(spec.label),
                    "label '\(spec.label)' is already used by \(earlier); give one of them a different \"label\"")
            }
            firstField[spec.label] = path
        }
        return specs.map(\.spec)
    }

    /// The problems of a suite entry, `{"suite": NAME}` or `{"suite": NAME, "options": {...}}`: options go to each
    /// problem and into each label (``TunebenchCore/Suite/problems(with:)``), and each problem's options are checked.
    private func suiteEntries(
        _ suiteName: JSONValue, fields: [String: JSONValue], at path: String, registry: Registry
    ) throws -> [EntrySpec] {
        for key in fields.keys.sorted() where key != "suite" && key != "options" {
            let hint = NearestName.suggestion(for: key, among: ["suite", "options"]).map { "; did you mean '\($0)'?" } ?? ""
            throw error("\(path).\(Self.member(key))", fields[key]!, "a suite entry has only \"suite\" and \"options\"\(hint)")
        }
        let name = try string(suiteName, at: path + ".suite")
        let suite: Suite
        do {
            suite = try registry.suite(named: name)
        } catch {
            throw self.error(path + ".suite", suiteName, "\(error)")
        }
        var options: [String: OptionValue] = [:]
        if let optionsValue = fields["options"] {
            guard case .object(let given) = optionsValue else {
                throw error(path + ".options", optionsValue, "expected an object of option values")
            }
            for key in given.keys.sorted() {
                options[key] = try option(given[key]!, at: "\(path).options.\(Self.member(key))")
            }
        }
        let specs = suite.problems(with: options)
        for spec in specs {
            do {
                _ = try registry.problemOptions(spec)
            } catch {
                throw self.error(path + ".options", fields["options"] ?? suiteName, "problem '\(spec.label)': \(error)")
            }
            // A suite's options go into every label, and a suite entry has no "label" to replace a bad one.
            guard EntrySpec.isValidLabel(spec.label) else {
                throw self.error(
                    path + ".options", fields["options"] ?? suiteName,
                    "the options go into each problem's label, which names files, and '\(spec.label)' is not one: "
                        + EntrySpec.optionTextRule)
            }
        }
        return specs
    }

    private func entries(_ item: JSONValue, at path: String, kind: EntryKind, registry: Registry) throws -> [EntrySpec] {
        var name: String
        var label: String?
        var options: [String: OptionValue] = [:]
        switch item {
        case .string(let s):
            if kind == .problem, !registry.problems.contains(where: { $0.name == s }),
                let suite = try? registry.suite(named: s)
            {
                return suite.problems
            }
            name = s
        case .object(let fields):
            if kind == .problem, let suiteName = fields["suite"] {
                return try suiteEntries(suiteName, fields: fields, at: path, registry: registry)
            }
            let allowed = ["name", "command", "label", "options"] + (kind == .problem ? ["suite"] : [])
            for key in fields.keys.sorted() where !allowed.contains(key) {
                let hint = NearestName.suggestion(for: key, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw error("\(path).\(Self.member(key))", fields[key]!, "unknown field\(hint)")
            }
            label = try fields["label"].map { try self.label($0, at: path + ".label") }
            if let commandValue = fields["command"] {
                // A plugin named by its command line: the registry's `external` entry with the command as option.
                guard fields["name"] == nil else {
                    throw error(path, item, "give either \"name\" (a registry entry) or \"command\" (a plugin), not both")
                }
                guard label != nil else {
                    throw error(path, item, "an entry with a \"command\" needs a \"label\" to name its results")
                }
                name = "external"
                options["command"] = .string(try string(commandValue, at: path + ".command"))
            } else {
                guard let nameValue = fields["name"] else {
                    throw error(path, item, "needs a \"name\" (or a plugin \"command\")")
                }
                name = try string(nameValue, at: path + ".name")
            }
            if let optionsValue = fields["options"] {
                guard case .object(let given) = optionsValue else {
                    throw error(path + ".options", optionsValue, "expected an object of option values")
                }
                for key in given.keys.sorted() {
                    guard options[key] == nil else {
                        throw error("\(path).options.\(key)", given[key]!, "the command is given by the entry's \"command\"")
                    }
                    options[key] = try option(given[key]!, at: "\(path).options.\(Self.member(key))")
                }
            }
        default:
            throw error(path, item, "expected a \(kind.rawValue) name or an object with \"name\"")
        }
        let spec = EntrySpec(name, label: label, options: options)
        do {
            switch kind {
            case .optimizer: _ = try registry.optimizerOptions(spec)
            default: _ = try registry.problemOptions(spec)
            }
        } catch let coreError as CoreError {
            switch coreError {
            case .unknownEntry:
                throw error(path + (item.isString ? "" : ".name"), .string(name), "\(coreError)")
            case .unknownOption(_, let option, _), .invalidOption(_, let option, _, _):
                throw error(
                    "\(path).options.\(Self.member(option))", options[option].map(\.json) ?? .null, "\(coreError)")
            default:
                throw error(path, item, "\(coreError)")
            }
        }
        guard EntrySpec.isValidLabel(spec.label) else {
            throw error(path, .string(spec.label), "the label names files: give a \"label\" of ASCII letters, digits and ._+=-")
        }
        return [spec]
    }
}

extension JSONValue {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
