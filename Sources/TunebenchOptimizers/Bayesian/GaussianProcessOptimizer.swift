import TunebenchCore
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
/// **Each ask.** The first `initial` points are a scrambled Sobol design. Then:
/// 1. the hyperparameters are re-estimated by maximum a posteriori from the previous estimate (and, every tenth
///    time, also from the prior's mode; the first time also from two draws from the prior), with bounded L-BFGS-B
///    and analytic gradients;
/// 2. the acquisition is evaluated on a pool of `candidates` scrambled Sobol points plus a quarter as many (at least
///    8) Gaussian perturbations of the five best observed points (standard deviations 0.01, 0.05 and 0.2 in the unit cube);
/// 3. the `local-searches` best of them, and the best observed point, are refined by bounded L-BFGS-B on the
///    continuous and integer coordinates (categorical coordinates held), with the acquisition's analytic gradient;
///    starting from the incumbent is what finds the last digits of an optimum (Optuna's GPSampler does the same);
/// 4. each refined point is rounded through the space (decode, then encode), and the best one not evaluated before
///    is suggested; if every candidate was evaluated before (a small discrete space), the best unseen point of the
///    pool is taken, and when the space holds no unseen point the optimizer stops.
///
/// Failed evaluations are left out of the model but never suggested again. No point is suggested twice.
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

        public init() {}
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

    private let space: SearchSpace
    private let settings: Settings
    private let dimension: Int
    private let categorical: [Bool]
    /// Whether candidates need snapping: the space has categorical or conditional parameters.
    private let needsSnapping: Bool
    private var generator: Xoshiro256StarStar
    private var design: SobolSequence
    private var model: GaussianProcessRegressor
    private var observed: Set<Configuration> = []
    private var remaining: Int
    private var fits = 0
    private var pending: [Double]?

    /// The model's coordinate of an inactive parameter.
    static let inactiveCoordinate = -1.0

    private static let hyperparameterMinimizer = BoundedMinimizer(
        memory: 10, maxIterations: 60, maxEvaluations: 100, gradientTolerance: 1e-2, functionTolerance: 1e-9)
    private static let acquisitionMinimizer = BoundedMinimizer(
        memory: 8, maxIterations: 40, maxEvaluations: 80, gradientTolerance: 1e-7, functionTolerance: 1e-10)

    /// - Throws: ``OptimizerError/unsupportedSpace(optimizer:reason:)`` when the space has more parameters than the
    ///   Sobol table has dimensions.
    public init(context: OptimizerContext, settings: Settings) throws {
        space = context.space
        self.settings = settings
        dimension = space.dimension
        categorical = space.parameters.map { $0.choices != nil }
        needsSnapping = categorical.contains(true) || space.parameters.contains { $0.condition != nil }
        generator = Xoshiro256StarStar(seed: context.seed)
        do {
            design = try SobolSequence(dimension: dimension, scramble: true, using: &generator)
        } catch {
            throw OptimizerError.unsupportedSpace(optimizer: "gp", reason: "\(error)")
        }
        model = GaussianProcessRegressor(
            dimension: dimension, categorical: categorical, kernel: settings.kernel,
            prior: settings.prior.prior(dimension: dimension))
        remaining = context.budget
    }

    public var metadata: [String: String] {
        [
            "acquisition": settings.acquisition.rawValue, "kernel": settings.kernel.rawValue,
            "initial": String(settings.initialPoints),
        ]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        let useModel = observed.count >= settings.initialPoints && model.count >= 2
        guard let configuration = useModel ? modelSuggestion() ?? designSuggestion() : designSuggestion() else {
            remaining = 0  // every point of the space has been evaluated
            return nil
        }
        remaining -= 1
        observed.insert(configuration)
        pending = modelPoint(configuration)
        return Suggestion(configuration)
    }

    public mutating func tell(_ observation: Observation) {
        defer { pending = nil }
        guard let point = pending, let value = observation.finiteValue else { return }
        model.append(point, value)
    }

    // MARK: - Suggestions

    /// The next unseen point of the Sobol design, or `nil` after many seen ones in a row (an exhausted space).
    private mutating func designSuggestion() -> Configuration? {
        var point = [Double](repeating: 0, count: dimension)
        for _ in 0..<4096 {
            design.next(into: &point)
            let configuration = space.decode(point)
            if !observed.contains(configuration) { return configuration }
        }
        return nil
    }

    /// The maximizer of the acquisition among unseen points, or `nil` when the model cannot be used.
    private mutating func modelSuggestion() -> Configuration? {
        fitHyperparameters()
        guard let predictor = try? model.predictor() else { return nil }
        let best = predictor.bestStandardizedTarget
        // Candidate pool: fresh scrambled Sobol points and perturbations of the best observations.
        var pool = sobolPool(settings.candidates)
        pool += perturbations(of: predictor, count: max(settings.candidates / 4, 8))
        let count = pool.count / dimension
        if needsSnapping { snap(&pool, count: count) }
        let (means, variances) = predictor.meanAndVariance(points: pool)
        var scores = [Double](repeating: 0, count: count)
        for c in 0..<count {
            scores[c] = settings.acquisition.value(
                mean: means[c], sd: variances[c].squareRoot(), best: best, kappa: settings.kappa)
        }
        // Ranked by score, ties and NaN last, by index for determinism.
        let ranked = (0..<count).sorted { a, b in
            let (sa, sb) = (scores[a].isNaN ? -.infinity : scores[a], scores[b].isNaN ? -.infinity : scores[b])
            return sa != sb ? sa > sb : a < b
        }
        var refined: [(score: Double, configuration: Configuration)] = []
        var starts = ranked.prefix(settings.localSearches).map { Array(pool[$0 * dimension..<($0 + 1) * dimension]) }
        let targets = predictor.standardizedTargets
        if let incumbent = targets.indices.min(by: { targets[$0] != targets[$1] ? targets[$0] < targets[$1] : $0 < $1 }) {
            starts.append(Array(model.inputs[incumbent * dimension..<(incumbent + 1) * dimension]))
        }
        for start in starts {
            let point = refine(start, predictor: predictor, best: best)
            let configuration = space.decode(point)
            guard !observed.contains(configuration) else { continue }
            let (mean, variance) = predictor.meanAndVariance(points: modelPoint(configuration))
            let score = settings.acquisition.value(
                mean: mean[0], sd: variance[0].squareRoot(), best: best, kappa: settings.kappa)
            refined.append((score.isNaN ? -.infinity : score, configuration))
        }
        if let winner = refined.enumerated().max(by: { a, b in
            a.element.score != b.element.score ? a.element.score < b.element.score : a.offset > b.offset
        }) {
            return winner.element.configuration
        }
        // Every refined point was seen before: the best unseen point of the pool.
        for index in ranked {
            let configuration = space.decode(Array(pool[index * dimension..<(index + 1) * dimension]))
            if !observed.contains(configuration) { return configuration }
        }
        return nil
    }

    /// Re-estimates the hyperparameters from the previous estimate (and, every tenth time, from the prior's mode; the
    /// first time also from two prior draws). Restarts rarely find a better optimum once the estimate is warm (on
    /// Hartmann6, none did in a 100-evaluation run), so they are kept few: they were half of the fitting time.
    private mutating func fitHyperparameters() {
        var starts = [model.hyperparameters]
        let mode = model.prior.mode(dimension: dimension)
        if fits % 10 == 0, mode != model.hyperparameters { starts.append(mode) }
        if fits == 0 {
            starts.append(model.prior.sample(dimension: dimension, using: &generator))
            starts.append(model.prior.sample(dimension: dimension, using: &generator))
        }
        fits += 1
        model.fit(starts: starts, minimizer: Self.hyperparameterMinimizer)
    }

    /// The model's coordinates of a configuration: its unit-cube encoding, with inactive parameters at −1.
    private func modelPoint(_ configuration: Configuration) -> [Double] {
        var point = space.encode(configuration)
        for j in 0..<dimension where configuration.values[j] == nil { point[j] = Self.inactiveCoordinate }
        return point
    }

    /// Sets the categorical and inactive coordinates of each of the `count` rows of `pool` to the model's
    /// coordinates of the configuration the row decodes to; real and integer coordinates keep their relaxation.
    private func snap(_ pool: inout [Double], count: Int) {
        for c in 0..<count {
            let row = Array(pool[c * dimension..<(c + 1) * dimension])
            let configuration = space.decode(row)
            let snapped = modelPoint(configuration)
            for j in 0..<dimension where categorical[j] || configuration.values[j] == nil {
                pool[c * dimension + j] = snapped[j]
            }
        }
    }

    private mutating func sobolPool(_ count: Int) -> [Double] {
        var pool = [Double](repeating: 0, count: count * dimension)
        guard var sequence = try? SobolSequence(dimension: dimension, scramble: true, using: &generator) else {
            for i in pool.indices { pool[i] = generator.nextUnit() }
            return pool
        }
        var point = [Double](repeating: 0, count: dimension)
        for c in 0..<count {
            sequence.next(into: &point)
            for j in 0..<dimension { pool[c * dimension + j] = point[j] }
        }
        return pool
    }

    /// Gaussian perturbations of the five best observations, in the continuous and integer coordinates; a
    /// categorical coordinate is redrawn with probability 1/5.
    private mutating func perturbations(of predictor: GaussianProcessPredictor, count: Int) -> [Double] {
        let targets = predictor.standardizedTargets
        let leaders = targets.indices.sorted { targets[$0] != targets[$1] ? targets[$0] < targets[$1] : $0 < $1 }
            .prefix(5)
        guard !leaders.isEmpty else { return [] }
        let inputs = model.inputs
        let deviations = [0.01, 0.05, 0.2]
        var points = [Double](repeating: 0, count: count * dimension)
        for c in 0..<count {
            let leader = leaders[leaders.startIndex + c % leaders.count]
            let deviation = deviations[(c / leaders.count) % deviations.count]
            for j in 0..<dimension {
                let base = inputs[leader * dimension + j]
                if categorical[j] {
                    points[c * dimension + j] = generator.nextIndex(below: 5) == 0 ? generator.nextUnit() : base
                } else {
                    points[c * dimension + j] = min(max(base + deviation * generator.nextGaussian(), 0), 1)
                }
            }
        }
        return points
    }

    /// Maximizes the acquisition from `start` (snapped) over its active continuous and integer coordinates;
    /// categorical and inactive coordinates are held (activity depends only on categorical parents, so it cannot
    /// change on the way).
    private func refine(_ start: [Double], predictor: GaussianProcessPredictor, best: Double) -> [Double] {
        var lower = [Double](repeating: 0, count: dimension)
        var upper = [Double](repeating: 1, count: dimension)
        for j in 0..<dimension where categorical[j] || start[j] == Self.inactiveCoordinate {
            lower[j] = start[j]
            upper[j] = start[j]
        }
        var meanGradient = [Double](repeating: 0, count: dimension)
        var varianceGradient = [Double](repeating: 0, count: dimension)
        let acquisition = settings.acquisition
        let kappa = settings.kappa
        let result = Self.acquisitionMinimizer.minimize(start: start, lower: lower, upper: upper) { x, gradient in
            let (mean, variance) = predictor.meanAndVariance(
                at: x, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
            let sd = variance.squareRoot()
            let value = acquisition.evaluate(mean: mean, sd: sd, best: best, kappa: kappa)
            for j in 0..<x.count {
                let dSD = sd > 0 ? varianceGradient[j] / (2 * sd) : 0
                gradient[j] = -(value.dMean * meanGradient[j] + value.dSD * dSD)
            }
            return -value.value
        }
        return result.x
    }
}
