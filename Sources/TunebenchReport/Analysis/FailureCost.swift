import TunebenchCore
import TunebenchNumerics
import TunebenchRunner

/// What a hidden failure region costs each optimizer: every problem of the experiment with a failure region (a
/// `failure` option other than `none`) against its base problem in the same folder, optimizer by optimizer. The base
/// is the entry with the same name, the same options less the failure ones (``failureOptions``; simulated durations
/// stay, so `branin:failure=ball:duration=lognormal` pairs with `branin:duration=lognormal`) and the same
/// ``EntrySpec/seedLabel``: the problem that shares its seeds. A failing problem without such a base (an explicit
/// label, a base listed with other options) has no rows.
///
/// **Pairs.** Repetition k of both shares the instance and the optimizer seed (the failure options stay out of the
/// seeds), so the two runs coincide until the first failure; ``PairedFinals`` matches the complete runs of both by
/// repetition.
///
/// **The test.** The two-sided Wilcoxon signed-rank test (``WilcoxonSignedRank``) of `d_r = final_failing(r) −
/// final_base(r)`, lower being better: **worse** when `p < alpha` and `W⁺ > W⁻` (the finals with failures tend to be
/// higher), **better** when `p < alpha` and `W⁻ > W⁺`, **same** otherwise; **untested** when no `p` below `alpha` is
/// attainable with the pairs (``HeadToHead/canReject(pairs:alpha:)``). Each (problem, optimizer) is its own
/// comparison, without correction for multiplicity (as ``HeadToHead``).
///
/// **Failed trials and runs.** Beside the test, from `summary.json`: the share of the failing problem's complete runs'
/// trials that failed, and the largest share in one run (``OptimizerSummary/failedTrialShareMax``); and each side's
/// failed runs, which are no pairs (a failure region that makes whole runs fail would otherwise go unseen).
///
/// The finals are the best-evaluated metric (regret, or feasible regret), whatever metric the report ranks by.
public struct FailureCost: Sendable, Hashable {
    /// The outcome of a test, from the failing problem's side.
    public enum Outcome: String, Sendable, Hashable {
        case worse, same, better, untested
    }

    /// One optimizer on one failing problem.
    public struct Row: Sendable, Hashable {
        /// The failing problem's label, and its base's.
        public var problem: String
        public var base: String
        /// The failure region's shape and share, as the problem's options give them (`nil` when left to defaults).
        public var shape: String?
        public var share: Double?
        public var optimizer: String
        /// The repetitions complete on both problems.
        public var pairs = 0
        /// The medians of the paired finals, with failures and without.
        public var median: Double?
        public var baseMedian: Double?
        public var test: WilcoxonSignedRank.Result?
        public var outcome: Outcome = .untested
        /// The failing problem's trials over its complete runs, the failed ones, and the largest failed share of one
        /// run; `nil` when no trial of the problem failed (`summary.json` then omits them).
        public var trials: Int?
        public var failedTrials: Int?
        public var worstRunShare: Double?
        /// The failed runs on the failing problem and on the base.
        public var failedRuns = 0
        public var baseFailedRuns = 0

        /// The failed share of the trials, `nil` without counts.
        public var failedShare: Double? {
            guard let trials, trials > 0, let failedTrials else { return nil }
            return Double(failedTrials) / Double(trials)
        }
    }

    public var alpha: Double
    /// Failing problems in the experiment's order, each with the experiment's optimizers in order.
    public var rows: [Row]

    /// The options of a hidden failure region, which a base problem lacks.
    public static let failureOptions: Set<String> = ["failure", "failure-share"]

    /// Every failing problem of `experiment` whose base problem is in the folder, against it.
    /// - Parameters:
    ///   - experiment: the folder's experiment (its problem specs name the failure options).
    ///   - problems: the complete runs of every problem.
    ///   - aggregate: `summary.json`, for the failed-trial counts.
    ///   - alpha: the level of each test.
    public static func compute(
        experiment: Experiment, problems: [ProblemRuns], aggregate: Aggregate, alpha: Double = HeadToHead.defaultAlpha
    ) -> FailureCost {
        let runs = Dictionary(problems.map { ($0.problem, $0) }, uniquingKeysWith: { first, _ in first })
        let summaries = Dictionary(aggregate.problems.map { ($0.problem, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        for spec in experiment.problems where spec.seedLabel != spec.label {
            let baseOptions = spec.options.filter { !failureOptions.contains($0.key) }
            guard let shape = spec.options["failure"], shape != .string("none"),
                let baseSpec = experiment.problems.first(where: {
                    $0.name == spec.name && $0.options == baseOptions && $0.seedLabel == spec.seedLabel
                }),
                let failing = runs[spec.label], let base = runs[baseSpec.label]
            else { continue }
            for optimizer in experiment.optimizers.map(\.label) {
                var row = Row(
                    problem: spec.label, base: baseSpec.label, shape: shape.text,
                    share: spec.options["failure-share"].flatMap(Self.real), optimizer: optimizer)
                let finals = PairedFinals(failing.runs(of: optimizer), base.runs(of: optimizer))
                row.pairs = finals.count
                row.failedRuns = failing.failedRuns(of: optimizer)
                row.baseFailedRuns = base.failedRuns(of: optimizer)
                if finals.count > 0 {
                    row.median = Statistics.median(finals.first)
                    row.baseMedian = Statistics.median(finals.second)
                }
                if HeadToHead.canReject(pairs: finals.count, alpha: alpha) {
                    let test = WilcoxonSignedRank.test(finals.first, finals.second)
                    row.test = test
                    row.outcome =
                        test.pTwoSided >= alpha
                        ? .same : test.firstTendsHigher ? .worse : test.firstTendsLower ? .better : .same
                }
                if let summary = summaries[spec.label]?.optimizers.first(where: { $0.optimizer == optimizer }) {
                    row.trials = summary.trials
                    row.failedTrials = summary.failedTrials
                    row.worstRunShare = summary.failedTrialShareMax
                }
                rows.append(row)
            }
        }
        return FailureCost(alpha: alpha, rows: rows)
    }

    /// A real option's value (an integer one converts).
    private static func real(_ value: OptionValue) -> Double? {
        switch value {
        case .real(let x): return x
        case .integer(let k): return Double(k)
        default: return nil
        }
    }
}
