import TunebenchCore

/// What the aggregator takes from one run file as it streams by: the best-so-far trace, the pooled full-fidelity
/// values, the timings, and the run's rows of `evaluations.csv` and `traces.csv` (written on the way). Nothing in
/// it grows with the run but the two arrays of numbers (8 bytes per evaluation).
struct RunScan {
    /// The best true full-fidelity value after each evaluation.
    var trace: [Double] = []
    /// The best value at each of ``Aggregator/costPoints`` (with a cost budget).
    var costTrace: [Double] = []
    /// Every full-fidelity true value (for ``OptimizerSummary/evaluationMedian``).
    var values: [Double] = []
    /// Time spent in the optimizer (ask + tell) and in evaluations, over every trial.
    var optimizerSeconds = 0.0
    var evaluationSeconds = 0.0

    private let costBudget: Double?
    /// The evaluation budget of a run, given its record (every member but the trials).
    private let budget: (RunRecord) -> Int
    private var best = Double.infinity
    private var cost = 0.0
    private var count = 0
    /// The evaluation of the last `traces.csv` row written.
    private var lastStep = 0
    private var costPoint = 0
    private var prefix = ""

    init(costBudget: Double?, budget: @escaping (RunRecord) -> Int) {
        self.costBudget = costBudget
        self.budget = budget
        if costBudget != nil { costTrace.reserveCapacity(Aggregator.costPoints) }
    }

    /// Takes the next trial of `record` (read so far: every member but the trials). The trials of a complete run add
    /// rows to `evaluations` and, when they lower the best value, to `steps`; a failed run's only add timings.
    mutating func add(
        _ trial: TrialRecord, of record: RunRecord, evaluations: SpillBuffer, steps: SpillBuffer
    ) throws {
        // Summed in the order the aggregator always has, so that timings.json keeps its roundings.
        optimizerSeconds = optimizerSeconds + trial.askSeconds + trial.tellSeconds
        evaluationSeconds += trial.evaluationSeconds
        guard record.status == .complete else { return }
        if count == 0 {
            prefix = "\(record.problem),\(record.optimizer),\(record.repetition),"
            trace.reserveCapacity(budget(record))
        }
        let previous = best
        if let costBudget {
            // The cost axis sees the best before this trial at every point it passes (see bestOverCost's rule).
            let total = cost + trial.cost
            while costPoint < Aggregator.costPoints
                && Aggregator.costPoint(costPoint, of: costBudget) * (1 + 1e-12) < total
            {
                costTrace.append(best)
                costPoint += 1
            }
        }
        if let value = record.countedValue(trial) {
            values.append(value)
            if value < best { best = value }
        }
        cost += trial.cost
        count += 1
        trace.append(best)
        if best < previous {
            try steps.appendLine(prefix + "\(count),\(Aggregator.number(cost)),\(Aggregator.number(best - (record.optimum ?? 0)))")
            lastStep = count
        }
        let regret = record.optimum.map { Aggregator.number(best - $0) } ?? ""
        let level = trial.fidelity.flatMap { record.fidelities.indices.contains($0) ? record.fidelities[$0].steps : nil }
        try evaluations.appendLine(
            prefix + "\(count),\(trial.value.map(Aggregator.number) ?? ""),\(Aggregator.number(best)),\(regret),"
                + "\(level.map { "\($0)" } ?? ""),\(Aggregator.number(cost))")
    }

    /// Ends a complete run: the `traces.csv` row of its last evaluation (when it did not improve; evaluation 0 at
    /// `inf` for a run that made none, such as a full-fidelity optimizer whose cost budget is less than one
    /// evaluation, so that every complete run has a trace), and the traces padded to `budget` evaluations and to every
    /// cost point with the last best value.
    mutating func finish(_ record: RunRecord, budget: Int, steps: SpillBuffer) throws {
        if count == 0 {
            try steps.appendLine("\(record.problem),\(record.optimizer),\(record.repetition),0,0.0,inf")
        } else if lastStep != count {
            try steps.appendLine(prefix + "\(count),\(Aggregator.number(cost)),\(Aggregator.number(best - (record.optimum ?? 0)))")
        }
        while trace.count < budget { trace.append(best) }
        if costBudget != nil {
            while costTrace.count < Aggregator.costPoints { costTrace.append(best) }
        }
    }
}
