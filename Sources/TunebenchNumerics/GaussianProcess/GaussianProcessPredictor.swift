import Foundation

/// The posterior of a fitted ``GaussianProcessRegressor``: mean and variance of the latent function at new points,
/// in standardised units, with their gradients with respect to the input for acquisition optimization. A
/// ``GaussianProcessClassifier``'s latent posterior has the same form with `K` replaced by `K + W⁻¹` and `α` by
/// `∇ log p(y | f̂)` (its ``standardizedTargets`` are then the ±1 labels, and the incumbent helpers mean nothing).
///
/// With `k*` the cross-covariances of a point and the `n` inputs, `α = K⁻¹ ỹ` and `K = L Lᵀ`:
/// `μ = k*ᵀ α`, `σ² = σ_f² − ‖v‖²` with `v = L⁻¹ k*` (Rasmussen and Williams, Algorithm 2.1), and, for a
/// continuous dimension `j`, `∂k*_i/∂x_j = 2 σ_f² g'(r²_i) λ_j (x_j − X_ij)`, `∂μ/∂x_j = Σ_i α_i ∂k*_i/∂x_j`,
/// `∂σ²/∂x_j = −2 Σ_i w_i ∂k*_i/∂x_j` with `w = L⁻ᵀ v = K⁻¹ k*`. Categorical dimensions have no gradient.
public struct GaussianProcessPredictor: Sendable {
    public let dimension: Int
    let inputs: [Double]
    let categorical: [Bool]
    let kernel: CovarianceKernel
    let lambda: [Double]
    /// `σ_f²`.
    public let signalVariance: Double
    let cholesky: Cholesky
    let alpha: [Double]
    /// The standardised targets, and how they were standardised.
    public let standardizedTargets: [Double]
    public let mean: Double
    public let scale: Double

    /// The posterior of `model` at its hyperparameters, its targets standardised by `standardization` (by default
    /// their own, ``GaussianProcessRegressor/standardization``).
    init(_ model: GaussianProcessRegressor, standardization given: (mean: Double, scale: Double)? = nil) throws {
        let theta = model.hyperparameters.vector
        let noise = model.hyperparameters.noiseVariance(floor: model.noiseFloor)
        let standardization = given ?? model.standardization
        let targets = given == nil ? model.standardizedTargets : model.targets.map {
            ($0 - standardization.mean) / standardization.scale
        }
        try self.init(
            inputs: model.inputs, categorical: model.categorical, kernel: model.kernel,
            lambda: (0..<model.dimension).map { exp(-2 * theta[$0]) }, signalVariance: exp(theta[model.dimension]),
            noise: [Double](repeating: noise, count: model.count), alpha: nil,
            targets: targets, standardization: standardization)
    }

    /// The posterior of `K + diag(noise)` with `K = σ_f² g(r²)`: `alpha` given (a classifier's `∇ log p(y | f̂)`,
    /// ``GaussianProcessClassifier``) or `nil` for `(K + diag(noise))⁻¹ targets`, the targets standardised by
    /// `standardization`.
    init(
        inputs: [Double], categorical: [Bool], kernel: CovarianceKernel, lambda: [Double], signalVariance: Double,
        noise: [Double], alpha: [Double]?, targets: [Double], standardization: (mean: Double, scale: Double) = (0, 1)
    ) throws {
        dimension = categorical.count
        self.inputs = inputs
        self.categorical = categorical
        self.kernel = kernel
        self.lambda = lambda
        self.signalVariance = signalVariance
        let n = noise.count
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n {
            matrix.storage[i * n + i] = signalVariance + noise[i]
            for k in 0..<i {
                let value = signalVariance * kernel.value(squaredDistance: Self.squaredDistance(
                    inputs, i, inputs, k, dimension: dimension, lambda: lambda, categorical: categorical))
                matrix.storage[i * n + k] = value
                matrix.storage[k * n + i] = value
            }
        }
        cholesky = try Cholesky(matrix)
        standardizedTargets = targets
        self.alpha = alpha ?? cholesky.solve(targets)
        (mean, scale) = standardization
    }

    /// The number of observations.
    public var count: Int { alpha.count }

    /// The smallest standardised target (the incumbent for improvement-based acquisitions).
    public var bestStandardizedTarget: Double { standardizedTargets.min() ?? 0 }

    @inline(__always)
    static func squaredDistance(
        _ a: [Double], _ i: Int, _ b: [Double], _ k: Int, dimension d: Int, lambda: [Double], categorical: [Bool]
    ) -> Double {
        var r2 = 0.0
        for j in 0..<d {
            let delta = a[i * d + j] - b[k * d + j]
            r2 += lambda[j] * (categorical[j] ? (delta == 0 ? 0 : 1) : delta * delta)
        }
        return r2
    }

    /// Posterior means and variances (standardised units) of `points` (`m × dimension`, row-major).
    /// - Complexity: `O(m n d + m n²)`; the triangular solve is blocked over the `m` points.
    public func meanAndVariance(points: [Double]) -> (mean: [Double], variance: [Double]) {
        let m = points.count / dimension
        let n = count
        var crossCovariances = Matrix(rows: m, columns: n)
        var means = [Double](repeating: 0, count: m)
        for c in 0..<m {
            var sum = 0.0
            for i in 0..<n {
                let value = signalVariance * kernel.value(squaredDistance: Self.squaredDistance(
                    points, c, inputs, i, dimension: dimension, lambda: lambda, categorical: categorical))
                crossCovariances.storage[c * n + i] = value
                sum += value * alpha[i]
            }
            means[c] = sum
        }
        let v = cholesky.solveLower(eachRowOf: crossCovariances)
        var variances = [Double](repeating: 0, count: m)
        v.storage.withUnsafeBufferPointer { v in
            for c in 0..<m {
                var norm = 0.0
                for i in 0..<n { norm += v[c * n + i] * v[c * n + i] }
                variances[c] = max(signalVariance - norm, 0)
            }
        }
        return (means, variances)
    }

    /// The posterior mean and variance of one point, and their gradients with respect to the point (written into
    /// `meanGradient` and `varianceGradient`, `dimension` values each, zero for categorical dimensions).
    public func meanAndVariance(
        at x: UnsafeBufferPointer<Double>, meanGradient: inout [Double], varianceGradient: inout [Double]
    ) -> (mean: Double, variance: Double) {
        let n = count
        let d = dimension
        var k = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: n)
        var mean = 0.0
        for i in 0..<n {
            var r2 = 0.0
            for j in 0..<d {
                let delta = x[j] - inputs[i * d + j]
                r2 += lambda[j] * (categorical[j] ? (delta == 0 ? 0 : 1) : delta * delta)
            }
            let (g, slope) = kernel.valueAndDerivative(squaredDistance: r2)
            k[i] = signalVariance * g
            slopes[i] = signalVariance * slope
            mean += k[i] * alpha[i]
        }
        let v = cholesky.solveLower(k)
        var norm = 0.0
        for i in 0..<n { norm += v[i] * v[i] }
        let w = cholesky.solveLowerTransposed(v)
        for j in 0..<d {
            meanGradient[j] = 0
            varianceGradient[j] = 0
            guard !categorical[j] else { continue }
            var dm = 0.0
            var dv = 0.0
            for i in 0..<n {
                let dk = 2 * slopes[i] * lambda[j] * (x[j] - inputs[i * d + j])
                dm += alpha[i] * dk
                dv += w[i] * dk
            }
            meanGradient[j] = dm
            varianceGradient[j] = -2 * dv
        }
        return (mean, max(signalVariance - norm, 0))
    }
}
