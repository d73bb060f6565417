import Testing
import TunebenchNumerics

struct RandomVariatesTests {
    @Test func unitDrawsUseTheTop53Bits() {
        var replay = Replay(words: [0, .max, 1 << 11])
        #expect(replay.nextUnit() == 0)
        #expect(replay.nextUnit() == 1 - 0x1p-53)
        #expect(replay.nextUnit() == 0x1p-53)
        var open = Replay(words: [0, .max])
        #expect(open.nextOpenUnit() == 0x1p-53)
        #expect(open.nextOpenUnit() == 1 - 0x1p-53)
    }

    @Test func boundedIntegersAreUniform() {
        var generator = SplitMix64(state: 3)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.nextIndex(below: 7)] += 1 }
        // Each count is Binomial(70000, 1/7): mean 10000, standard deviation about 92.6; allow 5 sigma.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 463 }, "\(counts)")
        #expect(generator.nextIndex(below: 1) == 0)
    }

    @Test func gaussianDrawsHaveUnitVariance() {
        var generator = SplitMix64(state: 5)
        let draws = (0..<100_000).map { _ in generator.nextGaussian() }
        let mean = Statistics.mean(draws)
        let variance = Statistics.standardDeviation(draws)
        // Standard errors: mean 0.0032, standard deviation 0.0022; allow about 5 of them.
        #expect(abs(mean) < 0.016 && abs(variance - 1) < 0.011)
        #expect(draws.filter { abs($0) > 1.959964 }.count > 4_700)  // about 5% beyond the 97.5% quantile
    }

    @Test func shuffleIsAPermutationAndDeterministic() {
        var a = SplitMix64(state: 9)
        var b = SplitMix64(state: 9)
        let p = a.permutation(50)
        #expect(p.sorted() == Array(0..<50))
        #expect(p == b.permutation(50))
        #expect(p != Array(0..<50))
    }
}
