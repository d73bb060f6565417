import TunebenchCore

extension WorkerSettings {
    /// The most workers an experiment may simulate.
    public static let workerRange = 1...1_000_000
}

extension FieldReader {
    /// The experiment file's `workers`, `mode`, `time-budget` and `ask-charge` (``WorkerSettings``), checked against
    /// `recording`:
    /// a simulated run keeps every trial, since its curves follow completions and its file their order.
    func workers(_ fields: [String: JSONValue], recording: TrialRecording) throws -> WorkerSettings {
        var settings = WorkerSettings()
        if let value = fields["workers"] {
            settings.workers = try integer(value, at: "workers", in: WorkerSettings.workerRange)
        }
        if let value = fields["mode"] {
            let text = try string(value, at: "mode")
            guard let mode = WorkerSettings.Mode(rawValue: text) else {
                throw error("mode", value, "expected \"asynchronous\" or \"synchronous\"")
            }
            settings.mode = mode
        }
        if let value = fields["time-budget"] {
            settings.timeBudget = try positiveNumber(value, at: "time-budget")
        }
        if let value = fields["ask-charge"] {
            let charge: Double
            switch value {
            case .integer(let i): charge = Double(i)
            case .number(let x): charge = x
            default: throw error("ask-charge", value, "expected a number of simulated seconds, found \(value.typeName)")
            }
            guard charge >= 0, charge.isFinite else {
                throw error("ask-charge", value, "expected a number of simulated seconds, 0 or more")
            }
            settings.askCharge = charge
            if charge > 0 && !settings.isSimulated {
                throw error(
                    "ask-charge", value, "a charge per ask needs the simulated clock: give \"workers\" above 1 or a "
                        + "\"time-budget\"")
            }
        }
        if settings.isSimulated, recording == .improvements, let value = fields["record"] {
            throw error(
                "record", value,
                "a run on simulated workers (workers above 1, or a time budget) records every trial; "
                    + "remove \"record\" or the simulation's fields")
        }
        return settings
    }
}
