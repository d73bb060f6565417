import TunebenchCore
import TunebenchNumerics

/// ParEGO (J. Knowles, "ParEGO: a hybrid algorithm with on-line landscape approximation for expensive multiobjective
/// optimization problems", IEEE TEVC 10(1), 2006): Bayesian optimization of a random scalarization of the objectives,
/// one scalarization per ask.
///
/// **Each ask.** After the initial design, a weight vector `λ` is drawn uniformly from the simplex lattice of `s`
/// divisions (``SimplexLattice``; the paper's `s` = 10 for two objectives, 11 vectors, and 4 for three, 15 vectors;
/// ours 3 for four objectives); each objective is normalised to [0, 1] by its smallest and largest observed values
/// (0 where they are equal), and every successful evaluation gets the augmented Chebyshev value
/// `f_λ(x) = max_j λ_j f_j(x) + ρ Σ_j λ_j f_j(x)` with `ρ = 0.05` (the paper's). A Gaussian process is fitted to
/// these values and its expected improvement maximized, with the model and the acquisition search of ``gp``
/// (``SurrogateThread``, ``AcquisitionMaximizer``: Matérn 5/2, the hyperparameters re-estimated at each ask from the
/// previous estimate, log EI over a Sobol pool and L-BFGS-B refinements).
///
/// **Initial design**: `11 d − 1` points, the paper's, but at most a quarter of the budget (at least 2), in a scrambled
/// Sobol sequence (the paper draws a Latin hypercube). The cap is ours: the paper's budgets were 250 evaluations in
/// at most 8 dimensions, where `11 d − 1` is at most 87; with 30 variables and 200 evaluations the paper's design
/// would use the whole budget. Not tuned.
///
/// **Other differences from the paper**: it fits the model to at most `11 d + 24` of the points (for time) and
/// maximizes the expected improvement with a genetic algorithm; here the model has every point, and the acquisition
/// search is ``gp``'s. A failed or infeasible evaluation (which the paper does not have) enters the model as ``gp``
/// imputes a failure (its `failure-imputation`, by default the model's upper confidence bound there; a failure before
/// the first success has nothing to be imputed from and is left out) and is never suggested again; no point is
/// suggested twice. An evaluation whose number of values is not the problem's counts as a failure. Pending trials
/// (several workers) are only kept from being suggested again.
///
/// On a single-objective problem the scalarization is the normalised value itself (λ = 1): Bayesian optimization.
public struct ParEGOOptimizer: Optimizer {
    public struct Settings: Sendable, Hashable {
        /// The Gaussian process and its acquisition search (``GaussianProcessOptimizer/Settings``); restarts and the
        /// failure model are not used.
        public var gp = GaussianProcessOptimizer.Settings()
        /// Points of the initial design; 0 for min(11 d − 1, budget / 4), at least 2.
        public var initialPoints = 0
        /// `s`, the simplex lattice's divisions; 0 for the paper's (10 for two objectives, 4 for three; 3 for more).
        public var divisions = 0
        /// `ρ` of the augmented Chebyshev scalarization.
        public var rho = 0.05

        public init() {}
    }

    private let space: SearchSpace
    private let settings: Settings
    private let maximizer: AcquisitionMaximizer
    private let weights: [[Double]]
    private let initialPoints: Int
    private var generator: Xoshiro256StarStar
    private var design: SobolSequence
    /// The model of every successful evaluation (and imputed failures), in tell order.
    private var thread: SurrogateThread
    /// The objectives of the model's successful evaluations, in its order.
    private var objectives: [[Double]] = []
    private var observed: Set<Configuration> = []
    private var pending = PendingTrials<[Double]>()
    private var asks = 0
    private var remaining: Int

    /// - Throws: ``OptimizerError/unsupportedSpace(optimizer:reason:)`` when the space has more parameters than the
    ///   Sobol table has dimensions.
    public init(context: OptimizerContext, settings: Settings) throws {
        space = context.space
        self.settings = settings
        var gp = settings.gp
        gp.restarts = false
        maximizer = AcquisitionMaximizer(space: space, settings: gp)
        let m = max(context.objectiveCount, 1)
        let divisions = settings.divisions > 0 ? settings.divisions : Self.paperDivisions(objectives: m)
        weights = m == 1 ? [[1]] : SimplexLattice.points(objectives: m, divisions: divisions)
        let d = space.dimension
        initialPoints = settings.initialPoints > 0
            ? settings.initialPoints : max(2, min(11 * d - 1, context.fullFidelityBudget / 4))
        generator = Xoshiro256StarStar(seed: context.seed)
        do {
            design = try SobolSequence(dimension: d, scramble: true, using: &generator)
        } catch {
            throw OptimizerError.unsupportedSpace(optimizer: "parego", reason: "\(error)")
        }
        thread = SurrogateThread(dimension: d, categorical: maximizer.categorical, settings: gp)
        remaining = context.budget
    }

    /// The paper's lattice divisions `s`: 10 for two objectives, 4 for three; ours 3 beyond.
    static func paperDivisions(objectives m: Int) -> Int {
        switch m {
        case ...2: return 10
        case 3: return 4
        default: return 3
        }
    }

    public var metadata: [String: String] {
        ["initial": String(initialPoints), "weights": String(weights.count)]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        let configuration: Configuration
        if asks >= initialPoints, objectives.count >= 2, let suggested = modelSuggestion() {
            configuration = suggested
        } else if let point = designSuggestion() {
            configuration = point
        } else {
            remaining = 0  // every point of the space has been evaluated
            return nil
        }
        asks += 1
        remaining -= 1
        observed.insert(configuration)
        pending.add(space.modelPoint(configuration))
        return Suggestion(configuration)
    }

    public mutating func tell(_ observation: Observation) {
        guard let point = pending.remove(observation.trial) else { return }
        let values = observation.objectives ?? observation.value.map { [$0] }
        if observation.isFeasible, let values, values.count == weights[0].count, values.allSatisfy(\.isFinite) {
            thread.append(point, 0)
            objectives.append(values)
        } else {
            thread.appendFailure(point)
        }
    }

    /// The augmented Chebyshev values `max_j λ_j f̄_j + ρ Σ_j λ_j f̄_j` of the observed objectives, normalised to
    /// [0, 1] by their observed ranges.
    static func scalarized(_ objectives: [[Double]], weights λ: [Double], rho: Double) -> [Double] {
        let m = λ.count
        let lower = (0..<m).map { j in objectives.map { $0[j] }.min()! }
        let upper = (0..<m).map { j in objectives.map { $0[j] }.max()! }
        return objectives.map { f in
            var largest = -Double.infinity
            var sum = 0.0
            for j in 0..<m {
                let range = upper[j] - lower[j]
                let weighted = λ[j] * (range > 0 ? (f[j] - lower[j]) / range : 0)
                largest = max(largest, weighted)
                sum += weighted
            }
            return largest + rho * sum
        }
    }

    private mutating func modelSuggestion() -> Configuration? {
        let λ = weights[generator.nextIndex(below: weights.count)]
        thread.setObservedValues(Self.scalarized(objectives, weights: λ, rho: settings.rho))
        thread.fit(using: &generator)
        guard let predictor = try? thread.model.predictor() else { return nil }
        return maximizer.maximize(
            predictor: predictor, inputs: thread.model.inputs, violations: thread.violations, observed: observed,
            using: &generator)?.configuration
    }

    /// The next unseen point of the Sobol design, or `nil` after many seen ones in a row (an exhausted space).
    private mutating func designSuggestion() -> Configuration? {
        design.nextUnseen(in: space, observed: observed)
    }
}
