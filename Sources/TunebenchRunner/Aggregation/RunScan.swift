import TunebenchCore

/// What the aggregator takes from one run file as it streams by: the best-so-far trace, the pooled full-fidelity
/// values, the timings, and the run's rows of `evaluations.csv` and `traces.csv` (written on the way). Nothing in
/// it grows with the run but the two arrays of numbers (8 bytes per evaluation).
///
/// An `improvements` record (``TunebenchCore/TrialRecording/improvements``) holds a subset of the trials: the trace
/// keeps its best value over the evaluations left out (exact at COCO's targets, an upper bound within a factor
/// 10^(1/20) of `best - optimum` between them, down to COCO's last target, 1e-8), `evaluations.csv` gets the kept trials' rows, and the pooled values
/// are those of the trials at COCO's evaluation counts (a sample fixed by the counts alone, log-spaced).
///
/// A multi-objective run (``TunebenchCore/RunRecord/paretoReference``) keeps its attained front (``AttainedFront``):
/// its best is the negated hypervolume of the objective vectors of its counted trials, so that its trace, once its
/// optimum (the negated front volume) is taken off, is the hypervolume regret. Its pooled values are each trial's
/// own negated volume, `−HV({f(x)}; r)` (``AttainedFront/single(_:reference:)``), so that a single evaluation's
/// metric is the hypervolume regret of that point alone (the normalised score's clip and the data profile's start).
///
/// A run with observation noise records on its trials the noiseless value of the optimizer's recommendation
/// (``TunebenchCore/TrialRecord/recommended``): the scan keeps that trace too (``recommendedTrace``, `+inf` until the
/// first recommendation) and writes its rows of `traces-recommended.csv`, a step function with a row at each change
/// (it may rise as well as fall) and one at the run's last evaluation. An `improvements` record keeps the trials at
/// COCO's evaluation counts, which are the curves' counts, so the recommended trace is exact there. A run without
/// recommendations still gets its one row (its last evaluation, `inf`), which the problem drops when none of its runs
/// has any.
struct RunScan {
    /// The best true full-fidelity value after each evaluation; for an `improvements` record, only after each of
    /// ``sampledCounts`` (so that memory stays small whatever the budget).
    var trace: [Double] = []
    /// For an `improvements` record, the evaluation counts at which ``trace`` is kept
    /// (``Aggregator/logSpacedCounts(upTo:)`` of the budget); `nil` for a full record.
    private(set) var sampledCounts: [Int]?
    /// The best value at each of ``Aggregator/costPoints`` (with a cost budget).
    var costTrace: [Double] = []
    /// The best value at each of ``Aggregator/timePoints`` (runs on simulated workers with a time budget): at time
    /// `t`, the best among the trials completed by `t`.
    var timeTrace: [Double] = []
    /// The noiseless value of the recommendation after each evaluation (or each of ``sampledCounts``), `+inf` before
    /// the first; `nil` while no trial has recorded one (a noiseless run).
    var recommendedTrace: [Double]?
    /// Every full-fidelity true value (for ``OptimizerSummary/evaluationMedian``).
    var values: [Double] = []
    /// The trials of a complete run, and those of them that failed (a non-finite value; ``TrialStatus/failed``). For
    /// an `improvements` record, the trials at COCO's evaluation counts, which it keeps whatever their value (a
    /// sample fixed by the counts, as for ``values``).
    var trials = 0
    var failedTrials = 0
    /// Of those trials, the successful ones that broke a constraint (a constrained problem's), counted the same way.
    var infeasibleTrials = 0
    /// The share of the trials so far that failed (`failedTrials / trials`), at the points of ``trace``; `nil` while
    /// no trial of the run has failed (all zeros), so that runs without failures keep no second trace.
    var failureTrace: [Double]?
    /// Whether some trial of the run (every one, whatever the record keeps) counted towards the best value: on a
    /// constrained problem, whether the run found a feasible point.
    var counted: Bool { best < .infinity }
    /// On simulated workers, the simulated seconds the recorded trials occupied their workers, `Σ (end − start)`.
    var busySeconds = 0.0
    /// Time spent in the optimizer (ask + tell) and in evaluations, over every trial.
    var optimizerSeconds = 0.0
    var evaluationSeconds = 0.0

    private let costBudget: Double?
    /// Whether the run is on simulated workers: its `traces.csv` rows end with the trial's completion time.
    private let simulated: Bool
    /// The simulated completion time of the latest trial.
    private var time = 0.0
    /// The simulated time budget, for ``timeTrace``.
    private let timeBudget: Double?
    private var timePoint = 0
    /// The evaluation budget of a run, given its record (every member but the trials).
    private let budget: (RunRecord) -> Int
    private var best = Double.infinity
    /// A multi-objective run's attained front, from its first trial.
    private var attained: AttainedFront?

    /// A multi-objective run's attained non-dominated points inside its reference box, in lexicographic order; `nil`
    /// for a single objective.
    var attainedPoints: [[Double]]? {
        attained.map { front in
            front.points.sorted { a, b in
                for (u, v) in zip(a, b) where u != v { return u < v }
                return false
            }
        }
    }
    /// The noiseless value of the latest recommendation.
    private var recommended = Double.infinity
    /// The evaluation of the last `traces-recommended.csv` row written, and its value.
    private var lastRecommendedStep: (evaluation: Int, value: Double)?
    private var cost = 0.0
    private var count = 0
    /// The evaluation of the last `traces.csv` row written.
    private var lastStep = 0
    private var costPoint = 0
    /// COCO's evaluation counts, for the values of an `improvements` record.
    private var counts: CocoEvaluationTrigger?
    /// `problem,optimizer,repetition,`: how every row of the run starts.
    private var prefix = TextBuffer()
    /// `best,regret,` of the `evaluations.csv` rows, written again only when the best value changes.
    private var bestColumns = TextBuffer()
    /// The row being written.
    private var row = TextBuffer(capacity: 128)

    init(
        costBudget: Double?, timeBudget: Double? = nil, simulated: Bool = false,
        budget: @escaping (RunRecord) -> Int
    ) {
        self.costBudget = costBudget
        self.timeBudget = timeBudget
        self.simulated = simulated
        self.budget = budget
        if costBudget != nil { costTrace.reserveCapacity(Aggregator.costPoints) }
        if timeBudget != nil { timeTrace.reserveCapacity(Aggregator.timePoints) }
    }

    /// Takes the next trial of `record` (read so far: every member but the trials). The trials of a complete run add
    /// rows to `evaluations`, when they lower the best value to `steps`, and when they change the recommendation's
    /// value to `recommendedSteps`; a failed run's only add timings.
    mutating func add(
        _ trial: TrialRecord, of record: RunRecord, evaluations: SpillBuffer, steps: SpillBuffer,
        recommendedSteps: SpillBuffer
    ) throws {
        // Summed in the order the aggregator always has, so that timings.json keeps its roundings.
        optimizerSeconds = optimizerSeconds + trial.askSeconds + trial.tellSeconds
        evaluationSeconds += trial.evaluationSeconds
        guard record.status == .complete else { return }
        if count == 0 {
            start(record)
            if record.recording == .improvements {
                counts = CocoEvaluationTrigger(dimension: record.parameters.count)
                sampledCounts = Aggregator.logSpacedCounts(upTo: budget(record))
                trace.reserveCapacity(sampledCounts!.count)
            } else {
                trace.reserveCapacity(budget(record))
            }
        }
        // The evaluations an `improvements` record left out keep the best value. (A run on simulated workers lists
        // its trials in completion order, so there the number is not the position.)
        if record.recording == .improvements, count < trial.number {
            extendTrace(through: trial.number)
            count = trial.number
        }
        let previous = best
        if let costBudget {
            // The cost axis sees the best before this trial at every point it passes (see bestOverCost's rule).
            let total = cost + trial.cost
            while costPoint < Aggregator.costPoints
                && BudgetTolerance.limit(Aggregator.costPoint(costPoint, of: costBudget)) < total
            {
                costTrace.append(best)
                costPoint += 1
            }
        }
        if let simulated = trial.simulated {
            time = simulated.end
            busySeconds += simulated.end - simulated.start
        }
        if let timeBudget, let end = trial.simulated?.end {
            // The time axis sees the best before this trial at every point before its completion (trials come in
            // completion order, so their ends never decrease), with the cost axis's relative tolerance, so that a
            // trial completing at the budget itself is on the last point.
            while timePoint < Aggregator.timePoints
                && BudgetTolerance.limit(Aggregator.timePoint(timePoint, of: timeBudget)) < end
            {
                timeTrace.append(best)
                timePoint += 1
            }
        }
        // An `improvements` record keeps failed trials only at COCO's evaluation counts, where it keeps every trial
        // whatever its value: the counts sample those trials (as the pooled values do).
        let sampled = counts?.fires(trial.number + 1) ?? true
        if sampled {
            trials += 1
            if trial.status == .failed {
                failedTrials += 1
                if failureTrace == nil { failureTrace = [Double](repeating: 0, count: trace.count) }
            }
            if trial.status == .ok && !trial.isFeasible { infeasibleTrials += 1 }
        }
        if let reference = record.paretoReference {
            if attained == nil { attained = AttainedFront(reference: reference) }
            if record.countedValue(trial) != nil, let objectives = trial.objectives {
                attained!.add(objectives)
                best = min(best, attained!.best)
                if sampled { values.append(AttainedFront.single(objectives, reference: reference)) }
            }
        } else if let value = record.countedValue(trial) {
            if sampled { values.append(value) }
            if value < best { best = value }
        }
        if let value = trial.recommended {
            if recommendedTrace == nil { recommendedTrace = [Double](repeating: .infinity, count: trace.count) }
            recommended = value
        }
        cost += trial.cost
        count += 1
        extendTrace(through: count)
        if best < previous {
            try appendStep(of: record, to: steps)
        }
        if recommended.bitPattern != (lastRecommendedStep?.value ?? .infinity).bitPattern {
            try appendRecommendedStep(of: record, to: recommendedSteps)
        }
        if count == 1 || best < previous {
            bestColumns.removeAll()
            bestColumns.append(best)
            bestColumns.append(ascii: ",")
            if let optimum = record.optimum { bestColumns.append(best - optimum) }
            bestColumns.append(ascii: ",")
        }
        // problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost
        row.removeAll()
        row.append(prefix.bytes)
        row.append(count)
        row.append(ascii: ",")
        if record.paretoReference != nil, let objectives = trial.objectives {
            // Every objective the optimizer saw, `f1;f2;...` (a single-objective row keeps its one value).
            for (i, objective) in objectives.enumerated() {
                if i > 0 { row.append(ascii: ";") }
                row.append(objective)
            }
        } else if let value = trial.value {
            row.append(value)
        }
        row.append(ascii: ",")
        row.append(bestColumns.bytes)
        if let level = trial.fidelity, record.fidelities.indices.contains(level) {
            row.append(record.fidelities[level].steps)
        }
        row.append(ascii: ",")
        row.append(cost)
        row.append(ascii: "\n")
        try evaluations.append(row.bytes)
    }

    /// Ends a complete run: the `traces.csv` row of its last evaluation (when it did not improve; evaluation 0 at
    /// `inf` for a run that made none, such as a full-fidelity optimizer whose cost budget is less than one
    /// evaluation, so that every complete run has a trace), and the traces padded to `budget` evaluations and to every
    /// cost point with the last best value.
    mutating func finish(_ record: RunRecord, budget: Int, steps: SpillBuffer, recommendedSteps: SpillBuffer) throws {
        if count == 0 {
            start(record)
            row.removeAll()
            row.append(prefix.bytes)
            row.append(simulated ? "0,0.0,inf,0.0\n" : "0,0.0,inf\n")
            try steps.append(row.bytes)
            try recommendedSteps.append(row.bytes)
        } else {
            if lastStep != count { try appendStep(of: record, to: steps) }
            if lastRecommendedStep?.evaluation != count { try appendRecommendedStep(of: record, to: recommendedSteps) }
        }
        extendTrace(through: budget)
        if costBudget != nil {
            while costTrace.count < Aggregator.costPoints { costTrace.append(best) }
        }
        if timeBudget != nil {
            while timeTrace.count < Aggregator.timePoints { timeTrace.append(best) }
        }
    }

    /// The share of the workers' time the run kept busy: ``busySeconds`` over `workers` times the last completion,
    /// `nil` before any simulated time has passed. Synchronous batches, sequential optimizers and barriers leave
    /// workers idle. A lower bound under a time budget: the trials still running at the last completion (cut off by
    /// the budget) are not recorded, so their time up to then does not count; an ask charge counts as busy.
    func utilisation(workers: Int) -> Double? {
        time > 0 ? busySeconds / (Double(workers) * time) : nil
    }

    /// Appends the best value so far to ``trace`` for every evaluation (or, with ``sampledCounts``, every sampled
    /// count) up to `evaluations`.
    private mutating func extendTrace(through evaluations: Int) {
        let end = trace.count
        if let sampledCounts {
            while trace.count < sampledCounts.count && sampledCounts[trace.count] <= evaluations { trace.append(best) }
        } else {
            while trace.count < evaluations { trace.append(best) }
        }
        if recommendedTrace != nil && trace.count > end {
            recommendedTrace!.append(contentsOf: repeatElement(recommended, count: trace.count - end))
        }
        if failureTrace != nil && trace.count > end {
            let share = trials > 0 ? Double(failedTrials) / Double(trials) : 0
            failureTrace!.append(contentsOf: repeatElement(share, count: trace.count - end))
        }
    }

    /// Writes the rows' prefix, once the record's labels are known.
    private mutating func start(_ record: RunRecord) {
        prefix.removeAll()
        for label in [record.problem, record.optimizer] {
            prefix.append(label)
            prefix.append(ascii: ",")
        }
        prefix.append(record.repetition)
        prefix.append(ascii: ",")
    }

    /// The `traces.csv` row of the current evaluation: `problem,optimizer,repetition,evaluation,cost,metric`, and
    /// `time` on simulated workers.
    private mutating func appendStep(of record: RunRecord, to steps: SpillBuffer) throws {
        try appendRow(metric: best - (record.optimum ?? 0), to: steps)
        lastStep = count
    }

    /// The `traces-recommended.csv` row of the current evaluation, with the same columns as `traces.csv`.
    private mutating func appendRecommendedStep(of record: RunRecord, to steps: SpillBuffer) throws {
        try appendRow(metric: recommended - (record.optimum ?? 0), to: steps)
        lastRecommendedStep = (count, recommended)
    }

    /// `problem,optimizer,repetition,evaluation,cost,metric` (and `time` on simulated workers) at the current
    /// evaluation.
    private mutating func appendRow(metric: Double, to steps: SpillBuffer) throws {
        row.removeAll()
        row.append(prefix.bytes)
        row.append(count)
        row.append(ascii: ",")
        row.append(cost)
        row.append(ascii: ",")
        row.append(metric)
        if simulated {
            row.append(ascii: ",")
            row.append(time)
        }
        row.append(ascii: "\n")
        try steps.append(row.bytes)
    }
}
