import Testing
import TunebenchNumerics

/// Against `statsmodels.stats.multitest.multipletests(p, method="holm")[1]` (statsmodels 0.15.0).
struct HolmCorrectionTests {
    private func expectClose(_ actual: [Double], _ expected: [Double]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 1e-15, "\(actual) vs \(expected)") }
    }

    /// Sorted: 0.005, 0.01, 0.03, 0.04, 0.04, 0.2, 0.5; the tied 0.04s share 4 · 0.04, which the running maximum
    /// also gives the 3 · 0.04 of the second.
    @Test func stepDownWithTiesMatchesStatsmodels() {
        expectClose(
            HolmCorrection.adjusted([0.01, 0.04, 0.03, 0.04, 0.005, 0.2, 0.5]),
            [0.06, 0.16, 0.15, 0.16, 0.035, 0.4, 0.5])
        expectClose(HolmCorrection.adjusted([0.3, 0.02, 0.02, 0.9]), [0.6, 0.08, 0.08, 0.9])
    }

    @Test func adjustedValuesAreCappedAtOne() {
        expectClose(HolmCorrection.adjusted([0.6, 0.7, 0.01]), [1, 1, 0.03])
    }

    @Test func trivialFamilies() {
        #expect(HolmCorrection.adjusted([]) == [])
        #expect(HolmCorrection.adjusted([0.04]) == [0.04])
    }
}
