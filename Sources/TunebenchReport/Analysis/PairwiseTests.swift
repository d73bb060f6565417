import TunebenchNumerics

/// Pairwise significance of the differences between optimizers' final metrics, problem by problem: two-sided
/// Mann–Whitney U tests (``MannWhitneyU``), Holm-corrected within each problem (``HolmCorrection``).
///
/// For each problem and each unordered pair of optimizers `i < j` (experiment order) with at least two complete runs
/// each, the test compares their final metrics (``RunTrace/final``). A comparison whose adjusted p-value is below
/// `alpha` is a `win` for `i` when `i`'s values tend to be smaller (`U₁ < n₁n₂/2`, lower is better) and a `loss` when
/// larger; otherwise it is a `tie`. The matrix counts, over problems, the outcomes of each optimizer against each
/// other.
///
/// **The family is one problem.** Holm's correction runs over the (at most `k(k − 1)/2`, for `k` optimizers)
/// comparisons of one problem, so the chance of any false win or loss is at most `alpha` on each problem, not over
/// the whole matrix. A family of every comparison of a report could never reject anything at common sizes: Holm's
/// first threshold is `alpha/m`, and with `n` runs a side of distinct values no p-value falls below
/// ``minimumAttainableP(_:_:)`` — about 1.8 × 10⁻⁴ for `n = 10`, above `0.05/1386 ≈ 3.6 × 10⁻⁵` for 12 optimizers
/// on 21 problems, yet below `0.05/66 ≈ 7.6 × 10⁻⁴` for the 66 comparisons of one of those problems. The price is
/// that over many problems some false outcomes are expected (up to `alpha` per problem), so a single win is weaker
/// evidence than a row of them.
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
        /// The complete runs of each.
        public var firstRuns: Int
        public var secondRuns: Int
        /// The median final metric of each.
        public var firstMedian: Double
        public var secondMedian: Double
        /// `U₁`, the statistic of `first`'s sample; its mean under the null hypothesis is `firstRuns · secondRuns / 2`.
        public var statistic: Double
        /// The two-sided p-value.
        public var p: Double
        /// The Holm-adjusted p-value within the family of `problem`'s comparisons.
        public var adjustedP: Double
        /// From `first`'s side.
        public var outcome: Outcome
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

    /// Tests every pair of optimizers on every problem, Holm-correcting each problem's comparisons as one family.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - alpha: the significance level of the Holm-adjusted p-values.
    /// - Complexity: O(problems · k² · n log n) for k optimizers of n runs.
    public static func compute(_ problems: [ProblemRuns], alpha: Double = defaultAlpha) -> PairwiseTests {
        let labels = problems.optimizerLabels
        var comparisons: [Comparison] = []
        var matrix = [[Tally]](repeating: [Tally](repeating: Tally(), count: labels.count), count: labels.count)
        for problem in problems {
            var family: [Comparison] = []
            for (i, first) in labels.enumerated() {
                let x = problem.runs(of: first).map(\.final)
                guard x.count >= 2 else { continue }
                for second in labels[(i + 1)...] {
                    let y = problem.runs(of: second).map(\.final)
                    guard y.count >= 2 else { continue }
                    let test = MannWhitneyU.test(x, y)
                    family.append(
                        Comparison(
                            problem: problem.problem, first: first, second: second, firstRuns: x.count,
                            secondRuns: y.count, firstMedian: Statistics.median(x), secondMedian: Statistics.median(y),
                            statistic: test.statistic, p: test.pTwoSided, adjustedP: test.pTwoSided, outcome: .tie))
                }
            }
            let adjusted = HolmCorrection.adjusted(family.map(\.p))
            for (index, adjustedP) in zip(family.indices, adjusted) {
                var comparison = family[index]
                comparison.adjustedP = adjustedP
                let nullMean = Double(comparison.firstRuns * comparison.secondRuns) / 2
                if adjustedP < alpha && comparison.statistic != nullMean {
                    comparison.outcome = comparison.statistic < nullMean ? .win : .loss
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

    /// The smallest two-sided p-value that ``compute(_:alpha:)`` gives a comparison of `n1` runs against `n2` whose
    /// final values are all distinct: that of two fully separated samples (every value of one below every value of
    /// the other, `U₁ = 0`), by the same normal approximation as ``MannWhitneyU/test(_:_:)``.
    ///
    /// With `m` comparisons in a problem's family, Holm's smallest adjusted p-value is `m · p₍₁₎`, so when
    /// `m · minimumAttainableP(n1, n2) ≥ alpha` for every compared pair of the problem, no difference on it can be
    /// significant, however large. For example `minimumAttainableP(10, 10) ≈ 1.83 × 10⁻⁴`: 10 runs a side cannot
    /// pass Holm in a family of more than `0.05/1.83 × 10⁻⁴ ≈ 273` tests. Values tied within a sample (several runs
    /// at exactly the same final value) shrink the tie-corrected variance and can give smaller p-values — ten runs
    /// at 0 against ten at 1 give 1.6 × 10⁻⁵ — so this is a bound for distinct values, the usual case of a
    /// continuous metric.
    /// - Parameters:
    ///   - n1: the runs on one side, at least 1.
    ///   - n2: the runs on the other side, at least 1.
    /// - Returns: the p-value, in (0, 1]; 1 when either side is empty.
    /// - Complexity: O((n1 + n2) log(n1 + n2)).
    public static func minimumAttainableP(_ n1: Int, _ n2: Int) -> Double {
        guard n1 > 0, n2 > 0 else { return 1 }
        return MannWhitneyU.test((0..<n1).map(Double.init), (n1..<(n1 + n2)).map(Double.init)).pTwoSided
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
