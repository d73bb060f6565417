/// The best-so-far metric of one complete run, as a step function of evaluations, of cumulative cost and (on
/// simulated workers) of simulated time.
///
/// The metric is the regret (best full-fidelity true value minus the known optimum) or, when the optimum is unknown,
/// the best value itself; it is `+inf` until the run's first full-fidelity evaluation. A trace is read from the rows
/// of `traces.csv` that the aggregator writes: one row per improvement and one at the run's last evaluation (a run
/// that made no evaluation has one step, evaluation 0 at cost 0 and metric `+inf`).
public struct RunTrace: Sendable, Hashable {
    /// One point where the metric changed (or the run's last evaluation).
    public struct Step: Sendable, Hashable {
        /// The evaluation number, from 1 (0 for the one step of a run without evaluations).
        public var evaluation: Int
        /// The cumulative cost after this evaluation.
        public var cost: Double
        /// The metric after this evaluation.
        public var metric: Double
        /// On simulated workers, the simulated second this evaluation completed (`traces.csv`'s `time`); 0 otherwise.
        public var time: Double

        public init(evaluation: Int, cost: Double, metric: Double, time: Double = 0) {
            self.evaluation = evaluation
            self.cost = cost
            self.metric = metric
            self.time = time
        }
    }

    /// The repetition this run belongs to (runs of one repetition share the problem instance).
    public var repetition: Int
    /// The steps in increasing evaluation order; the last one is the run's last evaluation.
    public var steps: [Step]

    public init(repetition: Int, steps: [Step]) {
        self.repetition = repetition
        self.steps = steps
    }

    /// Evaluations the run made.
    public var evaluations: Int { steps.last?.evaluation ?? 0 }
    /// The run's total cost.
    public var totalCost: Double { steps.last?.cost ?? 0 }
    /// The metric at the end of the run.
    public var final: Double { steps.last?.metric ?? .infinity }

    /// The metric once `x` evaluations (or a cumulative cost of `x`, or `x` simulated seconds) have been spent: the
    /// metric of the last step at or before `x`, `+inf` before the first step; after the end of the run, its final
    /// metric. On the cost and time axes a relative tolerance of 1e-12 absorbs rounding in the sums, as in the
    /// aggregator's `curves-cost/` and `curves-time/`.
    public func metric(at x: Double, on axis: ReportAxis.Kind) -> Double {
        var low = 0
        var high = steps.count
        // The number of steps whose position is at most x.
        while low < high {
            let mid = (low + high) / 2
            if position(steps[mid], axis) <= x * (1 + axis.tolerance) { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? .infinity : steps[low - 1].metric
    }

    /// The first position (evaluation number, cumulative cost or simulated time) at which the metric is at most
    /// `target`, or `nil` when the run never reaches it.
    public func firstReach(_ target: Double, on axis: ReportAxis.Kind) -> Double? {
        steps.first { $0.metric <= target }.map { position($0, axis) }
    }

    /// Where the run ended on `axis`: its evaluations, its total cost or its last completion.
    public func end(on axis: ReportAxis.Kind) -> Double {
        steps.last.map { position($0, axis) } ?? 0
    }

    private func position(_ step: Step, _ axis: ReportAxis.Kind) -> Double {
        switch axis {
        case .evaluations: Double(step.evaluation)
        case .cost: step.cost
        case .time: step.time
        }
    }
}
