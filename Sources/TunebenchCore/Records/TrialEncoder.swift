/// Writes the trials of one run as its run file holds them (see `RunRecord+JSON.swift`), with the run's parameter
/// names escaped once for all its trials.
///
/// The bytes are those ``JSONWriter`` writes for the same members in the same order; the encoder only skips the
/// writer's bookkeeping for each member, which matters at a million trials per run.
public struct TrialEncoder: Sendable {
    /// `"NAME":` for each parameter of the run, escaped.
    private let keys: [[UInt8]]

    /// - Parameter parameters: the run's parameter names (``RunRecord/parameters``), which trial configurations
    ///   follow.
    public init(parameters: [String]) {
        keys = parameters.map { name in
            var key = TextBuffer()
            key.appendJSONString(name)
            key.append(ascii: ":")
            return key.bytes
        }
    }

    /// Appends `trial` as a compact JSON object: `number`, `configuration` (inactive parameters left out),
    /// `fidelity`, `value`, `noiselessValue`, `recommended`, `constraints` and `objectives` (arrays), `worker`, `start`
    /// and `end` (simulated workers), `cost`, `status`, `failure`, `info` (keys sorted), `askSeconds`,
    /// `evaluationSeconds` and `tellSeconds`, the optional ones only when present; non-finite numbers as `null`.
    public func append(_ trial: TrialRecord, to buffer: inout TextBuffer) {
        buffer.append(#"{"number":"#)
        buffer.append(trial.number)
        buffer.append(#","configuration":{"#)
        var first = true
        for (key, value) in zip(keys, trial.configuration) {
            guard let value else { continue }
            if !first { buffer.append(ascii: ",") }
            first = false
            buffer.append(key)
            switch value {
            case .number(let x): buffer.appendJSONNumber(x)
            case .choice(let name): buffer.appendJSONString(name)
            }
        }
        buffer.append(ascii: "}")
        if let fidelity = trial.fidelity {
            buffer.append(#","fidelity":"#)
            buffer.append(fidelity)
        }
        if let value = trial.value {
            buffer.append(#","value":"#)
            buffer.appendJSONNumber(value)
        }
        if let noiselessValue = trial.noiselessValue {
            buffer.append(#","noiselessValue":"#)
            buffer.appendJSONNumber(noiselessValue)
        }
        if let recommended = trial.recommended {
            buffer.append(#","recommended":"#)
            buffer.appendJSONNumber(recommended)
        }
        if let constraints = trial.constraints { Self.append(#","constraints":["#, constraints, to: &buffer) }
        if let objectives = trial.objectives { Self.append(#","objectives":["#, objectives, to: &buffer) }
        if let simulated = trial.simulated {
            buffer.append(#","worker":"#)
            buffer.append(simulated.worker)
            buffer.append(#","start":"#)
            buffer.appendJSONNumber(simulated.start)
            buffer.append(#","end":"#)
            buffer.appendJSONNumber(simulated.end)
        }
        buffer.append(#","cost":"#)
        buffer.appendJSONNumber(trial.cost)
        buffer.append(#","status":"#)
        buffer.appendJSONString(trial.status.rawValue)
        if let failure = trial.failure {
            buffer.append(#","failure":"#)
            buffer.appendJSONString(failure)
        }
        if let info = trial.info {
            buffer.append(#","info":{"#)
            for (index, name) in info.keys.sorted().enumerated() {
                if index > 0 { buffer.append(ascii: ",") }
                buffer.appendJSONString(name)
                buffer.append(ascii: ":")
                buffer.appendJSONNumber(info[name]!)
            }
            buffer.append(ascii: "}")
        }
        buffer.append(#","askSeconds":"#)
        buffer.appendJSONNumber(trial.askSeconds)
        buffer.append(#","evaluationSeconds":"#)
        buffer.appendJSONNumber(trial.evaluationSeconds)
        buffer.append(#","tellSeconds":"#)
        buffer.appendJSONNumber(trial.tellSeconds)
        buffer.append(ascii: "}")
    }

    /// Appends `key` (the member's name up to its opening bracket) and the numbers of the array, then `]`.
    private static func append(_ key: String, _ values: [Double], to buffer: inout TextBuffer) {
        buffer.append(key)
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(ascii: ",") }
            buffer.appendJSONNumber(value)
        }
        buffer.append(ascii: "]")
    }
}
