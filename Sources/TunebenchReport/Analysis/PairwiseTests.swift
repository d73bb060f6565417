import TunebenchNumerics

/// Pairwise significance of the differences between optimizers' final metrics, problem by problem: two-sided
/// Mann–Whitney U tests (``MannWhitneyU``), Holm-corrected over the whole family (``HolmCorrection``).
///
/// For each problem and each unordered pair of optimizers `i < j` (experiment order) with at least two complete runs
/// each, the test compares their final metrics (``RunTrace/final``). The family is every such comparison over every
/// problem, so the family-wise error rate of the whole matrix is at most `alpha`. A comparison whose adjusted p-value
/// is below `alpha` is a `win` for `i` when `i`'s values tend to be smaller (`U₁ < n₁n₂/2`, lower is better) and a
/// `loss` when larger; otherwise it is a `tie`. The matrix counts, over problems, the outcomes of each optimizer
/// against each other.
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
        /// The Holm-adjusted p-value within the whole family.
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

    /// Tests every pair of optimizers on every problem.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - alpha: the significance level of the Holm-adjusted p-values.
    /// - Complexity: O(problems · k² · n log n) for k optimizers of n runs.
    public static func compute(_ problems: [ProblemRuns], alpha: Double = defaultAlpha) -> PairwiseTests {
        let labels = problems.optimizerLabels
        var comparisons: [Comparison] = []
        for problem in problems {
            for (i, first) in labels.enumerated() {
                let x = problem.runs(of: first).map(\.final)
                guard x.count >= 2 else { continue }
                for second in labels[(i + 1)...] {
                    let y = problem.runs(of: second).map(\.final)
                    guard y.count >= 2 else { continue }
                    let test = MannWhitneyU.test(x, y)
                    comparisons.append(
                        Comparison(
                            problem: problem.problem, first: first, second: second, firstRuns: x.count,
                            secondRuns: y.count, firstMedian: Statistics.median(x), secondMedian: Statistics.median(y),
                            statistic: test.statistic, p: test.pTwoSided, adjustedP: test.pTwoSided, outcome: .tie))
                }
            }
        }
        let adjusted = HolmCorrection.adjusted(comparisons.map(\.p))
        var matrix = [[Tally]](repeating: [Tally](repeating: Tally(), count: labels.count), count: labels.count)
        for index in comparisons.indices {
            var comparison = comparisons[index]
            comparison.adjustedP = adjusted[index]
            let nullMean = Double(comparison.firstRuns * comparison.secondRuns) / 2
            if comparison.adjustedP < alpha && comparison.statistic != nullMean {
                comparison.outcome = comparison.statistic < nullMean ? .win : .loss
            }
            comparisons[index] = comparison
            if let i = labels.firstIndex(of: comparison.first), let j = labels.firstIndex(of: comparison.second) {
                matrix[i][j].add(comparison.outcome)
                matrix[j][i].add(comparison.outcome.reversed)
            }
        }
        return PairwiseTests(alpha: alpha, optimizers: labels, comparisons: comparisons, matrix: matrix)
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
