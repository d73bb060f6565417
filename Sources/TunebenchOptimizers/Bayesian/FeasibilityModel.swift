import TunebenchCore
import TunebenchNumerics

/// Where ``GaussianProcessOptimizer``'s evaluations fail: a Gaussian-process regression of the outcome of every
/// suggestion told, `c = +1` for a failed evaluation and `c = −1` for a finite one, from which the probability of
/// feasibility is `PoF(x) = P(c(x) ≤ 0) = Φ((t − μ(x)) / σ(x))`, `μ` and `σ` the posterior in standardised units and
/// `t = (0 − m) / s` the threshold 0 in those units (`m`, `s` the standardisation of the labels).
///
/// Regressing ±1 labels is least-squares classification (Rasmussen and Williams, *Gaussian Processes for Machine
/// Learning*, MIT Press 2006, section 6.5): a GP classifier's posterior without its likelihood's approximation. The
/// probability of feasibility weighs the acquisition as Gardner et al.'s constrained expected improvement does,
/// `EI(x) · PoF(x)` (J. R. Gardner, M. J. Kusner, Z. Xu, K. Q. Weinberger and J. P. Cunningham, "Bayesian
/// optimization with inequality constraints", ICML 2014), with the failure as the constraint `c ≤ 0`; Optuna's
/// GPSampler scores constraints alike, `log EI + Σ log PoF` (optuna 5.0.0, `optuna/_gp/acqf.py`, `LogCEI`), but
/// leaves failed trials out, as Tunebench's `gp` did before this model.
///
/// The model exists once a failure has been told (so runs without failures keep every draw and every bit); it then
/// holds every suggestion told since the start, and its hyperparameters are re-estimated by maximum a posteriori on
/// each model suggestion, as the objective's are (``SurrogateThread``).
struct FeasibilityModel: Sendable {
    private var thread: SurrogateThread

    /// A model of `points` (rows of `dimension` model coordinates) and whether each failed.
    init(
        points: [[Double]], failed: [Bool], dimension: Int, categorical: [Bool],
        settings: GaussianProcessOptimizer.Settings
    ) {
        thread = SurrogateThread(dimension: dimension, categorical: categorical, settings: settings)
        for (point, failure) in zip(points, failed) { append(point, failed: failure) }
    }

    /// Adds one told suggestion.
    mutating func append(_ point: [Double], failed: Bool) {
        thread.append(point, failed ? 1 : -1)
    }

    /// Re-estimates the hyperparameters and returns the posterior, or `nil` when its kernel matrix cannot be factored.
    mutating func fittedPredictor(using generator: inout Xoshiro256StarStar) -> FeasibilityPredictor? {
        thread.fit(using: &generator)
        guard let predictor = try? thread.model.predictor() else { return nil }
        return FeasibilityPredictor(predictor: predictor)
    }
}

/// The probability of feasibility of a fitted ``FeasibilityModel``, in logarithms, with its gradient.
struct FeasibilityPredictor: Sendable {
    let predictor: GaussianProcessPredictor

    /// The threshold `c = 0` in the predictor's standardised units.
    var threshold: Double { (0 - predictor.mean) / predictor.scale }

    /// `log PoF` of each row of `points` (`m × dimension`).
    func logProbabilities(points: [Double]) -> [Double] {
        let (means, variances) = predictor.meanAndVariance(points: points)
        let t = threshold
        return zip(means, variances).map { GaussianAcquisition.logPI(mean: $0, sd: $1.squareRoot(), best: t) }
    }

    /// `log PoF(x)`, with its gradient with respect to `x` written into `gradient` (`dimension` values; the other two
    /// arrays are scratch space of the same size).
    func logProbability(
        at x: UnsafeBufferPointer<Double>, gradient: inout [Double], meanGradient: inout [Double],
        varianceGradient: inout [Double]
    ) -> Double {
        let (mean, variance) = predictor.meanAndVariance(
            at: x, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
        let sd = variance.squareRoot()
        let value = GaussianAcquisition.logPIWithDerivatives(mean: mean, sd: sd, best: threshold)
        for j in 0..<x.count {
            let dSD = sd > 0 ? varianceGradient[j] / (2 * sd) : 0
            gradient[j] = value.dMean * meanGradient[j] + value.dSD * dSD
        }
        return value.value
    }
}
