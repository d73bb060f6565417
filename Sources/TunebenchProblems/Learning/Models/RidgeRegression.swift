import TunebenchCore
import TunebenchNumerics

/// Ridge regression (A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for nonorthogonal
/// problems", Technometrics 12(1), 1970), solved exactly, with the derivative of its predictions with respect to the
/// regularization strength.
///
/// **Fit.** With training rows `xᵢ` (centred by their mean `x̄`) and targets `yᵢ` (mean `ȳ`), the weights solve
/// `(XᵀX + αI) w = Xᵀ(y − ȳ)` by a Cholesky factorization, and the intercept is `c = ȳ − x̄ᵀw`, so that the
/// intercept is not penalized (as scikit-learn's `Ridge` with `fit_intercept=True`). A row `x` is predicted as
/// `xᵀw + c`.
///
/// **Derivative.** Differentiating `(XᵀX + αI) w = Xᵀ(y − ȳ)` in `α` gives `(XᵀX + αI) w′ = −w`, one more solve
/// with the same factor; the prediction of a row moves by `(x − x̄)ᵀw′`. So the validation mean squared error
/// `L(α) = (1/m) Σⱼ (ŷⱼ − yⱼ)²` has the exact derivative `L′(α) = (2/m) Σⱼ (ŷⱼ − yⱼ)(xⱼ − x̄)ᵀw′`
/// (a hypergradient: F. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016, Section 2,
/// here with the inner problem solved exactly).
///
/// Space: `alpha`, real in `[10⁻⁴, 10⁴]`, log scale. No fidelity.
public struct RidgeRegression: Learner, Hashable {
    /// The bounds of `alpha`.
    public static let alphaRange = 1e-4...1e4

    public let space: SearchSpace
    public var fidelities: [Fidelity] { [] }

    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .real("alpha", lower: Self.alphaRange.lowerBound, upper: Self.alphaRange.upperBound, scale: .log)
        ])
    }

    /// A fitted model: weights, intercept, the training mean of the features and the factor of `XᵀX + αI`.
    public struct Fit: Sendable {
        public var weights: [Double]
        public var intercept: Double
        public var featureMeans: [Double]
        let factor: Cholesky

        /// Predictions for the rows of `data`.
        public func predict(_ data: Dataset) -> [Double] {
            let d = data.featureCount
            return (0..<data.rowCount).map { row in
                var value = intercept
                for j in 0..<d { value += data.features[row * d + j] * weights[j] }
                return value
            }
        }

        /// `dw/dα = −(XᵀX + αI)⁻¹ w`.
        public var weightDerivative: [Double] { factor.solve(weights).map { -$0 } }
    }

    /// Fits ridge regression with strength `alpha` to `train`.
    /// - Throws: ``NumericsError`` when `XᵀX + αI` is not positive definite (only for `alpha ≤ 0`).
    public static func fit(_ train: Dataset, alpha: Double) throws -> Fit {
        let n = train.rowCount
        let d = train.featureCount
        var means = [Double](repeating: 0, count: d)
        var targetMean = 0.0
        for row in 0..<n {
            for j in 0..<d { means[j] += train.features[row * d + j] }
            targetMean += train.targets[row]
        }
        for j in 0..<d { means[j] /= Double(n) }
        targetMean /= Double(n)
        // Gram matrix of the centred rows, and the right-hand side, accumulated row by row.
        var gram = Matrix(rows: d, columns: d)
        var rhs = [Double](repeating: 0, count: d)
        var centred = [Double](repeating: 0, count: d)
        gram.storage.withUnsafeMutableBufferPointer { g in
            for row in 0..<n {
                for j in 0..<d { centred[j] = train.features[row * d + j] - means[j] }
                let target = train.targets[row] - targetMean
                for j in 0..<d {
                    let xj = centred[j]
                    rhs[j] += xj * target
                    for k in 0...j { g[j * d + k] += xj * centred[k] }
                }
            }
            for j in 0..<d {
                g[j * d + j] += alpha
                for k in 0..<j { g[k * d + j] = g[j * d + k] }
            }
        }
        let factor = try Cholesky(gram, jitterPolicy: .none)
        let weights = factor.solve(rhs)
        var intercept = targetMean
        for j in 0..<d { intercept -= means[j] * weights[j] }
        return Fit(weights: weights, intercept: intercept, featureMeans: means, factor: factor)
    }

    public func predictions(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predicting targets: [Dataset], seed: UInt64
    ) throws -> [Predictions] {
        let fit = try Self.fit(train, alpha: configuration.real(0))
        return targets.map { .values(fit.predict($0)) }
    }

    /// The derivative in `α` of the mean squared error on `validation` of the model fitted to `train`.
    public static func lossDerivative(train: Dataset, validation: Dataset, alpha: Double) throws -> Double {
        let fit = try fit(train, alpha: alpha)
        let direction = fit.weightDerivative
        let predictions = fit.predict(validation)
        let d = validation.featureCount
        var sum = 0.0
        for row in 0..<validation.rowCount {
            var change = 0.0
            for j in 0..<d { change += (validation.features[row * d + j] - fit.featureMeans[j]) * direction[j] }
            sum += (predictions[row] - validation.targets[row]) * change
        }
        return 2 * sum / Double(validation.rowCount)
    }

    /// The normal equations with an intercept (``TrainingOperations/ridge(rows:features:predictedRows:)``).
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        TrainingOperations.ridge(rows: train.rowCount, features: train.featureCount + 1, predictedRows: predictedRows)
    }
}
