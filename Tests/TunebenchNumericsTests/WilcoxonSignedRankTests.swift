import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

/// Against SciPy's `scipy.stats.wilcoxon(x, y)` with its defaults, through `Tests/Scripts/wilcoxon_reference.py`,
/// which holds the cases (exact, permutation and normal-approximation regimes; ties, zeros, 1 to 100 pairs, all
/// differences zero, one side always lower, infinite values) and prints SciPy's statistics and p-values.
///
/// Agreement: the rank sums are equal, and the p-values agree to a relative 10⁻¹² (measured: the exact and
/// permutation p-values are equal to the last bit, being the same dyadic fractions; the normal approximation's,
/// down to 2 × 10⁻¹⁸, differ only by the two implementations of the normal distribution function, about 10⁻¹⁵).
/// Where every difference is zero SciPy answers NaN beyond 13 pairs and Tunebench 1 (documented).
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or SciPy, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct WilcoxonSignedRankTests {
    @Test(.python(.numpy, .scipy))
    func matchesSciPy() throws {
        guard let reference = try ReferenceScript.json("wilcoxon_reference.py") else { return }
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count >= 20)
        var largest = 0.0
        var methods: Set<WilcoxonSignedRank.Method> = []
        for item in cases {
            let name = try #require(item["name"] as? String)
            let x = try (item["x"] as? [Any] ?? []).map(ReferenceScript.double)
            let y = try (item["y"] as? [Any] ?? []).map(ReferenceScript.double)
            let result = WilcoxonSignedRank.test(x, y)
            methods.insert(result.method)
            #expect(result.method.rawValue == item["method"] as? String, "\(name): method")
            #expect(result.count == item["nonzero"] as? Int, "\(name): nonzero differences")
            #expect(result.positiveRankSum == (try ReferenceScript.double(item["w_plus"])), "\(name): W+")
            #expect(result.negativeRankSum == (try ReferenceScript.double(item["w_minus"])), "\(name): W-")
            for (alternative, statistic, p) in [
                ("two-sided", result.statistic, result.pTwoSided), ("less", result.positiveRankSum, result.pLess),
                ("greater", result.positiveRankSum, result.pGreater),
            ] {
                let scipy = try #require(item[alternative] as? [String: Any])
                #expect(statistic == (try ReferenceScript.double(scipy["statistic"])), "\(name) \(alternative)")
                let expected = try ReferenceScript.double(scipy["p"])
                if expected.isNaN {
                    // Every difference zero beyond 13 pairs: SciPy divides 0 by 0.
                    #expect(result.count == 0 && p == 1, "\(name) \(alternative): \(p)")
                    continue
                }
                let error = ReferenceScript.relativeError(p, expected)
                largest = max(largest, error)
                #expect(error <= 1e-12, "\(name) \(alternative): \(p) against SciPy's \(expected)")
            }
        }
        #expect(methods == [.exact, .permutation, .normal])
        print("Wilcoxon signed-rank against SciPy \(reference["scipy"] ?? "?"): \(cases.count) cases, largest "
            + "relative difference of a p-value \(largest)")
    }

    /// The exact distribution of `W⁺` for `n = 4` (Wilcoxon's table): the 16 sign patterns give the sums 0…10 with
    /// counts 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1.
    @Test func exactDistributionCountsSubsetsByRankSum() {
        let distribution = SignedRankDistribution(count: 4)
        let counts = stride(from: 0, through: 20, by: 2).map { distribution.counts[$0] }
        #expect(counts == [1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1])
        #expect(distribution.counts.reduce(0, +) == 16 && distribution.total == 16)
        #expect(distribution.cdf(doubled: 4) == 3.0 / 16 && distribution.sf(doubled: 16) == 3.0 / 16)
        #expect(distribution.cdf(doubled: -1) == 0 && distribution.sf(doubled: 21) == 0)
        #expect(distribution.cdf(doubled: 20) == 1 && distribution.sf(doubled: 0) == 1)
        // Mid-ranks 1.5, 1.5, 3 (doubled 3, 3, 6): sums 0, 1.5, 1.5, 3, 3, 4.5, 4.5, 6.
        let tied = SignedRankDistribution(doubledRanks: [3, 3, 6])
        #expect(tied.counts == [1, 0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 1])
    }

    @Test func swappingTheSamplesSwapsTheSides() {
        let x = [0.3, 1.2, 2.5, 0.8, 1.9, 3.3, 0.05, 1.1, 2.2, 4.0, 0.7, 1.4, 2.9, 0.2, 1.6]
        let y = [0.5, 0.9, 2.1, 1.5, 1.0, 3.0, 0.4, 1.75, 2.0, 3.1, 0.75, 1.0, 2.0, 0.0, 1.6]
        let forward = WilcoxonSignedRank.test(x, y)
        let backward = WilcoxonSignedRank.test(y, x)
        #expect(forward.positiveRankSum == backward.negativeRankSum)
        #expect(forward.pTwoSided == backward.pTwoSided)
        #expect(forward.pLess == backward.pGreater)
        #expect(forward.zeros == 1 && forward.count == 14)
        #expect(forward.firstTendsHigher && backward.firstTendsLower)
    }

    /// The smallest two-sided p-value of `n` pairs is `2/2ⁿ` up to 50 pairs (every sign alike is one pattern of
    /// `2ⁿ`, on each side), then that of the normal approximation at `W⁺ = n(n + 1)/2`.
    @Test func minimumTwoSidedPIsTwoOverTwoToTheN() {
        for n in 1...50 {
            #expect(WilcoxonSignedRank.minimumTwoSidedP(pairs: n) == min(1, 2 / pow(2, Double(n))))
        }
        let n = 60.0
        let z = (3 * n * (n + 1) / (2 * (2 * n + 1))).squareRoot()
        #expect(abs(WilcoxonSignedRank.minimumTwoSidedP(pairs: 60) / (2 * StandardNormal.cdf(-z)) - 1) < 1e-12)
        #expect(WilcoxonSignedRank.minimumTwoSidedP(pairs: 0) == 1)
        // Up to 50 pairs no tie pattern goes below it: every |d| tied gives z = √n by the normal approximation.
        for n in 14...50 {
            let allTied = WilcoxonSignedRank.test(differences: [Double](repeating: 1, count: n))
            #expect(allTied.method == .normal && allTied.pTwoSided > WilcoxonSignedRank.minimumTwoSidedP(pairs: n))
        }
    }

    /// Equal values are a zero difference, also when both are infinite (two runs that found nothing).
    @Test func equalInfinitiesAreZeroDifferences() {
        let result = WilcoxonSignedRank.test([.infinity, 1, 2, 3], [.infinity, 2, 4, 6])
        #expect(result.zeros == 1 && result.count == 3 && result.method == .permutation)
        #expect(result.negativeRankSum == 6 && result.pLess == 0.125)
        #expect(WilcoxonSignedRank.test([], []).pTwoSided == 1)
    }
}
