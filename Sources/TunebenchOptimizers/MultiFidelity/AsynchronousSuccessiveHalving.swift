import TunebenchCore

/// Asynchronous successive halving, ASHA (L. Li, K. Jamieson, A. Rostamizadeh, E. Gonina, J. Ben-tzur, M. Hardt, B.
/// Recht and A. Talwalkar, "A system for massively parallel hyperparameter tuning", MLSys 2020, Algorithm 2), on a
/// problem's fidelity levels.
///
/// **Rungs.** Rung `k` is the fidelity level of rung `k` of ``HyperbandSchedule`` (levels `η` apart in resource, the
/// last at full fidelity); a configuration starts at rung `s`, the early-stopping rate (option
/// `early-stopping-rate`, 0 by default: the lowest level).
///
/// **Each ask** (Algorithm 2, `get_job`). From the rung below the top down to rung `s`: if a configuration is among
/// the best `⌊n_k / η⌋` of the `n_k` results rung `k` holds and has not been promoted yet, it is promoted, that is
/// evaluated at rung `k + 1` (ties to the earlier result; a failed evaluation, loss `+∞`, is never promoted). When no
/// rung has one, a new configuration, uniform at random, starts at rung `s`. No ask waits for a result, so every
/// worker of a parallel run is always busy; with one worker ASHA still differs from synchronous successive halving,
/// since it promotes as soon as a rung allows.
///
/// **Budget.** Each promotion is an evaluation of the budget, at its level's cost (a run with a cost budget stops at
/// the first that does not fit). On a single-fidelity problem every ask is a new random configuration: random search.
///
/// **Recommendation:** the default rule (the lowest value among the full-fidelity evaluations).
public struct AsynchronousSuccessiveHalving: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        /// The reduction factor `η`.
        public var eta = 3
        /// The rung new configurations start at, `s` (clamped to the top rung).
        public var earlyStoppingRate = 0

        public init() {}
    }

    /// A result of a rung.
    private struct Result {
        var configuration: Configuration
        var loss: Double
        var promoted = false
    }

    private let space: SearchSpace
    private let settings: Settings
    private let schedule: HyperbandSchedule
    private let multiFidelity: Bool
    private var generator: Xoshiro256StarStar
    private var remaining: Int
    /// Each rung's results, in the order they were told.
    private var rungs: [[Result]]
    /// Each rung's result indices in the order of loss, then of arrival: kept sorted as results are told, so an ask
    /// reads a rung's best without sorting it.
    private var ranked: [[Int]]
    /// The pending trials' configurations and rungs.
    private var pending = PendingTrials<(configuration: Configuration, rung: Int)>()
    /// New configurations and promotions so far.
    private var started = 0
    private var promotions = 0

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        multiFidelity = !context.fidelities.isEmpty
        schedule = HyperbandSchedule(fidelities: context.fidelities, eta: settings.eta, kind: .successiveHalving)
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        rungs = Array(repeating: [], count: schedule.maxBracket + 1)
        ranked = rungs.map { _ in [] }
    }

    /// New configurations started (`configurations`) and promotions made (`promotions`).
    public var metadata: [String: String] {
        ["configurations": "\(started)", "promotions": "\(promotions)"]
    }

    private var bottom: Int { min(max(settings.earlyStoppingRate, 0), schedule.maxBracket) }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        for k in stride(from: schedule.maxBracket - 1, through: bottom, by: -1) {
            guard let index = promotable(in: k) else { continue }
            rungs[k][index].promoted = true
            promotions += 1
            return suggestion(rungs[k][index].configuration, rung: k + 1)
        }
        started += 1
        let point = (0..<space.dimension).map { _ in generator.nextUnit() }
        return suggestion(space.decode(point), rung: bottom)
    }

    public mutating func tell(_ observation: Observation) {
        guard let (configuration, rung) = pending.remove(observation.trial) else { return }
        let loss = observation.finiteValue ?? .infinity
        // After every result with a loss at most this one's: ties keep the order of arrival.
        var low = 0
        var high = ranked[rung].count
        while low < high {
            let middle = (low + high) / 2
            if rungs[rung][ranked[rung][middle]].loss <= loss { low = middle + 1 } else { high = middle }
        }
        ranked[rung].insert(rungs[rung].count, at: low)
        rungs[rung].append(Result(configuration: configuration, loss: loss))
    }

    /// The first result of rung `k`, in the order of loss (then of arrival), among its best `⌊n_k / η⌋` that has not
    /// been promoted and did not fail.
    private func promotable(in k: Int) -> Int? {
        let keep = rungs[k].count / max(settings.eta, 2)
        guard keep > 0 else { return nil }
        return ranked[k].prefix(keep).first { !rungs[k][$0].promoted && rungs[k][$0].loss.isFinite }
    }

    private mutating func suggestion(_ configuration: Configuration, rung: Int) -> Suggestion {
        pending.add((configuration, rung))
        let level = schedule.level(bracket: schedule.maxBracket, rung: rung)
        return Suggestion(configuration, fidelity: multiFidelity ? level : nil)
    }
}
