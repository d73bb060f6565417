import Foundation
import TunebenchCore

/// Whose rules set how many configurations each rung of a Hyperband bracket holds (``HyperbandSchedule``), and which
/// go on (``HyperbandOptimizer``).
public enum HyperbandConvention: String, Sendable, Hashable, CaseIterable {
    /// Li et al. 2018, Algorithm 1: `n_0 = ⌈(s_max + 1) η^s / (s + 1)⌉`, `n_i = max(1, ⌊n_{i−1} / η⌋)` (so
    /// 81, 34, 15, 8, 5 first rungs for `s_max = 4`, `η = 3`).
    case li
    /// hpbandster 0.7.4's `HyperBand` and `BOHB` (`get_next_iteration`): `n_0 = ⌊(s_max + 1)/(s + 1)⌋ η^s` and
    /// `n_i = max(1, int(n_0 · η^−i))` in floating point, as it computes them (81, 27, 9, 6, 5 for `s_max = 4`,
    /// `η = 3`; the floating-point product makes, for instance, `η = 7`, `n_0 = 343`, `i = 2` give 6, not 7). Its
    /// `SuccessiveHalving` iteration promotes the best `n_{i+1}` successful evaluations in the order they had, and
    /// fills the places of failed ones with new configurations.
    case hpbandster
}

/// The brackets of Hyperband (L. Li, K. Jamieson, G. DeSalvo, A. Rostamizadeh and A. Talwalkar, "Hyperband: a novel
/// bandit-based approach to hyperparameter optimization", JMLR 18(185), 2018, Algorithm 1), on a problem's fidelity
/// levels instead of a continuous resource.
///
/// **Resource.** `R` is the ratio of the last level's steps to the first's, and `s_max = ⌊log_η R⌋` (computed without
/// overflow). Rung `k = 0 … s_max` of the schedule uses resource `R_max η^{k − s_max}` (`R_max` the last level's steps),
/// rounded to the level nearest to it in the logarithm (ties to the larger level); the last rung is the last level.
/// With levels whose steps grow by `η` (1, 3, 9, 27, 81 epochs for `η = 3`) every rung has its own level, as in Li et
/// al. with `R = η^{s_max}`; with other levels (4, 8, 16, 32, 64 trees) the nearest ones stand in, and two rungs may
/// share a level when the levels are sparse.
///
/// **Brackets.** Bracket `s` (from `s_max` down to 0) starts `n_0` configurations at rung `s_max − s`, and its `i`-th
/// rung holds `n_i` of them, the best of the rung before, until the last rung. Successive halving (K. Jamieson and A.
/// Talwalkar, "Non-stochastic best arm identification and hyperparameter optimization", AISTATS 2016) is the most
/// aggressive bracket, `s = s_max`, repeated. ``HyperbandConvention`` gives `n_0` and `n_i`: Li et al.'s, or
/// hpbandster's.
struct HyperbandSchedule: Sendable, Hashable {
    /// Which brackets run, in turn.
    enum Kind: Sendable, Hashable {
        /// `s_max, s_max − 1, …, 0`, then again.
        case hyperband
        /// `s_max` every time.
        case successiveHalving
    }

    /// The reduction factor `η`.
    let eta: Int
    let kind: Kind
    let convention: HyperbandConvention
    /// The level index of each rung `k = 0 … s_max` (`[0]` for a single-fidelity problem).
    let rungLevels: [Int]

    /// The schedule on `fidelities` (one rung at level 0 when there are none).
    init(fidelities: [Fidelity], eta: Int, kind: Kind, convention: HyperbandConvention = .li) {
        self.eta = eta
        self.kind = kind
        self.convention = convention
        guard let first = fidelities.first, let last = fidelities.last, first.steps > 0, last.steps > first.steps else {
            rungLevels = [max(fidelities.count - 1, 0)]
            return
        }
        let ratio = Double(last.steps) / Double(first.steps)
        var maxBracket = 0
        var power = 1.0
        while power * Double(eta) <= ratio * (1 + 1e-12) {
            power *= Double(eta)
            maxBracket += 1
        }
        rungLevels = (0...maxBracket).map { k in
            let target = log(Double(last.steps)) - Double(maxBracket - k) * log(Double(eta))
            var best = fidelities.count - 1
            for (index, level) in fidelities.enumerated().reversed() where level.steps > 0 {
                if abs(log(Double(level.steps)) - target) < abs(log(Double(fidelities[best].steps)) - target) {
                    best = index
                }
            }
            return best
        }
    }

    var maxBracket: Int { rungLevels.count - 1 }

    /// The bracket that follows bracket number `count` (from 0).
    func bracket(number count: Int) -> Int {
        switch kind {
        case .hyperband: maxBracket - count % rungLevels.count
        case .successiveHalving: maxBracket
        }
    }

    /// Configurations started by bracket `s`, `n_0` (`η^s ≤ R`, so no overflow).
    func initialCount(bracket s: Int) -> Int {
        var power = 1
        for _ in 0..<s { power *= eta }
        switch convention {
        case .li: return ((maxBracket + 1) * power + s) / (s + 1)
        case .hpbandster: return (maxBracket + 1) / (s + 1) * power
        }
    }

    /// Configurations in rung `i` of bracket `s`, `n_i`.
    func count(bracket s: Int, rung i: Int) -> Int {
        let first = initialCount(bracket: s)
        switch convention {
        case .li:
            var n = first
            for _ in 0..<i { n = max(1, n / eta) }
            return n
        case .hpbandster:
            return max(1, Int(Double(first) * pow(Double(eta), Double(-i))))
        }
    }

    /// The fidelity level of rung `rung` in bracket `s`.
    func level(bracket s: Int, rung: Int) -> Int { rungLevels[maxBracket - s + rung] }
}
