import TunebenchCore
import TunebenchNumerics

/// The Parzen step of the tree-structured Parzen estimator, apart from any optimizer's bookkeeping: given the
/// successful evaluations so far, one configuration chosen by `log l(x) − log g(x)` (``TPEOptimizer`` documents the
/// rule and its defaults). ``TPEOptimizer`` calls it with its whole history; ``HyperbandOptimizer``'s `parzen`
/// sampler (`hyperband-tpe`) calls it with the evaluations of one fidelity level.
struct ParzenSampler: Sendable {
    /// One evaluation: the configuration's values, the objective (`+∞` for a failure, which ranks last) and, on a
    /// constrained problem, its total constraint violation `Σ_i max(c_i, 0)` (0 when feasible).
    struct Observation: Sendable {
        var values: [ParameterValue?]
        var value: Double
        var violation = 0.0
        /// A pending trial under the constant liar: in `g`, and not counted in `γ(n)`'s `n`.
        var running = false
        /// On a problem of several objectives, a successful evaluation's objective values (all finite).
        var objectives: [Double]?
    }

    let space: SearchSpace
    let settings: TPEOptimizer.Settings
    let domains: [ParzenDomain]
    /// The problem's number of objectives: with more than one, ``split(_:)`` ranks by Pareto dominance.
    let objectiveCount: Int

    init(space: SearchSpace, settings: TPEOptimizer.Settings, objectiveCount: Int = 1) {
        self.space = space
        self.settings = settings
        self.objectiveCount = objectiveCount
        domains = space.parameters.map { ParzenDomain($0.domain) }
    }

    /// `γ(n)` best evaluations in `l`, the rest in `g`, each in trial order; a failure (`+∞`) is never in `l`. On a
    /// constrained problem the feasible evaluations rank first, by value, then the infeasible ones by total violation,
    /// so that `l` takes infeasible points only while fewer than `γ(n)` are feasible: Optuna's TPE with
    /// `constraints_func` (optuna 5.0.0, `_tpe/sampler.py`: `_split_trials`, `_split_infeasible_trials` and
    /// `_get_infeasible_trial_score`, the sum of the positive constraint values).
    ///
    /// Pending trials (``Observation/running``, the constant liar) join `g` and stay out of `n`, as Optuna's RUNNING
    /// trials (`_sample`: `n` counts the trials that are not running; `_split_trials` puts them in `above`).
    ///
    /// With several objectives, ``splitByDominance(_:count:)`` orders the feasible evaluations and `γ(n)` has no cap.
    func split(_ history: [Observation]) -> (below: [Int], above: [Int]) {
        let n = history.lazy.filter { !$0.running }.count
        let fraction = Int((settings.gammaFraction * Double(n)).rounded(.up))
        guard objectiveCount == 1 else { return splitByDominance(history, count: fraction) }
        let gamma = min(fraction, 25)
        let ranked = history.indices.sorted {
            let (a, b) = (history[$0], history[$1])
            if a.violation != b.violation { return a.violation < b.violation }
            let (ka, kb) = (a.violation > 0 ? 0 : a.value, b.violation > 0 ? 0 : b.value)
            return ka != kb ? ka < kb : $0 < $1
        }
        var isBelow = [Bool](repeating: false, count: history.count)
        for index in ranked.prefix(gamma) where history[index].value.isFinite && !history[index].running {
            isBelow[index] = true
        }
        return (history.indices.filter { isBelow[$0] }, history.indices.filter { !isBelow[$0] })
    }

    /// Multi-objective TPE's split (Y. Ozaki, Y. Tanigaki, S. Watanabe, M. Nomura and M. Onishi, "Multiobjective
    /// tree-structured Parzen estimator", JAIR 73, 2022; as Optuna 5.0.0 implements it in `_tpe/sampler.py`,
    /// `_split_trials` and `_split_complete_trials_multi_objective`): `l` takes the feasible successful evaluations by
    /// non-domination rank (``ParetoDominance/ranks(_:)``), whole ranks while they fit in `count`, then from the first
    /// rank that does not fit the points chosen by greedy hypervolume subset selection (``HypervolumeSubsetSelection``)
    /// with the reference point of Optuna's TPE (each objective's worst value in that rank, times 1.1 if positive or
    /// 0.9 if negative; 10⁻¹² for 0). While fewer than `count` are feasible, the infeasible ones follow by total
    /// violation. Failures and pending trials are never in `l`.
    func splitByDominance(_ history: [Observation], count: Int) -> (below: [Int], above: [Int]) {
        let complete = history.indices.filter {
            !history[$0].running && history[$0].violation == 0 && history[$0].objectives != nil
        }
        var below: [Int] = []
        let wanted = min(count, complete.count)
        if wanted == complete.count {
            below = complete
        } else if wanted > 0 {
            let points = complete.map { history[$0].objectives! }
            let ranks = ParetoDominance.ranks(points)
            var rank = 0
            while true {
                let members = complete.indices.filter { ranks[$0] == rank }
                if below.count + members.count <= wanted {
                    below += members.map { complete[$0] }
                    rank += 1
                    continue
                }
                let front = members.map { points[$0] }
                let chosen = HypervolumeSubsetSelection.greedy(
                    front, count: wanted - below.count, reference: Self.tieBreakReference(front))
                below += chosen.map { complete[members[$0]] }
                break
            }
        }
        let infeasible = history.indices.filter {
            !history[$0].running && history[$0].value.isFinite && history[$0].violation > 0
        }.sorted { history[$0].violation != history[$1].violation
            ? history[$0].violation < history[$1].violation : $0 < $1 }
        below += infeasible.prefix(max(0, count - below.count))
        var isBelow = [Bool](repeating: false, count: history.count)
        for index in below { isBelow[index] = true }
        return (history.indices.filter { isBelow[$0] }, history.indices.filter { !isBelow[$0] })
    }

    /// Optuna's `_get_reference_point`: per objective, `max(1.1 w, 0.9 w)` of the worst value `w`, 10⁻¹² where that
    /// is 0.
    static func tieBreakReference(_ points: [[Double]]) -> [Double] {
        (0..<points[0].count).map { j in
            let worst = points.map { $0[j] }.max()!
            let reference = max(1.1 * worst, 0.9 * worst)
            return reference == 0 ? 1e-12 : reference
        }
    }

    /// Optuna's `default_weights`: ones for up to 25 observations, else a ramp from `1/m` to 1 over the oldest
    /// `m − 25` (both ends included) followed by 25 ones.
    static func weights(_ m: Int) -> [Double] {
        guard m > 25 else { return [Double](repeating: 1, count: m) }
        let ramp = m - 25
        let start = 1 / Double(m)
        let rampValues = ramp == 1 ? [start] : (0..<ramp).map { start + (1 - start) * Double($0) / Double(ramp - 1) }
        return rampValues + [Double](repeating: 1, count: 25)
    }

    /// The configuration suggested from `history` (at least one evaluation): the joint group first when
    /// multivariate, then every other active parameter on its own, parents before children.
    func suggestion(
        from history: [Observation], using generator: inout Xoshiro256StarStar
    ) -> Configuration {
        let (below, above) = split(history)
        var values = [ParameterValue?](repeating: nil, count: space.dimension)
        var chosen = [Bool](repeating: false, count: space.dimension)
        if settings.multivariate {
            let joint = space.parameters.indices.filter { j in history.allSatisfy { $0.values[j] != nil } }
            if !joint.isEmpty {
                let sample = sampleGroup(joint, history: history, below: below, above: above, using: &generator)
                for (position, j) in joint.enumerated() {
                    values[j] = sample[position]
                    chosen[j] = true
                }
            }
        }
        for j in space.parameters.indices {
            guard space.isActive(j, given: values) else {
                values[j] = nil
                continue
            }
            if !chosen[j] {
                values[j] = sampleGroup([j], history: history, below: below, above: above, using: &generator)[0]
            }
        }
        return Configuration(values)
    }

    /// The values of the parameters `group` maximizing `log l − log g` among `candidates` draws from `l`, both
    /// estimated from the evaluations where every parameter of the group was active.
    private func sampleGroup(
        _ group: [Int], history: [Observation], below: [Int], above: [Int], using generator: inout Xoshiro256StarStar
    ) -> [ParameterValue] {
        let groupDomains = group.map { domains[$0] }
        func estimator(_ indices: [Int], isBelow: Bool) -> ParzenEstimator {
            let rows = indices.compactMap { i -> [Double]? in
                let values = history[i].values
                guard group.allSatisfy({ values[$0] != nil }) else { return nil }
                return group.map { domains[$0].coordinate(of: values[$0]!) }
            }
            // With several objectives `l`'s weights are ones (Optuna 5.0.0's `_build_parzen_estimator`).
            let weights = isBelow && objectiveCount > 1
                ? [Double](repeating: 1, count: rows.count) : Self.weights(rows.count)
            return ParzenEstimator(
                observations: rows, weights: weights, domains: groupDomains,
                priorWeight: settings.priorWeight, magicClip: settings.magicClip)
        }
        let l = estimator(below, isBelow: true)
        let g = estimator(above, isBelow: false)
        let candidates = l.sample(max(settings.candidates, 1), using: &generator)
        let (logL, logG) = (l.logDensities(candidates), g.logDensities(candidates))
        var best = candidates[0]
        var bestScore = -Double.infinity
        for (index, candidate) in candidates.enumerated() {
            let score = logL[index] - logG[index]
            if score > bestScore {  // the first maximum; NaN never wins
                best = candidate
                bestScore = score
            }
        }
        return zip(groupDomains, best).map { $0.value(at: $1) }
    }
}
