import Foundation

/// The likelihood `p(y | f)` of a binary label `y ∈ {−1, +1}` given the latent value `f` of a
/// ``GaussianProcessClassifier``, with the derivatives that the Laplace approximation needs (Rasmussen and Williams,
/// *Gaussian Processes for Machine Learning*, 2006, section 3.4 and Eq. 3.15–3.16).
public enum ClassificationLikelihood: String, Sendable, Hashable, CaseIterable {
    /// `p(y | f) = Φ(y f)`. With `z = y f` and the inverse Mills ratio `r = φ(z) / Φ(z)`:
    /// `∂ log p / ∂f = y r`, `W = −∂² log p / ∂f² = r² + z r`, and
    /// `∂³ log p / ∂f³ = y r ((z + r)(z + 2r) − 1)` (from `∂r/∂z = −r (z + r)`).
    /// Its predictive probability is exact under a Gaussian latent: `P(y = +1) = Φ(μ / √(1 + σ²))` (Eq. 3.80).
    case probit
    /// `p(y | f) = 1 / (1 + e^{−y f})`. With `π = 1 / (1 + e^{−f})` and `t = (y + 1) / 2`: `∂ log p / ∂f = t − π`,
    /// `W = π (1 − π)`, `∂³ log p / ∂f³ = −π (1 − π)(1 − 2π)` (Eq. 3.15). scikit-learn's
    /// `GaussianProcessClassifier` uses it, which is what the tests compare with.
    case logistic

    /// `log p(y | f)` and its first three derivatives with respect to `f`, the second as `W = −∂²`.
    @inlinable
    public func derivatives(label y: Double, latent f: Double)
        -> (logLikelihood: Double, gradient: Double, w: Double, third: Double)
    {
        switch self {
        case .probit:
            let z = y * f
            let r = StandardNormal.inverseMillsRatio(z)
            let w = r * (z + r)
            return (StandardNormal.logCDF(z), y * r, w, y * r * ((z + r) * (z + 2 * r) - 1))
        case .logistic:
            // log p = −log(1 + e^{−yf}), written without overflow on either side.
            let z = y * f
            let logLikelihood = z > 0 ? -log1p(exp(-z)) : z - log1p(exp(z))
            let pi = f >= 0 ? 1 / (1 + exp(-f)) : exp(f) / (1 + exp(f))
            let t = (y + 1) / 2
            let w = pi * (1 - pi)
            return (logLikelihood, t - pi, w, -w * (1 - 2 * pi))
        }
    }
}
