import Foundation

/// The hyperparameters of a Gaussian process with an automatic-relevance-determination kernel, as the vector
/// `θ` that maximum a posteriori estimation moves:
///
/// ```
/// θ[j]     = log ℓ_j            j = 0 ..< d   (length-scales)
/// θ[d]     = log σ_f²                          (signal variance)
/// θ[d + 1] = log(σ_n² − floor)                 (noise variance above its floor)
/// ```
///
/// Working in logarithms keeps every parameter positive and makes the priors below Gaussian.
public struct GaussianProcessHyperparameters: Sendable, Hashable {
    public var vector: [Double]

    public init(vector: [Double]) {
        precondition(vector.count >= 2, "GaussianProcessHyperparameters: need at least d + 2 = 2 values")
        self.vector = vector
    }

    /// The number `d` of input dimensions.
    public var dimension: Int { vector.count - 2 }

    /// The length-scales `ℓ_j`.
    public var lengthScales: [Double] { vector[0..<dimension].map { exp($0) } }

    /// `σ_f²`.
    public var signalVariance: Double { exp(vector[dimension]) }

    /// `σ_n² = floor + exp(θ[d + 1])`.
    public func noiseVariance(floor: Double) -> Double { floor + exp(vector[dimension + 1]) }

    /// The box the estimation keeps `θ` in: length-scales in [1e-3, 1e3] (inputs live in the unit cube), the signal
    /// variance in [1e-3, 1e3] and the noise excess in [1e-12, 10] (outputs are standardised).
    public static func bounds(dimension: Int) -> (lower: [Double], upper: [Double]) {
        (
            [Double](repeating: log(1e-3), count: dimension) + [log(1e-3), log(1e-12)],
            [Double](repeating: log(1e3), count: dimension) + [log(1e3), log(10)]
        )
    }
}

/// The prior on each length-scale `ℓ_j`, written for `θ_j = log ℓ_j`.
public enum LengthScalePrior: Sendable, Hashable {
    /// `log p(θ_j) = −a (ℓ_j² + ℓ_j⁻²)`: in terms of the inverse squared length-scale `λ = ℓ⁻²` this is Optuna's
    /// `−(0.1/λ + 0.1 λ)` with `a = 0.1` (Optuna 4–5, `optuna/_gp/prior.py`, `default_log_prior`). Its mode is
    /// `ℓ = 1`, the width of the unit cube, and it grows steeply on both sides, so that no dimension can be
    /// declared irrelevant (`ℓ → ∞`) for good after a few points: such a "dead" dimension is never explored again.
    case symmetric(strength: Double)
    /// `θ_j ~ N(mean, deviation²)`.
    case logNormal(mean: Double, deviation: Double)

    /// `log p(θ_j)` up to a constant and its derivative.
    @inlinable
    func logDensity(_ theta: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .symmetric(let a):
            let (up, down) = (exp(2 * theta), exp(-2 * theta))
            return (-a * (up + down), -2 * a * (up - down))
        case .logNormal(let mean, let deviation):
            let z = (theta - mean) / deviation
            return (-0.5 * z * z, -z / deviation)
        }
    }

    /// The mode of `θ_j`.
    var mode: Double {
        switch self {
        case .symmetric: return 0
        case .logNormal(let mean, _): return mean
        }
    }

    /// The spread of restart draws: the deviation itself, or for ``symmetric(strength:)`` that of its Laplace
    /// approximation at the mode, `1 / √(8a)`.
    var spread: Double {
        switch self {
        case .symmetric(let a): return 1 / (8 * a).squareRoot()
        case .logNormal(_, let deviation): return deviation
        }
    }
}

/// Independent priors on the components of `θ`, so that the estimate is a maximum a posteriori one.
///
/// Two are provided:
/// - ``standard(dimension:)``, the default: the ``LengthScalePrior/symmetric(strength:)`` length-scale prior with
///   `a = 0.1`, `log σ_f² ~ N(0, 1.5²)` for standardised outputs and a wide `log(σ_n² − floor) ~ N(−12, 4²)`, which
///   lets the noise fall to its floor on deterministic objectives (where an accurate interpolant is what finds the
///   last digits of the optimum) while noisy ones still get their noise level from the likelihood;
/// - ``dimensionScaled(dimension:)``, after C. Hvarfner, E. O. Hellsten and L. Nardi, "Vanilla Bayesian
///   optimization performs great in high dimensions", ICML 2024: `log ℓ_j ~ N(√2 + log(d) / 2, 3)`, so that the
///   prior length-scale grows like `√d` and the model stays simple in many dimensions, with the noise prior
///   `N(−4, 1)` on the log noise variance that BoTorch pairs with it (here on `log(σ_n² − floor)`, which differs
///   from it only near the floor). On the low-dimensional standard problems at 100 evaluations it
///   leaves weakly relevant dimensions (Hartmann3's `x1`) at length-scales so long that they are never explored again,
///   which is why it is not the default.
public struct GaussianProcessPrior: Sendable, Hashable {
    public var lengthScale: LengthScalePrior
    public var signalMean: Double
    public var signalDeviation: Double
    public var noiseMean: Double
    public var noiseDeviation: Double

    public init(
        lengthScale: LengthScalePrior, signalMean: Double, signalDeviation: Double, noiseMean: Double,
        noiseDeviation: Double
    ) {
        self.lengthScale = lengthScale
        self.signalMean = signalMean
        self.signalDeviation = signalDeviation
        self.noiseMean = noiseMean
        self.noiseDeviation = noiseDeviation
    }

    /// The default prior; see the type's documentation.
    public static func standard(dimension: Int) -> GaussianProcessPrior {
        GaussianProcessPrior(
            lengthScale: .symmetric(strength: 0.1), signalMean: 0, signalDeviation: 1.5, noiseMean: -12,
            noiseDeviation: 4)
    }

    /// The dimension-scaled prior of Hvarfner et al. (2024); see the type's documentation.
    public static func dimensionScaled(dimension: Int) -> GaussianProcessPrior {
        GaussianProcessPrior(
            lengthScale: .logNormal(
                mean: 2.0.squareRoot() + 0.5 * log(Double(max(dimension, 1))), deviation: 3.0.squareRoot()),
            signalMean: 0, signalDeviation: 1.5, noiseMean: -4, noiseDeviation: 1)
    }

    /// The prior's mode as hyperparameters: a natural starting point for the estimation.
    public func mode(dimension: Int) -> GaussianProcessHyperparameters {
        GaussianProcessHyperparameters(
            vector: [Double](repeating: lengthScale.mode, count: dimension) + [signalMean, noiseMean])
    }

    /// A draw from the prior (from its Laplace approximation for the symmetric length-scale prior), clamped to the
    /// estimation's box, for restarts.
    public func sample(dimension: Int, using generator: inout some RandomNumberGenerator)
        -> GaussianProcessHyperparameters
    {
        let (lower, upper) = GaussianProcessHyperparameters.bounds(dimension: dimension)
        var vector = (0..<dimension).map { _ in lengthScale.mode + lengthScale.spread * generator.nextGaussian() }
        vector.append(signalMean + signalDeviation * generator.nextGaussian())
        vector.append(noiseMean + noiseDeviation * generator.nextGaussian())
        for i in vector.indices { vector[i] = min(max(vector[i], lower[i]), upper[i]) }
        return GaussianProcessHyperparameters(vector: vector)
    }

    /// `log p(θ)` up to a constant, adding its gradient to `gradient`.
    @inlinable
    public func addLogDensity(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>)
        -> Double
    {
        let d = theta.count - 2
        var value = 0.0
        for j in 0..<d {
            let (density, derivative) = lengthScale.logDensity(theta[j])
            value += density
            gradient[j] += derivative
        }
        func term(_ index: Int, _ mean: Double, _ deviation: Double) {
            let z = (theta[index] - mean) / deviation
            value -= 0.5 * z * z
            gradient[index] -= z / deviation
        }
        term(d, signalMean, signalDeviation)
        term(d + 1, noiseMean, noiseDeviation)
        return value
    }
}
