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
    }

    let space: SearchSpace
    let settings: TPEOptimizer.Settings
    let domains: [ParzenDomain]

    init(space: SearchSpace, settings: TPEOptimizer.Settings) {
        self.space = space
        self.settings = settings
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
    func split(_ history: [Observation]) -> (below: [Int], above: [Int]) {
        let n = history.lazy.filter { !$0.running }.count
        let gamma = min(Int((settings.gammaFraction * Double(n)).rounded(.up)), 25)
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
        func estimator(_ indices: [Int]) -> ParzenEstimator {
            let rows = indices.compactMap { i -> [Double]? in
                let values = history[i].values
                guard group.allSatisfy({ values[$0] != nil }) else { return nil }
                return group.map { domains[$0].coordinate(of: values[$0]!) }
            }
            return ParzenEstimator(
                observations: rows, weights: Self.weights(rows.count), domains: groupDomains,
                priorWeight: settings.priorWeight, magicClip: settings.magicClip)
        }
        let l = estimator(below)
        let g = estimator(above)
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
