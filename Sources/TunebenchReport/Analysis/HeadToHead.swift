import TunebenchNumerics
import TunebenchRunner

/// Built-in optimizers against their reference implementations (peers), problem by problem: win, tie and loss counts
/// from paired two-sided tests, grouped by the problems' dimension, with each side's failed runs and the median
/// overhead ratio of each group (the per-problem results and the rows are in `HeadToHead+Results.swift`).
///
/// **The test.** For a pair (built-in `b`, peer `p`) and a problem, the sample is the `n` repetitions `r` in which
/// both have a complete run (``PairedFinals``: the runs of one repetition share the problem instance), and the test
/// is the two-sided Wilcoxon signed-rank test (``WilcoxonSignedRank``, F. Wilcoxon, Biometrics Bulletin 1(6), 1945) of
///
///     d_r = final_b(r) − final_p(r),   W⁺ = Σ_{d_r > 0} rank|d_r|,   W⁻ = Σ_{d_r < 0} rank|d_r|
///
/// (zero differences dropped). The problem is a **win** for the built-in when `p < alpha` and `W⁻ > W⁺` (its finals
/// tend to be lower; lower is better), a **loss** when `p < alpha` and `W⁺ > W⁻`, and a **tie** otherwise: a
/// difference that is not significant, or none at all (every `d_r = 0` gives `p = 1`).
///
/// **Untested.** With `n` pairs the exact test cannot go below `p_min(n) = 2/2ⁿ` (every difference of one sign;
/// ``PairwiseTests/minimumAttainableP(_:)``, 1 for `n < 2`). When `p_min(n) ≥ alpha` no difference, however large,
/// can be significant, so the problem is **untested** (too few pairs) rather than tied: at `alpha = 0.05` that is
/// `n ≤ 5` (`p_min(5) = 1/16 = 0.0625`), and 6 pairs can be (`p_min(6) = 1/32 ≈ 0.031`); 10 repetitions, all of
/// one sign, give `2/1024 ≈ 1.95 × 10⁻³`. A problem where either side is in the gradient track (it reads gradients
/// that the other cannot; ``GradientTrack``) is untested too.
///
/// **Failed and missing runs.** A repetition that failed or is missing (not run yet) on either side is no pair, so a
/// built-in that fails where its peer completes only lowers `n`; each side's failed runs on the problem (`failedRuns`
/// of `summary.json`, ``OptimizerRuns/failedRuns``) and missing runs (the planned repetitions less the complete and
/// the failed ones) are therefore counted beside the test, and summed per row.
///
/// **No correction for multiplicity.** Each problem is its own comparison at level `alpha`: for two optimizers that
/// behave alike, each tested problem has a chance of at most `alpha` of a false win or loss, so over `m` tested
/// problems about `alpha · m` of them are expected to be won or lost by chance (somewhat fewer, the exact test being
/// discrete). Counts of wins, ties and losses over problems (J. Demšar, "Statistical comparisons of classifiers over
/// multiple data sets", JMLR 7, 2006, §3.1.3) describe where an implementation departs from its reference; they are
/// not themselves a test of the whole set.
///
/// **Overhead ratio.** For a problem, `ρ = t_b / t_p`, where `t` is the median over complete runs of the time spent
/// in the optimizer (ask and tell) per run, as `timings.json` records it (``TimingSummary/optimizerSeconds``). For a
/// plugin it includes the plugin process's time as the harness measures it, messages included, so against a plugin
/// `ρ` mostly measures that process and its messaging, not the algorithm. `ρ < 1`: the built-in is faster. A
/// problem on which either side has no complete run has no ratio (`timings.json` then times that side's failed runs,
/// which may stop early); nor has one whose timings lack either side, or whose peer time is not positive. A group's
/// ratio is the median of its problems' ratios (untested problems included, since their runs were timed; problems
/// of the gradient track excluded, as they are left out of the pair).
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

    /// Whether `pairs` pairs can give a two-sided p-value below `alpha`: `p_min(pairs) < alpha`
    /// (``PairwiseTests/minimumAttainableP(_:)``). A problem with fewer is untested.
    /// - Complexity: O(n³) up to 50 pairs, O(n log n) beyond.
    public static func canReject(pairs: Int, alpha: Double) -> Bool {
        PairwiseTests.minimumAttainableP(pairs) < alpha
    }

    /// The fewest pairs that can give a two-sided p-value below `alpha`: the smallest `n` with `2/2ⁿ < alpha`
    /// (6 at 0.05, 8 at 0.01), or `nil` when 50 pairs are not enough (`alpha ≤ 2/2⁵⁰`).
    public static func pairsNeeded(alpha: Double) -> Int? {
        PairwiseTests.pairsNeeded(comparisons: 1, alpha: alpha)
    }

    /// Tests every pair on every problem and counts the outcomes by group.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order, with their complete runs and failed-run counts.
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
        var testable: [Int: Bool] = [:]
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
                var result = ProblemResult(pair: pair, problem: problem.problem, dimension: dimension)
                result.builtinFailed = problem.failedRuns(of: pair.builtin)
                result.peerFailed = problem.failedRuns(of: pair.peer)
                result.builtinMissing = max(
                    0, problem.repetitions - problem.runs(of: pair.builtin).count - result.builtinFailed)
                result.peerMissing = max(0, problem.repetitions - problem.runs(of: pair.peer).count - result.peerFailed)
                result.gradientTrack = [pair.builtin, pair.peer].filter {
                    gradientTrack.contains(problem: problem.problem, optimizer: $0)
                }
                guard result.gradientTrack.isEmpty else {
                    mine.append(result)
                    continue
                }
                let (builtinRuns, peerRuns) = (problem.runs(of: pair.builtin), problem.runs(of: pair.peer))
                let finals = PairedFinals(builtinRuns, peerRuns)
                result.pairs = finals.count
                if finals.count > 0 {
                    result.builtinMedian = Statistics.median(finals.first)
                    result.peerMedian = Statistics.median(finals.second)
                }
                let canReject = testable[finals.count] ?? Self.canReject(pairs: finals.count, alpha: alpha)
                testable[finals.count] = canReject
                if canReject {
                    let test = WilcoxonSignedRank.test(finals.first, finals.second)
                    result.test = test
                    result.outcome = classify(test, alpha: alpha)
                }
                if !builtinRuns.isEmpty && !peerRuns.isEmpty {
                    let times = seconds[problem.problem] ?? [:]
                    result.overheadRatio = ratio(times[pair.builtin], times[pair.peer])
                }
                mine.append(result)
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
