import Testing
import TunebenchNumerics

struct StatisticsTests {
    /// Expected values from NumPy 2.4: `np.quantile(x, p)` (default method "linear", Hyndman-Fan type 7),
    /// `np.mean(x)` and `np.std(x, ddof=1)` for x = [3.5, 1.0, 7.25, 2.0, 9.0, 4.0, 0.5].
    let sample = [3.5, 1.0, 7.25, 2.0, 9.0, 4.0, 0.5]

    @Test(arguments: [(0.0, 0.5), (0.1, 0.8), (0.25, 1.5), (0.5, 3.5), (0.75, 5.625), (0.9, 7.950000000000001), (1.0, 9.0)])
    func quantilesMatchNumPy(p: Double, expected: Double) {
        #expect(abs(Statistics.quantile(sample, p) - expected) <= 1e-12)
    }

    @Test func meanAndStandardDeviationMatchNumPy() {
        #expect(abs(Statistics.mean(sample) - 3.892857142857143) <= 1e-12)
        #expect(abs(Statistics.standardDeviation(sample) - 3.1880543402191996) <= 1e-12)
        #expect(Statistics.median([2, 1]) == 1.5)
        #expect(Statistics.standardDeviation([1]).isNaN && Statistics.mean([]).isNaN)
    }

    /// A run that never found a finite value has infinite regret; quantiles must then be infinite, not NaN
    /// (NumPy's interpolation gives NaN here).
    @Test func infiniteValuesGiveInfiniteQuantiles() {
        #expect(Statistics.quantile([1, 2, .infinity], 0.75) == .infinity)
        #expect(Statistics.quantile([1, 2, .infinity], 0.5) == 2)
        #expect(Statistics.mean([1, .infinity]) == .infinity)
    }

    @Test func compensatedMeanKeepsSmallTerms() {
        #expect(Statistics.mean([1e16, 1, -1e16, 1]) == 0.5)
    }
}
