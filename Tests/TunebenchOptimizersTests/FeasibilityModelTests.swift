import Foundation
import Testing
import TunebenchCore
import TunebenchNumerics

@testable import TunebenchOptimizers

/// `gp`'s model of where evaluations fail (``FeasibilityModel``), every kind: fitted to a half-space of failures, the
/// probability of success is low inside it and high far from it, and the gradient that the acquisition's refinement
/// follows agrees with central differences of the value.
struct FeasibilityModelTests {
    /// 40 points of the unit square; those with `x₀ > 0.7` failed.
    static func model(_ kind: GaussianProcessOptimizer.FailureModel) -> FeasibilityModel {
        var generator = Xoshiro256StarStar(seed: 11)
        let points = (0..<40).map { _ in [generator.nextUnit(), generator.nextUnit()] }
        var settings = GaussianProcessOptimizer.Settings()
        settings.failureModel = kind
        return FeasibilityModel(
            points: points, failed: points.map { $0[0] > 0.7 }, dimension: 2, categorical: [false, false],
            settings: settings)
    }

    @Test(arguments: GaussianProcessOptimizer.FailureModel.allCases)
    func separatesAFailingHalfSpaceWithConsistentGradients(kind: GaussianProcessOptimizer.FailureModel) throws {
        var model = Self.model(kind)
        var generator = Xoshiro256StarStar(seed: 5)
        let factors = model.fittedPredictor(using: &generator)
        let expected: [Bool] = kind == .both ? [false, true] : [kind == .classifier]
        #expect(factors.map(\.probit) == expected)
        let predictor = FeasibilityPredictor(factors: factors)
        let logs = predictor.logProbabilities(points: [0.95, 0.5, 0.1, 0.5])
        #expect(exp(logs[0]) < 0.2, "inside the failing half-space: \(exp(logs[0]))")
        #expect(exp(logs[1]) > 0.8, "far from it: \(exp(logs[1]))")
        var gradient = [0.0, 0.0]
        var scratch1 = [0.0, 0.0]
        var scratch2 = [0.0, 0.0]
        for x in [[0.65, 0.3], [0.75, 0.8], [0.4, 0.5]] {
            let value = x.withUnsafeBufferPointer {
                predictor.logProbability(
                    at: $0, gradient: &gradient, meanGradient: &scratch1, varianceGradient: &scratch2)
            }
            #expect(abs(value - predictor.logProbabilities(points: x)[0]) < 1e-10)
            for j in 0..<2 {
                var (up, down) = (x, x)
                up[j] += 1e-6
                down[j] -= 1e-6
                let difference =
                    (predictor.logProbabilities(points: up)[0] - predictor.logProbabilities(points: down)[0]) / 2e-6
                #expect(
                    abs(difference - gradient[j]) < 1e-4 * max(1, abs(difference)),
                    "\(kind) at \(x), coordinate \(j): \(gradient[j]) against \(difference)")
            }
        }
    }
}
