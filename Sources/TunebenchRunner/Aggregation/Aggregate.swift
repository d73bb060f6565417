import TunebenchCore

/// The summary of a result folder, derived from its run files; stored as `summary.json`.
///
/// It holds no timing, so it is byte-identical for the same experiment whatever `--jobs`, shards or
/// interruptions; timings go to `timings.json`.
public struct Aggregate: Codable, Sendable, Hashable {
    public var experiment: String
    /// Runs in the plan, runs with a complete record, runs recorded as failed, runs without a file yet.
    public var planned: Int
    public var complete: Int
    public var failed: Int
    public var missing: Int
    public var problems: [ProblemSummary]
    /// Every failed run with its reason.
    public var failures: [FailedRun]
}

/// Final results on one problem.
public struct ProblemSummary: Codable, Sendable, Hashable {
    public var problem: String
    /// `regret` (best true value minus the known optimum) or, when the optimum is unknown, `best value`.
    public var metric: String
    /// The optimum, when every run of the problem has the same one; `nil` when it is unknown or when the runs'
    /// instances have different optima (COCO's bbob), each run's regret then being against its own.
    public var optimum: Double?
    public var optimizers: [OptimizerSummary]
    /// `true` when the problem has observation noise: its runs recorded the noiseless value of the optimizers'
    /// recommendations, and its summaries give the final recommended regret (``OptimizerSummary/recommendedMedian``)
    /// beside the best-evaluated one; absent (`nil`) for a noiseless problem, so that its summary keeps its bytes.
    public var noisy: Bool? = nil
    /// `true` when the problem has black-box constraints (``TunebenchCore/Problem/constraintCount``): its metric is
    /// *feasible* regret (the best feasible value minus the constrained optimum; `inf` for a run that found no
    /// feasible point), and its summaries count infeasible trials (``OptimizerSummary/infeasibleTrials``); absent for
    /// an unconstrained problem.
    public var constrained: Bool? = nil
    /// A multi-objective problem's hypervolume reference point (``TunebenchCore/ParetoReference``), one value per
    /// objective: its metric is hypervolume regret, `HV* − HV(attained)`, and ``optimum`` the negated front volume
    /// `−HV*`; absent for a single objective.
    public var referencePoint: [Double]? = nil
}

/// Final results of one optimizer on one problem, over its complete runs.
///
/// `final` is the metric after the whole budget: the best true value found (minus the optimum for regret), the
/// *best-evaluated* metric. A run that stopped early keeps its last best value. On a noisy problem
/// (``ProblemSummary/noisy``), `recommended` is the *recommended* metric after the whole budget: the noiseless value
/// of the configuration the optimizer itself would return (``TunebenchCore/Optimizer/recommendation()``), minus the
/// optimum.
public struct OptimizerSummary: Codable, Sendable, Hashable {
    public var optimizer: String
    /// Complete runs summarised here.
    public var runs: Int
    /// Failed runs, left out of the statistics and listed in `failures`.
    public var failedRuns: Int
    public var finalMedian: Double?
    public var finalQ25: Double?
    public var finalQ75: Double?
    public var finalMean: Double?
    public var finalStd: Double?
    /// Whether this optimizer has the lowest median final metric on the problem among the black-box optimizers (ties
    /// all marked); never for the gradient track.
    public var best: Bool
    /// The median metric of a single evaluation: the median of every full-fidelity true value of the complete runs
    /// (minus the optimum for regret), pooled over runs. A report's reference for "a random point" (bayesmark's clip
    /// value when the optimizer is random search); `nil` without such evaluations.
    public var evaluationMedian: Double? = nil
    /// The lower median of the same values (``TunebenchNumerics/Statistics/lowerMedian(_:)``, the order statistic
    /// `⌈n/2⌉`): bayesmark's clip value, for its rule of the normalised score. Absent in folders aggregated before it
    /// was recorded (2026-12-06); `tunebench aggregate` writes it again from the run files.
    public var evaluationLowerMedian: Double? = nil
    /// `gradient` for an optimizer that reads the problem's gradients (``OptimizerTrack``), reported apart from the
    /// black-box methods; absent (`nil`) for a black-box optimizer, so black-box summaries keep their bytes.
    public var track: OptimizerTrack? = nil
    /// On a noisy problem, the final recommended metric over the complete runs: median, quartiles, mean and standard
    /// deviation (Hyndman-Fan type 7 quantiles, as for `final`); absent on a noiseless problem.
    public var recommendedMedian: Double? = nil
    public var recommendedQ25: Double? = nil
    public var recommendedQ75: Double? = nil
    public var recommendedMean: Double? = nil
    public var recommendedStd: Double? = nil
    /// On a problem where some trial failed (a non-finite value: a hidden failure region, a crash), the trials of the
    /// complete runs, how many of them failed, and the largest share of failed trials in any one complete run; absent
    /// on a problem without failed trials, so that its summary keeps its bytes. Failed trials are not failed runs:
    /// the run goes on, and these count its trials (for an `improvements` record, the trials at COCO's
    /// evaluation counts, which it keeps whatever their value: a log-spaced sample of the run).
    public var trials: Int? = nil
    public var failedTrials: Int? = nil
    public var failedTrialShareMax: Double? = nil
    /// On a constrained problem (``ProblemSummary/constrained``), the successful trials that broke a constraint
    /// (counted as ``trials`` are), and the complete runs that found no feasible point (every trial infeasible or
    /// failed), whose final metric is `inf`; absent on an unconstrained problem.
    public var infeasibleTrials: Int? = nil
    public var infeasibleRuns: Int? = nil
    /// On simulated workers (``WorkerSettings/isSimulated``), the median over the complete runs of the share of the
    /// workers' time spent evaluating: `Σ (end − start)` of the recorded trials over `workers ×` the last completion
    /// (a lower bound under a time budget, whose cut-off trials are not recorded; an ask charge counts as busy);
    /// absent for sequential runs, whose summaries keep their bytes.
    public var utilisationMedian: Double? = nil
    /// On a multi-objective problem whose Pareto front is known (``TunebenchCore/Problem/referenceFront``), the
    /// median over the complete runs of the IGD+ of the run's final attained front (its non-dominated points inside
    /// the reference box; `inf` when there are none) against the front's sample (Ishibuchi et al. 2015,
    /// ``TunebenchNumerics/QualityIndicators/igdPlus(_:reference:)``); absent elsewhere.
    public var igdPlusMedian: Double? = nil

    /// Sets the recommended statistics from `other`'s final ones (a summary of the recommended finals).
    mutating func addRecommended(_ other: OptimizerSummary) {
        recommendedMedian = other.finalMedian
        recommendedQ25 = other.finalQ25
        recommendedQ75 = other.finalQ75
        recommendedMean = other.finalMean
        recommendedStd = other.finalStd
    }
}

/// A failed run and why it failed.
public struct FailedRun: Codable, Sendable, Hashable {
    public var problem: String
    public var optimizer: String
    public var repetition: Int
    public var reason: String
}
