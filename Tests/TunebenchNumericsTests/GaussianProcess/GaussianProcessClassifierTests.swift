import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

/// ``GaussianProcessClassifier``: the logistic Laplace approximation against scikit-learn's
/// `GaussianProcessClassifier` (through `Tests/Scripts/gp_classifier_reference.py`), and the probit likelihood's
/// derivatives and gradient against finite differences.
struct GaussianProcessClassifierTests {
    /// 30 points in the unit cube of 3 dimensions, labelled by a half-space `x₀ + x₁/2 > 0.8` with two labels
    /// flipped, and 6 test points.
    static func data(seed: UInt64 = 3) -> (points: [[Double]], positive: [Bool], test: [[Double]]) {
        var generator = SplitMix64(state: seed)
        let points = (0..<30).map { _ in (0..<3).map { _ in generator.nextUnit() } }
        var positive = points.map { $0[0] + 0.5 * $0[1] > 0.8 }
        positive[3].toggle()
        positive[17].toggle()
        let test = (0..<6).map { _ in (0..<3).map { _ in generator.nextUnit() } }
        return (points, positive, test)
    }

    static let lengthScales = [0.4, 0.7, 1.5]
    static let signal = 2.5

    static func classifier(_ likelihood: ClassificationLikelihood) -> GaussianProcessClassifier {
        let (points, positive, _) = data()
        var model = GaussianProcessClassifier(dimension: 3, likelihood: likelihood)
        for (x, label) in zip(points, positive) { model.append(x, positive: label) }
        model.hyperparameters = lengthScales.map { log($0) } + [log(signal)]
        return model
    }

    static func logMarginal(_ model: GaussianProcessClassifier, _ theta: [Double]) -> (Double, [Double]) {
        var gradient = [Double](repeating: 0, count: theta.count)
        let value = theta.withUnsafeBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { model.logMarginalLikelihood(theta, gradient: $0) }
        }
        return (value, gradient)
    }

    /// scikit-learn 1.9.1 at the same hyperparameters, logistic likelihood: `log q` is asserted to 10⁻⁹ relative, its
    /// gradient and the latent means and variances (at the training points, where the mean is the mode, and at six
    /// new ones) to 10⁻⁷ (scikit-learn stops Newton's method when `log q`, computed with the previous step's `B`,
    /// rises by less than 10⁻¹⁰, so the two modes differ in the last digits).
    @Test(.python(.numpy, .sklearn))
    func logisticLaplaceMatchesScikitLearn() throws {
        let (points, positive, test) = Self.data()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-gpc-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("case.json")
        let payload: [String: Any] = [
            "X": points, "y": positive.map { $0 ? 1 : 0 }, "length_scales": Self.lengthScales, "signal": Self.signal,
            "test": test,
        ]
        try JSONSerialization.data(withJSONObject: payload).write(to: file)
        guard let reference = try ReferenceScript.json("gp_classifier_reference.py", [file.path]) else { return }
        let model = Self.classifier(.logistic)
        let (value, gradient) = Self.logMarginal(model, model.hyperparameters)
        let theirValue = try #require(reference["log_marginal_likelihood"] as? Double)
        #expect(ReferenceScript.relativeError(value, theirValue) < 1e-9, "log q: \(value) vs \(theirValue)")
        let theirGradient = try #require(reference["gradient"] as? [Double])
        for (ours, theirs) in zip(gradient, theirGradient) {
            #expect(abs(ours - theirs) < 1e-7 * max(1, abs(theirs)), "gradient \(gradient) vs \(theirGradient)")
        }
        let predictor = try #require(model.predictor())
        let (means, variances) = predictor.meanAndVariance(points: (points + test).flatMap { $0 })
        let theirMeans = try #require(reference["latent_mean"] as? [Double])
        let theirVariances = try #require(reference["latent_variance"] as? [Double])
        #expect(theirMeans.count == means.count)
        for c in means.indices {
            #expect(abs(means[c] - theirMeans[c]) < 1e-7, "mean \(c): \(means[c]) vs \(theirMeans[c])")
            #expect(
                abs(variances[c] - theirVariances[c]) < 1e-7, "variance \(c): \(variances[c]) vs \(theirVariances[c])")
        }
    }

    /// `log Φ(y f)`'s first three derivatives against central differences, relative to their size, in both tails
    /// (down to values near 10⁻¹⁹⁰ at `y f = 30`) and near the middle.
    @Test func probitDerivativesMatchFiniteDifferences() {
        let h = 1e-4
        func agrees(_ difference: Double, _ analytic: Double) -> Bool {
            abs(difference - analytic) <= 1e-4 * max(abs(analytic), abs(difference)) + 1e-300
        }
        for y in [-1.0, 1.0] {
            for f in [-30.0, -8, -2, -0.3, 0, 0.7, 3, 9, 30] {
                let at = { ClassificationLikelihood.probit.derivatives(label: y, latent: $0) }
                let (value, first, w, third) = at(f)
                let (minus, plus) = (at(f - h), at(f + h))
                #expect(agrees((plus.logLikelihood - minus.logLikelihood) / (2 * h), first), "∂ at y f = \(y * f)")
                #expect(agrees(-(plus.gradient - minus.gradient) / (2 * h), w), "W at y f = \(y * f)")
                #expect(agrees(-(plus.w - minus.w) / (2 * h), third), "∂³ at y f = \(y * f)")
                #expect(value.isFinite && w > 0)
            }
        }
    }

    /// The probit model's `log q` gradient against central differences of `log q`, and the mode's defining equation
    /// `f̂ = K ∇ log p(y | f̂)` (the latent mean at the training points is `f̂`).
    @Test func probitGradientAndModeAreConsistent() throws {
        let model = Self.classifier(.probit)
        let theta = model.hyperparameters
        let (_, gradient) = Self.logMarginal(model, theta)
        for p in theta.indices {
            var (up, down) = (theta, theta)
            up[p] += 1e-5
            down[p] -= 1e-5
            let difference = (Self.logMarginal(model, up).0 - Self.logMarginal(model, down).0) / 2e-5
            #expect(
                abs(difference - gradient[p]) < 1e-5 * max(1, abs(gradient[p])),
                "θ_\(p): \(difference) vs \(gradient[p])")
        }
        let mode = try #require(model.latentMode())
        let predictor = try #require(model.predictor())
        let (means, variances) = predictor.meanAndVariance(points: Self.data().points.flatMap { $0 })
        for i in mode.indices {
            #expect(abs(means[i] - mode[i]) < 1e-8)
            #expect(variances[i] > 0 && variances[i] < Self.signal)
        }
    }

    /// Fitted by maximum a posteriori on labels of a half-space, the probability of the positive class
    /// `Φ(μ / √(1 + σ²))` is well above ½ deep inside it and well below ½ deep outside (measured: 0.73 and 0.10,
    /// with length-scales 0.58, 0.71, 0.85 and σ_f² = 6.2), and fitting raises the posterior.
    @Test func fittedProbitSeparatesAHalfSpace() throws {
        var model = Self.classifier(.probit)
        var gradient = [Double](repeating: 0, count: 4)
        let before = model.hyperparameters.withUnsafeBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { model.negativeLogPosterior(theta, gradient: $0) }
        }
        let after = model.fit(
            starts: [model.hyperparameters],
            minimizer: BoundedMinimizer(memory: 10, maxIterations: 60, maxEvaluations: 100))
        #expect(after <= before)
        let predictor = try #require(model.predictor())
        let (means, variances) = predictor.meanAndVariance(points: [0.95, 0.9, 0.5, 0.05, 0.1, 0.5])
        let probabilities = zip(means, variances).map { StandardNormal.cdf($0 / (1 + $1).squareRoot()) }
        #expect(probabilities[0] > 0.65, "inside: \(probabilities[0])")
        #expect(probabilities[1] < 0.35, "outside: \(probabilities[1])")
    }
}
