import TunebenchCore
import Foundation
import TunebenchNumerics

/// Bayesian optimization with a Gaussian-process surrogate (the model and its estimation live in
/// `TunebenchNumerics.GaussianProcessRegressor`; this type is the glue).
///
/// **Coordinates.** The model works on the space's unit-cube encoding (``SearchSpace/encode(_:)``): reals in their
/// scale (log scales in log space), integers by continuous relaxation (a point is rounded by decoding it, and the
/// model sees the integer's own position), categoricals as one coordinate each with the Hamming distance (0 for the
/// same choice, 1 otherwise), and inactive conditional parameters at −1, outside the cube (the documented rule: they
/// contribute nothing between two points where both are inactive, and an inactive parameter never looks like an
/// active value, as ½ would for the middle choice of a categorical). Candidates are snapped to these coordinates
/// (categorical coordinates to their choice's centre, inactive ones to −1) before they are scored, and local search
/// moves only the active real and integer coordinates.
///
/// **Each ask.** The first `initial` points are a scrambled Sobol design. Then the hyperparameters are re-estimated
/// by maximum a posteriori (``SurrogateThread/fit(using:)``) and the acquisition is maximized over a Sobol pool,
/// perturbations of the best points and L-BFGS-B refinements (``AcquisitionMaximizer``).
///
/// **Restarts** (option `restarts`, on by default). A stationary GP fitted to points that crowd into one basin
/// learns that basin's length-scales and grows confident that nothing better lies elsewhere; on Hartmann6 a run that
/// first descends into the basin of the local minimum −3.2032 stays there for good (10 of 30 runs at 200
/// evaluations). So, as TuRBO restarts its trust region when it collapses (D. Eriksson et al., "Scalable global
/// optimization via local Bayesian optimization", NeurIPS 2019), the search is declared converged when the point it
/// suggests has an expected improvement below e⁻⁸ ≈ 3.4·10⁻⁴ standard deviations of the observations five times in a
/// row. From then on three asks in four come from a restart: a fresh model that sees only the restart's own points,
/// beginning with its own `initial` points from the continuing Sobol sequence, and replaced by another when it
/// converges in turn. The fourth ask goes on with the global model of every observation, which keeps polishing the
/// best basin found, by whichever line. The run's record gives the number of restarts (`restarts` in
/// `optimizerMetadata`).
///
/// **Recommendation** (``recommendation()``). Once the global model has been fitted, the evaluated configuration of
/// lowest posterior mean under it (``GaussianProcessPredictor/lowestMeanObservation``, Ax's in-sample best point),
/// which discounts an observation that the noise made look better than its neighbours; before that (the initial
/// design), `nil`: the runner's default rule, the lowest observed value.
///
/// **Failures.** A failed evaluation (no finite value) is never suggested again, and enters the objective's models only
/// as an imputed value (below). From the first failure on, a ``FeasibilityModel`` of every suggestion told (failed or
/// not) weighs the acquisition by the probability that a point does not fail (Gardner et al. 2014's constrained form;
/// see ``AcquisitionMaximizer``), for the global line and the restarts alike, so the search learns to keep out of a
/// failing region instead of returning to it. Before the first failure nothing changes, draw for draw. No point is
/// suggested twice.
///
/// **Failure model** (option `failure-model`). By default (`both`) two models of failures against successes, whose
/// probabilities of success multiply: the regression of ±1 labels (`least-squares`, the model until 2026-12-07) and a
/// probit Gaussian-process classifier with the Laplace approximation (`classifier`, ``GaussianProcessClassifier``;
/// Gelbart, Snoek and Adams, "Bayesian optimization with unknown constraints", UAI 2014, model a constraint observed
/// only as met or not with a GP classifier). The regression interpolates its labels, so a failure's neighbourhood
/// gets a probability near 0, but it forgets within a tenth of the box; the classifier's Laplace posterior spreads
/// over the box but keeps a probability near 8% beside a cluster of failures, which a large expected improvement
/// outweighs (alone, it let runs creep along a boundary, failing up to 89% of their trials in `Results/failure-bars`).
/// Measured on the tuning set only (bbob f1, f3, f8, f15, f17, f21 in 8 dimensions, each with a half-space and a
/// ball failing 2%, 10% and 30% of the box, 20 repetitions of 100 evaluations, seed 5; docs/tuning-set.md), cells
/// whose every run fails at most max(10%, twice the share): `least-squares` 33 of 36 (failed trials 1.7%, 4.0%, 7.5%
/// at the three shares; worst run 30%), `classifier` 35 (1.3%, 3.1%, 6.1%; 21%), `both` 35 (1.4%, 3.1%, 5.8%; 19%),
/// the median ratio of final regret to the same instances without failures 1.00, 0.95 and 0.99; none significantly
/// worse. Between the classifier alone and `both`, tied on the set, `Results/failure-bars` decided: the classifier
/// alone failed there. The classifier's prior mean of `log σ_f²` is 2 (``FeasibilityModel/classifierSignalMean``).
///
/// **Failure imputation** (option `failure-imputation`; measured with the `least-squares` failure model). The
/// feasibility model alone does not keep the search out of a failing region in several dimensions: a failed point
/// stays out of the objective's models, so their posterior there neither rises nor narrows and the expected
/// improvement keeps calling the search back, while the feasibility model,
/// fitted to a step between ±1 labels, learns short length-scales and forgets within a tenth of the box (on Hartmann6
/// with a half-space failing 10% of the box, a run failed its last 21 trials in a row, each suggestion given a
/// probability of feasibility near 0.99 beside the previous failures). So by default (`penalised`) each failure also
/// enters the objective's models of the lines that saw it, with the value `μ(x) + σ(x)` of the model of the successful
/// observations alone at the failed point (its upper confidence bound, re-imputed before every fit), and the
/// hyperparameters are estimated from the successes alone (an imputed value is not an observation; fitted with the
/// others, it shortened the length-scales and cost the last digits near the optimum): the prediction keeps the local
/// trend, so the region around the optimum is not distorted, and the penalty of one deviation makes a failed point a
/// poor candidate and narrows the posterior there. This is the penalised imputation of A. I. J. Forrester, A. Sóbester
/// and A. J. Keane, "Optimization with missing data", Proc. R. Soc. A 462 (2006), 935–945, who impute a failure with
/// the prediction plus a penalty growing with its uncertainty; the penalty of one standard deviation is ours. `worst`
/// imputes the worst value observed so far instead (SMAC's crash cost), `none` leaves failures out (Optuna's GPSampler;
/// the feasibility model alone). Measured on the tuning set only (bbob f1, f3, f8, f15, f17, f21 in 8 dimensions, each
/// with a half-space and a ball failing 10% of the box, 5 repetitions of 100 evaluations, seed 5; docs/tuning-set.md),
/// on the same instances with and without failures: `none` failed 8.2% of its trials, its worst run 63%, with 4 of the
/// 12 problems above 20% in some run; `penalised` 4.0%, worst run 10%, none above 20%. The median over the 12 problems
/// of the ratio of the median final regret with failures to that without was 1.12 for `none` and 1.03 for `penalised`
/// (1.14 when the hyperparameters were fitted with the imputed values too). An earlier run, on other instances, put
/// `worst` at 3.0% failed, worst run 9%, but a regret ratio of 1.32 (47 on the sphere with a ball, where the worst
/// value swamps the model near the optimum).
///
/// **Pending trials** (several workers; option `pending`, `kriging-believer` by default). Each pending point enters the
/// model with its posterior mean as its value, the Kriging believer of Ginsbourger, Le Riche and Carraro (2010), at the
/// current hyperparameters and the told targets' standardisation, so that suggestions made while others are under way
/// spread out (a restart's model believes only the pending points it suggested, the ones it will be told); a pending
/// configuration is never suggested again (it is in the observed set). Optuna 5.0.0's GPSampler instead maximizes
/// q-batch log EI over Monte Carlo fantasies of the running trials (`optuna/_gp/acqf.py`, `qLogEI`), which Tunebench
/// does not implement. A sequential run has no pending trial at an ask, so nothing changes there.
///
/// **Constraints** (a problem with ``OptimizerContext/constraintCount`` > 0): Gardner et al.'s constrained expected
/// improvement in Optuna's form (optuna 5.0.0, `LogCEI`): every successful evaluation, feasible or not, enters the
/// objective's models; one ``FeasibilityModel`` per constraint regresses its values; the acquisition is scored against
/// the best *feasible* observation and weighed by `Π_i PoF_i(x)`. While nothing is feasible, the improvement term is
/// 0 and the search maximizes the probability of feasibility alone, as Optuna's does; the perturbations then start
/// from the observations of least violation. The recommendation is the default rule (the lowest feasible observed
/// value): the posterior-mean rule above could pick an infeasible point.
public struct GaussianProcessOptimizer: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        public var acquisition: AcquisitionFunction = .logei
        public var kernel: CovarianceKernel = .matern52
        /// Points of the initial Sobol design (at least 2 successes are needed before the model is used).
        public var initialPoints = 10
        /// Sobol candidates per ask.
        public var candidates = 1024
        /// Candidates refined by L-BFGS-B per ask.
        public var localSearches = 5
        /// `κ` of the confidence bound.
        public var kappa = 2.0
        /// The hyperparameter prior.
        public var prior: PriorChoice = .standard
        /// Whether a converged search goes on with restarts (see the type's documentation).
        public var restarts = true
        /// Whether failures weigh the acquisition through a ``FeasibilityModel`` (see the type's documentation); off,
        /// with ``failureImputation`` `none`, failures are only left out, as Optuna's GPSampler leaves failed trials
        /// out (`gp-optuna`).
        public var feasibility = true
        /// Whether failures also enter the objective's models with an imputed value
        /// (``SurrogateThread/appendFailure(_:)``; see the type's documentation).
        public var failureImputation: FailureImputation = .penalised
        /// The model of where evaluations fail (``FeasibilityModel``).
        public var failureModel: FailureModel = .both
        /// Whether pending trials (several workers) enter the model as the Kriging believer has them (see
        /// "Pending trials").
        public var krigingBeliever = true

        public init() {}
    }

    /// The value a failed evaluation enters the objective's models with, if any.
    public enum FailureImputation: String, Sendable, Hashable, CaseIterable {
        /// Failures stay out of the objective's models.
        case none
        /// The worst value observed so far, re-imputed at every fit (SMAC's crash cost as the worst cost seen).
        case worst
        /// The upper confidence bound `μ(x) + σ(x)` of the line's model of its successes, re-imputed at every fit;
        /// the hyperparameters are estimated from the successes alone (``SurrogateThread/fit(using:)``).
        case penalised
    }

    /// The model of where evaluations fail (see ``FeasibilityModel``).
    public enum FailureModel: String, Sendable, Hashable, CaseIterable {
        /// A Gaussian-process regression of ±1 labels (least-squares classification).
        case leastSquares = "least-squares"
        /// A probit Gaussian-process classifier with the Laplace approximation.
        case classifier
        /// Both, their probabilities multiplied.
        case both
    }

    /// The hyperparameter priors of ``GaussianProcessPrior``.
    public enum PriorChoice: String, Sendable, Hashable, CaseIterable {
        /// ``GaussianProcessPrior/standard(dimension:)``.
        case standard
        /// ``GaussianProcessPrior/dimensionScaled(dimension:)`` (Hvarfner et al. 2024).
        case dimensionScaled = "dimension-scaled"

        func prior(dimension: Int) -> GaussianProcessPrior {
            switch self {
            case .standard: return .standard(dimension: dimension)
            case .dimensionScaled: return .dimensionScaled(dimension: dimension)
            }
        }
    }


    /// Below this expected improvement (in standard deviations of the observations) a suggestion promises nothing.
    static let convergedImprovement = exp(-8.0)
    /// Quiet suggestions in a row after which a line of search has converged.
    static let patience = 5
    /// Once restarts have begun, one ask in this many goes to the global model.
    static let globalPeriod = 4

    private let space: SearchSpace
    private let settings: Settings
    private let dimension: Int
    private let maximizer: AcquisitionMaximizer
    private var generator: Xoshiro256StarStar
    private var design: SobolSequence
    /// The line of search that models every observation.
    private var global: SurrogateThread
    /// The current restart, once the global line has converged.
    private var restart: SurrogateThread?
    private var restartCount = 0
    private var turn = 0
    private var observed: Set<Configuration> = []
    /// The configurations of the global model's observations, in its order.
    private var modelled: [Configuration] = []
    private var remaining: Int
    /// Every told suggestion's model point and whether it failed, for the feasibility model.
    private var toldPoints: [[Double]] = []
    private var toldFailed: [Bool] = []
    /// Where evaluations fail, from the first failure on.
    private var feasibility: FeasibilityModel?
    /// One model per black-box constraint of a constrained problem (empty otherwise).
    private var constraintModels: [FeasibilityModel]
    /// The model point of the outstanding suggestion, and the restart that made it (0 for the global line).
    private var pending = PendingTrials<(point: [Double], restart: Int)>()

    /// - Throws: ``OptimizerError/unsupportedSpace(optimizer:reason:)`` when the space has more parameters than the
    ///   Sobol table has dimensions.
    public init(context: OptimizerContext, settings: Settings) throws {
        space = context.space
        self.settings = settings
        dimension = space.dimension
        maximizer = AcquisitionMaximizer(space: space, settings: settings)
        generator = Xoshiro256StarStar(seed: context.seed)
        do {
            design = try SobolSequence(dimension: dimension, scramble: true, using: &generator)
        } catch {
            throw OptimizerError.unsupportedSpace(optimizer: "gp", reason: "\(error)")
        }
        global = SurrogateThread(dimension: dimension, categorical: maximizer.categorical, settings: settings)
        remaining = context.budget
        let model = FeasibilityModel(dimension: dimension, categorical: maximizer.categorical, settings: settings)
        constraintModels = [FeasibilityModel](repeating: model, count: context.constraintCount)
    }

    public var metadata: [String: String] {
        [
            "acquisition": settings.acquisition.rawValue, "kernel": settings.kernel.rawValue,
            "initial": String(settings.initialPoints),
            "restarts": settings.restarts ? String(restartCount) : "off",
        ]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        var fromRestart = false
        if restart != nil {
            turn += 1
            fromRestart = turn % Self.globalPeriod != 0
        }
        // The line that makes this suggestion, read before suggesting: a restart that converges on this ask starts
        // the next one, and the point belongs to the restart that suggested it, not to its successor.
        let line = fromRestart ? restartCount : 0
        guard let configuration = fromRestart ? restartSuggestion() : globalSuggestion() else {
            remaining = 0  // every point of the space has been evaluated
            return nil
        }
        remaining -= 1
        observed.insert(configuration)
        pending.add((space.modelPoint(configuration), line))
        return Suggestion(configuration)
    }

    public mutating func tell(_ observation: Observation) {
        guard let pending = pending.remove(observation.trial) else { return }
        // A failure has no objective value; an infeasible evaluation has one, and the objective's models keep it.
        let failed = observation.objectiveValue == nil
        toldPoints.append(pending.point)
        toldFailed.append(failed)
        if feasibility != nil {
            feasibility!.append(pending.point, failed: failed)
        } else if failed, settings.feasibility {
            feasibility = FeasibilityModel(
                points: toldPoints, failed: toldFailed, dimension: dimension, categorical: maximizer.categorical,
                settings: settings)
        }
        guard let value = observation.objectiveValue else {
            guard settings.failureImputation != .none else { return }
            if global.appendFailure(pending.point) { modelled.append(observation.suggestion.configuration) }
            if pending.restart != 0, pending.restart == restartCount {
                restart?.appendFailure(pending.point)
            }
            return
        }
        let violation = observation.constraints.map(Feasibility.violation) ?? 0
        if let constraints = observation.constraints, constraints.count == constraintModels.count {
            for i in constraintModels.indices { constraintModels[i].append(pending.point, constraint: constraints[i]) }
        }
        global.append(pending.point, value, violation: violation)
        modelled.append(observation.suggestion.configuration)
        if pending.restart != 0, pending.restart == restartCount {
            restart?.append(pending.point, value, violation: violation)
        }
    }

    /// The evaluated configuration of lowest posterior mean under the global model, once it has been fitted; `nil`
    /// (the default rule) before, or when its kernel matrix cannot be factored.
    /// - Complexity: `O(n³)` for the factorisation and `O(n² d)` for the means, `n` the successful observations.
    public func recommendation() -> Configuration? {
        guard constraintModels.isEmpty, global.fitted, let predictor = try? global.model.predictor(),
            let index = predictor.lowestMeanObservation(excluding: global.imputed)
        else { return nil }
        return modelled[index]
    }

    // MARK: - Suggestions

    /// A suggestion of the global line; its convergence starts the first restart.
    private mutating func globalSuggestion() -> Configuration? {
        let watch = settings.restarts && restart == nil
        let feasible = feasibilityPredictor(for: global)
        guard let (configuration, converged) = Self.suggestion(
            from: &global, watch: watch, maximizer: maximizer, observed: observed, feasibility: feasible,
            told: toldPoints.count, pending: believedPoints(line: 0), using: &generator)
        else { return designSuggestion() }
        if converged { beginRestart() }
        return configuration
    }

    /// A suggestion of the current restart; its convergence starts the next one.
    private mutating func restartSuggestion() -> Configuration? {
        guard restart != nil else { return globalSuggestion() }
        let feasible = feasibilityPredictor(for: restart!)
        guard let (configuration, converged) = Self.suggestion(
            from: &restart!, watch: true, maximizer: maximizer, observed: observed, feasibility: feasible,
            told: toldPoints.count, pending: believedPoints(line: restartCount), using: &generator)
        else { return designSuggestion() }
        if converged { beginRestart() }
        return configuration
    }

    /// The model suggestion of a line of search, and whether the line has now converged (when `watch`); `nil` while
    /// the line is still in its initial design or when its model cannot be used (the caller then takes a design
    /// point).
    private static func suggestion(
        from thread: inout SurrogateThread, watch: Bool, maximizer: AcquisitionMaximizer,
        observed: Set<Configuration>, feasibility: FeasibilityPredictor?, told: Int, pending: [[Double]],
        using generator: inout Xoshiro256StarStar
    ) -> (configuration: Configuration, converged: Bool)? {
        let usable = usesModel(thread, initialPoints: maximizer.settings.initialPoints)
        thread.asks += 1
        guard usable else { return nil }
        thread.fit(using: &generator)
        guard let fitted = try? thread.model.predictor() else { return nil }
        var (predictor, inputs, violations) = (fitted, thread.model.inputs, thread.violations)
        if !pending.isEmpty, let believed = believer(thread.model, fitted, pending) {
            predictor = believed.predictor
            inputs = believed.inputs
            violations += [Double](repeating: .infinity, count: pending.count)
        }
        guard
            let (configuration, improvement) = maximizer.maximize(
                predictor: predictor, inputs: inputs, violations: violations, observed: observed,
                feasibility: feasibility, using: &generator)
        else { return nil }
        guard watch else { return (configuration, false) }
        thread.record(expectedImprovement: improvement, told: told)
        return (configuration, thread.quietSuggestions >= patience)
    }

    /// The Kriging believer (D. Ginsbourger, R. Le Riche and L. Carraro, "Kriging is well-suited to parallelize
    /// optimization", in Computational Intelligence in Expensive Optimization Problems, Springer 2010, §3.3): each
    /// pending point enters `model` with its posterior mean under `predictor` as its value, at the same
    /// hyperparameters, so the posterior variance there falls to the noise and the acquisition of the next point
    /// looks elsewhere. `nil` when the augmented kernel matrix cannot be factored (the pending points are then left
    /// out).
    private static func believer(
        _ model: GaussianProcessRegressor, _ predictor: GaussianProcessPredictor, _ pending: [[Double]]
    ) -> (predictor: GaussianProcessPredictor, inputs: [Double])? {
        let means = predictor.meanAndVariance(points: pending.flatMap { $0 }).mean
        var believed = model
        for (point, mean) in zip(pending, means) {
            let value = predictor.mean + predictor.scale * mean
            guard value.isFinite else { return nil }
            believed.append(point, value)
        }
        // At the fitted standardisation: the believed values would otherwise move the targets' mean and shrink
        // their scale, and with them the posterior everywhere.
        guard let augmented = try? believed.predictor(standardization: (predictor.mean, predictor.scale)) else {
            return nil
        }
        return (augmented, believed.inputs)
    }

    /// The model points of the pending trials that line `line` will be told (in trial order), for the Kriging
    /// believer: every pending trial for the global line (0), which is told every result; for restart `line`, the
    /// pending trials it suggested itself, since only those enter its model. None when the believer is off.
    private func believedPoints(line: Int) -> [[Double]] {
        guard settings.krigingBeliever else { return [] }
        return pending.states.filter { line == 0 || $0.restart == line }.map(\.point)
    }

    /// Whether the next ask of `thread` comes from its model: past its initial design, with two successes.
    private static func usesModel(_ thread: SurrogateThread, initialPoints: Int) -> Bool {
        thread.asks >= initialPoints && thread.model.count >= 2
    }

    /// The fitted failure and constraint models when there are any and the next ask of `thread` uses its model (so
    /// that no fit, and no draw, is spent on a design point).
    private mutating func feasibilityPredictor(for thread: SurrogateThread) -> FeasibilityPredictor? {
        guard feasibility != nil || !constraintModels.isEmpty,
            Self.usesModel(thread, initialPoints: settings.initialPoints)
        else { return nil }
        var factors: [FeasibilityPredictor.Factor] = []
        if feasibility != nil { factors += feasibility!.fittedPredictor(using: &generator) }
        for i in constraintModels.indices { factors += constraintModels[i].fittedPredictor(using: &generator) }
        return factors.isEmpty ? nil : FeasibilityPredictor(factors: factors)
    }

    /// The current restart's model points and asks (`nil` before the first restart): every point of a restart's
    /// model is one of its own suggestions, so the points never outnumber the asks.
    var restartLine: (points: Int, asks: Int)? {
        restart.map { ($0.model.count, $0.asks) }
    }

    private mutating func beginRestart() {
        restart = SurrogateThread(dimension: dimension, categorical: maximizer.categorical, settings: settings)
        restartCount += 1
    }

    /// The next unseen point of the Sobol design, or `nil` after many seen ones in a row (an exhausted space).
    private mutating func designSuggestion() -> Configuration? {
        design.nextUnseen(in: space, observed: observed)
    }
}
