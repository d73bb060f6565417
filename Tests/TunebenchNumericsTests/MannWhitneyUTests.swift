import Testing
import TunebenchNumerics

/// Against SciPy 1.17.1's `mannwhitneyu(x, y, method="asymptotic")`.
struct MannWhitneyUTests {
    @Test func matchesSciPyWithTies() {
        let x = [0.1, 0.5, 0.3, 0.2, 0.9, 0.05, 0.4, 0.33, 0.21, 0.12]
        let y = [0.6, 0.8, 0.3, 0.7, 1.2, 0.95, 0.5, 0.45, 0.66, 0.9, 1.1]
        let r = MannWhitneyU.test(x, y)
        #expect(r.statistic == 12.5)
        #expect(abs(r.pLess - 0.0015360203798364797) < 1e-14)
        #expect(abs(r.pTwoSided - 0.0030720407596729594) < 1e-14)
        #expect(MannWhitneyU.test(y, x).pLess > 0.99)
    }

    @Test func separatedSamples() {
        let r = MannWhitneyU.test((0..<20).map(Double.init), (0..<20).map { Double($0) + 30 })
        #expect(r.statistic == 0 && abs(r.pLess - 3.397807564086679e-08) < 1e-20)
        // Identical constant samples carry no evidence.
        #expect(MannWhitneyU.test([1, 1, 1], [1, 1]).pLess == 1)
    }
}
