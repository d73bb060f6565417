import Foundation
import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchProblems

/// Ridge regression: the exact fit, the hypergradient, and the registered problem.
struct RidgeTests {
    /// One feature, no intercept needed: rows x = (-1, 0, 1), y = (-2, 0, 2). Centred, XᵀX = 2 and Xᵀy = 4, so
    /// w = 4 / (2 + α) and c = 0.
    @Test func oneFeatureFitIsTheClosedForm() throws {
        let data = Dataset(features: [-1, 0, 1], targets: [-2, 0, 2], featureCount: 1, task: .regression)
        for alpha in [0.0001, 0.5, 2, 100] {
            let fit = try RidgeRegression.fit(data, alpha: alpha)
            #expect(abs(fit.weights[0] - 4 / (2 + alpha)) < 1e-14)
            #expect(abs(fit.intercept) < 1e-14)
            // dw/dα = -4 / (2 + α)²
            #expect(abs(fit.weightDerivative[0] + 4 / ((2 + alpha) * (2 + alpha))) < 1e-14)
        }
    }

    /// The intercept is not penalized: shifting every target by 10 shifts the intercept by 10 and leaves the
    /// weights alone.
    @Test func theInterceptIsNotPenalized() throws {
        let features: [Double] = [0.3, 1.2, -0.7, 2.0, 1.1, -0.4, 0.0, 0.9]
        let targets: [Double] = [1.0, -0.5, 2.2, 0.3]
        let base = try RidgeRegression.fit(
            Dataset(features: features, targets: targets, featureCount: 2, task: .regression), alpha: 3)
        let shifted = try RidgeRegression.fit(
            Dataset(features: features, targets: targets.map { $0 + 10 }, featureCount: 2, task: .regression),
            alpha: 3)
        #expect(zip(base.weights, shifted.weights).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(shifted.intercept - base.intercept - 10) < 1e-12)
    }

    /// The hypergradient matches a central difference of the validation loss on the registered problem's data.
    @Test(arguments: [0.01, 1, 30, 1000]) func hypergradientMatchesCentralDifferences(alpha: Double) throws {
        let problem = try #require(
            try Registry.learning.makeProblem(EntrySpec("ridge"), seed: 4) as? RidgeProblem)
        let h = alpha * 1e-5
        let plus = try problem.evaluate(Configuration([.real(alpha + h)])).value
        let minus = try problem.evaluate(Configuration([.real(alpha - h)])).value
        let numeric = (plus - minus) / (2 * h)
        let exact = try problem.evaluateWithGradient(Configuration([.real(alpha)])).gradient![0]
        #expect(abs(exact - numeric) <= 1e-6 * max(abs(numeric), 1e-6), "exact \(exact), numeric \(numeric)")
    }

    @Test func ridgeConformsWithFoldsAndWithout() {
        for folds in [1, 3] {
            let failures = ProblemConformance.check(name: "ridge, \(folds) folds", samples: 40) { seed in
                try Registry.learning.makeProblem(EntrySpec("ridge", options: ["folds": .integer(folds)]), seed: seed)
            }
            #expect(failures.isEmpty, "\(failures)")
        }
    }
}

extension Registry {
    /// The learning problems alone.
    static let learning: Registry = {
        var registry = Registry()
        for entry in LearningProblems.entries { try! registry.register(entry) }
        return registry
    }()
}
