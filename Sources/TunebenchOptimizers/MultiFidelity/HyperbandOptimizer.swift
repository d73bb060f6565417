import TunebenchCore
import TunebenchNumerics

/// Hyperband, successive halving and BOHB in ask/tell form, on the problem's fidelity levels.
///
/// **Schedule.** ``HyperbandSchedule``: bracket by bracket, rung by rung. Within a rung, configurations are asked in
/// order; once every one has been told, the best go to the next level and are trained again from scratch there (as
/// in Li et al. 2018, which counts each evaluation's full resource). The last rung of a bracket runs at the last
/// level, so every bracket ends with full-fidelity evaluations. The ``HyperbandConvention`` sets the rung
/// sizes and the promotion:
/// - `li`: the best `n_{i+1}` (lowest values, ties to the earlier; failed evaluations last) go on, best first.
/// - `hpbandster` (as its `SuccessiveHalving` iteration): the best `n_{i+1}` of the *successful* evaluations go on,
///   in the order they had, and the places of failed ones are taken by new configurations, drawn when asked.
///
/// **New configurations** (the first rung of each bracket, and `hpbandster`'s refills), drawn one at a time when
/// asked:
/// - `random` (Hyperband, successive halving): uniform in the unit cube.
/// - `kernelDensity` (BOHB; S. Falkner, A. Klein and F. Hutter, "BOHB: robust and efficient hyperparameter
///   optimization at scale", ICML 2018, Algorithm 2, as hpbandster 0.7.4's config generator does it): uniform at
///   random while no level has a model; otherwise uniform with probability `ρ` (`random_fraction`, 1/3), else from
///   ``KernelDensitySampler`` fitted to every evaluation, failed ones included, of the highest level that has a model
///   (uniform when no candidate wins).
/// - `parzen` (`hyperband-tpe`, what Tunebench called BOHB before it had BOHB's model): with probability `ρ` uniform
///   at random; otherwise the TPE step (``ParzenSampler``: the best 15 % form `l`, 64 candidates from `l`) fitted to
///   the successful evaluations of the highest level that has at least `d + 3` of them, or uniform at random when no
///   level has.
///
/// A single-fidelity problem has one level: every bracket is one configuration at full fidelity, so Hyperband is
/// random search and BOHB is its kernel-density search with a random fraction.
public struct HyperbandOptimizer: Optimizer {
    /// Where new configurations come from.
    public enum Sampler: String, Sendable, Hashable, CaseIterable {
        case random
        /// BOHB's product-kernel density estimates (``KernelDensitySampler``).
        case kernelDensity
        /// Tunebench's TPE step (``ParzenSampler``).
        case parzen
    }

    public struct Settings: Sendable, Hashable {
        /// The reduction factor `η`.
        public var eta = 3
        /// Hyperband's cycle of brackets, or successive halving's most aggressive bracket only.
        public var successiveHalving = false
        public var sampler = Sampler.random
        /// Li et al.'s rung sizes and promotion, or hpbandster's.
        public var convention = HyperbandConvention.li
        /// BOHB's `ρ`: the fraction of new configurations drawn at random once there is a model.
        public var randomFraction = 1.0 / 3
        /// BOHB's `N_s` (`num_samples`): candidates scored per new configuration.
        public var candidates = 64
        /// hpbandster's `top_n_percent`: the good share of a level's evaluations, in percent (kernel density only).
        public var topPercent = 15
        /// hpbandster's `bandwidth_factor` (kernel density only).
        public var bandwidthFactor = 3.0
        /// hpbandster's `min_bandwidth` (kernel density only).
        public var minimumBandwidth = 1e-3
        /// hpbandster's `min_points_in_model`; values below `d + 1` (0 included) mean `d + 1` (kernel density only).
        public var minimumPoints = 0

        public init() {}
    }

    private let space: SearchSpace
    private let settings: Settings
    private let schedule: HyperbandSchedule
    private let multiFidelity: Bool
    private let parzen: ParzenSampler
    private let kernelDensity: KernelDensitySampler
    private var generator: Xoshiro256StarStar
    private var remaining: Int

    /// Brackets finished so far, and begun (asked for at least once).
    private var brackets = 0
    private var begun = 0
    private var bracket: Int
    private var rung = 0
    /// The rung's configurations; they grow as they are asked where new ones are due (the first rung, refills).
    private var rungConfigurations: [Configuration] = []
    private var rungSize: Int
    /// The rung's values by position (`+∞` for a failure), as they are told; `rungTold` of them are in.
    private var rungValues: [Double] = []
    private var rungTold = 0
    /// The rung's positions asked so far: the rung is a barrier, so a parallel run waits once all are asked.
    private var rungAsked = 0
    /// The pending trials' positions in the rung and configurations.
    private var pending = PendingTrials<(position: Int, configuration: Configuration)>()
    /// Every evaluation per level (failed ones with loss `+∞`), for the model.
    private var history: [[KernelDensitySampler.Observation]]

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        multiFidelity = !context.fidelities.isEmpty
        schedule = HyperbandSchedule(
            fidelities: context.fidelities, eta: settings.eta,
            kind: settings.successiveHalving ? .successiveHalving : .hyperband, convention: settings.convention)
        var tpe = TPEOptimizer.Settings()
        tpe.candidates = settings.candidates
        parzen = ParzenSampler(space: space, settings: tpe)
        kernelDensity = KernelDensitySampler(
            space: space,
            settings: .init(
                minimumPoints: settings.minimumPoints, topPercent: settings.topPercent, candidates: settings.candidates,
                bandwidthFactor: settings.bandwidthFactor, minimumBandwidth: settings.minimumBandwidth))
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        history = Array(repeating: [], count: max(context.fidelities.count, 1))
        bracket = schedule.bracket(number: 0)
        rungSize = schedule.initialCount(bracket: bracket)
        rungValues = [Double](repeating: .infinity, count: rungSize)
    }

    /// New configurations asked while a level had a model, and those the model gave (hpbandster's
    /// `model_based_pick`).
    private var modelChances = 0
    private var modelPicks = 0

    /// The brackets begun (the last possibly unfinished) and, with a model, the new configurations asked while a level
    /// had one (`model-chances`) and those the model gave (`model-picks`).
    public var metadata: [String: String] {
        guard settings.sampler != .random else { return ["brackets": "\(begun)"] }
        return ["brackets": "\(begun)", "model-chances": "\(modelChances)", "model-picks": "\(modelPicks)"]
    }

    /// The rung's next position; `nil` (wait for a tell) when every position of the rung has been asked.
    public mutating func ask() -> Suggestion? {
        guard remaining > 0, rungAsked < rungSize else { return nil }
        remaining -= 1
        let position = rungAsked
        rungAsked += 1
        if rung == 0 && position == 0 { begun += 1 }
        if position == rungConfigurations.count { rungConfigurations.append(newConfiguration()) }
        let configuration = rungConfigurations[position]
        pending.add((position, configuration))
        let level = schedule.level(bracket: bracket, rung: rung)
        return Suggestion(configuration, fidelity: multiFidelity ? level : nil)
    }

    public mutating func tell(_ observation: Observation) {
        guard let (position, configuration) = pending.remove(observation.trial) else { return }
        let level = schedule.level(bracket: bracket, rung: rung)
        history[level].append(.init(values: configuration.values, loss: observation.finiteValue ?? .infinity))
        rungValues[position] = observation.finiteValue ?? .infinity
        rungTold += 1
        if rungTold == rungSize { advance() }
    }

    /// Promotes the rung's best to the next rung, or starts the next bracket after the last rung.
    private mutating func advance() {
        if rung < bracket {
            let ranked = rungValues.indices.sorted {
                rungValues[$0] != rungValues[$1] ? rungValues[$0] < rungValues[$1] : $0 < $1
            }
            rung += 1
            rungSize = schedule.count(bracket: bracket, rung: rung)
            switch settings.convention {
            case .li:
                rungConfigurations = ranked.prefix(rungSize).map { rungConfigurations[$0] }
            case .hpbandster:
                // The successful best, in their order; `ask` fills the remaining places with new configurations.
                let promoted = ranked.prefix(rungSize).filter { rungValues[$0].isFinite }.sorted()
                rungConfigurations = promoted.map { rungConfigurations[$0] }
            }
        } else {
            bracket = schedule.bracket(number: brackets + 1)
            brackets += 1
            rung = 0
            rungSize = schedule.initialCount(bracket: bracket)
            rungConfigurations = []
        }
        rungValues = [Double](repeating: .infinity, count: rungSize)
        rungTold = 0
        rungAsked = 0
    }

    /// A new configuration: from the model when there is one and the random fraction allows, else uniform.
    private mutating func newConfiguration() -> Configuration {
        switch settings.sampler {
        case .random:
            break
        case .kernelDensity:
            if let level = history.lastIndex(where: { kernelDensity.hasModel(count: $0.count) }) {
                modelChances += 1
                if generator.nextUnit() >= settings.randomFraction,
                    let configuration = kernelDensity.suggestion(from: history[level], using: &generator)
                {
                    modelPicks += 1
                    return configuration
                }
            }
        case .parzen:
            let draw = generator.nextUnit()
            let needed = space.dimension + 3  // the old rule: N_min + 2 successful evaluations, N_min = d + 1
            let successful = history.map { level in
                level.compactMap { $0.loss.isFinite ? ParzenSampler.Observation(values: $0.values, value: $0.loss) : nil }
            }
            if let level = successful.lastIndex(where: { $0.count >= needed }) {
                modelChances += 1
                if draw >= settings.randomFraction {
                    modelPicks += 1
                    return parzen.suggestion(from: successful[level], using: &generator)
                }
            }
        }
        var point = [Double](repeating: 0, count: space.dimension)
        for j in point.indices { point[j] = generator.nextUnit() }
        return space.decode(point)
    }
}
