import Foundation
import Testing

@testable import TunebenchReport

@Suite struct PlotTicksTests {
    @Test func logTicksFromThreeTenThousandthsToTwentyAreTheDecadesAroundIt() {
        #expect(PlotTicks.decadeRange(3e-4...20) == 1e-4...1e2)
        #expect(PlotTicks.decades(1e-4...1e2) == Array(-4...2))
        #expect(PlotTicks.decades(3e-4...20) == Array(-3...1))
        let axis = PlotAxis(scale: .log, values: [3e-4, 0.5, 20], fixed: nil, loose: true)
        #expect(axis.domain == 1e-4...1e2)
        #expect(axis.ticks.map(\.label) == (-4...2).map { .power($0) })
        #expect(axis.ticks.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100])
        // Minor ticks at 2…9 × 10^k: eight per decade over six decades.
        #expect(axis.minorTicks.count == 48)
        #expect(axis.minorTicks.first == 2e-4)
        #expect(!axis.clamps)
    }

    @Test func manyDecadesAreLabelledEveryOtherDecade() {
        let axis = PlotAxis(scale: .log, values: [1e-12, 1e3], fixed: nil, loose: true)
        #expect(axis.ticks.map(\.label) == stride(from: -12, through: 2, by: 2).map { .power($0) })
        // The other decades stay as minor ticks; 2…9 × 10^k are left out over so many decades.
        #expect(axis.minorTicks.count == 8)
    }

    @Test func aRangeWithinOneDecadeAlsoLabelsTwoAndFiveTimesAPowerOfTen() {
        let axis = PlotAxis(scale: .log, values: [], fixed: 0.15...0.9, loose: true)
        #expect(axis.domain == 0.15...0.9)
        #expect(axis.ticks.map(\.value) == [0.2, 0.5])
        #expect(axis.ticks.map(\.label) == [.text("0.2"), .text("0.5")])
    }

    @Test func linearTicksFromZeroToNinetyThreeHundredthsAreStepsOfTwoTenths() {
        #expect(PlotTicks.niceStep(for: 0...0.93) == 0.2)
        let inside = PlotTicks.linear(0...0.93)
        #expect(inside.count == 5)
        for (tick, expected) in zip(inside, [0, 0.2, 0.4, 0.6, 0.8]) { #expect(abs(tick - expected) < 1e-12) }
        #expect(PlotTicks.niceRange(0...0.93) == 0...1)
        // A y axis from data is widened to whole steps and labels them with one decimal.
        let axis = PlotAxis(scale: .linear, values: [0, 0.5, 0.93], fixed: nil, loose: true)
        #expect(axis.domain == 0...1)
        #expect(axis.ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"].map { .text($0) })
    }

    @Test func linearAxesHaveFourToEightTicksOfOneTwoOrFiveTimesAPowerOfTen() {
        let ranges: [ClosedRange<Double>] = [
            0...1, 0...0.93, 1...300, 1...9, -3.2...7.7, 1e-7...3e-7, 12_345...98_765, 0.5...0.5, -1e9...1e9, 0...0,
        ]
        for range in ranges {
            let tight = PlotAxis(
                scale: .linear,
                values: [range.lowerBound, range.upperBound],
                fixed: nil,
                loose: false
            )
            let loose = PlotAxis(scale: .linear, values: [range.lowerBound, range.upperBound], fixed: nil, loose: true)
            #expect(PlotTicks.countRange.contains(loose.ticks.count), "\(range): \(loose.ticks.map(\.value))")
            #expect(tight.ticks.count >= 2, "\(range): \(tight.ticks.map(\.value))")
            #expect(loose.domain.lowerBound <= range.lowerBound && loose.domain.upperBound >= range.upperBound)
            let step = PlotTicks.niceStep(for: range)
            let mantissa = step / PlotTicks.pow10(Int(log10(step).rounded(.down)))
            #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "\(range): step \(step)")
        }
    }

    @Test func tickLabelsCarryTheStepsDecimals() {
        #expect(PlotTicks.label(3 * 0.2, step: 0.2) == "0.6")
        #expect(PlotTicks.label(0.15, step: 0.05) == "0.15")
        #expect(PlotTicks.label(250, step: 50) == "250")
        #expect(PlotTicks.label(-0.0, step: 0.5) == "0")
        #expect(PlotTicks.label(2e-5, step: 1e-5) == "2e-5")
        #expect(PlotTicks.label(3e6, step: 1e6) == "3e6")
    }
}
