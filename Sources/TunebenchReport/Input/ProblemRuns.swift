/// The complete runs of every optimizer on one problem, as a report reads them from a result folder.
public struct ProblemRuns: Sendable, Hashable {
    public var problem: String
    /// `regret` or, when the optimum is unknown, `best value`.
    public var metric: String
    /// The problem's known optimum (the metric is then a regret, whose optimum is 0); `nil` when unknown, or when
    /// each instance has its own (COCO's), with the metric still a regret.
    public var optimum: Double?
    /// Every optimizer of the experiment, in its order, with its complete runs.
    public var optimizers: [OptimizerRuns]
    /// The repetitions the experiment planned per optimizer; runs that failed or are missing make up the difference.
    public var repetitions: Int
    /// Whether the problem has black-box constraints (`constrained` in `summary.json`): the regret is then feasible
    /// regret.
    public var constrained = false
    /// A multi-objective problem's hypervolume reference point (`referencePoint` in `summary.json`): the metric is
    /// then hypervolume regret, and ``optimum`` the negated front volume.
    public var referencePoint: [Double]?

    public init(problem: String, metric: String, optimum: Double?, optimizers: [OptimizerRuns], repetitions: Int) {
        self.problem = problem
        self.metric = metric
        self.optimum = optimum
        self.optimizers = optimizers
        self.repetitions = repetitions
    }

    /// Whether the metric is a regret (known optimum, metric optimum 0).
    public var isRegret: Bool { metric == "regret" }

    /// What the metric is called in captions and headers: `hypervolume regret` on a multi-objective problem
    /// (`negated hypervolume` without a front volume), `feasible regret` on a constrained one, `regret`, or `best
    /// value`.
    public var metricName: String {
        if referencePoint != nil { return isRegret ? "hypervolume regret" : "negated hypervolume" }
        return isRegret ? (constrained ? "feasible regret" : "regret") : "best value"
    }

    /// The metric's name after "best" or "final": `feasible regret`, `regret` or `value`.
    public var valueName: String {
        if referencePoint != nil { return isRegret ? "hypervolume regret" : "negated hypervolume" }
        return isRegret ? (constrained ? "feasible regret" : "regret") : "value"
    }
}

/// One optimizer's complete runs on one problem.
public struct OptimizerRuns: Sendable, Hashable {
    public var optimizer: String
    /// Complete runs, by repetition.
    public var runs: [RunTrace]
    /// The median metric of a single full-fidelity evaluation, pooled over every evaluation of the complete runs
    /// (`evaluationMedian` in `summary.json`); `nil` without such evaluations.
    public var evaluationMedian: Double?
    /// The lower median of the same values (`evaluationLowerMedian` in `summary.json`), bayesmark's clip; `nil`
    /// without such evaluations or in a folder aggregated before it was recorded.
    public var evaluationLowerMedian: Double?
    /// The runs that failed (`failedRuns` in `summary.json`): not in ``runs``, counted so that an analysis can say
    /// what it left out.
    public var failedRuns: Int

    public init(
        optimizer: String, runs: [RunTrace], evaluationMedian: Double?, evaluationLowerMedian: Double? = nil,
        failedRuns: Int = 0
    ) {
        self.optimizer = optimizer
        self.runs = runs
        self.evaluationMedian = evaluationMedian
        self.evaluationLowerMedian = evaluationLowerMedian
        self.failedRuns = failedRuns
    }
}
