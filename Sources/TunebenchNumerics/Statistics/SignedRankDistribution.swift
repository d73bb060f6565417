/// The exact null distribution of the Wilcoxon signed-rank statistic `W⁺` for given ranks (F. Wilcoxon,
/// "Individual comparisons by ranking methods", Biometrics Bulletin 1(6), 1945).
///
/// Under the null hypothesis the differences are symmetric about 0, so given their absolute values each of the `n`
/// signs is `+` or `−` with probability ½, independently: `W⁺ = Σᵢ rᵢ sᵢ` with `sᵢ ∈ {0, 1}` uniform, and each of the
/// `2ⁿ` sign patterns is equally likely. `P(W⁺ = w) = c(w) / 2ⁿ` with `c(w)` the number of subsets of the ranks that
/// sum to `w`. The counts come from the subset-sum recursion over the ranks, one rank at a time:
///
///     c₀(0) = 1,   cₖ(w) = cₖ₋₁(w) + cₖ₋₁(w − rₖ)
///
/// (without rank `k` in the subset, or with it). For the ranks `1…n` this is the distribution that Wilcoxon tabulated;
/// with ties the ranks are mid-ranks, and the counts give the exact distribution *conditional on the tie pattern*,
/// which is what a permutation test that flips every sign enumerates. Mid-ranks are multiples of ½, so the recursion
/// runs over the doubled ranks `2rₖ`, which are integers.
///
/// The counts are kept as `Double`: exact integers while they are below 2⁵³, which holds for `n ≤ 53` (their total is
/// `2ⁿ`), so that every probability is an exact dyadic fraction there.
public struct SignedRankDistribution: Sendable, Hashable {
    /// `counts[s]`: the number of sign patterns whose doubled statistic `2W⁺` is `s`, for `s = 0 … Σ 2rₖ`.
    public let counts: [Double]
    /// `2ⁿ`, the number of sign patterns.
    public let total: Double

    /// The distribution for the doubled ranks `doubledRanks` (`2r` for each rank `r`, mid-ranks included).
    /// - Precondition: every doubled rank is positive.
    /// - Complexity: O(n · Σ 2rₖ) time, O(Σ 2rₖ) memory: O(n³) for ranks `1…n`.
    public init(doubledRanks: [Int]) {
        precondition(doubledRanks.allSatisfy { $0 > 0 }, "SignedRankDistribution: ranks must be positive")
        var counts = [Double](repeating: 0, count: doubledRanks.reduce(0, +) + 1)
        counts[0] = 1
        var reach = 0
        for rank in doubledRanks {
            reach += rank
            // Downwards, so that each subset uses rank k at most once (the 0/1-knapsack order).
            var w = reach
            while w >= rank {
                counts[w] += counts[w - rank]
                w -= 1
            }
        }
        self.counts = counts
        self.total = Double(sign: .plus, exponent: doubledRanks.count, significand: 1)
    }

    /// The distribution for the untied ranks `1…n`.
    /// - Complexity: O(n³).
    public init(count n: Int) {
        precondition(n >= 0, "SignedRankDistribution: negative count")
        self.init(doubledRanks: (0..<n).map { 2 * ($0 + 1) })
    }

    /// `P(2W⁺ ≤ s)`: 0 below 0, 1 from the largest sum on.
    /// - Complexity: O(s).
    public func cdf(doubled s: Int) -> Double {
        guard s >= 0 else { return 0 }
        guard s < counts.count - 1 else { return 1 }
        return counts[0...s].reduce(0, +) / total
    }

    /// `P(2W⁺ ≥ s)`: 1 from 0 down, 0 above the largest sum.
    /// - Complexity: O(Σ 2rₖ − s).
    public func sf(doubled s: Int) -> Double {
        guard s > 0 else { return 1 }
        guard s < counts.count else { return 0 }
        return counts[s...].reduce(0, +) / total
    }
}
