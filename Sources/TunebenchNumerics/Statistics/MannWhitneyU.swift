import Foundation

/// The Mann–Whitney U test (H. B. Mann and D. R. Whitney, "On a test of whether one of two random variables is
/// stochastically larger than the other", Ann. Math. Statist. 18, 1947), by its normal approximation with tie and
/// continuity corrections, as SciPy's `mannwhitneyu(..., method="asymptotic")` computes it.
///
/// With `n₁ = |x|`, `n₂ = |y|`, `n = n₁ + n₂`, `R₁` the sum of the ranks of `x` in the pooled sample (ties get their
/// mean rank) and `t` the sizes of the groups of ties: `U₁ = R₁ − n₁(n₁ + 1)/2`, `μ = n₁n₂/2`,
/// `σ² = n₁n₂/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1)))`. The one-sided p-value for "`x` tends to be smaller" is
/// `Φ((U₁ − μ + ½)/σ)`.
public enum MannWhitneyU {
    public struct Result: Sendable, Hashable {
        /// `U₁`, the statistic of the first sample.
        public var statistic: Double
        /// The p-value of the one-sided alternative that the first sample tends to be smaller.
        public var pLess: Double
        /// The two-sided p-value.
        public var pTwoSided: Double
    }

    /// - Precondition: both samples non-empty, no NaN (infinite values rank last or first).
    public static func test(_ x: [Double], _ y: [Double]) -> Result {
        precondition(!x.isEmpty && !y.isEmpty, "MannWhitneyU: empty sample")
        let pooled = x + y
        precondition(!pooled.contains { $0.isNaN }, "MannWhitneyU: NaN in a sample")
        let ranks = Ranking.midRanks(pooled)
        let n = pooled.count
        let tieTerm = Ranking.tieTerm(ranks)
        let (n1, n2, nd) = (Double(x.count), Double(y.count), Double(n))
        let r1 = (0..<x.count).reduce(0) { $0 + ranks[$1] }
        let u1 = r1 - n1 * (n1 + 1) / 2
        let mu = n1 * n2 / 2
        let variance = n1 * n2 / 12 * ((nd + 1) - tieTerm / (nd * (nd - 1)))
        guard variance > 0 else { return Result(statistic: u1, pLess: 1, pTwoSided: 1) }
        let sigma = variance.squareRoot()
        let pLess = StandardNormal.cdf((u1 - mu + 0.5) / sigma)
        let pTwo = min(1, 2 * StandardNormal.cdf(-(abs(u1 - mu) - 0.5) / sigma))
        return Result(statistic: u1, pLess: pLess, pTwoSided: pTwo)
    }
}
