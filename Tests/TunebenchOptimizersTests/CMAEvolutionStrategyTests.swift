import Foundation
import Testing
@testable import TunebenchOptimizers
import TunebenchCore

/// The strategy's constants and its update against the `cmaes` package 0.13.1 (the CMA-ES behind Optuna's
/// CmaEsSampler), run on the same inputs.
struct CMAEvolutionStrategyTests {
    /// n, λ, μ_eff, c_1, c_μ, c_σ, d_σ, c_c, E‖N(0, I)‖, Σ w_i.
    @Test(arguments: [
        (1, 4, 1.4597898889, 2.9630551957e-01, 2.7690800889e-02, 0.4637918682, 1.4637918682, 0.6894039889, 0.7976190476, -0.9678938791),
        (2, 6, 2.0286114646, 1.5481539990e-01, 5.7859085072e-02, 0.4462049874, 1.4462049874, 0.6245545390, 1.2542727428, -1.2073236548),
        (5, 8, 2.6001788261, 4.7292304159e-02, 3.8169160704e-02, 0.3650883761, 1.3650883761, 0.4501995580, 2.1285237557, -1.2390187074),
        (10, 10, 3.1672992814, 1.5283824525e-02, 2.0154282761e-02, 0.2844285879, 1.2844285879, 0.2949903830, 3.0847265652, -0.7583412769),
        (20, 12, 3.7294589343, 4.3723544352e-03, 8.1914032774e-03, 0.1994280139, 1.1994280139, 0.1717672113, 4.4167666527, -0.5337735535),
    ])
    func constantsMatchTheReference(
        _ c: (Int, Int, Double, Double, Double, Double, Double, Double, Double, Double)
    ) {
        let lambda = CMAEvolutionStrategy.defaultPopulationSize(dimension: c.0)
        #expect(lambda == c.1)
        let s = CMAEvolutionStrategy(mean: [Double](repeating: 0.5, count: c.0), sigma: 1.0 / 6, populationSize: lambda)
        let measured = [s.effectiveParents, s.c1, s.cMu, s.cSigma, s.dSigma, s.cC, s.expectedNorm, s.weights.reduce(0, +)]
        let expected = [c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9]
        for (m, e) in zip(measured, expected) { #expect(abs(m - e) <= 1e-9 * max(1, abs(e)), "\(m) vs \(e)") }
    }

    @Test func weightsForTwoDimensions() {
        let s = CMAEvolutionStrategy(mean: [0.5, 0.5], sigma: 1.0 / 6, populationSize: 6)
        let expected = [0.6370425712, 0.2845702574, 0.0783871713, -0.2863837826, -0.7649580941, -1.1559817782]
        for (w, e) in zip(s.weights, expected) { #expect(abs(w - e) < 1e-9) }
    }

    /// Two generations on `f(x) = ‖x − (0.3, 0.2)‖²` from `m = (½, ½)`, `σ = 1/6`.
    @Test func twoUpdatesMatchTheReference() {
        var s = CMAEvolutionStrategy(mean: [0.5, 0.5], sigma: 1.0 / 6, populationSize: 6)
        func f(_ x: [Double]) -> Double { (x[0] - 0.3) * (x[0] - 0.3) + (x[1] - 0.2) * (x[1] - 0.2) }
        let first: [[Double]] = [[0.2, 0.3], [0.6, 0.1], [0.9, 0.8], [0.4, 0.45], [0.55, 0.7], [0.1, 0.95]]
        s.update(first.map { ($0, f($0)) })
        expectClose(s.mean, [0.288268920016, 0.327008104352], 1e-11)
        expectClose([s.sigma], [0.19755892688715943], 1e-14)
        expectClose(s.covariance, [1.350799994857041, 0.4037414372397824, 0.4037414372397824, 1.1575828112844009], 1e-12)
        expectClose(s.pathSigma, [-1.506604889585, -1.230950297245], 1e-11)
        expectClose(s.pathC, [-1.677035178144, -1.370197963181], 1e-11)
        let second: [[Double]] = [[0.25, 0.2], [0.3, 0.15], [0.5, 0.3], [0.2, 0.1], [0.35, 0.25], [0.4, 0.05]]
        s.update(second.map { ($0, f($0)) })
        expectClose(s.mean, [0.272067230004, 0.189690845694], 1e-11)
        expectClose([s.sigma], [0.2186887618344035], 1e-13)
        expectClose(s.covariance, [1.1595216342039354, 0.5667466118561656, 0.5667466118561656, 1.298673809352497], 1e-11)
    }

    /// A converged search reports it: on the sphere, σ shrinks until `tolx` or `tolfun` holds.
    @Test func aConvergedSearchStops() {
        var s = CMAEvolutionStrategy(mean: [0.9, 0.1, 0.5], sigma: 0.3, populationSize: 7)
        var generator = Xoshiro256StarStar(seed: 7)
        var reason: String?
        for _ in 0..<3000 where reason == nil {
            let points = (0..<7).map { _ in s.sample(using: &generator) }
            s.update(points.map { p in (p, p.reduce(0) { $0 + ($1 - 0.4) * ($1 - 0.4) }) })
            reason = s.stopReason
        }
        #expect(reason != nil)
        #expect(s.mean.allSatisfy { abs($0 - 0.4) < 1e-6 }, "\(s.mean)")
    }

    private func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= tolerance, "\(a) vs \(b)") }
    }

    /// Deb's rule: an update with violations equals the update whose values rank the points the same way (feasible
    /// by value, then infeasible by violation), and differs from ranking by the objective alone.
    @Test func violationsRankInfeasiblePointsLastByViolation() {
        let points = [[0.2, 0.3], [0.7, 0.1], [0.4, 0.9], [0.6, 0.6], [0.1, 0.8], [0.9, 0.4]]
        let values = [5.0, 1.0, 3.0, 0.5, 2.0, 0.1]
        let violations = [0.0, 0.0, 2.0, 0.0, 0.5, 1.0]
        // Feasible 1.0 (index 1), 0.5 (3), 5.0 (0), then infeasible by violation 0.5 (4), 1.0 (5), 2.0 (2).
        let rankingValues = [3.0, 2.0, 6.0, 1.0, 4.0, 5.0]
        var deb = CMAEvolutionStrategy(mean: [0.5, 0.5], sigma: 1.0 / 6, populationSize: 6)
        var ranked = deb
        var objective = deb
        deb.update(zip(points, values).map { ($0, $1) }, violations: violations)
        ranked.update(zip(points, rankingValues).map { ($0, $1) })
        objective.update(zip(points, values).map { ($0, $1) })
        #expect(deb.mean == ranked.mean && deb.sigma == ranked.sigma && deb.covariance == ranked.covariance)
        #expect(deb.mean != objective.mean)
    }
}
