import Foundation

/// The Wilcoxon signed-rank test of paired samples (F. Wilcoxon, "Individual comparisons by ranking methods",
/// Biometrics Bulletin 1(6), 1945), as SciPy 1.17's `scipy.stats.wilcoxon(x, y)` computes it with its defaults
/// (`zero_method="wilcox"`, `correction=False`, `method="auto"`).
///
/// **Statistic.** With the differences `dᵢ = xᵢ − yᵢ`, the zero differences are dropped (Wilcoxon's own rule), the
/// `n` others are ranked by `|dᵢ|` (tied absolute values get their mid-rank, ``Ranking/midRanks(_:)``), and
///
///     W⁺ = Σ_{dᵢ > 0} rank(|dᵢ|),   W⁻ = Σ_{dᵢ < 0} rank(|dᵢ|),   W⁺ + W⁻ = n(n + 1)/2.
///
/// A small `W⁺` says that `x` tends to be below `y`. SciPy reports `min(W⁺, W⁻)` for the two-sided test.
///
/// **p-value: SciPy's automatic choice.** With `N` the number of pairs *including* zero differences:
/// 1. `N > 50`: the normal approximation (4).
/// 2. Otherwise, without ties among the `|dᵢ|` and without zeros: the exact distribution of `W⁺` over the `2ⁿ`
///    equally likely sign patterns of the ranks `1…n` (``SignedRankDistribution``).
/// 3. Otherwise, `N ≤ 13`: the exact distribution conditional on the mid-ranks, which is what SciPy's permutation
///    test enumerates when `2^N` is below its 9,999 resamples (flipping the sign of a zero changes nothing, so its
///    `2^N` patterns are the `2ⁿ` of the nonzero differences, each `2^(N−n)` times).
/// 4. Otherwise the normal approximation, with the tie correction of the variance and no continuity correction:
///
///        μ = n(n + 1)/4,   σ² = (n(n + 1)(2n + 1) − Σₜ (t³ − t)/2) / 24,   z = (W⁺ − μ)/σ,
///
///    `t` running over the sizes of the groups of tied `|dᵢ|` (zeros excluded, as they are dropped). The tie term is
///    the variance of the mid-rank statistic given the ties (E. L. Lehmann, "Nonparametrics: statistical methods
///    based on ranks", Holden-Day, 1975, ch. 3; M. Hollander, D. A. Wolfe and E. Chicken, "Nonparametric statistical
///    methods", 3rd ed., Wiley, 2014, §3.1, comment on ties).
///
/// For the exact distributions, with `s = 2W⁺` (an integer), `pLess = P(2W⁺ ≤ s)`, `pGreater = P(2W⁺ ≥ s)`, and
/// the two-sided `p = min(1, 2 min(pLess, pGreater))`; for the normal approximation `pLess = Φ(z)`,
/// `pGreater = Φ(−z)` and `p = 2Φ(−|z|)`.
///
/// **Where it departs from SciPy.** When every difference is zero (`n = 0`) SciPy returns NaN beyond 13 pairs (and
/// 1 up to 13); here every p-value is 1, the test having no evidence either way. Equal values give a zero
/// difference even when infinite (`+∞ − +∞` would be NaN): two runs that both found nothing tie.
///
/// The normal approximation is conservative in the far tail: 51 positive differences without ties get
/// `p ≈ 5.1 × 10⁻¹⁰` from it, where the exact distribution, used up to 50 pairs, would give `2/2⁵¹ ≈ 8.9 × 10⁻¹⁶`.
/// That is SciPy's rule, kept so that the numbers can be checked against it.
public enum WilcoxonSignedRank {
    /// How the p-value was computed.
    public enum Method: String, Sendable, Hashable {
        /// The exact distribution of `W⁺` for the untied ranks `1…n`.
        case exact
        /// The exact distribution conditional on the mid-ranks (ties or zeros, at most 13 pairs).
        case permutation
        /// The normal approximation with the tie correction, without continuity correction.
        case normal
    }

    /// The outcome of a test.
    public struct Result: Sendable, Hashable {
        /// `W⁺`, the rank sum of the positive differences `x − y`.
        public var positiveRankSum: Double
        /// `W⁻`, the rank sum of the negative differences.
        public var negativeRankSum: Double
        /// `n`, the nonzero differences that were ranked.
        public var count: Int
        /// The zero differences that were dropped.
        public var zeros: Int
        public var method: Method
        /// `z = (W⁺ − μ)/σ` for the normal approximation, else `nil`.
        public var z: Double?
        /// The p-value of the one-sided alternative that `x` tends to be smaller than `y` (SciPy's
        /// `alternative="less"`).
        public var pLess: Double
        /// The p-value of the one-sided alternative that `x` tends to be larger (`alternative="greater"`).
        public var pGreater: Double
        /// The two-sided p-value.
        public var pTwoSided: Double

        /// `min(W⁺, W⁻)`, the statistic SciPy reports for the two-sided test.
        public var statistic: Double { min(positiveRankSum, negativeRankSum) }

        /// Whether `x` tends to be smaller than `y`: `W⁺ < W⁻`.
        public var firstTendsLower: Bool { positiveRankSum < negativeRankSum }

        /// Whether `x` tends to be larger than `y`: `W⁺ > W⁻`.
        public var firstTendsHigher: Bool { positiveRankSum > negativeRankSum }
    }

    /// The largest number of pairs (zeros included) for which the exact distributions are used.
    public static let exactLimit = 50
    /// The largest number of pairs (zeros included) for which ties or zeros still get an exact (conditional) p-value.
    public static let permutationLimit = 13

    /// The test of the paired samples `x` and `y`, on `dᵢ = xᵢ − yᵢ` (0 where `xᵢ == yᵢ`, infinities included).
    /// - Precondition: `x.count == y.count`; no NaN.
    /// - Complexity: O(N log N) for the normal approximation, O(N³) for the exact distributions (N ≤ 50).
    public static func test(_ x: [Double], _ y: [Double]) -> Result {
        precondition(x.count == y.count, "WilcoxonSignedRank: samples of \(x.count) and \(y.count) values")
        precondition(!x.contains { $0.isNaN } && !y.contains { $0.isNaN }, "WilcoxonSignedRank: NaN in a sample")
        return test(differences: zip(x, y).map { $0 == $1 ? 0 : $0 - $1 })
    }

    /// The test of the differences `d` (one sample, symmetric about 0 under the null hypothesis).
    /// - Precondition: no NaN.
    public static func test(differences d: [Double]) -> Result {
        precondition(!d.contains { $0.isNaN }, "WilcoxonSignedRank: NaN difference")
        let nonzero = d.filter { $0 != 0 }
        let n = nonzero.count
        let ranks = Ranking.midRanks(nonzero.map(abs))
        var positive = 0.0
        var negative = 0.0
        for (difference, rank) in zip(nonzero, ranks) {
            if difference > 0 { positive += rank } else { negative += rank }
        }
        let tieTerm = Ranking.tieTerm(ranks)
        let method: Method
        if d.count > exactLimit {
            method = .normal
        } else if tieTerm == 0 && n == d.count {
            method = .exact
        } else if d.count <= permutationLimit {
            method = .permutation
        } else {
            method = .normal
        }
        var result = Result(
            positiveRankSum: positive, negativeRankSum: negative, count: n, zeros: d.count - n, method: method, z: nil,
            pLess: 1, pGreater: 1, pTwoSided: 1)
        guard n > 0 else { return result }
        switch method {
        case .exact, .permutation:
            // Mid-ranks are multiples of 1/2, so the doubled ranks and the doubled statistic are exact integers.
            let distribution = SignedRankDistribution(doubledRanks: ranks.map { Int(2 * $0) })
            let s = Int(2 * positive)
            result.pLess = distribution.cdf(doubled: s)
            result.pGreater = distribution.sf(doubled: s)
            result.pTwoSided = min(1, 2 * min(result.pLess, result.pGreater))
        case .normal:
            // SciPy's order of operations, so that z agrees to the last bits.
            let count = Double(n)
            let mean = count * (count + 1) * 0.25
            let sigma = ((count * (count + 1) * (2 * count + 1) - tieTerm / 2) / 24).squareRoot()
            let z = (positive - mean) / sigma
            result.z = z
            result.pLess = StandardNormal.cdf(z)
            result.pGreater = StandardNormal.cdf(-z)
            result.pTwoSided = 2 * StandardNormal.cdf(-abs(z))
        }
        return result
    }

    /// The smallest two-sided p-value of `n` pairs without ties: every difference of the same sign, no two absolute
    /// differences equal. Up to 50 pairs it is `2/2ⁿ` (one sign pattern of `2ⁿ` on each side), beyond that the normal
    /// approximation's at `W⁺ = n(n + 1)/2`: `2Φ(−z)`, `z² = 3n(n + 1)/(2(2n + 1))`.
    ///
    /// Zero differences only raise it. Up to 50 pairs ties cannot go below it either: the conditional distribution
    /// still gives each all-alike sign pattern at least `1/2ⁿ`, and the tie-corrected normal approximation (14 to 50
    /// pairs) reaches at most `z = √n` (every `|dᵢ|` tied), and `2Φ(−√n) > 2/2ⁿ` there. Beyond 50 pairs ties shrink
    /// the variance and can go below it, down to `2Φ(−√n)`.
    /// - Returns: 1 for `n ≤ 1`.
    /// - Complexity: O(n³) up to 50 pairs, O(n log n) beyond.
    public static func minimumTwoSidedP(pairs n: Int) -> Double {
        guard n > 0 else { return 1 }
        return test(differences: (1...n).map(Double.init)).pTwoSided
    }
}
