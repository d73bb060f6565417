/// The failed trials of one optimizer's complete runs on a problem: totals and the worst run's share
/// (``OptimizerSummary/trials``, ``OptimizerSummary/failedTrials``, ``OptimizerSummary/failedTrialShareMax``).
struct TrialFailures: Sendable, Hashable {
    private(set) var trials = 0
    private(set) var failed = 0
    /// The largest `failed / trials` of one run (0 while no run has trials).
    private(set) var worstShare = 0.0

    /// Adds one complete run's counts.
    mutating func add(trials runTrials: Int, failed runFailed: Int) {
        trials += runTrials
        failed += runFailed
        if runTrials > 0 { worstShare = max(worstShare, Double(runFailed) / Double(runTrials)) }
    }

    /// Writes the counts into `summary`.
    func record(in summary: inout OptimizerSummary) {
        summary.trials = trials
        summary.failedTrials = failed
        summary.failedTrialShareMax = worstShare
    }
}
