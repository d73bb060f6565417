import TunebenchNumerics

/// Pairwise significance of the differences between optimizers' final metrics, problem by problem: two-sided
/// Wilcoxon signed-rank tests of the finals paired by repetition (``WilcoxonSignedRank``, ``PairedFinals``),
/// Holm-corrected within each problem (``HolmCorrection``).
///
/// The runs of one repetition share the problem instance, so the comparison is paired: for each problem and each
/// unordered pair of optimizers `i < j` (experiment order), the sample is the repetitions in which both have a
/// complete run, and the test ranks the differences `final(i) − final(j)` (zero differences, such as two runs that
/// both reached the optimum, are dropped). A pair with fewer than two such repetitions is not tested. A comparison
/// whose adjusted p-value is below `alpha` is a `win` for `i` when `i`'s values tend to be smaller (`W⁺ < W⁻`, lower
/// is better) and a `loss` when larger; otherwise it is a `tie`. The matrix counts, over problems, the outcomes of
/// each optimizer against each other.
///
/// **The family is one problem.** Holm's correction runs over the (at most `k(k − 1)/2`, for `k` optimizers)
/// comparisons of one problem, so the chance of any false win or loss is at most `alpha` on each problem, not over
/// the whole matrix. The price is that over many problems some false outcomes are expected (up to `alpha` per
/// problem), so a single win is weaker evidence than a row of them.
///
/// **Few repetitions can make every comparison a tie.** The exact test of `n` pairs cannot give a p-value below
/// ``minimumAttainableP(_:)`` `= 2/2ⁿ`, and Holm's first threshold is `alpha/m` for `m` comparisons, so when
/// `m · 2/2ⁿ ≥ alpha` nothing on the problem can be significant, however large the differences. With 10 repetitions
/// `2/2¹⁰ ≈ 1.95 × 10⁻³`: 12 optimizers (66 comparisons, `0.05/66 ≈ 7.6 × 10⁻⁴`) cannot produce a single win, nor
/// can 8 (28 comparisons, `28 · 1.95 × 10⁻³ ≈ 0.055`); 7 optimizers (21 comparisons) can. At `alpha = 0.05`,
/// 66 comparisons need 12 repetitions, 276 (24 optimizers) 14 (``pairsNeeded(comparisons:alpha:)``). The unpaired
/// Mann–Whitney U test, used here before, reaches 1.8 × 10⁻⁴ with 10 runs a side (20 runs have far more
/// arrangements than 10 pairs have sign patterns), but it ignores that the runs of a repetition share an instance,
/// so that the differences between instances count against every difference between optimizers.
public struct PairwiseTests: Sendable, Hashable {
    /// The outcome of a comparison, from the first optimizer's side.
    public enum Outcome: String, Sendable, Hashable {
        case win
        case tie
        case loss

        /// The same comparison from the other side.
        public var reversed: Outcome {
            switch self {
            case .win: .loss
            case .tie: .tie
            case .loss: .win
            }
        }
    }

    /// One test: optimizer `first` against `second` on `problem`.
    public struct Comparison: Sendable, Hashable {
        public var problem: String
        public var first: String
        public var second: String
        /// The repetitions in which both have a complete run: the pairs tested.
        public var pairs: Int
        /// The median final metric of each over those pairs.
        public var firstMedian: Double
        public var secondMedian: Double
        /// `W⁺`: the rank sum of the pairs in which `first` ended higher (`final(first) − final(second) > 0`).
        public var positiveRankSum: Double
        /// `W⁻`: the rank sum of the pairs in which `first` ended lower.
        public var negativeRankSum: Double
        /// The pairs whose finals differ (the others are dropped before ranking).
        public var differences: Int
        /// How the p-value was computed (SciPy's automatic choice, ``WilcoxonSignedRank``).
        public var method: WilcoxonSignedRank.Method
        /// The two-sided p-value.
        public var p: Double
        /// The Holm-adjusted p-value within the family of `problem`'s comparisons.
        public var adjustedP: Double
        /// From `first`'s side.
        public var outcome: Outcome

        /// `min(W⁺, W⁻)`, the statistic SciPy reports.
        public var statistic: Double { min(positiveRankSum, negativeRankSum) }
    }

    /// Outcomes of one optimizer against another, counted over problems.
    public struct Tally: Sendable, Hashable {
        public var wins = 0
        public var ties = 0
        public var losses = 0

        public init(wins: Int = 0, ties: Int = 0, losses: Int = 0) {
            self.wins = wins
            self.ties = ties
            self.losses = losses
        }
    }

    /// The significance level of the adjusted p-values.
    public var alpha: Double
    /// The optimizers of the experiment, in its order: the rows and columns of ``matrix``.
    public var optimizers: [String]
    /// Problem by problem (experiment order), pairs in the order (0, 1), (0, 2), …, (1, 2), … of their indices.
    public var comparisons: [Comparison]
    /// `matrix[i][j]`: the outcomes of `optimizers[i]` against `optimizers[j]` over problems; the diagonal, and pairs
    /// never compared, are zero.
    public var matrix: [[Tally]]

    /// The conventional significance level.
    public static let defaultAlpha = 0.05

    /// The fewest pairs a comparison needs.
    public static let minimumPairs = 2

    /// Tests every pair of optimizers on every problem, Holm-correcting each problem's comparisons as one family.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - alpha: the significance level of the Holm-adjusted p-values.
    /// - Complexity: O(problems · k² · n³) for k optimizers of n ≤ 50 runs (the exact distribution), O(… n log n)
    ///   beyond.
    public static func compute(_ problems: [ProblemRuns], alpha: Double = defaultAlpha) -> PairwiseTests {
        let labels = problems.optimizerLabels
        var comparisons: [Comparison] = []
        var matrix = [[Tally]](repeating: [Tally](repeating: Tally(), count: labels.count), count: labels.count)
        for problem in problems {
            var family: [Comparison] = []
            for (i, first) in labels.enumerated() {
                let mine = problem.runs(of: first)
                guard mine.count >= minimumPairs else { continue }
                for second in labels[(i + 1)...] {
                    let pairs = PairedFinals(mine, problem.runs(of: second))
                    guard pairs.count >= minimumPairs else { continue }
                    let test = WilcoxonSignedRank.test(pairs.first, pairs.second)
                    family.append(
                        Comparison(
                            problem: problem.problem, first: first, second: second, pairs: pairs.count,
                            firstMedian: Statistics.median(pairs.first), secondMedian: Statistics.median(pairs.second),
                            positiveRankSum: test.positiveRankSum, negativeRankSum: test.negativeRankSum,
                            differences: test.count, method: test.method, p: test.pTwoSided,
                            adjustedP: test.pTwoSided, outcome: .tie))
                }
            }
            let adjusted = HolmCorrection.adjusted(family.map(\.p))
            for (index, adjustedP) in zip(family.indices, adjusted) {
                var comparison = family[index]
                comparison.adjustedP = adjustedP
                if adjustedP < alpha && comparison.positiveRankSum != comparison.negativeRankSum {
                    comparison.outcome = comparison.positiveRankSum < comparison.negativeRankSum ? .win : .loss
                }
                comparisons.append(comparison)
                if let i = labels.firstIndex(of: comparison.first), let j = labels.firstIndex(of: comparison.second) {
                    matrix[i][j].add(comparison.outcome)
                    matrix[j][i].add(comparison.outcome.reversed)
                }
            }
        }
        return PairwiseTests(alpha: alpha, optimizers: labels, comparisons: comparisons, matrix: matrix)
    }

    /// The smallest two-sided p-value that ``compute(_:alpha:)`` can give a comparison of `pairs` pairs:
    /// `2/2ⁿ` for `n ≤ 50` pairs (every difference of one sign, ``WilcoxonSignedRank/minimumTwoSidedP(pairs:)``),
    /// whatever the ties and zeros; beyond 50 pairs that of the normal approximation for distinct differences.
    ///
    /// With `m` comparisons in a problem's family, Holm's smallest adjusted p-value is `m · p₍₁₎`, so when
    /// `m · minimumAttainableP(n) ≥ alpha` for every compared pair of the problem, no difference on it can be
    /// significant, however large. For example `minimumAttainableP(10) = 2/1024 ≈ 1.95 × 10⁻³`: 10 repetitions
    /// cannot pass Holm in a family of 26 tests or more (`0.05/1.95 × 10⁻³ = 25.6`), so not with 8 optimizers or
    /// more (28 comparisons); 12 optimizers (66 comparisons) need at least 12 repetitions (`2/4096 ≈ 4.9 × 10⁻⁴ <
    /// 0.05/66 ≈ 7.6 × 10⁻⁴`).
    /// - Parameter pairs: the pairs of a comparison.
    /// - Returns: the p-value, in (0, 1]; 1 for fewer than two pairs.
    /// - Complexity: O(n³) up to 50 pairs, O(n log n) beyond.
    public static func minimumAttainableP(_ pairs: Int) -> Double {
        pairs < 2 ? 1 : WilcoxonSignedRank.minimumTwoSidedP(pairs: pairs)
    }

    /// The fewest pairs with which a family of `comparisons` tests can reject at `alpha`: the smallest `n` with
    /// `comparisons · minimumAttainableP(n) < alpha`, or `nil` when 50 pairs are not enough (a family of more than
    /// 10¹³ tests at 0.05).
    /// - Complexity: O(1): at most 49 powers of two.
    public static func pairsNeeded(comparisons: Int, alpha: Double) -> Int? {
        (minimumPairs...WilcoxonSignedRank.exactLimit).first { Double(comparisons) * minimumAttainableP($0) < alpha }
    }
}

extension PairwiseTests.Tally {
    fileprivate mutating func add(_ outcome: PairwiseTests.Outcome) {
        switch outcome {
        case .win: wins += 1
        case .tie: ties += 1
        case .loss: losses += 1
        }
    }
}
