import Foundation

/// Binary Gaussian-process classification with the Laplace approximation, hyperparameters by maximum a posteriori.
///
/// Notation (Rasmussen and Williams, *Gaussian Processes for Machine Learning*, MIT Press 2006, chapters 3 and 5):
/// labels `y_i ∈ {−1, +1}`, a latent `f ~ GP(0, k)` with `K = σ_f² G` (``CovarianceKernel``, one length-scale per
/// dimension, no noise term), and the likelihood `p(y | f)` of ``ClassificationLikelihood``.
///
/// - **Mode** `f̂` of `Ψ(f) = log p(y | f) − ½ fᵀ K⁻¹ f` by Newton's method in the stable form of Algorithm 3.1:
///   `B = I + W^½ K W^½ = L Lᵀ`, `b = W f + ∇ log p`, `a = b − W^½ L⁻ᵀ L⁻¹ W^½ K b`, `f ← K a`, from `f = 0`, halving
///   (up to 30 times) a step that lowers `Ψ` or makes it NaN (both likelihoods are log-concave, so `Ψ` has one
///   maximum), until `Ψ` rises by less than 10⁻¹⁰ or no halving gives an ascent.
/// - **Approximate log marginal likelihood** `log q(y | θ) = −½ aᵀ f̂ + log p(y | f̂) − Σ_i log L_ii` (Eq. 3.32).
/// - **Its gradient** (Algorithm 5.1): with `R = W^½ B⁻¹ W^½`, `C = L⁻¹ W^½ K` and
///   `s₂ = ½ diag(K − Cᵀ C) ∘ ∇³ log p(y | f̂)`, for each hyperparameter `θ_p` with `C_p = ∂K/∂θ_p`:
///   `∂/∂θ_p = ½ aᵀ C_p a − ½ tr(R C_p) + s₂ᵀ (C_p ∇ log p − K R C_p ∇ log p)`; the last term follows the mode as
///   `θ` moves. `∂K_ik/∂ log ℓ_j = −2 σ_f² g'(r²_ik) λ_j δ_j(x_i, x_k)²` and `∂K/∂ log σ_f² = K`. The sign of `s₂` is
///   that of `∂(−½ log |B|)/∂f̂_i = −½ [(K⁻¹ + W)⁻¹]_ii ∂W_ii/∂f̂_i` with `∂W_ii/∂f̂_i = −∇³_i log p`: the book's
///   Eq. 5.23 and Algorithm 5.1 print `−½`, which finite differences contradict; scikit-learn's code has the sign
///   used here (it multiplies by `∂W/∂f` instead).
/// - **Prediction** (``predictor()``): the latent mean `f̄* = k*ᵀ ∇ log p(y | f̂)` and variance
///   `V = σ_f² − k*ᵀ (K + W⁻¹)⁻¹ k*` (Eq. 3.21 and 3.24), with their input gradients, by ``GaussianProcessPredictor``
///   with the per-point noise `1 / W_i` (`W_i` floored at 10⁻¹⁰: a point so far on its side of the boundary that its
///   `W` is smaller changes a variance by less than `σ_f⁴ 10⁻¹⁰`). For ``ClassificationLikelihood/probit``,
///   `P(y = +1 | x) = Φ(f̄* / √(1 + V))` exactly under the approximation (Eq. 3.80).
///
/// The hyperparameters `θ = (log ℓ_1, …, log ℓ_d, log σ_f²)` have the length-scale and signal priors of a
/// ``GaussianProcessPrior`` (its noise terms are unused) and are kept in the regressor's box
/// (``GaussianProcessHyperparameters/bounds(dimension:)`` without its noise entry).
///
/// scikit-learn's `GaussianProcessClassifier` implements the same Laplace approximation for the logistic likelihood
/// (Algorithms 3.1, 3.2 and 5.1); the tests compare `log q`, its gradient and the latent means and variances (at the
/// training points, where the mean is the mode, and at new ones) with it for that likelihood, and check the probit
/// likelihood's derivatives and gradient against finite differences.
public struct GaussianProcessClassifier: Sendable {
    public let dimension: Int
    public let categorical: [Bool]
    public let kernel: CovarianceKernel
    public let likelihood: ClassificationLikelihood
    public let prior: GaussianProcessPrior
    /// The labels, each −1 or +1, in the order appended.
    public private(set) var labels: [Double] = []
    /// `θ = (log ℓ_1, …, log ℓ_d, log σ_f²)`; the prior's mode until ``fit(starts:minimizer:)`` is called.
    public var hyperparameters: [Double]
    private var differences: PairwiseSquaredDifferences

    /// The smallest `W_i` of the predictor (see the type's documentation).
    static let curvatureFloor = 1e-10
    /// Newton's method stops when `Ψ` rises by less than this.
    static let modeTolerance = 1e-10
    static let maxNewtonIterations = 100

    public init(
        dimension: Int, categorical: [Bool]? = nil, kernel: CovarianceKernel = .matern52,
        likelihood: ClassificationLikelihood = .probit, prior: GaussianProcessPrior? = nil
    ) {
        precondition(dimension >= 1, "GaussianProcessClassifier: dimension must be at least 1")
        self.dimension = dimension
        self.categorical = categorical ?? [Bool](repeating: false, count: dimension)
        precondition(self.categorical.count == dimension, "GaussianProcessClassifier: one flag per dimension")
        self.kernel = kernel
        self.likelihood = likelihood
        self.prior = prior ?? .standard(dimension: dimension)
        hyperparameters = Array(self.prior.mode(dimension: dimension).vector.prefix(dimension + 1))
        differences = PairwiseSquaredDifferences(dimension: dimension, categorical: self.categorical)
    }

    /// The number of labelled points.
    public var count: Int { labels.count }

    /// The inputs, `count × dimension`, row-major.
    public var inputs: [Double] { differences.inputs }

    /// Adds a point (`dimension` model coordinates) and whether it belongs to the class `+1`.
    public mutating func append(_ x: [Double], positive: Bool) {
        precondition(x.count == dimension, "GaussianProcessClassifier: bad point")
        differences.append(x)
        labels.append(positive ? 1 : -1)
    }

    /// The box `θ` is kept in.
    public var bounds: (lower: [Double], upper: [Double]) {
        let (lower, upper) = GaussianProcessHyperparameters.bounds(dimension: dimension)
        return (Array(lower.prefix(dimension + 1)), Array(upper.prefix(dimension + 1)))
    }

    // MARK: - Kernel

    /// `K` under `theta`, with `g'(r²)` of every pair (pair order) when `slopes` is wanted.
    private func kernelMatrix(_ theta: UnsafeBufferPointer<Double>, slopes: inout [Double]?) -> Matrix {
        let n = count
        let d = dimension
        let signal = exp(theta[d])
        let lambda = (0..<d).map { exp(-2 * theta[$0]) }
        let r2 = differences.squaredDistances(lambda)
        var matrix = Matrix(rows: n, columns: n)
        if slopes != nil { slopes = [Double](repeating: 0, count: r2.count) }
        var pair = 0
        for i in 0..<n {
            matrix.storage[i * n + i] = signal
            for k in 0..<i {
                let (g, slope) = kernel.valueAndDerivative(squaredDistance: r2[pair])
                matrix.storage[i * n + k] = signal * g
                matrix.storage[k * n + i] = signal * g
                if slopes != nil { slopes![pair] = slope }
                pair += 1
            }
        }
        return matrix
    }

    // MARK: - Laplace approximation

    /// The Laplace approximation at its mode under one kernel matrix.
    struct Mode {
        /// `f̂`.
        var latent: [Double]
        /// `a` with `f̂ = K a`.
        var a: [Double]
        /// `∇ log p(y | f̂)`, `W` and `∇³ log p(y | f̂)`.
        var gradient: [Double]
        var w: [Double]
        var third: [Double]
        /// `L` of `B = I + W^½ K W^½`.
        var factor: Cholesky
        /// `log q(y | θ)`.
        var logMarginal: Double
    }

    /// The mode of `Ψ` for kernel matrix `k` (Algorithm 3.1); `nil` when `B` cannot be factored.
    func mode(_ k: Matrix) -> Mode? {
        let n = count
        var f = [Double](repeating: 0, count: n)
        var a = f
        var previous = -Double.infinity
        var state: (gradient: [Double], w: [Double], third: [Double], logLikelihood: Double)
        func evaluate(_ f: [Double]) -> (gradient: [Double], w: [Double], third: [Double], logLikelihood: Double) {
            var gradient = f
            var w = f
            var third = f
            var total = 0.0
            for i in 0..<n {
                let value = likelihood.derivatives(label: labels[i], latent: f[i])
                total += value.logLikelihood
                gradient[i] = value.gradient
                w[i] = value.w
                third[i] = value.third
            }
            return (gradient, w, third, total)
        }
        func psi(_ a: [Double], _ f: [Double], _ logLikelihood: Double) -> Double {
            var quadratic = 0.0
            for i in 0..<n { quadratic += a[i] * f[i] }
            return -0.5 * quadratic + logLikelihood
        }
        state = evaluate(f)
        // Ψ(0) = log p(y | 0): the first step, too, must not lower Ψ.
        previous = state.logLikelihood
        for _ in 0..<Self.maxNewtonIterations {
            let sqrtW = state.w.map { $0.squareRoot() }
            guard let factor = Self.factorB(k, sqrtW: sqrtW) else { return nil }
            var b = [Double](repeating: 0, count: n)
            for i in 0..<n { b[i] = state.w[i] * f[i] + state.gradient[i] }
            var kb = k * b
            for i in 0..<n { kb[i] *= sqrtW[i] }
            let correction = factor.solve(kb)
            var newA = b
            for i in 0..<n { newA[i] -= sqrtW[i] * correction[i] }
            var newF = k * newA
            var newState = evaluate(newF)
            var value = psi(newA, newF, newState.logLikelihood)
            // Step halving: Ψ is concave in f, so a step that lowers it overshot.
            var halvings = 0
            while !(value >= previous), halvings < 30 {
                for i in 0..<n { newA[i] = 0.5 * (newA[i] + a[i]) }
                newF = k * newA
                newState = evaluate(newF)
                value = psi(newA, newF, newState.logLikelihood)
                halvings += 1
            }
            // A step that no halving made an ascent (or kept finite): f is the mode to rounding.
            if !(value >= previous) { break }
            let converged = value - previous < Self.modeTolerance
            (a, f, state, previous) = (newA, newF, newState, value)
            if converged { break }
        }
        let sqrtW = state.w.map { $0.squareRoot() }
        guard let factor = Self.factorB(k, sqrtW: sqrtW) else { return nil }
        return Mode(
            latent: f, a: a, gradient: state.gradient, w: state.w, third: state.third, factor: factor,
            logMarginal: psi(a, f, state.logLikelihood) - 0.5 * factor.logDeterminant)
    }

    /// The Cholesky factor of `B = I + W^½ K W^½`, whose eigenvalues are at least 1.
    private static func factorB(_ k: Matrix, sqrtW: [Double]) -> Cholesky? {
        let n = k.rows
        var b = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { b.storage[i * n + j] = sqrtW[i] * k.storage[i * n + j] * sqrtW[j] }
            b.storage[i * n + i] += 1
        }
        return try? Cholesky(b)
    }

    /// `log q(y | θ)` (Eq. 3.32), writing its gradient with respect to `θ` into `gradient` (``count`` ≥ 1); NaN when
    /// `B` cannot be factored.
    public func logMarginalLikelihood(
        _ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let n = count
        let d = dimension
        var slopes: [Double]? = []
        let k = kernelMatrix(theta, slopes: &slopes)
        guard let mode = mode(k) else { return .nan }
        let sqrtW = mode.w.map { $0.squareRoot() }
        // R = W^½ B⁻¹ W^½: the Gram matrix of the rows L⁻¹ (W^½ e_i).
        var scaledIdentity = Matrix(rows: n, columns: n)
        for i in 0..<n { scaledIdentity.storage[i * n + i] = sqrtW[i] }
        let x = mode.factor.solveLower(eachRowOf: scaledIdentity)
        let r = x.multiplied(byTransposeOf: x)
        // diag(Cᵀ C) with C = L⁻¹ W^½ K: the squared norms of the rows L⁻¹ (W^½ ∘ K e_k).
        var scaledK = k
        for row in 0..<n {
            for i in 0..<n { scaledK.storage[row * n + i] *= sqrtW[i] }
        }
        let c = mode.factor.solveLower(eachRowOf: scaledK)
        var s2 = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var norm = 0.0
            for p in 0..<n { norm += c.storage[i * n + p] * c.storage[i * n + p] }
            s2[i] = 0.5 * (k.storage[i * n + i] - norm) * mode.third[i]
        }
        /// The gradient term of one derivative matrix `dK`.
        func term(_ dK: Matrix) -> Double {
            let dKa = dK * mode.a
            var explicit = 0.0
            var trace = 0.0
            for i in 0..<n {
                explicit += mode.a[i] * dKa[i]
                for p in 0..<n { trace += r.storage[i * n + p] * dK.storage[i * n + p] }
            }
            let b = dK * mode.gradient
            let kRb = k * (r * b)
            var implicit = 0.0
            for i in 0..<n { implicit += s2[i] * (b[i] - kRb[i]) }
            return 0.5 * explicit - 0.5 * trace + implicit
        }
        let signal = exp(theta[d])
        for j in 0..<d {
            let lambda = exp(-2 * theta[j])
            let values = differences.values[j]
            var dK = Matrix(rows: n, columns: n)
            var pair = 0
            for i in 0..<n {
                for p in 0..<i {
                    let value = -2 * signal * slopes![pair] * lambda * values[pair]
                    dK.storage[i * n + p] = value
                    dK.storage[p * n + i] = value
                    pair += 1
                }
            }
            gradient[j] = term(dK)
        }
        gradient[d] = term(k)
        return mode.logMarginal
    }

    /// The negative log posterior `−log q(y | θ) − log p(θ)` (up to a constant), writing its gradient into `gradient`.
    public func negativeLogPosterior(
        _ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let d = dimension
        var value = logMarginalLikelihood(theta, gradient: gradient)
        guard value.isFinite else { return .nan }
        for j in 0..<d {
            let (density, derivative) = prior.lengthScale.logDensity(theta[j])
            value += density
            gradient[j] += derivative
        }
        let z = (theta[d] - prior.signalMean) / prior.signalDeviation
        value -= 0.5 * z * z
        gradient[d] -= z / prior.signalDeviation
        for p in 0...d { gradient[p] = -gradient[p] }
        return -value
    }

    // MARK: - Estimation and prediction

    /// Estimates the hyperparameters by maximum a posteriori from each of `starts` (`θ` vectors) and keeps the best;
    /// keeps the current ones if every start fails.
    /// - Returns: the best negative log posterior found.
    @discardableResult
    public mutating func fit(starts: [[Double]], minimizer: BoundedMinimizer) -> Double {
        guard count >= 1 else { return .nan }
        let (lower, upper) = bounds
        var best: (value: Double, theta: [Double])?
        for start in starts {
            let result = minimizer.minimize(start: start, lower: lower, upper: upper) { theta, gradient in
                negativeLogPosterior(theta, gradient: gradient)
            }
            if result.value.isFinite, result.value < best?.value ?? .infinity { best = (result.value, result.x) }
        }
        if let best { hyperparameters = best.theta }
        return best?.value ?? .nan
    }

    /// The latent posterior under the current hyperparameters (see the type's documentation), or `nil` when `B` or
    /// `K + W⁻¹` cannot be factored.
    public func predictor() -> GaussianProcessPredictor? {
        let theta = hyperparameters
        var slopes: [Double]? = nil
        let k = theta.withUnsafeBufferPointer { kernelMatrix($0, slopes: &slopes) }
        guard count >= 1, let mode = mode(k) else { return nil }
        return try? GaussianProcessPredictor(
            inputs: inputs, categorical: categorical, kernel: kernel,
            lambda: (0..<dimension).map { exp(-2 * theta[$0]) }, signalVariance: exp(theta[dimension]),
            noise: mode.w.map { 1 / max($0, Self.curvatureFloor) }, alpha: mode.gradient, targets: labels)
    }

    /// The mode `f̂` under the current hyperparameters (for tests and diagnostics).
    public func latentMode() -> [Double]? {
        var slopes: [Double]? = nil
        return hyperparameters.withUnsafeBufferPointer { mode(kernelMatrix($0, slopes: &slopes))?.latent }
    }
}
