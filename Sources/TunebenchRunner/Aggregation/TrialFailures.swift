/// The failed trials of one optimizer's complete runs on a problem: totals and the worst run's share
/// (``OptimizerSummary/trials``, ``OptimizerSummary/failedTrials``, ``OptimizerSummary/failedTrialShareMax``); on a
/// constrained problem also its infeasible trials and the runs without a feasible one
/// (``OptimizerSummary/infeasibleTrials``, ``OptimizerSummary/infeasibleRuns``).
struct TrialFailures: Sendable, Hashable {
    private(set) var trials = 0
    private(set) var failed = 0
    private(set) var infeasible = 0
    /// Complete runs none of whose trials counted (no feasible point on a constrained problem).
    private(set) var infeasibleRuns = 0
    /// The largest `failed / trials` of one run (0 while no run has trials).
    private(set) var worstShare = 0.0

    /// Adds one complete run's counts.
    mutating func add(trials runTrials: Int, failed runFailed: Int, infeasible runInfeasible: Int, counted: Bool) {
        trials += runTrials
        failed += runFailed
        infeasible += runInfeasible
        if !counted { infeasibleRuns += 1 }
        if runTrials > 0 { worstShare = max(worstShare, Double(runFailed) / Double(runTrials)) }
    }

    /// Writes the constrained problem's counts into `summary`: trials, infeasible trials and runs without a feasible
    /// trial.
    func recordFeasibility(in summary: inout OptimizerSummary) {
        summary.trials = trials
        summary.infeasibleTrials = infeasible
        summary.infeasibleRuns = infeasibleRuns
    }

    /// Writes the failure counts into `summary`.
    func record(in summary: inout OptimizerSummary) {
        summary.trials = trials
        summary.failedTrials = failed
        summary.failedTrialShareMax = worstShare
    }
}
