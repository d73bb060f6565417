import TunebenchCore

/// What a run with observation noise knows of the configurations it evaluated, to give the noiseless value of the
/// optimizer's recommendation after each trial (``TunebenchCore/Optimizer/recommendation()``) without evaluating
/// anything again.
///
/// A recommendation is one of the run's evaluated configurations (the optimizer's contract), so its noiseless value
/// was recorded when it was evaluated: the ledger looks it up. Nothing is evaluated for a recommendation, so it costs no
/// evaluation and draws nothing from the noise generator (the `k`-th evaluation keeps its noise, see `NoisyProblem`),
/// and the value is the one the trial recorded, whatever the problem (a learning problem's noiseless value included).
///
/// **The default rule**, for an optimizer that answers `nil`: the successful full-fidelity evaluation of lowest
/// *observed* value, the earliest on ties: what a user who sees only the noisy values would pick (Optuna's
/// `study.best_trial`).
///
/// Only successful full-fidelity evaluations enter it, as only they count towards regret. Lookups go through a
/// dictionary keyed by configuration: its answers are exact matches and never depend on its hash order. Memory: one
/// configuration per evaluation, in noisy runs only.
struct RecommendationLedger {
    /// The noiseless value of each configuration evaluated successfully at full fidelity (the first, when evaluated
    /// again: a deterministic noiseless objective gives the same).
    private var noiseless: [Configuration: Double] = [:]
    /// The default rule's choice so far: the lowest observed value and that evaluation's noiseless value.
    private var lowestObserved: (value: Double, noiseless: Double)?

    /// Records a successful full-fidelity evaluation: its configuration, observed value and noiseless value.
    mutating func record(_ configuration: Configuration, observed: Double, noiseless value: Double) {
        if noiseless[configuration] == nil { noiseless[configuration] = value }
        if observed < lowestObserved?.value ?? .infinity { lowestObserved = (observed, value) }
    }

    /// The noiseless value of `recommendation`, or of the default rule's choice when it is `nil`; `nil` before the
    /// first successful full-fidelity evaluation.
    /// - Throws: ``RunFailure`` when `recommendation` was not evaluated successfully at full fidelity in this run.
    func value(of recommendation: Configuration?, trial number: Int) throws(RunFailure) -> Double? {
        guard let recommendation else { return lowestObserved?.noiseless }
        guard let value = noiseless[recommendation] else {
            throw RunFailure(
                "after trial \(number) the optimizer recommended a configuration that it has not evaluated "
                    + "successfully at full fidelity (\(recommendation)); a recommendation must be one of its "
                    + "evaluated configurations, whose noiseless value the run knows, or nil for the default rule")
        }
        return value
    }
}
