import Foundation

/// Gaussian-process regression on the unit cube, with hyperparameters by maximum a posteriori estimation.
///
/// Notation (Rasmussen and Williams, *Gaussian Processes for Machine Learning*, 2006, chapters 2 and 5):
/// - `X`: the `n` inputs, `n × d`, row-major; `y`: the targets, standardised to `ỹ = (y − ȳ) / s` (a constant mean
///   equal to the sample mean, and unit scale, so that one prior suits every problem);
/// - `K = σ_f² G + σ_n² I`, `G_ik = g(r²_ik)` with the kernel of ``CovarianceKernel``;
/// - the log marginal likelihood `log p(ỹ | θ) = −½ ỹᵀ K⁻¹ ỹ − ½ log |K| − (n/2) log 2π` (Eq. 5.8) and its
///   gradient `∂/∂θ_p = ½ tr((α αᵀ − K⁻¹) ∂K/∂θ_p)` with `α = K⁻¹ ỹ` (Eq. 5.9);
/// - `∂K_ik/∂ log ℓ_j = −2 σ_f² g'(r²_ik) λ_j δ_j(x_i, x_k)²`, `∂K/∂ log σ_f² = σ_f² G`,
///   `∂K/∂θ_noise = exp(θ_noise) I`.
///
/// The per-dimension squared differences `δ_j(x_i, x_k)²` of every pair are kept (``PairwiseSquaredDifferences``),
/// so that each evaluation of the objective costs the kernel matrix
/// (`n² d / 2`), one Cholesky factorisation and inverse (`2 n³ / 3`) and the gradient (`n² d / 2`).
///
/// Not thread-safe; one instance per optimizer.
public struct GaussianProcessRegressor: Sendable {
    public let dimension: Int
    /// Which input dimensions are categorical (Hamming distance).
    public let categorical: [Bool]
    public let kernel: CovarianceKernel
    /// The smallest noise variance, in standardised units.
    public let noiseFloor: Double
    public let prior: GaussianProcessPrior
    /// The inputs, `count × dimension`, row-major.
    public var inputs: [Double] { differences.inputs }
    /// The targets as given (not standardised).
    public private(set) var targets: [Double] = []
    /// The current hyperparameters (the prior's mode until ``fit(starts:minimizer:)`` is called).
    public var hyperparameters: GaussianProcessHyperparameters
    /// The inputs and the squared differences of every pair.
    private var differences: PairwiseSquaredDifferences

    public init(
        dimension: Int, categorical: [Bool]? = nil, kernel: CovarianceKernel = .matern52, noiseFloor: Double = 1e-8,
        prior: GaussianProcessPrior? = nil
    ) {
        precondition(dimension >= 1, "GaussianProcessRegressor: dimension must be at least 1")
        self.dimension = dimension
        self.categorical = categorical ?? [Bool](repeating: false, count: dimension)
        precondition(self.categorical.count == dimension, "GaussianProcessRegressor: one flag per dimension")
        self.kernel = kernel
        self.noiseFloor = noiseFloor
        self.prior = prior ?? .standard(dimension: dimension)
        self.hyperparameters = self.prior.mode(dimension: dimension)
        self.differences = PairwiseSquaredDifferences(dimension: dimension, categorical: self.categorical)
    }

    /// The number of observations.
    public var count: Int { targets.count }

    /// Adds an observation: `x` in the model's coordinates (`dimension` values), `y` finite.
    public mutating func append(_ x: [Double], _ y: Double) {
        precondition(x.count == dimension && y.isFinite, "GaussianProcessRegressor: bad observation")
        differences.append(x)
        targets.append(y)
    }

    /// Replaces the target of observation `index` (an imputed value that follows the others, for example); the
    /// inputs' cached differences do not depend on targets.
    public mutating func setTarget(_ index: Int, _ y: Double) {
        precondition(targets.indices.contains(index) && y.isFinite, "GaussianProcessRegressor: bad target")
        targets[index] = y
    }

    /// The sample mean and the scale (sample standard deviation, 1 when the targets are constant) used to standardise.
    public var standardization: (mean: Double, scale: Double) {
        guard !targets.isEmpty else { return (0, 1) }
        let mean = targets.reduce(0, +) / Double(count)
        let variance = targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        let scale = variance.squareRoot()
        return (mean, scale > 1e-12 * max(1, abs(mean)) ? scale : 1)
    }

    /// The standardised targets.
    public var standardizedTargets: [Double] {
        let (mean, scale) = standardization
        return targets.map { ($0 - mean) / scale }
    }

    // MARK: - Objective

    /// The negative log posterior `−log p(ỹ | θ) − log p(θ)` (up to a constant), writing its gradient with respect
    /// to `θ` into `gradient` (which holds zeros on entry); NaN when `K` cannot be factored.
    public func negativeLogPosterior(
        _ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>,
        standardized y: [Double]
    ) -> Double {
        let n = count
        let d = dimension
        let signal = exp(theta[d])
        let noiseExcess = exp(theta[d + 1])
        let noise = noiseFloor + noiseExcess
        var lambda = [Double](repeating: 0, count: d)
        for j in 0..<d { lambda[j] = exp(-2 * theta[j]) }
        // The kernel matrix, both triangles, and g'(r²) of every pair.
        var matrix = Matrix(rows: n, columns: n)
        var slopes = [Double](repeating: 0, count: n * (n - 1) / 2)
        squaredPairDistances(lambda) { pair, i, k, r2 in
            let (g, slope) = kernel.valueAndDerivative(squaredDistance: r2)
            matrix.storage[i * n + k] = signal * g
            matrix.storage[k * n + i] = signal * g
            slopes[pair] = slope
        }
        for i in 0..<n { matrix.storage[i * n + i] = signal + noise }
        guard let cholesky = try? Cholesky(matrix) else { return .nan }
        let alpha = cholesky.solve(y)
        var quadratic = 0.0
        for i in 0..<n { quadratic += alpha[i] * y[i] }
        let logLikelihood = -0.5 * quadratic - 0.5 * cholesky.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        // W = α αᵀ − K⁻¹, used in place in the inverse's storage.
        var w = cholesky.inverse()
        var signalGradient = 0.0
        var traceW = 0.0
        w.storage.withUnsafeMutableBufferPointer { w in
            for i in 0..<n {
                let wii = alpha[i] * alpha[i] - w[i * n + i]
                traceW += wii
                signalGradient += wii * signal
            }
            for i in 0..<n {
                for k in 0..<i {
                    let wik = alpha[i] * alpha[k] - w[i * n + k]
                    w[i * n + k] = wik
                    signalGradient += 2 * wik * matrix.storage[i * n + k]
                }
            }
        }
        // Length-scales: ∂L/∂ log ℓ_j = ½ Σ_{i,k} W_ik ∂K_ik = −2 σ_f² λ_j Σ_{i>k} W_ik g'_ik δ²_ikj.
        var weights = [Double](repeating: 0, count: slopes.count)
        var pair = 0
        for i in 1..<max(n, 1) {
            for k in 0..<i {
                weights[pair] = w.storage[i * n + k] * slopes[pair]
                pair += 1
            }
        }
        for j in 0..<d { gradient[j] = -2 * signal * lambda[j] * differences.weightedSum(weights, dimension: j) }
        gradient[d] = 0.5 * signalGradient
        gradient[d + 1] = 0.5 * noiseExcess * traceW
        // Add the prior's term and gradient, then turn the log posterior into the quantity to minimize.
        let logPrior = prior.addLogDensity(theta, gradient: gradient)
        for p in 0..<(d + 2) { gradient[p] = -gradient[p] }
        return -(logLikelihood + logPrior)
    }

    /// Calls `body(pair, i, k, r²)` for every pair `k < i` with `r² = Σ_j λ_j δ²_ikj`.
    @inline(__always)
    private func squaredPairDistances(_ lambda: [Double], _ body: (Int, Int, Int, Double) -> Void) {
        let n = count
        let r2 = differences.squaredDistances(lambda)
        var pair = 0
        for i in 1..<max(n, 1) {
            for k in 0..<i {
                body(pair, i, k, r2[pair])
                pair += 1
            }
        }
    }

    // MARK: - Estimation

    /// Estimates the hyperparameters by maximum a posteriori from each of `starts` with `minimizer` (bounded
    /// L-BFGS-B on the box of ``GaussianProcessHyperparameters/bounds(dimension:)``) and keeps the best; keeps the
    /// current ones if every start fails.
    /// - Returns: the best negative log posterior found.
    @discardableResult
    public mutating func fit(starts: [GaussianProcessHyperparameters], minimizer: BoundedMinimizer) -> Double {
        guard count >= 1 else { return .nan }
        let y = standardizedTargets
        let (lower, upper) = GaussianProcessHyperparameters.bounds(dimension: dimension)
        var best: (value: Double, theta: [Double])?
        for start in starts {
            let result = minimizer.minimize(start: start.vector, lower: lower, upper: upper) { theta, gradient in
                negativeLogPosterior(theta, gradient: gradient, standardized: y)
            }
            if result.value.isFinite, result.value < best?.value ?? .infinity {
                best = (result.value, result.x)
            }
        }
        if let best { hyperparameters = GaussianProcessHyperparameters(vector: best.theta) }
        return best?.value ?? .nan
    }

    /// The posterior under the current hyperparameters.
    /// - Throws: `NumericsError` when the kernel matrix cannot be factored even with jitter.
    public func predictor() throws -> GaussianProcessPredictor {
        try GaussianProcessPredictor(self)
    }

    /// The posterior under the current hyperparameters with the targets standardised by a given `(mean, scale)`
    /// rather than by their own (``standardization``): the standardisation the hyperparameters were fitted under,
    /// when observations were appended since (the Kriging believer's pending points), so that appending a point at
    /// its posterior mean leaves the posterior elsewhere as it was fitted.
    /// - Throws: `NumericsError` when the kernel matrix cannot be factored even with jitter.
    public func predictor(standardization: (mean: Double, scale: Double)) throws -> GaussianProcessPredictor {
        try GaussianProcessPredictor(self, standardization: standardization)
    }
}
