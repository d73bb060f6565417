import Foundation

/// The distribution-free confidence interval of a median from order statistics (W. J. Conover, "Practical
/// nonparametric statistics", 3rd ed., Wiley, 1999, §3.2, the confidence interval for a quantile; H. A. David and
/// H. N. Nagaraja, "Order statistics", 3rd ed., Wiley, 2003, §7.1).
///
/// For a sample of `n` independent values of a continuous distribution with median `m`, sorted
/// `x₍₁₎ ≤ … ≤ x₍ₙ₎`, the number `K` of values below `m` is `Binomial(n, ½)`, and
///
///     P(x₍ₗ₎ ≤ m ≤ x₍ₙ₊₁₋ₗ₎) = P(l ≤ K ≤ n − l) = 1 − 2 F(l − 1),   F(k) = P(K ≤ k) = Σ_{i ≤ k} C(n, i) / 2ⁿ,
///
/// whatever the distribution. The interval is the narrowest symmetric one that reaches the level: `l` is the largest
/// rank with `1 − 2F(l − 1) ≥ level`, and its exact coverage is reported beside it. The widest interval,
/// `[x₍₁₎, x₍ₙ₎]`, covers with probability `1 − 2/2ⁿ`, so a level of 0.95 needs `n ≥ 6`; below that there is no
/// interval (rather than one that claims a coverage it does not have). For a distribution with atoms (ties, such as
/// many runs at regret 0) the closed interval covers with at least that probability.
///
/// `F` is summed from the recursion `C(n, i) = C(n, i − 1)(n − i + 1)/i`, the terms and their sum rescaled by powers
/// of two (exactly) before they overflow, and `2⁻ⁿ` applied as an exponent at the end, so that nothing overflows or
/// underflows before the result does, however large `n`; each term carries at most `2i` roundings, and the coverage
/// agrees with SciPy's to about `10⁻¹⁵`.
public enum MedianConfidenceInterval {
    /// The ranks of an interval and its coverage.
    public struct Ranks: Sendable, Hashable {
        /// `l`, from 1: the interval's lower end is the `l`-th smallest value.
        public var lower: Int
        /// `n + 1 − l`: the upper end is the `(n + 1 − l)`-th smallest value.
        public var upper: Int
        /// `1 − 2F(l − 1)`, the probability that the interval covers the median, at least `level`.
        public var coverage: Double
    }

    /// An interval of a sample.
    public struct Interval: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
        public var ranks: Ranks
    }

    /// The ranks of the narrowest symmetric interval of `n` values that covers the median with probability at least
    /// `level`, or `nil` when even `[x₍₁₎, x₍ₙ₎]` falls short (`1 − 2/2ⁿ < level`: `n < 6` at 0.95).
    /// - Precondition: `0 < level < 1`.
    /// - Complexity: O(n).
    public static func ranks(count n: Int, level: Double = 0.95) -> Ranks? {
        precondition(level > 0 && level < 1, "MedianConfidenceInterval: level \(level) outside (0, 1)")
        guard n > 0 else { return nil }
        // C(n, i) as term · 2^scale, the sum Σ_{j ≤ i} C(n, j) in the same units, F(i) = sum · 2^(scale − n).
        var term = 1.0
        var sum = 1.0
        var scale = 0
        func probability(_ units: Double) -> Double { Double(sign: .plus, exponent: scale - n, significand: units) }
        guard 1 - 2 * probability(sum) >= level else { return nil }
        // Invariant: F(lower − 1) = probability(sum) passes; try F(lower) for the next rank.
        var lower = 1
        while lower + 1 <= n + 1 - (lower + 1) {
            term *= Double(n - lower + 1) / Double(lower)
            let next = sum + term
            guard 1 - 2 * probability(next) >= level else { break }
            sum = next
            lower += 1
            if sum > 0x1p512 {
                // Powers of two rescale exactly.
                term *= 0x1p-512
                sum *= 0x1p-512
                scale += 512
            }
        }
        let cdf = probability(sum)
        return Ranks(lower: lower, upper: n + 1 - lower, coverage: 1 - 2 * cdf)
    }

    /// The interval of `values` (in any order), or `nil` when there are too few for `level` (see
    /// ``ranks(count:level:)``). Infinite values are order statistics like any other.
    /// - Precondition: no NaN; `0 < level < 1`.
    /// - Complexity: O(n log n).
    public static func interval(_ values: [Double], level: Double = 0.95) -> Interval? {
        precondition(!values.contains { $0.isNaN }, "MedianConfidenceInterval: NaN in the sample")
        guard let ranks = ranks(count: values.count, level: level) else { return nil }
        let sorted = values.sorted()
        return Interval(lower: sorted[ranks.lower - 1], upper: sorted[ranks.upper - 1], ranks: ranks)
    }
}
