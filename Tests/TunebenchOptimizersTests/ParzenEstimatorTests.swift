import Foundation
import Testing
@testable import TunebenchOptimizers
import TunebenchCore

/// The Parzen estimators of TPE against Optuna 5.0.0's `_ParzenEstimator` on the same observations.
struct ParzenEstimatorTests {
    /// Bandwidths (the examples printed by Optuna's estimator): neighbour gaps, one-sided at the ends, clipped from
    /// below by `(hi − lo)/min(100, n + 2)`.
    @Test func bandwidthsFollowTheNeighbourRule() {
        #expect(ParzenEstimator.bandwidths([0.1, 0.5, 0.55], lo: 0, hi: 1, magicClip: true).map { ($0 * 1e12).rounded() / 1e12 } == [0.4, 0.4, 0.2])
        #expect(ParzenEstimator.bandwidths([0.3], lo: 0, hi: 1, magicClip: true) == [0.7])
        // Integers on [0, 10] live on [−½, 10½]; the duplicate 5s get a gap of 3 and the clip 11/5.
        let duplicates = ParzenEstimator.bandwidths([2, 5, 5], lo: -0.5, hi: 10.5, magicClip: true)
        #expect(duplicates.map { ($0 * 1e12).rounded() / 1e12 } == [3, 3, 2.2])
        #expect(ParzenEstimator.bandwidths([3, 4, 9], lo: 0.5, hi: 10.5, magicClip: true) == [2, 5, 5])
    }

    /// A joint density over a linear real, a linear integer, a log real, a categorical and a log integer.
    @Test func logDensityMatchesOptuna() {
        let domains: [ParzenDomain] = [
            ParzenDomain(.real(lower: 0, upper: 1, scale: .linear)),
            ParzenDomain(.integer(lower: 1, upper: 10, scale: .linear)),
            ParzenDomain(.real(lower: 1e-3, upper: 10, scale: .log)),
            ParzenDomain(.categorical(choices: ["a", "b", "c"])),
            ParzenDomain(.integer(lower: 1, upper: 1000, scale: .log)),
        ]
        let rows: [[Double]] = [[0.1, 3, log(0.01), 0, log(1)], [0.5, 4, log(0.5), 2, log(20)],
                                [0.55, 9, log(2.0), 2, log(300)], [0.9, 9, log(5.0), 1, log(999)]]
        let estimator = ParzenEstimator(
            observations: rows, weights: ParzenSampler.weights(4), domains: domains, priorWeight: 1, magicClip: true)
        let densities = estimator.logDensities([[0.2, 4, log(0.02), 2, log(15)], [0.95, 10, log(9.0), 0, log(1000)]])
        let (first, second) = (densities[0], densities[1])
        #expect(abs(first - -10.136716412797568) < 1e-10, "\(first)")
        #expect(abs(second - -12.81829787207664) < 1e-10, "\(second)")
    }

    /// Optuna's `default_weights(30)`: a ramp 1/30 … 1 over the oldest five, then 25 ones.
    @Test func weightsRampTheOldestObservations() {
        let w = ParzenSampler.weights(30)
        #expect(w.count == 30 && w.suffix(25).allSatisfy { $0 == 1 })
        for (x, e) in zip(w.prefix(5), [1.0 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1]) { #expect(abs(x - e) < 1e-12) }
        #expect(ParzenSampler.weights(26).first == 1.0 / 26 && ParzenSampler.weights(10) == [Double](repeating: 1, count: 10))
    }

    /// Draws stay in the domain, integers land on integers, and the categorical frequencies follow the mixture.
    @Test func samplesRespectTheirDomains() {
        let domains: [ParzenDomain] = [
            ParzenDomain(.integer(lower: 1, upper: 5, scale: .linear)), ParzenDomain(.categorical(choices: ["a", "b", "c"])),
        ]
        let estimator = ParzenEstimator(
            observations: [[2, 0], [3, 0], [2, 0]], weights: [1, 1, 1], domains: domains, priorWeight: 1, magicClip: true)
        var generator = Xoshiro256StarStar(seed: 3)
        let draws = estimator.sample(20_000, using: &generator)
        #expect(draws.allSatisfy { $0[0] >= 1 && $0[0] <= 5 && $0[0] == $0[0].rounded() })
        // P(c = a) = 3/4 · (1/4 + 1)/(1 + 3/4) + 1/4 · 1/3 = 0.619…
        let shareA = Double(draws.filter { $0[1] == 0 }.count) / 20_000
        #expect(abs(shareA - (0.75 * (1.25 / 1.75) + 0.25 / 3)) < 0.015)
    }
}
