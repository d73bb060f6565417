import Foundation
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
/// **Asynchronous Hyperband** (`async-hyperband`, ``Settings/hyperband``): ASHA with every early-stopping rate at
/// once, one set of rungs per rate `s = 0 … s_max` (Li et al. 2020, §3.3: asynchronous Hyperband "loops through
/// brackets of ASHA with different early-stopping rates"). Each ask first draws the bracket it serves, with
/// probability proportional to `(s_max + 1) η^b / (b + 1)` for the bracket of `b = s_max − s` halvings: the
/// configurations it starts in synchronous Hyperband (Li et al. 2018's `n_0` before its rounding up; 9 : 4.5 : 3 for
/// three levels `η = 3` apart), syne-tune's default bracket distribution (`DefaultHyperbandBracketDistribution`:
/// "proportional to the number of slots in each bracket in synchronous Hyperband", `(s_max + 1) / ((s_max + 1 − s)
/// r_s)` with `r_s = η^s`); then promotes within that bracket, or starts a new configuration at its rung `s`. Brackets never share results. The hedge is Hyperband's: the aggressive bracket `s = 0` when low fidelities
/// rank well, the full-fidelity bracket `s = s_max` (random search) when they mislead.
///
/// **Recommendation:** the default rule (the lowest value among the full-fidelity evaluations).
public struct AsynchronousSuccessiveHalving: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        /// The reduction factor `η`.
        public var eta = 3
        /// The rung new configurations start at, `s` (clamped to the top rung); ignored with ``hyperband``.
        public var earlyStoppingRate = 0
        /// Asynchronous Hyperband: a bracket per early-stopping rate, drawn at each ask (see the type).
        public var hyperband = false

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
    /// The early-stopping rate of each bracket: one for ASHA, `0 … s_max` for asynchronous Hyperband.
    private let rates: [Int]
    /// For asynchronous Hyperband, each bracket's cumulative share of the draws (the last 1).
    private let cumulative: [Double]
    /// Each bracket's rungs' results, in the order they were told.
    private var rungs: [[[Result]]]
    /// Each bracket's rungs' result indices in the order of loss, then of arrival: kept sorted as results are told,
    /// so an ask reads a rung's best without sorting it.
    private var ranked: [[[Int]]]
    /// The pending trials' configurations, brackets and rungs.
    private var pending = PendingTrials<(configuration: Configuration, bracket: Int, rung: Int)>()
    /// New configurations and promotions so far.
    private var started = 0
    private var promotions = 0

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        multiFidelity = !context.fidelities.isEmpty
        let schedule = HyperbandSchedule(fidelities: context.fidelities, eta: settings.eta, kind: .successiveHalving)
        self.schedule = schedule
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        let top = schedule.maxBracket
        let rates = settings.hyperband ? Array(0...top) : [min(max(settings.earlyStoppingRate, 0), top)]
        self.rates = rates
        // The bracket of rate s makes b = s_max − s halvings and starts (s_max + 1) η^b / (b + 1) configurations in
        // synchronous Hyperband (before Li et al.'s rounding up).
        let weights = rates.map { s -> Double in
            let b = top - s
            return Double(top + 1) * pow(Double(settings.eta), Double(b)) / Double(b + 1)
        }
        let total = weights.reduce(0, +)
        var shares: [Double] = []
        var sum = 0.0
        for weight in weights {
            sum += weight
            shares.append(sum / total)
        }
        cumulative = shares
        rungs = rates.map { _ in Array(repeating: [], count: top + 1) }
        ranked = rungs.map { bracket in bracket.map { _ in [] } }
    }

    /// New configurations started (`configurations`) and promotions made (`promotions`).
    public var metadata: [String: String] {
        ["configurations": "\(started)", "promotions": "\(promotions)"]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        // ASHA has one bracket and draws nothing for it, so its runs keep their bytes.
        var b = 0
        if rates.count > 1 {
            let u = generator.nextUnit()
            b = cumulative.firstIndex { u < $0 } ?? rates.count - 1
        }
        for k in stride(from: schedule.maxBracket - 1, through: rates[b], by: -1) {
            guard let index = promotable(in: b, k) else { continue }
            rungs[b][k][index].promoted = true
            promotions += 1
            return suggestion(rungs[b][k][index].configuration, bracket: b, rung: k + 1)
        }
        started += 1
        let point = (0..<space.dimension).map { _ in generator.nextUnit() }
        return suggestion(space.decode(point), bracket: b, rung: rates[b])
    }

    public mutating func tell(_ observation: Observation) {
        guard let (configuration, b, rung) = pending.remove(observation.trial) else { return }
        let loss = observation.finiteValue ?? .infinity
        // After every result with a loss at most this one's: ties keep the order of arrival.
        var low = 0
        var high = ranked[b][rung].count
        while low < high {
            let middle = (low + high) / 2
            if rungs[b][rung][ranked[b][rung][middle]].loss <= loss { low = middle + 1 } else { high = middle }
        }
        ranked[b][rung].insert(rungs[b][rung].count, at: low)
        rungs[b][rung].append(Result(configuration: configuration, loss: loss))
    }

    /// The first result of bracket `b`'s rung `k`, in the order of loss (then of arrival), among its best
    /// `⌊n_k / η⌋` that has not been promoted and did not fail.
    private func promotable(in b: Int, _ k: Int) -> Int? {
        let keep = rungs[b][k].count / max(settings.eta, 2)
        guard keep > 0 else { return nil }
        return ranked[b][k].prefix(keep).first { !rungs[b][k][$0].promoted && rungs[b][k][$0].loss.isFinite }
    }

    private mutating func suggestion(_ configuration: Configuration, bracket: Int, rung: Int) -> Suggestion {
        pending.add((configuration, bracket, rung))
        let level = schedule.level(bracket: schedule.maxBracket, rung: rung)
        return Suggestion(configuration, fidelity: multiFidelity ? level : nil)
    }
}
