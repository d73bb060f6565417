import Foundation
import Testing
import TunebenchNumerics

struct GaussianProcessTests {
    /// Five points in 2-D; reference values from NumPy (Matérn-5/2, ℓ = (0.3, 0.7), σ_f² = 1.7, σ_n² = 0.05, targets
    /// standardised with the population standard deviation):
    ///   d2 = (((X[:,None]-X[None])/ls)**2).sum(-1); r = sqrt(5 d2); K = sf2 (1 + r + 5 d2 / 3) exp(-r) + sn2 I
    ///   lml = -ys·K⁻¹ys/2 - Σ log diag(chol K) - (5/2) log 2π  →  -7.998293866896518
    ///   at x* = (0.5, 0.5): mean = k*·K⁻¹ys = -0.15958306112931073, var = sf2 - k*·K⁻¹k* = 0.47419295833657094
    let inputs: [[Double]] = [[0.1, 0.2], [0.4, 0.9], [0.75, 0.3], [0.9, 0.95], [0.3, 0.6]]
    let targets = [1.0, -0.5, 2.0, 0.3, -1.2]

    private func model(_ kernel: CovarianceKernel = .matern52, categorical: [Bool]? = nil) -> GaussianProcessRegressor {
        var model = GaussianProcessRegressor(dimension: 2, categorical: categorical, kernel: kernel)
        for (x, y) in zip(inputs, targets) { model.append(x, y) }
        model.hyperparameters = GaussianProcessHyperparameters(vector: [log(0.3), log(0.7), log(1.7), log(0.05 - model.noiseFloor)])
        return model
    }

    private func objective(_ model: GaussianProcessRegressor, _ theta: [Double]) -> (value: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: theta.count)
        let value = theta.withUnsafeBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { gradient in
                model.negativeLogPosterior(theta, gradient: gradient, standardized: model.standardizedTargets)
            }
        }
        return (value, gradient)
    }

    @Test func logMarginalLikelihoodMatchesNumPy() {
        let model = model()
        let theta = model.hyperparameters.vector
        let negativeLogPosterior = objective(model, theta).value
        var ignored = [Double](repeating: 0, count: 4)
        let logPrior = theta.withUnsafeBufferPointer { t in
            ignored.withUnsafeMutableBufferPointer { model.prior.addLogDensity(t, gradient: $0) }
        }
        #expect(abs(-negativeLogPosterior - logPrior - -7.998293866896518) < 1e-10)
    }

    /// The length-scale priors against their formulas: the symmetric one at `ℓ = 2`, `−0.1 (2² + 2⁻²) = −0.425` with
    /// derivative `−0.2 (4 − 1/4) = −0.75`; the log-normal one at one deviation above its mean, `−½` and `−1/σ`.
    @Test func lengthScalePriorsMatchTheirFormulas() {
        let symmetric = GaussianProcessPrior.standard(dimension: 1)
        let scaled = GaussianProcessPrior.dimensionScaled(dimension: 4)
        func lengthScaleTerm(_ prior: GaussianProcessPrior, _ theta: Double) -> (Double, Double) {
            let vector = [theta, prior.signalMean, prior.noiseMean]
            var gradient = [0.0, 0, 0]
            let value = vector.withUnsafeBufferPointer { v in
                gradient.withUnsafeMutableBufferPointer { prior.addLogDensity(v, gradient: $0) }
            }
            return (value, gradient[0])
        }
        let (value, derivative) = lengthScaleTerm(symmetric, log(2))
        #expect(abs(value - -0.425) < 1e-12 && abs(derivative - -0.75) < 1e-12)
        let mean = 2.0.squareRoot() + 0.5 * log(4.0)
        let (scaledValue, scaledDerivative) = lengthScaleTerm(scaled, mean + 3.0.squareRoot())
        #expect(abs(scaledValue - -0.5) < 1e-12 && abs(scaledDerivative - -1 / 3.0.squareRoot()) < 1e-12)
        #expect(symmetric.mode(dimension: 2).vector == [0, 0, 0, -12])
    }

    @Test func posteriorMatchesNumPy() throws {
        let predictor = try model().predictor()
        let (mean, variance) = predictor.meanAndVariance(points: [0.5, 0.5])
        #expect(abs(mean[0] - -0.15958306112931073) < 1e-10)
        #expect(abs(variance[0] - 0.47419295833657094) < 1e-10)
    }

    @Test(arguments: [CovarianceKernel.matern52, .rbf])
    func likelihoodGradientMatchesFiniteDifferences(kernel: CovarianceKernel) {
        for categorical in [[false, false], [false, true]] {
            let model = model(kernel, categorical: categorical)
            let theta = [log(0.4), log(1.3), log(0.8), log(0.02)]
            let analytic = objective(model, theta).gradient
            for p in theta.indices {
                var plus = theta
                var minus = theta
                plus[p] += 1e-6
                minus[p] -= 1e-6
                let numeric = (objective(model, plus).value - objective(model, minus).value) / 2e-6
                #expect(abs(numeric - analytic[p]) < 1e-5 * max(1, abs(numeric)), "θ[\(p)]: \(numeric) vs \(analytic[p])")
            }
        }
    }

    @Test func posteriorGradientsMatchFiniteDifferences() throws {
        let predictor = try model().predictor()
        let x = [0.37, 0.61]
        var meanGradient = [0.0, 0.0]
        var varianceGradient = [0.0, 0.0]
        _ = x.withUnsafeBufferPointer { predictor.meanAndVariance(at: $0, meanGradient: &meanGradient, varianceGradient: &varianceGradient) }
        for j in 0..<2 {
            var plus = x
            var minus = x
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let (mp, vp) = predictor.meanAndVariance(points: plus)
            let (mm, vm) = predictor.meanAndVariance(points: minus)
            #expect(abs((mp[0] - mm[0]) / 2e-6 - meanGradient[j]) < 1e-6)
            #expect(abs((vp[0] - vm[0]) / 2e-6 - varianceGradient[j]) < 1e-6)
        }
    }

    @Test func fittingRaisesThePosteriorAndInterpolatesSmoothData() throws {
        var model = GaussianProcessRegressor(dimension: 1)
        for i in 0..<12 {
            let x = Double(i) / 11
            model.append([x], sin(6 * x))
        }
        let before = objective(model, model.hyperparameters.vector).value
        let after = model.fit(starts: [model.hyperparameters], minimizer: BoundedMinimizer())
        #expect(after < before)
        let predictor = try model.predictor()
        let (mean, variance) = predictor.meanAndVariance(points: [0.5, 5.0 / 11])
        let (ymean, scale) = model.standardization
        #expect(abs(mean[0] * scale + ymean - sin(3)) < 0.02)  // between observations
        #expect(abs(mean[1] * scale + ymean - sin(30.0 / 11)) < 1e-3)  // at an observation
        #expect(variance[1] < 0.01)  // about the noise variance the prior allows
    }

    @Test func duplicateAndConstantDataStillFit() throws {
        var model = GaussianProcessRegressor(dimension: 2)
        for _ in 0..<6 { model.append([0.5, 0.5], 3) }
        model.append([0.1, 0.9], 3)
        let value = model.fit(starts: [model.hyperparameters], minimizer: BoundedMinimizer())
        #expect(value.isFinite)
        let predictor = try model.predictor()
        let (mean, variance) = predictor.meanAndVariance(points: [0.3, 0.3])
        #expect(mean[0].isFinite && variance[0].isFinite)
        #expect(model.standardization.scale == 1)  // constant targets are not divided by zero
    }

    /// The means alone equal those of ``GaussianProcessPredictor/meanAndVariance(points:)``, and the incumbent is the
    /// input of lowest mean; with a large noise variance the mean shrinks the lowest target (−1.2, at (0.3, 0.6))
    /// towards its neighbour's (−0.5, at (0.4, 0.9)), and with a small one it stays the lowest.
    @Test func theIncumbentIsTheInputOfLowestPosteriorMean() throws {
        let predictor = try model().predictor()
        let points = [0.5, 0.5, 0.1, 0.2, 0.95, 0.05]
        let expected = predictor.meanAndVariance(points: points).mean
        let means = predictor.means(points: points)
        #expect(zip(means, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        let atInputs = predictor.means(points: inputs.flatMap { $0 })
        let lowest = try #require(predictor.lowestMeanObservation)
        #expect(atInputs.indices.allSatisfy { atInputs[$0] >= atInputs[lowest] })
        #expect(lowest == 4)
        // The mean at the inputs is ỹ − σ_n² α: shrunk towards the neighbours, more for a larger noise.
        var noisy = model()
        noisy.hyperparameters = GaussianProcessHyperparameters(vector: [log(0.3), log(0.7), log(1.7), log(2.0)])
        let shrunk = try noisy.predictor().means(points: inputs.flatMap { $0 })
        let standardized = noisy.standardizedTargets
        #expect(abs(shrunk[4] - standardized[4]) > abs(atInputs[4] - standardized[4]))
    }
}
