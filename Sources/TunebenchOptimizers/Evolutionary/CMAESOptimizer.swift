import TunebenchCore
import TunebenchNumerics

/// CMA-ES (``CMAEvolutionStrategy``) on the space's unit cube, with IPOP restarts.
///
/// **Coordinates.** Every parameter is one coordinate of the unit-cube encoding (``SearchSpace/decode(_:)``): reals
/// in their scale, integers on `[lower − ½, upper + ½]` and categoricals by cells `[i/n, (i+1)/n)`. A sample is
/// decoded, and the strategy is told the position of what was evaluated: integer and categorical coordinates at
/// their value's position (the centre of its cell), as Optuna's CmaEsSampler tells the rounded value, and real and
/// inactive coordinates as sampled. (Optuna samples categorical parameters at random outside CMA-ES; here they take
/// part in the search.)
///
/// **Start.** Mean ½ in every coordinate, `σ₀ = 1/6` (option `sigma`) and `C = I`, as Optuna 5.0.0's CmaEsSampler
/// starts (`optuna/samplers/_cmaes.py`). The first population is `max(4, ⌊⅔ (4 + ⌊3 ln n⌋)⌋)` (option
/// `population`) instead of Hansen's `4 + ⌊3 ln n⌋`: at the budgets of hyperparameter optimization more generations
/// of fewer points converge further (on Branin, Hartmann3, Hartmann6, Rosenbrock-4 and Ackley-5 at 100 evaluations
/// it gave lower median regrets than the default population on 9 of 10 problem-seed pairs, seeds 7 and 11, 60
/// repetitions each), and IPOP restarts grow the population when a search stalls.
///
/// **Generations.** Each ask draws one point from the current distribution; once `λ` evaluations have succeeded the
/// distribution is updated. A failed evaluation is dropped and one more point is drawn in its place (resampling, as
/// Optuna's CmaEsSampler does with FAIL trials and pycma's `ask_and_eval` with NaN values). With several trials
/// pending (simulated workers), a point told after the distribution that drew it was updated, moved or restarted
/// stays out of the update (and its failure out of the failing-mean count); it still counts as a told point for
/// failing draws and, within the same restart, for the best point. (pycma instead clips such injected points.)
///
/// **Failing means** (option `failure-recentre`, on for `cmaes`, off for `cmaes-hansen`). Resampling assumes that the
/// mean lies where evaluations succeed: with the mean inside a failing region (the start at the centre of the cube,
/// or a mean averaged from successes around a convex failing region) nearly every draw fails and a generation can
/// use up the budget. So once the current generation has failed more than `λ` times (more failures than its
/// successes can ever be), the mean moves to the best successful point since the last (re)start, the generation's
/// successes are dropped and it starts again; `σ`, `C` and the paths stay. It moves only to a new best point: when
/// the mean already went to the best point and the generation fails as much again (a best point at the edge of a
/// failing region), resampling goes on, so that the generation ends and `σ` and `C` adapt. A success is a finite,
/// feasible value: on a constrained problem, no move happens before the first feasible point. This is a restart
/// from the best point (pycma's `fmin` option `restart_from_best`) that keeps the adapted distribution. Chosen on
/// the tuning set (docs/tuning-set.md): the worst run's failed share fell from 68% to 35%.
///
/// **Failing draws** (option `failure-avoidance`, on for `cmaes`, off for `cmaes-hansen`). After the first failure,
/// a draw whose nearest told point (Euclidean distance on the unit cube, over every point told since the start,
/// across restarts) failed is redrawn, up to `10n` times, the last draw then being evaluated: a nearest-neighbour
/// classifier of failures (T. Cover and P. Hart, "Nearest neighbor pattern classification", IEEE Trans. Inf. Theory
/// 13, 1967) screens draws before they are evaluated, as O. Kramer, A. Barthelmes and G. Rudolph ("Surrogate
/// constraint functions for CMA evolution strategies", KI 2009) screen them with a support vector machine. A
/// converged search beside a failing region otherwise keeps drawing into it: in `Results/failure-bars` a run
/// settled on a local minimum of Hartmann3 at the edge of a 2% ball and failed 18% of its trials. Chosen on the
/// tuning set (docs/tuning-set.md): the worst runs at 2%, 10% and 30% fell from 12%, 18% and 35% to 10%, 16% and
/// 37%, the mean failed shares from 0.7%, 3.9% and 11.2% to 0.6%, 2.9% and 9.1%, 34 to 36 of 36 cells within both
/// bars. Without failures nothing changes: the same draws, the same bytes.
///
/// **Constraints** (a problem with ``OptimizerContext/constraintCount`` > 0): an infeasible evaluation is kept and
/// ranked last by Deb's feasibility rule, feasible points by value, then infeasible ones by their total violation
/// `Σ_i max(c_i, 0)` (``CMAEvolutionStrategy/update(_:violations:)``), so that a population with no feasible point
/// moves towards feasibility. Optuna's CmaEsSampler ignores constraints; pycma offers an augmented Lagrangian
/// (`cma.ConstrainedFitnessAL`) instead.
///
/// **Restarts** (option `restarts`, on by default): IPOP-CMA-ES (A. Auger and N. Hansen, "A restart CMA evolution
/// strategy with increasing population size", CEC 2005). When a stopping criterion of
/// ``CMAEvolutionStrategy/stopReason`` holds after an update, the search starts again with the population doubled,
/// a mean drawn uniformly from the cube, `σ₀` and `C = I` (what Optuna 4.3 did with `restart_strategy="ipop"`).
/// The record gives the number of restarts in `optimizerMetadata.restarts`.
///
/// **Recommendation:** the default rule (the lowest observed value). pycma's own favourite, the distribution's mean
/// (`xfavorite`), is in general a point that was never evaluated, whose noiseless value the runner does not know.
public struct CMAESOptimizer: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        /// `λ` of the first generation; 0 for the rule of `populationRule`.
        public var populationSize = 0
        /// How `λ` of the first generation follows from the dimension when `populationSize` is 0.
        public var populationRule: PopulationRule = .reduced
        /// `σ₀` in unit-cube coordinates.
        public var sigma = 1.0 / 6
        /// IPOP restarts.
        public var restarts = true
        /// The factor by which each restart multiplies the population.
        public var populationGrowth = 2
        /// Whether a generation that fails more than `λ` times moves the mean to the best success since the last
        /// (re)start (see "Failing means" above).
        public var failureRecentre = true
        /// Whether a draw nearer to a failed point than to every successful one is redrawn (see "Failing draws").
        public var failureAvoidance = true

        public init() {}
    }

    /// The first population's size as a function of the dimension `n`.
    public enum PopulationRule: String, Sendable, Hashable, CaseIterable {
        /// `max(4, ⌊⅔ (4 + ⌊3 ln n⌋)⌋)`, Tunebench's default (see the type's documentation).
        case reduced
        /// `4 + ⌊3 ln n⌋`, Hansen's default (N. Hansen, "The CMA evolution strategy: a tutorial", arXiv:1604.00772,
        /// table 1).
        case hansen
    }

    private let space: SearchSpace
    private let settings: Settings
    private var generator: Xoshiro256StarStar
    private var strategy: CMAEvolutionStrategy
    private var results: [(point: [Double], value: Double)] = []
    /// The results' total constraint violations, on a constrained problem.
    private var violations: [Double] = []
    private let constrained: Bool
    /// The pending trials' points as told to the strategy, with the epoch of the distribution that drew them.
    private var pending = PendingTrials<(point: [Double], epoch: Int, restart: Int)>()
    /// Counts the distributions: a new one after each update, move of the mean or restart. A told point of an
    /// earlier distribution (possible only with several trials pending) does not join the current generation.
    private var epoch = 0
    private var remaining: Int
    private var restartCount = 0
    /// Failed evaluations since the current generation began.
    private var generationFailures = 0
    /// The best successful point and value since the last (re)start.
    private var bestSinceStart: (point: [Double], value: Double)?
    /// Where the mean was last moved to, since the last (re)start.
    private var recentredAt: [Double]?
    /// Every told point that succeeded, and every one that failed, for ``Settings/failureAvoidance``.
    private var succeededPoints: [[Double]] = []
    private var failedPoints: [[Double]] = []

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        constrained = context.constraintCount > 0
        generator = Xoshiro256StarStar(seed: context.seed)
        let n = context.space.dimension
        let lambda: Int
        if settings.populationSize > 0 {
            lambda = settings.populationSize
        } else {
            switch settings.populationRule {
            case .reduced: lambda = CMAEvolutionStrategy.smallPopulationSize(dimension: n)
            case .hansen: lambda = CMAEvolutionStrategy.defaultPopulationSize(dimension: n)
            }
        }
        strategy = CMAEvolutionStrategy(
            mean: [Double](repeating: 0.5, count: n), sigma: settings.sigma, populationSize: max(lambda, 2))
        remaining = context.budget
    }

    public var metadata: [String: String] {
        [
            "population": String(strategy.populationSize),
            "restarts": settings.restarts ? String(restartCount) : "off",
        ]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        var point = strategy.sample(using: &generator)
        if settings.failureAvoidance, !failedPoints.isEmpty {
            var redraws = 0
            while redraws < 10 * strategy.dimension, nearerToFailure(point) {
                point = strategy.sample(using: &generator)
                redraws += 1
            }
        }
        let configuration = space.decode(point)
        // The position of what is evaluated: discrete coordinates at their value, the rest as sampled.
        var told = point
        let encoded = space.encode(configuration)
        for (j, parameter) in space.parameters.enumerated() where configuration.values[j] != nil {
            if case .real = parameter.domain { continue }
            told[j] = encoded[j]
        }
        pending.add((told, epoch, restartCount))
        return Suggestion(configuration)
    }

    public mutating func tell(_ observation: Observation) {
        guard let (point, drawnIn, restart) = pending.remove(observation.trial) else { return }
        guard let value = constrained ? observation.objectiveValue : observation.finiteValue else {
            if settings.failureAvoidance { failedPoints.append(point) }
            if drawnIn == epoch { recordFailure() }
            return
        }
        if settings.failureAvoidance { succeededPoints.append(point) }
        if restart == restartCount, let success = observation.finiteValue,
            success < bestSinceStart?.value ?? .infinity
        {
            bestSinceStart = (point, success)
        }
        // A point of an earlier distribution: its step would be measured against another mean and σ (pycma clips
        // such injected points; here they stay out of the update).
        guard drawnIn == epoch else { return }
        results.append((point, value))
        if constrained { violations.append(observation.constraints.map(Feasibility.violation) ?? 0) }
        guard results.count == strategy.populationSize else { return }
        strategy.update(results, violations: constrained ? violations : nil)
        epoch += 1
        results.removeAll(keepingCapacity: true)
        violations.removeAll(keepingCapacity: true)
        generationFailures = 0
        if settings.restarts, strategy.stopReason != nil {
            restartCount += 1
            bestSinceStart = nil
            recentredAt = nil
            let mean = (0..<strategy.dimension).map { _ in generator.nextUnit() }
            strategy = CMAEvolutionStrategy(
                mean: mean, sigma: settings.sigma,
                populationSize: strategy.populationSize * max(settings.populationGrowth, 1))
        }
    }

    /// Whether `x`'s nearest told point (Euclidean, unit cube) failed: a 1-nearest-neighbour classifier of failures.
    private func nearerToFailure(_ x: [Double]) -> Bool {
        func distance(_ p: [Double]) -> Double {
            var s = 0.0
            for i in x.indices { s += (x[i] - p[i]) * (x[i] - p[i]) }
            return s
        }
        let failure = failedPoints.lazy.map(distance).min() ?? .infinity
        let success = succeededPoints.lazy.map(distance).min() ?? .infinity
        return failure < success
    }

    /// Counts a failed evaluation; past `λ` failures in one generation, moves the mean to the best success since the
    /// last (re)start and begins the generation again (see "Failing means").
    private mutating func recordFailure() {
        generationFailures += 1
        guard settings.failureRecentre, generationFailures > strategy.populationSize, let best = bestSinceStart,
            best.point != recentredAt
        else { return }
        recentredAt = best.point
        strategy.recentre(at: best.point)
        epoch += 1
        results.removeAll(keepingCapacity: true)
        violations.removeAll(keepingCapacity: true)
        generationFailures = 0
    }
}
