import TunebenchCore
import TunebenchNumerics

/// Hyperband, successive halving and BOHB in ask/tell form, on the problem's fidelity levels.
///
/// **Schedule.** ``HyperbandSchedule``: bracket by bracket, rung by rung. Within a rung, configurations are asked in
/// order; once every one has been told, the best `⌊n_i / η⌋` (lowest values, ties to the earlier; failed evaluations
/// last) go to the next level, in rank order, and are trained again from scratch there (as in Li et al. 2018, which
/// counts each evaluation's full resource). The last rung of a bracket runs at the last level, so every bracket ends
/// with full-fidelity evaluations.
///
/// **New configurations** (the first rung of each bracket, drawn one at a time when asked):
/// - `random` (Hyperband, successive halving): uniform in the unit cube.
/// - `model` (BOHB; S. Falkner, A. Klein and F. Hutter, "BOHB: robust and efficient hyperparameter optimization at
///   scale", ICML 2018, Algorithm 2): with probability `ρ` (1/3 in the paper) uniform at random; otherwise the TPE
///   step (``ParzenSampler``: the best 15 % form `l`, as BOHB's `q = 0.15`; 64 candidates from `l`, as BOHB's
///   `N_s = 64`) fitted to the successful evaluations of the highest level that has at least `N_min + 2` of them,
///   `N_min = d + 1` for `d` parameters, or uniform at random when no level has. The model is Tunebench's TPE step,
///   not BOHB's own: Parzen estimators with a prior component and a bandwidth floor (Optuna's) stand in for BOHB's
///   product kernel density estimates with bandwidth factor 3, and `l` holds `min(⌈0.15 n⌉, 25)` evaluations (the
///   older ones down-weighted) where BOHB takes `max(N_min, ⌈0.15 n⌉)` and `g` the rest, at least `N_min`.
///
/// A single-fidelity problem has one level: every bracket is one configuration at full fidelity, so Hyperband is
/// random search and BOHB is TPE with a random fraction.
public struct HyperbandOptimizer: Optimizer {
    /// Where new configurations come from.
    public enum Sampler: String, Sendable, Hashable, CaseIterable {
        case random
        case model
    }

    public struct Settings: Sendable, Hashable {
        /// The reduction factor `η`.
        public var eta = 3
        /// Hyperband's cycle of brackets, or successive halving's most aggressive bracket only.
        public var successiveHalving = false
        public var sampler = Sampler.random
        /// BOHB's `ρ`: the fraction of new configurations drawn at random.
        public var randomFraction = 1.0 / 3
        /// BOHB's `N_s`: draws from `l(x)` scored per new configuration.
        public var candidates = 64

        public init() {}
    }

    private let space: SearchSpace
    private let settings: Settings
    private let schedule: HyperbandSchedule
    private let multiFidelity: Bool
    private let parzen: ParzenSampler
    private var generator: Xoshiro256StarStar
    private var remaining: Int

    /// Brackets finished so far, and begun (asked for at least once).
    private var brackets = 0
    private var begun = 0
    private var bracket: Int
    private var rung = 0
    /// The rung's configurations; the first rung's grow as they are asked.
    private var rungConfigurations: [Configuration] = []
    private var rungSize: Int
    private var rungValues: [Double] = []
    private var pending: Configuration?
    /// Successful evaluations per level, for the model.
    private var history: [[ParzenSampler.Observation]]

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        multiFidelity = !context.fidelities.isEmpty
        schedule = HyperbandSchedule(
            fidelities: context.fidelities, eta: settings.eta,
            kind: settings.successiveHalving ? .successiveHalving : .hyperband)
        var tpe = TPEOptimizer.Settings()
        tpe.candidates = settings.candidates
        parzen = ParzenSampler(space: space, settings: tpe)
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        history = Array(repeating: [], count: max(context.fidelities.count, 1))
        bracket = schedule.bracket(number: 0)
        rungSize = schedule.initialCount(bracket: bracket)
    }

    /// The brackets begun (the last possibly unfinished).
    public var metadata: [String: String] { ["brackets": "\(begun)"] }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let position = rungValues.count
        if rung == 0 && position == 0 { begun += 1 }
        if position == rungConfigurations.count { rungConfigurations.append(newConfiguration()) }
        let configuration = rungConfigurations[position]
        pending = configuration
        let level = schedule.level(bracket: bracket, rung: rung)
        return Suggestion(configuration, fidelity: multiFidelity ? level : nil)
    }

    public mutating func tell(_ observation: Observation) {
        guard let configuration = pending else { return }
        pending = nil
        let level = schedule.level(bracket: bracket, rung: rung)
        if let value = observation.finiteValue {
            history[level].append(.init(values: configuration.values, value: value))
        }
        rungValues.append(observation.finiteValue ?? .infinity)
        if rungValues.count == rungSize { advance() }
    }

    /// Promotes the rung's best to the next rung, or starts the next bracket after the last rung.
    private mutating func advance() {
        if rung < bracket {
            let ranked = rungValues.indices.sorted {
                rungValues[$0] != rungValues[$1] ? rungValues[$0] < rungValues[$1] : $0 < $1
            }
            rungSize = schedule.survivors(of: rungSize)
            rungConfigurations = ranked.prefix(rungSize).map { rungConfigurations[$0] }
            rung += 1
        } else {
            bracket = schedule.bracket(number: brackets + 1)
            brackets += 1
            rung = 0
            rungSize = schedule.initialCount(bracket: bracket)
            rungConfigurations = []
        }
        rungValues = []
    }

    /// A configuration for the first rung: from the model when there is one and the random fraction allows.
    private mutating func newConfiguration() -> Configuration {
        if settings.sampler == .model {
            let draw = generator.nextUnit()
            let needed = space.dimension + 3  // N_min + 2 with N_min = d + 1
            if draw >= settings.randomFraction, let level = history.lastIndex(where: { $0.count >= needed }) {
                return parzen.suggestion(from: history[level], using: &generator)
            }
        }
        var point = [Double](repeating: 0, count: space.dimension)
        for j in point.indices { point[j] = generator.nextUnit() }
        return space.decode(point)
    }
}
