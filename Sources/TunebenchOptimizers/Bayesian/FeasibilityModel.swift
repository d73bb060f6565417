import TunebenchCore
import TunebenchNumerics

/// A Gaussian-process model of one constraint `c(x) <= 0` for ``GaussianProcessOptimizer``, giving the probability
/// of feasibility `PoF(x)`. Two kinds of constraint are modelled:
///
/// - **Failures.** The outcome of every suggestion told, from the first failure on (so runs without failures keep
///   every draw and every bit), by one or both of two models (option `failure-model`):
///   - `least-squares`: a regression of the labels `c = +1` (failed) and `c = −1` (finite), least-squares
///     classification (Rasmussen and Williams, *Gaussian Processes for Machine Learning*, MIT Press 2006, section
///     6.5), `PoF(x) = Φ((t − μ(x)) / σ(x))` with `t` the threshold 0 in the regression's standardised units. It
///     interpolates its labels, so a failure's neighbourhood gets a probability near 0, but, fitted to a step between
///     ±1 labels, it learns short length-scales and within a tenth of the box its probabilities return to the
///     prior's, near 1 while failures are few;
///   - `classifier`: a ``GaussianProcessClassifier`` with the probit likelihood and the Laplace approximation,
///     failures the positive class, `PoF(x) = Φ(−f̄(x) / √(1 + V(x)))` (Rasmussen and Williams, Eq. 3.80), as
///     Gelbart, Snoek and Adams model a constraint observed only as met or not with a GP classifier (M. A. Gelbart,
///     J. Snoek and R. P. Adams, "Bayesian optimization with unknown constraints", UAI 2014; they sample its
///     posterior, here the Laplace approximation stands in). Its estimate spreads over the box, but beside a cluster
///     of failures it keeps a probability of success of several percent;
///   - `both` (the default): the two, their probabilities multiplied, two factors of `Π_i PoF_i` below.
/// - **Black-box constraints** of a constrained problem: one regression per constraint, of the values `c_i(x)` of
///   every successful evaluation, as Optuna's GPSampler models each constraint (optuna 5.0.0, `optuna/_gp/acqf.py`,
///   `LogCEI`, and `samplers/_gp/sampler.py`).
///
/// The probabilities weigh the acquisition as Gardner et al.'s constrained expected improvement does,
/// `EI(x) · Π_i PoF_i(x)`, the constraints taken as independent (J. R. Gardner, M. J. Kusner, Z. Xu, K. Q. Weinberger
/// and J. P. Cunningham, "Bayesian optimization with inequality constraints", ICML 2014); Optuna scores
/// `log EI + Σ_i log PoF_i` alike. Each model's hyperparameters are re-estimated by maximum a posteriori on each model
/// suggestion, as the objective's are (``SurrogateThread``; the classifier from the same starts, with the
/// length-scale prior of the objective's model and its signal prior moved to ``classifierSignalMean``).
struct FeasibilityModel: Sendable {
    /// One of the two or both is set; kept as optionals so that appending mutates the model in place (an enum's
    /// payload would be copied, and with it every pairwise difference, on each append).
    private var regression: SurrogateThread?
    private var classifier: GaussianProcessClassifier?
    private var classifierFits = 0

    /// The prior mean of the failure classifier's `log σ_f²` (the objective's prior has 0): a latent of larger scale
    /// gives steeper probabilities, so that a point beside failures gets a small probability of success rather than
    /// one near ⅓. Chosen on the tuning set among 0, 1, 2, 3 and 4 with the classifier alone (2 and 3 both gave 35 of
    /// 36 cells; 2 had the lower failed shares and worst runs; docs/tuning-set.md, "`gp`'s failure classifier"), and
    /// kept for `both`, which was measured at 2 only.
    static let classifierSignalMean = 2.0

    /// A constraint model (a regression).
    init(dimension: Int, categorical: [Bool], settings: GaussianProcessOptimizer.Settings) {
        regression = SurrogateThread(dimension: dimension, categorical: categorical, settings: settings)
    }

    /// A failure model of `points` (rows of `dimension` model coordinates) and whether each failed, of the kind
    /// `settings.failureModel`.
    init(
        points: [[Double]], failed: [Bool], dimension: Int, categorical: [Bool],
        settings: GaussianProcessOptimizer.Settings
    ) {
        if settings.failureModel != .classifier {
            regression = SurrogateThread(dimension: dimension, categorical: categorical, settings: settings)
        }
        if settings.failureModel != .leastSquares {
            var prior = settings.prior.prior(dimension: dimension)
            prior.signalMean = Self.classifierSignalMean
            classifier = GaussianProcessClassifier(
                dimension: dimension, categorical: categorical, kernel: settings.kernel, likelihood: .probit,
                prior: prior)
        }
        for (point, failure) in zip(points, failed) { append(point, failed: failure) }
    }

    /// Adds one told suggestion to a failure model.
    mutating func append(_ point: [Double], failed: Bool) {
        regression?.append(point, failed ? 1 : -1)
        classifier?.append(point, positive: failed)
    }

    /// Adds one constraint value to a constraint model.
    mutating func append(_ point: [Double], constraint: Double) {
        precondition(regression != nil, "FeasibilityModel: not a constraint model")
        regression!.append(point, constraint)
    }

    /// The points the model holds.
    var count: Int { regression?.model.count ?? classifier?.count ?? 0 }

    /// Re-estimates the hyperparameters and returns the posterior of each of its models (for `both`, the regression's
    /// then the classifier's): none while the model has fewer than two points, and a model whose matrix cannot be
    /// factored is left out for this ask (its factor of the probability is then 1).
    mutating func fittedPredictor(using generator: inout Xoshiro256StarStar) -> [FeasibilityPredictor.Factor] {
        guard count >= 2 else { return [] }
        var factors: [FeasibilityPredictor.Factor] = []
        if regression != nil {
            regression!.fit(using: &generator)
            if let predictor = try? regression!.model.predictor() {
                factors.append(.init(predictor: predictor, probit: false))
            }
        }
        guard classifier != nil else { return factors }
        // The starts of ``SurrogateThread/fit(using:)``: the previous estimate, every tenth time the prior's mode,
        // the first time two prior draws.
        let d = classifier!.dimension
        let prior = classifier!.prior
        var starts = [classifier!.hyperparameters]
        let mode = Array(prior.mode(dimension: d).vector.prefix(d + 1))
        if classifierFits % 10 == 0, mode != classifier!.hyperparameters { starts.append(mode) }
        if classifierFits == 0 {
            for _ in 0..<2 { starts.append(Array(prior.sample(dimension: d, using: &generator).vector.prefix(d + 1))) }
        }
        classifierFits += 1
        classifier!.fit(starts: starts, minimizer: SurrogateThread.hyperparameterMinimizer)
        if let predictor = classifier!.predictor() { factors.append(.init(predictor: predictor, probit: true)) }
        return factors
    }
}

/// The probability of feasibility `Π_i PoF_i(x)` of fitted ``FeasibilityModel``s (the failure model, the constraint
/// models), in logarithms, with its gradient.
struct FeasibilityPredictor: Sendable {
    /// One model's posterior: a regression of `c`, `PoF = Φ((t − μ) / σ)`, or a probit classifier's latent posterior,
    /// `PoF = Φ((0 − f̄) / √(1 + V))`, both `log PI` of a Gaussian with the deviation ``deviation(variance:)``.
    struct Factor: Sendable {
        let predictor: GaussianProcessPredictor
        let probit: Bool

        /// The threshold `c = 0` in the predictor's standardised units.
        var threshold: Double { (0 - predictor.mean) / predictor.scale }

        /// `σ`, or `√(1 + V)` for the probit classifier.
        func deviation(variance: Double) -> Double { (probit ? 1 + variance : variance).squareRoot() }
    }

    let factors: [Factor]

    /// `log Π_i PoF_i` of each row of `points` (`m × dimension`).
    func logProbabilities(points: [Double]) -> [Double] {
        var total: [Double]?
        for factor in factors {
            let (means, variances) = factor.predictor.meanAndVariance(points: points)
            let t = factor.threshold
            let logs = zip(means, variances).map {
                GaussianAcquisition.logPI(mean: $0, sd: factor.deviation(variance: $1), best: t)
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
        for factor in factors {
            let (mean, variance) = factor.predictor.meanAndVariance(
                at: x, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
            let sd = factor.deviation(variance: variance)
            let value = GaussianAcquisition.logPIWithDerivatives(mean: mean, sd: sd, best: factor.threshold)
            for j in 0..<x.count {
                let dSD = sd > 0 ? varianceGradient[j] / (2 * sd) : 0
                gradient[j] += value.dMean * meanGradient[j] + value.dSD * dSD
            }
            total += value.value
        }
        return total
    }
}
