import TunebenchCore
import TunebenchNumerics

/// One line of search of ``GaussianProcessOptimizer``: a Gaussian-process model of the observations the line has
/// made (or of all of them, for the global line), the schedule of its hyperparameter fits, and how long its
/// suggestions have promised almost nothing.
struct SurrogateThread: Sendable {
    private(set) var model: GaussianProcessRegressor
    /// The total constraint violation `Σ_i max(c_i, 0)` of each observation, in the model's order (all 0 on an
    /// unconstrained problem): the feasible ones set the incumbent.
    private(set) var violations: [Double] = []
    /// The observations that are imputed failures (``appendFailure(_:)``), in the model's order.
    private(set) var imputed: Set<Int> = []
    /// Suggestions this line has made, from its design or its model.
    var asks = 0
    private var fits = 0
    /// Whether the hyperparameters have been estimated at least once (the model is then in use).
    var fitted: Bool { fits > 0 }
    /// Consecutive model suggestions whose expected improvement was below ``GaussianProcessOptimizer/convergedImprovement``.
    private(set) var quietSuggestions = 0
    /// The optimizer's count of told trials when a quiet suggestion was last counted: with several trials pending,
    /// suggestions from an unchanged model count once (a sequential run tells before every ask).
    private var toldAtLastQuiet = -1

    static let hyperparameterMinimizer = BoundedMinimizer(
        memory: 10, maxIterations: 60, maxEvaluations: 100, gradientTolerance: 1e-2, functionTolerance: 1e-9)

    /// How failures are imputed (``GaussianProcessOptimizer/FailureImputation``).
    private let imputation: GaussianProcessOptimizer.FailureImputation

    init(dimension: Int, categorical: [Bool], settings: GaussianProcessOptimizer.Settings) {
        imputation = settings.failureImputation
        model = GaussianProcessRegressor(
            dimension: dimension, categorical: categorical, kernel: settings.kernel,
            prior: settings.prior.prior(dimension: dimension))
    }

    mutating func append(_ point: [Double], _ value: Double, violation: Double = 0) {
        model.append(point, value)
        violations.append(violation)
    }

    /// Sets the values of the observed (not imputed) observations, in the model's order: ``ParEGOOptimizer``'s new
    /// scalarization at each ask. The imputed failures are re-imputed from these at the next ``fit(using:)``.
    mutating func setObservedValues(_ values: [Double]) {
        var next = values.makeIterator()
        for index in 0..<model.count where !imputed.contains(index) {
            if let value = next.next() { model.setTarget(index, value) }
        }
    }

    /// Adds a failed evaluation, first with the worst value observed so far, re-imputed before every fit by the
    /// line's rule (``fit(using:)``: the worst value so far, SMAC's crash cost as the worst cost seen, or
    /// ``penalisedImputation(_:at:)``); it never counts as an incumbent or a leader (its violation is `+∞`). A failure
    /// before the line's first value has nothing to be imputed with and is left out (the feasibility model still has
    /// it).
    /// - Returns: whether the failure was added.
    @discardableResult
    mutating func appendFailure(_ point: [Double]) -> Bool {
        guard let worst = worstValue else { return false }
        imputed.insert(model.count)
        model.append(point, worst)
        violations.append(.infinity)
        return true
    }

    /// The model of the successful observations alone (every observation but the imputed failures), with the current
    /// hyperparameters, and the failures' inputs (rows in the order of the sorted imputed indices).
    private func successesModel() -> (model: GaussianProcessRegressor, failures: [Double]) {
        var successes = GaussianProcessRegressor(
            dimension: model.dimension, categorical: model.categorical, kernel: model.kernel,
            noiseFloor: model.noiseFloor, prior: model.prior)
        successes.hyperparameters = model.hyperparameters
        let d = model.dimension
        var failures: [Double] = []
        for i in 0..<model.count {
            let row = Array(model.inputs[i * d..<(i + 1) * d])
            if imputed.contains(i) { failures += row } else { successes.append(row, model.targets[i]) }
        }
        return (successes, failures)
    }

    /// The imputed values of ``GaussianProcessOptimizer/FailureImputation/penalised``, in the order of the sorted
    /// imputed indices: `μ(x) + σ(x)` at each failure under `successes`, the model of the successful observations
    /// alone (in the original units). `nil` when that model's kernel matrix cannot be factored, or when a value is not
    /// finite (successes spread beyond the doubles' range overflow the standardisation): the worst value is then
    /// imputed.
    private static func penalisedImputation(_ successes: GaussianProcessRegressor, at failures: [Double]) -> [Double]? {
        guard let predictor = try? successes.predictor() else { return nil }
        let (means, variances) = predictor.meanAndVariance(points: failures)
        let values = zip(means, variances).map { predictor.mean + predictor.scale * ($0 + $1.squareRoot()) }
        return values.allSatisfy(\.isFinite) ? values : nil
    }

    /// The largest observed (not imputed) value.
    private var worstValue: Double? {
        model.targets.indices.lazy.filter { !imputed.contains($0) }.map { model.targets[$0] }.max()
    }

    /// Records the expected improvement of a suggestion the model made, `told` trials having been told so far.
    mutating func record(expectedImprovement: Double, told: Int) {
        if expectedImprovement >= GaussianProcessOptimizer.convergedImprovement {
            quietSuggestions = 0
        } else if told != toldAtLastQuiet {
            quietSuggestions += 1
            toldAtLastQuiet = told
        }
    }

    /// Re-estimates the hyperparameters from the previous estimate (and, every tenth time, from the prior's mode; the
    /// first time also from two prior draws). Restarts rarely find a better optimum once the estimate is warm (on
    /// Hartmann6, none did in a 100-evaluation run), so they are kept few: they were half of the fitting time.
    mutating func fit(using generator: inout Xoshiro256StarStar) {
        let dimension = model.dimension
        var starts = [model.hyperparameters]
        let mode = model.prior.mode(dimension: dimension)
        if fits % 10 == 0, mode != model.hyperparameters { starts.append(mode) }
        if fits == 0 {
            starts.append(model.prior.sample(dimension: dimension, using: &generator))
            starts.append(model.prior.sample(dimension: dimension, using: &generator))
        }
        fits += 1
        guard !imputed.isEmpty, let worst = worstValue else {
            model.fit(starts: starts, minimizer: Self.hyperparameterMinimizer)
            return
        }
        if imputation == .penalised {
            // The hyperparameters are estimated from the successes alone: an imputed value is not an observation, and
            // fitted with the others it would bend the length-scales near the optimum too.
            var (successes, failures) = successesModel()
            if successes.count >= 2 {
                _ = successes.fit(starts: starts, minimizer: Self.hyperparameterMinimizer)
                model.hyperparameters = successes.hyperparameters
                let values = Self.penalisedImputation(successes, at: failures)
                for (k, index) in imputed.sorted().enumerated() { model.setTarget(index, values?[k] ?? worst) }
                return
            }
        }
        for index in imputed.sorted() { model.setTarget(index, worst) }
        model.fit(starts: starts, minimizer: Self.hyperparameterMinimizer)
    }
}
