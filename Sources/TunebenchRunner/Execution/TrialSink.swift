import TunebenchCore

/// Where ``RunExecutor`` puts a run's trials as it records them: an array (``TrialCollector``), or the run's file
/// as it is being written (``RunFileWriter``), which keeps memory bounded whatever the budget.
public protocol TrialSink {
    associatedtype Failure: Error
    /// Takes the next trial of a run whose parameters are `parameters`.
    mutating func append(_ trial: TrialRecord, parameters: [String]) throws(Failure)
}

/// Keeps a run's trials in memory.
public struct TrialCollector: TrialSink {
    public private(set) var trials: [TrialRecord] = []

    public init() {}

    public mutating func append(_ trial: TrialRecord, parameters: [String]) {
        trials.append(trial)
    }
}
