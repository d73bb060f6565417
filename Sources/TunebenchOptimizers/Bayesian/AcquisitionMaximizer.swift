import Foundation
import TunebenchCore
import TunebenchNumerics

/// Finds the unseen configuration that maximizes an acquisition function under a Gaussian-process posterior, in the
/// model's coordinates of ``GaussianProcessOptimizer``:
/// 1. the acquisition is evaluated on a pool of `candidates` scrambled Sobol points plus a quarter as many (at least
///    8) Gaussian perturbations of the five best observed points (standard deviations 0.01, 0.05 and 0.2 in the unit
///    cube), snapped to the model's coordinates when the space has categorical or conditional parameters;
/// 2. the `localSearches` best of them, and the best observed point, are refined by bounded L-BFGS-B on the active
///    continuous and integer coordinates (categorical and inactive coordinates held), with the acquisition's
///    analytic gradient; starting from the incumbent is what finds the last digits of an optimum (Optuna's
///    GPSampler does the same);
/// 3. each refined point is rounded through the space (decode, then encode), and the best one not evaluated before
///    wins; if every refined point was evaluated before (a small discrete space), the best unseen point of the pool
///    is taken.
///
/// Once an evaluation has failed, every score adds `log PoF(x)`, the log probability of feasibility of a
/// ``FeasibilityPredictor`` (with its gradient in the refinement): the acquisition times the probability of
/// feasibility, Gardner et al.'s constrained form. `ei` is then scored as `log EI` (the same maximizer as `EI · PoF`),
/// and `ucb` as `exp(−LCB) · PoF` in logarithms, which has no published counterpart: it keeps one rule for every
/// acquisition. On a constrained problem the same weight holds the constraint models' `Π_i PoF_i`, the improvement is
/// over the best *feasible* observation (the perturbations start from the feasible leaders, then the least violating
/// ones; the incumbent's refinement from the best feasible one), and while nothing is feasible the acquisition term is
/// 0, so that the probability of feasibility alone is maximized (Optuna's `LogCEI` with no feasible trial).
struct AcquisitionMaximizer: Sendable {
    let space: SearchSpace
    let settings: GaussianProcessOptimizer.Settings
    let dimension: Int
    let categorical: [Bool]
    /// Whether candidates need snapping: the space has categorical or conditional parameters.
    let needsSnapping: Bool

    private static let minimizer = BoundedMinimizer(
        memory: 8, maxIterations: 40, maxEvaluations: 80, gradientTolerance: 1e-7, functionTolerance: 1e-10)

    init(space: SearchSpace, settings: GaussianProcessOptimizer.Settings) {
        self.space = space
        self.settings = settings
        dimension = space.dimension
        categorical = space.parameters.map { $0.choices != nil }
        needsSnapping = categorical.contains(true) || space.parameters.contains { $0.condition != nil }
    }

    /// The winner, with the expected improvement (in standardised units) that the posterior gives it, whatever the
    /// acquisition; `nil` when every point of the pool was evaluated before.
    /// - Parameters:
    ///   - inputs: the model's observed inputs, row by row (the predictor's training points).
    ///   - violations: each observation's total constraint violation (0 when feasible), in the model's order (all 0
    ///     on an unconstrained problem).
    ///   - feasibility: the probability of feasibility, once an evaluation has failed or on a constrained problem.
    func maximize(
        predictor: GaussianProcessPredictor, inputs: [Double], violations: [Double], observed: Set<Configuration>,
        feasibility: FeasibilityPredictor? = nil, using generator: inout Xoshiro256StarStar
    ) -> (configuration: Configuration, expectedImprovement: Double)? {
        let targets = predictor.standardizedTargets
        // The best feasible standardised target: the incumbent; `nil` while nothing is feasible.
        let incumbent = targets.indices.filter { violations[$0] == 0 }
            .min { targets[$0] != targets[$1] ? targets[$0] < targets[$1] : $0 < $1 }
        let best = incumbent.map { targets[$0] }
        let acquisition = feasibility != nil && settings.acquisition == .ei ? AcquisitionFunction.logei : settings.acquisition
        // Feasible observations by value, then the others by violation: the leaders the perturbations start from.
        let leaders = targets.indices.sorted { a, b in
            let (va, vb) = (violations[a], violations[b])
            if va != vb { return va < vb }
            return targets[a] != targets[b] ? targets[a] < targets[b] : a < b
        }
        var pool = sobolPool(settings.candidates, using: &generator)
        pool += perturbations(of: leaders, inputs: inputs, count: max(settings.candidates / 4, 8), using: &generator)
        let count = pool.count / dimension
        if needsSnapping { snap(&pool, count: count) }
        let (means, variances) = predictor.meanAndVariance(points: pool)
        var scores = [Double](repeating: 0, count: count)
        if let best {
            for c in 0..<count {
                scores[c] = acquisition.value(
                    mean: means[c], sd: variances[c].squareRoot(), best: best, kappa: settings.kappa)
            }
        }
        if let feasibility {
            for (c, logPoF) in feasibility.logProbabilities(points: pool).enumerated() { scores[c] += logPoF }
        }
        // Ranked by score, ties and NaN last, by index for determinism.
        let ranked = (0..<count).sorted { a, b in
            let (sa, sb) = (scores[a].isNaN ? -.infinity : scores[a], scores[b].isNaN ? -.infinity : scores[b])
            return sa != sb ? sa > sb : a < b
        }
        var starts = ranked.prefix(settings.localSearches).map { Array(pool[$0 * dimension..<($0 + 1) * dimension]) }
        if let incumbent {
            starts.append(Array(inputs[incumbent * dimension..<(incumbent + 1) * dimension]))
        }
        var winner: (score: Double, configuration: Configuration, mean: Double, sd: Double)?
        for start in starts {
            let configuration = space.decode(
                refine(start, predictor: predictor, best: best, acquisition: acquisition, feasibility: feasibility))
            guard !observed.contains(configuration) else { continue }
            let point = space.modelPoint(configuration)
            let (mean, variance) = predictor.meanAndVariance(points: point)
            let sd = variance[0].squareRoot()
            var score = best.map { acquisition.value(mean: mean[0], sd: sd, best: $0, kappa: settings.kappa) } ?? 0
            if let feasibility { score += feasibility.logProbabilities(points: point)[0] }
            if score.isNaN { score = -.infinity }
            if winner == nil || score > winner!.score { winner = (score, configuration, mean[0], sd) }
        }
        if winner == nil {
            // Every refined point was seen before: the best unseen point of the pool.
            for index in ranked {
                let configuration = space.decode(Array(pool[index * dimension..<(index + 1) * dimension]))
                if !observed.contains(configuration) {
                    let (mean, variance) = predictor.meanAndVariance(points: space.modelPoint(configuration))
                    winner = (-.infinity, configuration, mean[0], variance[0].squareRoot())
                    break
                }
            }
        }
        guard let winner else { return nil }
        // While nothing is feasible the search is not converging on anything: an improvement of one deviation.
        guard let best else { return (winner.configuration, 1) }
        let logEI = GaussianAcquisition.logEI(mean: winner.mean, sd: winner.sd, best: best)
        return (winner.configuration, logEI.isNaN ? 0 : exp(logEI))
    }

    // MARK: - The pool

    /// Sets the categorical and inactive coordinates of each of the `count` rows of `pool` to the model's
    /// coordinates of the configuration the row decodes to; real and integer coordinates keep their relaxation.
    private func snap(_ pool: inout [Double], count: Int) {
        for c in 0..<count {
            let row = Array(pool[c * dimension..<(c + 1) * dimension])
            let configuration = space.decode(row)
            let snapped = space.modelPoint(configuration)
            for j in 0..<dimension where categorical[j] || configuration.values[j] == nil {
                pool[c * dimension + j] = snapped[j]
            }
        }
    }

    private func sobolPool(_ count: Int, using generator: inout Xoshiro256StarStar) -> [Double] {
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

    /// Gaussian perturbations of the first five `ranked` observations (the best), in the continuous and integer
    /// coordinates; a categorical coordinate is redrawn with probability 1/5.
    private func perturbations(
        of ranked: [Int], inputs: [Double], count: Int, using generator: inout Xoshiro256StarStar
    ) -> [Double] {
        let leaders = ranked.prefix(5)
        guard !leaders.isEmpty else { return [] }
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

    // MARK: - Local refinement

    /// Maximizes the acquisition from `start` (snapped) over its active continuous and integer coordinates;
    /// categorical and inactive coordinates are held (activity depends only on categorical parents, so it cannot
    /// change on the way).
    private func refine(
        _ start: [Double], predictor: GaussianProcessPredictor, best: Double?, acquisition: AcquisitionFunction,
        feasibility: FeasibilityPredictor?
    ) -> [Double] {
        var lower = [Double](repeating: 0, count: dimension)
        var upper = [Double](repeating: 1, count: dimension)
        for j in 0..<dimension where categorical[j] || start[j] == SearchSpace.inactiveModelCoordinate {
            lower[j] = start[j]
            upper[j] = start[j]
        }
        var meanGradient = [Double](repeating: 0, count: dimension)
        var varianceGradient = [Double](repeating: 0, count: dimension)
        var feasibilityGradient = [Double](repeating: 0, count: dimension)
        let kappa = settings.kappa
        let result = Self.minimizer.minimize(start: start, lower: lower, upper: upper) { x, gradient in
            let (mean, variance) = predictor.meanAndVariance(
                at: x, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
            let sd = variance.squareRoot()
            // No feasible incumbent: no improvement term, the probability of feasibility alone.
            let value = best.map { acquisition.evaluate(mean: mean, sd: sd, best: $0, kappa: kappa) }
                ?? GaussianAcquisition.ValueWithDerivatives(value: 0, dMean: 0, dSD: 0)
            for j in 0..<x.count {
                let dSD = sd > 0 ? varianceGradient[j] / (2 * sd) : 0
                gradient[j] = -(value.dMean * meanGradient[j] + value.dSD * dSD)
            }
            guard let feasibility else { return -value.value }
            let logPoF = feasibility.logProbability(
                at: x, gradient: &feasibilityGradient, meanGradient: &meanGradient, varianceGradient: &varianceGradient)
            for j in 0..<x.count { gradient[j] -= feasibilityGradient[j] }
            return -(value.value + logPoF)
        }
        return result.x
    }
}
