import Foundation

/// A stationary covariance function of the scaled squared distance, `k(x, x') = σ_f² g(r²)` with
/// `r² = Σ_j λ_j δ_j(x, x')²`, `λ_j = 1 / ℓ_j²` (automatic relevance determination: one length-scale `ℓ_j` per
/// dimension).
///
/// `δ_j` is `x_j − x'_j` for a continuous dimension and, for a categorical one, 0 when both points take the same
/// choice and 1 otherwise (the Hamming distance, as in Optuna's GP sampler).
public enum CovarianceKernel: String, Sendable, Hashable, CaseIterable {
    /// Matérn with ν = 5/2: `g(r²) = (1 + √5 r + 5 r² / 3) exp(−√5 r)` (Rasmussen and Williams, *Gaussian
    /// Processes for Machine Learning*, 2006, Eq. 4.17). Twice differentiable, the usual choice for Bayesian
    /// optimization (Snoek, Larochelle and Adams, "Practical Bayesian optimization of machine learning
    /// algorithms", NeurIPS 2012).
    case matern52
    /// Squared exponential: `g(r²) = exp(−r² / 2)` (Rasmussen and Williams, Eq. 4.9).
    case rbf

    /// `g(r²)` and its derivative with respect to `r²`.
    ///
    /// For Matérn 5/2, `dg/d(r²) = −(5/6) (1 + √5 r) exp(−√5 r)`, finite at `r = 0` (differentiating with respect
    /// to `r` would give 0/0 there).
    @inlinable
    public func valueAndDerivative(squaredDistance r2: Double) -> (value: Double, derivative: Double) {
        switch self {
        case .matern52:
            let s = (5 * r2).squareRoot()  // √5 r
            let e = exp(-s)
            return ((1 + s + 5 * r2 / 3) * e, -(5.0 / 6.0) * (1 + s) * e)
        case .rbf:
            let e = exp(-0.5 * r2)
            return (e, -0.5 * e)
        }
    }

    /// `g(r²)` alone.
    @inlinable
    public func value(squaredDistance r2: Double) -> Double {
        switch self {
        case .matern52:
            let s = (5 * r2).squareRoot()
            return (1 + s + 5 * r2 / 3) * exp(-s)
        case .rbf:
            return exp(-0.5 * r2)
        }
    }
}
