extension GaussianProcessPredictor {
    /// Posterior means (standardised units) at `points` (`m × dimension`, row-major), without the variances.
    ///
    /// `μ(x) = k*ᵀ α` with `k*_i = σ_f² g(r²(x, X_i))` and `α = K⁻¹ ỹ` (Rasmussen and Williams 2006, Algorithm 2.1).
    /// - Complexity: `O(m n d)`: no triangular solve, unlike ``meanAndVariance(points:)``.
    public func means(points: [Double]) -> [Double] {
        let m = points.count / dimension
        return (0..<m).map { c in
            var sum = 0.0
            for i in 0..<count {
                sum += signalVariance * kernel.value(squaredDistance: Self.squaredDistance(
                    points, c, inputs, i, dimension: dimension, lambda: lambda, categorical: categorical))
                    * alpha[i]
            }
            return sum
        }
    }

    /// The observation whose input has the lowest posterior mean, the earliest on ties; `nil` without observations.
    ///
    /// The incumbent of a noisy objective: the posterior mean at an evaluated point, `μ(X_i) = ỹ_i − σ_n² α_i` in exact
    /// arithmetic, shrinks each observation towards what its neighbours say, so that a lucky draw of the noise does not
    /// make the incumbent. Ax recommends this way on BoTorch models: the best point of a run is the in-sample point of
    /// best posterior mean (`best_in_sample_point` in `ax/models/model_utils.py`, its first method, which
    /// `get_best_parameters_from_model_predictions` uses); with little noise it is the best observation. Computed from
    /// ``means(points:)`` at the inputs rather than from `ỹ − σ_n² α`, which the jitter that a difficult factorisation
    /// adds would bias.
    /// - Complexity: `O(n² d)`.
    public var lowestMeanObservation: Int? { lowestMeanObservation(excluding: []) }

    /// ``lowestMeanObservation`` among the observations not in `excluded` (imputed values, for one); `nil` when none
    /// is left.
    public func lowestMeanObservation(excluding excluded: Set<Int>) -> Int? {
        let values = means(points: inputs)
        var best: Int?
        for i in values.indices where !excluded.contains(i) && (best == nil || values[i] < values[best!]) { best = i }
        return best
    }
}
