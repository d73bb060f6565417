import Foundation
import TunebenchCore
import TunebenchNumerics

/// Simulated annealing on the space's unit cube (S. Kirkpatrick, C. D. Gelatt and M. P. Vecchi, "Optimization by
/// simulated annealing", Science 220, 1983), with a cooling schedule fitted to the budget and a step size adapted to
/// the acceptance rate.
///
/// **Start.** The first `m = max(5, min(20, B/10))` evaluations (for a budget `B`) are uniform random points; the
/// best is the first state, and the standard deviation `s` of their finite values sets the temperature scale.
///
/// **Moves.** From state `x`, each real and integer coordinate moves by `N(0, σ²)`, reflected into `[0, 1]`; each
/// categorical coordinate is redrawn uniformly with probability `1/d` (and one of them always is when the space has
/// only categorical parameters). The move is accepted with the Metropolis probability `min(1, exp(−Δ/T))`.
///
/// **Schedule.** Geometric cooling over the remaining budget, `T_k = T₀ (T_end/T₀)^(k/K)`, `k = 0 … K`, from
/// `T₀ = s` (an uphill step of one standard deviation of random values is accepted with probability 1/e) to
/// `T_end = 10⁻⁶ T₀`. Every 10 proposals, `σ` (initially 0.2) is multiplied by 1.5 when more than 44 % were accepted
/// and divided by 1.5 when fewer were (the 0.44 target of A. Corana et al., "Minimizing multimodal functions of
/// continuous variables with the simulated annealing algorithm", ACM TOMS 13, 1987, and of Gelman, Roberts and
/// Gilks's one-dimensional optimum), within `[10⁻⁸, 0.5]`. Failed evaluations are rejected moves.
public struct SimulatedAnnealing: Optimizer {
    private let space: SearchSpace
    private let categorical: [Bool]
    private var generator: Xoshiro256StarStar
    private let warmup: Int
    private let budget: Int
    private var told = 0
    private var warmupValues: [(point: [Double], value: Double)] = []
    private var state: (point: [Double], value: Double)?
    private var temperature = 1.0
    private var cooling = 1.0
    private var step = 0.2
    private var accepted = 0
    private var proposed = 0
    /// The point of the outstanding suggestion; the chain is sequential, so at most one is pending.
    private var pending: [Double] = []
    private var outstanding = false
    private var remaining: Int

    public init(context: OptimizerContext) {
        space = context.space
        categorical = space.parameters.map { $0.choices != nil }
        generator = Xoshiro256StarStar(seed: context.seed)
        budget = context.fullFidelityBudget
        warmup = max(5, min(20, context.fullFidelityBudget / 10))
        remaining = context.budget
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0, !outstanding else { return nil }  // sequential: wait for the pending trial
        remaining -= 1
        outstanding = true
        if let current = state {
            pending = propose(from: current.point)
        } else {
            pending = (0..<space.dimension).map { _ in generator.nextUnit() }
        }
        return Suggestion(space.decode(pending))
    }

    public mutating func tell(_ observation: Observation) {
        guard outstanding else { return }
        outstanding = false
        told += 1
        let value = observation.finiteValue
        guard let current = state else {
            if let value { warmupValues.append((pending, value)) }
            if told >= warmup { startAnnealing() }
            return
        }
        proposed += 1
        if let value {
            let delta = value - current.value
            if delta <= 0 || generator.nextUnit() < exp(-delta / temperature) {
                state = (pending, value)
                accepted += 1
            }
        }
        temperature *= cooling
        if proposed % 10 == 0 {
            step = accepted * 100 > proposed * 44 ? min(step * 1.5, 0.5) : max(step / 1.5, 1e-8)
            accepted = 0
            proposed = 0
        }
    }

    private mutating func startAnnealing() {
        guard let best = warmupValues.indices.min(by: { warmupValues[$0].value < warmupValues[$1].value }) else {
            // Nothing succeeded yet: keep sampling at random until something does.
            return
        }
        state = warmupValues[best]
        let values = warmupValues.map(\.value)
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))).squareRoot()
        temperature = sd > 0 ? sd : max(abs(mean), 1)
        let steps = max(budget - told - 1, 1)
        cooling = pow(1e-6, 1 / Double(steps))
    }

    private mutating func propose(from x: [Double]) -> [Double] {
        var y = x
        let d = space.dimension
        var movedCategorical = false
        for j in 0..<d {
            if categorical[j] {
                if generator.nextIndex(below: d) == 0 {
                    y[j] = generator.nextUnit()
                    movedCategorical = true
                }
            } else {
                var v = x[j] + step * generator.nextGaussian()
                // Reflect into [0, 1].
                v = v.truncatingRemainder(dividingBy: 2)
                if v < 0 { v += 2 }
                y[j] = v <= 1 ? v : 2 - v
            }
        }
        if !movedCategorical, categorical.allSatisfy({ $0 }) {
            y[generator.nextIndex(below: d)] = generator.nextUnit()
        }
        return y
    }
}
