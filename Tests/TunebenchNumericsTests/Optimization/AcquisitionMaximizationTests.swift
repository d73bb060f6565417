import Foundation
import Testing
import TunebenchNumerics

/// The bounded minimizer and the acquisition functions together, as a GP optimizer uses them: maximize an acquisition
/// of a posterior over the unit square with gradients by the chain rule, and compare with a dense grid.
struct AcquisitionMaximizationTests {
    /// A smooth stand-in for a GP posterior: mean and standard deviation with their gradients.
    private static func posterior(
        _ x: UnsafeBufferPointer<Double>
    ) -> (mean: Double, sd: Double, dMean: SIMD2<Double>, dSD: SIMD2<Double>) {
        let mean = (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] - 0.7) * (x[1] - 0.7) + 0.1 * sin(6 * x[0])
        let dMean = SIMD2(2 * (x[0] - 0.3) + 0.6 * cos(6 * x[0]), 4 * (x[1] - 0.7))
        let sd = 0.05 + 0.2 * x[0] * x[0] + 0.1 * x[1]
        let dSD = SIMD2(0.4 * x[0], 0.1)
        return (mean, sd, dMean, dSD)
    }

    /// Minimizes `-logEI` from a few starts and returns the best point and its log EI.
    private static func maximizeLogEI(best: Double) -> (x: [Double], logEI: Double) {
        let minimizer = BoundedMinimizer()
        var bestPoint = [0.0, 0.0]
        var bestValue = -Double.infinity
        for start in [[0.5, 0.5], [0.1, 0.9], [0.9, 0.1], [0.9, 0.9], [0.2, 0.2]] {
            let result = minimizer.minimize(start: start, lower: [0, 0], upper: [1, 1]) { x, gradient in
                let p = posterior(x)
                let a = GaussianAcquisition.logEIWithDerivatives(mean: p.mean, sd: p.sd, best: best)
                let g = -(a.dMean * p.dMean + a.dSD * p.dSD)
                gradient[0] = g[0]
                gradient[1] = g[1]
                return -a.value
            }
            #expect(result.stopReason.isConverged, "\(result.stopReason)")
            if -result.value > bestValue {
                bestValue = -result.value
                bestPoint = result.x
            }
        }
        return (bestPoint, bestValue)
    }

    private static func gridMaximum(best: Double) -> (x: [Double], logEI: Double) {
        var bestPoint = [0.0, 0.0]
        var bestValue = -Double.infinity
        for i in 0...400 {
            for j in 0...400 {
                let point = [Double(i) / 400, Double(j) / 400]
                let value = point.withUnsafeBufferPointer { x in
                    let p = posterior(x)
                    return GaussianAcquisition.logEI(mean: p.mean, sd: p.sd, best: best)
                }
                if value > bestValue {
                    bestValue = value
                    bestPoint = point
                }
            }
        }
        return (bestPoint, bestValue)
    }

    @Test(arguments: [0.0, -0.5])
    func logEIMaximumMatchesADenseGrid(best: Double) {
        let optimized = Self.maximizeLogEI(best: best)
        let grid = Self.gridMaximum(best: best)
        #expect(optimized.logEI >= grid.logEI - 1e-12, "optimized \(optimized) grid \(grid)")
        #expect(abs(optimized.x[0] - grid.x[0]) <= 0.01 && abs(optimized.x[1] - grid.x[1]) <= 0.01)
    }

    /// With the incumbent far below every mean, plain EI underflows to 0 on the whole square (z < -40) and gives no
    /// gradient; log EI still ranks the points and leads the minimizer to the grid's maximum.
    @Test func logEIGuidesTheSearchWhereEIUnderflows() {
        let best = -25.0
        let flat = [0.5, 0.5].withUnsafeBufferPointer { x in
            let p = Self.posterior(x)
            return GaussianAcquisition.ei(mean: p.mean, sd: p.sd, best: best)
        }
        #expect(flat == 0)
        let optimized = Self.maximizeLogEI(best: best)
        let grid = Self.gridMaximum(best: best)
        #expect(optimized.logEI.isFinite && optimized.logEI >= grid.logEI - 1e-9, "optimized \(optimized) grid \(grid)")
        #expect(abs(optimized.x[0] - grid.x[0]) <= 0.01 && abs(optimized.x[1] - grid.x[1]) <= 0.01)
    }
}
