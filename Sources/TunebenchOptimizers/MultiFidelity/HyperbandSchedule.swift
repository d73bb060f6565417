/// The brackets of Hyperband (L. Li, K. Jamieson, G. DeSalvo, A. Rostamizadeh and A. Talwalkar, "Hyperband: a novel
/// bandit-based approach to hyperparameter optimization", JMLR 18(185), 2018, Algorithm 1), on a problem's fidelity
/// levels instead of a continuous resource.
///
/// With `L` levels (`s_max = L − 1`) and reduction factor `η`, bracket `s` (from `s_max` down to 0) starts
/// `n = ⌈(s_max + 1) η^s / (s + 1)⌉` configurations at level `s_max − s`, and rung `i` of the bracket keeps the best
/// `⌊n_i / η⌋` (at least one) of its `n_i` configurations for level `s_max − s + i + 1`, until the last level. With
/// levels whose resources grow by `η` (1, 3, 9, 27, 81 epochs for `η = 3`) this is Li et al.'s schedule with
/// `R = η^{s_max}`: every bracket spends about the same resource, `(s_max + 1) R`. Successive halving
/// (K. Jamieson and A. Talwalkar, "Non-stochastic best arm identification and hyperparameter optimization",
/// AISTATS 2016) is the most aggressive bracket, `s = s_max`, repeated.
struct HyperbandSchedule: Sendable, Hashable {
    /// Which brackets run, in turn.
    enum Kind: Sendable, Hashable {
        /// `s_max, s_max − 1, …, 0`, then again.
        case hyperband
        /// `s_max` every time.
        case successiveHalving
    }

    /// Number of fidelity levels (1 for a single-fidelity problem).
    let levels: Int
    /// The reduction factor `η`.
    let eta: Int
    let kind: Kind

    var maxBracket: Int { levels - 1 }

    /// The bracket that follows bracket number `count` (from 0).
    func bracket(number count: Int) -> Int {
        switch kind {
        case .hyperband: maxBracket - count % levels
        case .successiveHalving: maxBracket
        }
    }

    /// Configurations started by bracket `s`: `⌈(s_max + 1) η^s / (s + 1)⌉`.
    func initialCount(bracket s: Int) -> Int {
        var power = 1
        for _ in 0..<s { power *= eta }
        let numerator = (maxBracket + 1) * power
        return (numerator + s) / (s + 1)
    }

    /// Configurations promoted from a rung of `count`: `max(1, ⌊count / η⌋)`.
    func survivors(of count: Int) -> Int { max(1, count / eta) }

    /// The fidelity level of rung `rung` in bracket `s`.
    func level(bracket s: Int, rung: Int) -> Int { maxBracket - s + rung }
}
