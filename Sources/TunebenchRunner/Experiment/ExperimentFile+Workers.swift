import TunebenchCore

extension WorkerSettings {
    /// The most workers an experiment may simulate.
    public static let workerRange = 1...1_000_000
}

extension FieldReader {
    /// The experiment file's `workers`, `mode` and `time-budget` (``WorkerSettings``), checked against `recording`:
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
        if settings.isSimulated, recording == .improvements, let value = fields["record"] {
            throw error(
                "record", value,
                "a run on simulated workers (workers above 1, or a time budget) records every trial; "
                    + "remove \"record\" or the simulation's fields")
        }
        return settings
    }
}
