import TunebenchNumerics

/// The seconds of some runs of one optimizer on one problem, run by run, for `timings.json` (``TimingSummary``).
///
/// The aggregation keeps two: the complete runs' and the failed runs'. A ``TimingSummary`` is taken from the complete
/// runs when there are any, since a failed run may stop after a few trials and look cheap; only an optimizer none of
/// whose runs on the problem completed is timed by its failed runs, so that its time is still shown (and its
/// `runs` then counts those). No median is ever taken of an empty list.
struct RunTimes {
    /// Per run, the seconds spent in the optimizer (ask + tell, summed over its trials).
    private(set) var optimizer: [Double] = []
    /// Per run, the seconds spent evaluating the objective.
    private(set) var evaluation: [Double] = []
    /// Per run, its wall-clock seconds.
    private(set) var wall: [Double] = []

    /// The number of runs added.
    var runs: Int { wall.count }

    /// Adds a run that spent `optimizer` seconds in ask and tell, `evaluation` in the objective, `wall` in all.
    mutating func add(optimizer: Double, evaluation: Double, wall: Double) {
        self.optimizer.append(optimizer)
        self.evaluation.append(evaluation)
        self.wall.append(wall)
    }

    /// The medians over the runs added, `runs` their number; `nil` without runs.
    func summary(problem: String, optimizer label: String) -> TimingSummary? {
        guard runs > 0 else { return nil }
        return TimingSummary(
            problem: problem, optimizer: label, runs: runs, optimizerSeconds: Statistics.median(optimizer),
            evaluationSeconds: Statistics.median(evaluation), wallSeconds: Statistics.median(wall))
    }
}
