import Testing

@testable import TunebenchNumerics

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

/// The median found by selection is the sorted sample's, bit for bit.
struct MedianSelectionTests {
    /// Samples of every size around the threshold, with ties, infinities and both signs.
    @Test(arguments: [65, 66, 67, 100, 101, 1_000, 1_001, 4_096])
    func selectionGivesTheSortedMedian(count: Int) {
        var generator = SplitMix64(state: UInt64(count))
        for trial in 0..<50 {
            let values: [Double] = (0..<count).map { _ in
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: return .infinity
                case 1: return -.infinity
                case 2...4: return Double(Int.random(in: -3...3, using: &generator)) + 0.5  // ties
                default: return Double.random(in: -1e6...1e6, using: &generator)
                }
            }
            let ordered = trial % 3 == 0 ? values.sorted() : trial % 3 == 1 ? Array(values.sorted().reversed()) : values
            let expected = Statistics.quantile(sorted: ordered.sorted(), 0.5)
            #expect(Statistics.median(ordered).bitPattern == expected.bitPattern)
        }
        #expect(Statistics.median([Double](repeating: 2.5, count: count)) == 2.5)
    }

    @Test func selectionFindsEveryRankAndPartitionsAroundIt() {
        var generator = SplitMix64(state: 11)
        for count in 1...40 {
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<(count / 2 + 1), using: &generator)) }
            let sorted = values.sorted()
            for rank in 0..<count {
                var work = values
                let value = work.withUnsafeMutableBufferPointer { Statistics.select(rank: rank, in: $0) }
                #expect(value == sorted[rank])
                #expect(work[..<rank].allSatisfy { $0 <= value } && work[rank...].allSatisfy { $0 >= value })
            }
        }
    }

    @Test func zerosOfBothSignsAndNaNAreSortedAsBefore() {
        let zeros = (0..<100).map { $0 % 2 == 0 ? 0.0 : -0.0 }
        #expect(Statistics.median(zeros).bitPattern == Statistics.quantile(zeros, 0.5).bitPattern)
        let withNaN = (0..<100).map { $0 == 7 ? Double.nan : Double($0) }
        #expect(Statistics.median(withNaN).bitPattern == Statistics.quantile(withNaN, 0.5).bitPattern)
    }
}
