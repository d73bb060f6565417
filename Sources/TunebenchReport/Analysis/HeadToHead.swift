import TunebenchNumerics
import TunebenchRunner

/// Built-in optimizers against their reference implementations (peers), problem by problem: win, tie and loss counts
/// from paired two-sided tests, grouped by the problems' dimension, with the median overhead ratio of each group.
///
/// **The test.** For a pair (built-in `b`, peer `p`) and a problem, the sample is the repetitions `r` in which both
/// have a complete run (``PairedFinals``: the runs of one repetition share the problem instance), and the test is
/// the two-sided Wilcoxon signed-rank test (``WilcoxonSignedRank``, F. Wilcoxon, Biometrics Bulletin 1(6), 1945) of
///
///     d_r = final_b(r) − final_p(r),   W⁺ = Σ_{d_r > 0} rank|d_r|,   W⁻ = Σ_{d_r < 0} rank|d_r|
///
/// (zero differences dropped). The problem is a **win** for the built-in when `p < alpha` and `W⁻ > W⁺` (its finals
/// tend to be lower; lower is better), a **loss** when `p < alpha` and `W⁺ > W⁻`, and a **tie** otherwise: a
/// difference that is not significant, or none at all (every `d_r = 0` gives `p = 1`). With fewer than
/// ``minimumPairs`` pairs, or when either side is in the gradient track on the problem (it reads gradients that the
/// other cannot; ``GradientTrack``), the problem is **untested** for that pair.
///
/// **No correction for multiplicity.** Each problem is its own comparison at level `alpha`: for two optimizers that
/// behave alike, each problem has a chance of at most `alpha` of a false win or loss, so over `m` problems up to
/// `alpha · m` of them are expected (fewer, the exact test being discrete). Counts of wins, ties and losses over
/// problems (J. Demšar, "Statistical comparisons of classifiers over multiple data sets", JMLR 7, 2006, §3.1.3)
/// describe where an implementation departs from its reference; they are not themselves a test of the whole set.
/// With `n` pairs the exact test cannot go below `p = 2/2ⁿ` (``WilcoxonSignedRank/minimumTwoSidedP(pairs:)``):
/// 10 repetitions, all of one sign, give `2/1024 ≈ 1.95 × 10⁻³`, and 5 give `1/16 = 0.0625`, never significant
/// at `0.05`.
///
/// **Overhead ratio.** For a problem, `ρ = t_b / t_p`, where `t` is the median over runs of the time spent in the
/// optimizer (ask and tell) per run, as `timings.json` records it (``TimingSummary/optimizerSeconds``; for a plugin
/// it includes the plugin process's time as the harness measures it, messages included). `ρ < 1`: the built-in is
/// faster. A group's ratio is the median of its problems' ratios (untested problems included, since their runs were
/// timed; problems of the gradient track excluded, as they are left out of the pair); problems whose timings lack
/// either side, or whose peer time is not positive, have no ratio.
public struct HeadToHead: Sendable, Hashable {
    /// A built-in optimizer and its reference peer, by their labels in the experiment.
    public struct Pair: Sendable, Hashable {
        public var builtin: String
        public var peer: String

        public init(builtin: String, peer: String) {
            self.builtin = builtin
            self.peer = peer
        }
    }

    /// The outcome of a problem, from the built-in's side.
    public enum Outcome: String, Sendable, Hashable {
        case win
        case tie
        case loss
        case untested
    }

    /// One pair on one problem.
    public struct ProblemResult: Sendable, Hashable {
        public var pair: Pair
        public var problem: String
        /// The problem's group: its dimension, or `nil` without grouping.
        public var dimension: Int?
        /// The repetitions in which both have a complete run (0 when the problem is in the gradient track).
        public var pairs: Int
        /// The test, or `nil` when untested.
        public var test: WilcoxonSignedRank.Result?
        public var outcome: Outcome
        /// The labels of the pair that are in the gradient track on this problem, in the pair's order; empty for
        /// black-box pairs. A problem with any is untested.
        public var gradientTrack: [String]
        /// The built-in's optimizer seconds per run over the peer's, or `nil` without both timings.
        public var overheadRatio: Double?

        /// The two-sided p-value, or `nil` when untested.
        public var p: Double? { test?.pTwoSided }
    }

    /// The counts of one pair over a group of problems.
    public struct Row: Sendable, Hashable {
        public var pair: Pair
        /// The group's dimension; `nil` for the row of every problem.
        public var dimension: Int?
        public var problems = 0
        public var wins = 0
        public var ties = 0
        public var losses = 0
        public var untested = 0
        /// The median of the problems' overhead ratios, or `nil` when none has one.
        public var medianOverheadRatio: Double?

        public init(pair: Pair, dimension: Int?) {
            self.pair = pair
            self.dimension = dimension
        }
    }

    /// The significance level of each problem's test.
    public var alpha: Double
    /// The pairs, in the order given.
    public var pairs: [Pair]
    /// Pair by pair in the order given, problems in the experiment's order.
    public var results: [ProblemResult]
    /// Pair by pair in the order given: one row per dimension, ascending (none without grouping), then the row of
    /// every problem (`dimension == nil`).
    public var rows: [Row]

    /// The conventional significance level, the default of this analysis.
    public static let defaultAlpha = 0.05

    /// The fewest pairs a test needs.
    public static let minimumPairs = 2

    /// Tests every pair on every problem and counts the outcomes by group.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order, with their complete runs.
    ///   - pairs: the built-ins and their peers; labels absent from a problem have no runs there (untested).
    ///   - dimensions: each problem's dimension (the parameters of its search space), to group by; `nil` for one
    ///     group of every problem (only the rows of every problem).
    ///   - timings: the folder's `timings.json`, for the overhead ratios.
    ///   - gradientTrack: the (problem, optimizer) pairs that read gradients; a pair with either side there is
    ///     untested on that problem.
    ///   - alpha: the significance level of each problem's test.
    /// - Precondition: `dimensions`, when given, has every problem.
    /// - Complexity: O(pairs · problems · n³) for n ≤ 50 repetitions (the exact distribution).
    public static func compute(
        _ problems: [ProblemRuns], pairs: [Pair], dimensions: [String: Int]?, timings: [TimingSummary],
        gradientTrack: GradientTrack = .none, alpha: Double = defaultAlpha
    ) -> HeadToHead {
        var seconds: [String: [String: Double]] = [:]
        for timing in timings where timing.runs > 0 {
            seconds[timing.problem, default: [:]][timing.optimizer] = timing.optimizerSeconds
        }
        var results: [ProblemResult] = []
        var rows: [Row] = []
        for pair in pairs {
            var mine: [ProblemResult] = []
            for problem in problems {
                let dimension = dimensions.map { dimensions in
                    guard let dimension = dimensions[problem.problem] else {
                        preconditionFailure("HeadToHead: no dimension for problem \(problem.problem)")
                    }
                    return dimension
                }
                let gradient = [pair.builtin, pair.peer].filter {
                    gradientTrack.contains(problem: problem.problem, optimizer: $0)
                }
                guard gradient.isEmpty else {
                    mine.append(
                        ProblemResult(
                            pair: pair, problem: problem.problem, dimension: dimension, pairs: 0, test: nil,
                            outcome: .untested, gradientTrack: gradient, overheadRatio: nil))
                    continue
                }
                let finals = PairedFinals(problem.runs(of: pair.builtin), problem.runs(of: pair.peer))
                let times = seconds[problem.problem] ?? [:]
                var test: WilcoxonSignedRank.Result?
                var outcome = Outcome.untested
                if finals.count >= minimumPairs {
                    let result = WilcoxonSignedRank.test(finals.first, finals.second)
                    test = result
                    outcome = classify(result, alpha: alpha)
                }
                mine.append(
                    ProblemResult(
                        pair: pair, problem: problem.problem, dimension: dimension, pairs: finals.count, test: test,
                        outcome: outcome, gradientTrack: [],
                        overheadRatio: ratio(times[pair.builtin], times[pair.peer])))
            }
            let groups = Set(mine.compactMap(\.dimension)).sorted()
            for dimension in groups {
                rows.append(Row(pair: pair, dimension: dimension, results: mine.filter { $0.dimension == dimension }))
            }
            rows.append(Row(pair: pair, dimension: nil, results: mine))
            results += mine
        }
        return HeadToHead(alpha: alpha, pairs: pairs, results: results, rows: rows)
    }

    /// The outcome of a test at level `alpha`, from the first sample's side: a win when `p < alpha` and `W⁻ > W⁺`,
    /// a loss when `p < alpha` and `W⁺ > W⁻`, else a tie.
    public static func classify(_ test: WilcoxonSignedRank.Result, alpha: Double) -> Outcome {
        guard test.pTwoSided < alpha else { return .tie }
        if test.firstTendsLower { return .win }
        if test.firstTendsHigher { return .loss }
        return .tie
    }

    /// `builtin / peer` when both are finite and `peer > 0`.
    static func ratio(_ builtin: Double?, _ peer: Double?) -> Double? {
        guard let builtin, let peer, builtin.isFinite, peer.isFinite, builtin >= 0, peer > 0 else { return nil }
        return builtin / peer
    }

    /// The results of `pair`, in the experiment's problem order.
    public func results(of pair: Pair) -> [ProblemResult] {
        results.filter { $0.pair == pair }
    }
}

extension HeadToHead.Row {
    /// The counts of `results` (one pair's, in one group).
    init(pair: HeadToHead.Pair, dimension: Int?, results: [HeadToHead.ProblemResult]) {
        self.init(pair: pair, dimension: dimension)
        problems = results.count
        for result in results {
            switch result.outcome {
            case .win: wins += 1
            case .tie: ties += 1
            case .loss: losses += 1
            case .untested: untested += 1
            }
        }
        let ratios = results.compactMap(\.overheadRatio)
        medianOverheadRatio = ratios.isEmpty ? nil : Statistics.median(ratios)
    }
}
