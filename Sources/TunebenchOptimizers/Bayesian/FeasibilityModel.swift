import TunebenchCore
import TunebenchNumerics

/// A Gaussian-process regression of one constraint `c(x) <= 0` for ``GaussianProcessOptimizer``, from which the
/// probability of feasibility is `PoF(x) = P(c(x) <= 0) = Φ((t − μ(x)) / σ(x))`, `μ` and `σ` the posterior in
/// standardised units and `t = (0 − m) / s` the threshold 0 in those units (`m`, `s` the standardisation of the
/// targets). Two kinds of constraint are modelled:
///
/// - **Failures.** The outcome of every suggestion told, `c = +1` for a failed evaluation and `c = −1` for a finite
///   one. Regressing ±1 labels is least-squares classification (Rasmussen and Williams, *Gaussian Processes for
///   Machine Learning*, MIT Press 2006, section 6.5): a GP classifier's posterior without its likelihood's
///   approximation. This model exists once a failure has been told (so runs without failures keep every draw and
///   every bit); it then holds every suggestion told since the start.
/// - **Black-box constraints** of a constrained problem: one model per constraint, of the values `c_i(x)` of every
///   successful evaluation, as Optuna's GPSampler models each constraint (optuna 5.0.0, `optuna/_gp/acqf.py`,
///   `LogCEI`, and `samplers/_gp/sampler.py`).
///
/// The probabilities weigh the acquisition as Gardner et al.'s constrained expected improvement does,
/// `EI(x) · Π_i PoF_i(x)`, the constraints taken as independent (J. R. Gardner, M. J. Kusner, Z. Xu, K. Q. Weinberger
/// and J. P. Cunningham, "Bayesian optimization with inequality constraints", ICML 2014); Optuna scores
/// `log EI + Σ_i log PoF_i` alike. Each model's hyperparameters are re-estimated by maximum a posteriori on each model
/// suggestion, as the objective's are (``SurrogateThread``).
struct FeasibilityModel: Sendable {
    private var thread: SurrogateThread

    init(dimension: Int, categorical: [Bool], settings: GaussianProcessOptimizer.Settings) {
        thread = SurrogateThread(dimension: dimension, categorical: categorical, settings: settings)
    }

    /// A failure model of `points` (rows of `dimension` model coordinates) and whether each failed.
    init(
        points: [[Double]], failed: [Bool], dimension: Int, categorical: [Bool],
        settings: GaussianProcessOptimizer.Settings
    ) {
        self.init(dimension: dimension, categorical: categorical, settings: settings)
        for (point, failure) in zip(points, failed) { append(point, failed: failure) }
    }

    /// Adds one told suggestion to a failure model.
    mutating func append(_ point: [Double], failed: Bool) {
        thread.append(point, failed ? 1 : -1)
    }

    /// Adds one constraint value to a constraint model.
    mutating func append(_ point: [Double], constraint: Double) {
        thread.append(point, constraint)
    }

    /// The points the model holds.
    var count: Int { thread.model.count }

    /// Re-estimates the hyperparameters and returns the posterior, or `nil` when the model has fewer than two points
    /// or its kernel matrix cannot be factored.
    mutating func fittedPredictor(using generator: inout Xoshiro256StarStar) -> GaussianProcessPredictor? {
        guard count >= 2 else { return nil }
        thread.fit(using: &generator)
        return try? thread.model.predictor()
    }
}

/// The probability of feasibility `Π_i PoF_i(x)` of fitted ``FeasibilityModel``s (the failure model, the constraint
/// models), in logarithms, with its gradient.
struct FeasibilityPredictor: Sendable {
    let predictors: [GaussianProcessPredictor]

    /// The threshold `c = 0` in a predictor's standardised units.
    private static func threshold(_ predictor: GaussianProcessPredictor) -> Double {
        (0 - predictor.mean) / predictor.scale
    }

    /// `log Π_i PoF_i` of each row of `points` (`m × dimension`).
    func logProbabilities(points: [Double]) -> [Double] {
        var total: [Double]?
        for predictor in predictors {
            let (means, variances) = predictor.meanAndVariance(points: points)
            let t = Self.threshold(predictor)
            let logs = zip(means, variances).map {
                GaussianAcquisition.logPI(mean: $0, sd: $1.squareRoot(), best: t)
            }
            total = total.map { zip($0, logs).map { $0 + $1 } } ?? logs
        }
        return total ?? []
    }

    /// `log Π_i PoF_i(x)`, with its gradient with respect to `x` written into `gradient` (`dimension` values; the
    /// other two arrays are scratch space of the same size).
    func logProbability(
        at x: UnsafeBufferPointer<Double>, gradient: inout [Double], meanGradient: inout [Double],
        varianceGradient: inout [Double]
    ) -> Double {
        for j in 0..<x.count { gradient[j] = 0 }
        var total = 0.0
        for predictor in predictors {
            let (mean, variance) = predictor.meanAndVariance(
                at: x, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
            let sd = variance.squareRoot()
            let value = GaussianAcquisition.logPIWithDerivatives(mean: mean, sd: sd, best: Self.threshold(predictor))
            for j in 0..<x.count {
                let dSD = sd > 0 ? varianceGradient[j] / (2 * sd) : 0
                gradient[j] += value.dMean * meanGradient[j] + value.dSD * dSD
            }
            total += value.value
        }
        return total
    }
}
