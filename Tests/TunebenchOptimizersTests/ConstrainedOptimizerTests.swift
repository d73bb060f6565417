import Foundation
import Testing
import TunebenchCore
@testable import TunebenchOptimizers

/// The constraint rules of the built-in optimizers that read constraints (docs/optimizers.md, "Black-box
/// constraints"); CMA-ES's Deb ranking is in `CMAEvolutionStrategyTests`.
struct ConstrainedOptimizerTests {
    /// TPE's split: feasible evaluations by value, then infeasible ones by violation, failures last and never in `l`
    /// (Optuna's `_split_trials`).
    @Test func tpeSplitsFeasibleThenLeastViolating() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1)])
        var settings = TPEOptimizer.Settings()
        settings.gammaFraction = 0.6  // γ(6) = 4
        let sampler = ParzenSampler(space: space, settings: settings)
        func observation(_ value: Double, _ violation: Double) -> ParzenSampler.Observation {
            .init(values: [.real(0.5)], value: value, violation: violation)
        }
        let history = [
            observation(3, 0), observation(0.1, 2), observation(.infinity, .infinity), observation(1, 0),
            observation(0.2, 1), observation(0.05, 3),
        ]
        let (below, above) = sampler.split(history)
        // Feasible 1 (index 3) and 3 (0), then the least violating: 1 (4) and 2 (1).
        #expect(below == [0, 1, 3, 4])
        #expect(above == [2, 5])
    }

    /// `gp` on min x + y subject to x + y >= 0.8 (optimum 0.8 on a line), told the constraint: after 30 evaluations
    /// its best feasible value is within 0.01 of the optimum, and closer than when it sees infeasible points only as
    /// failures (an unconstrained context, where `finiteValue` is all it reads).
    @Test func gpUsesTheConstraintModel() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
        func bestFeasible(told constraints: Bool) throws -> Double {
            var gp = try GaussianProcessOptimizer(
                context: OptimizerContext(space: space, seed: 4, budget: 30, constraintCount: constraints ? 1 : 0),
                settings: .init())
            var best = Double.infinity
            while let suggestion = gp.ask() {
                let (x, y) = (suggestion.configuration.real(0), suggestion.configuration.real(1))
                let c = 0.8 - x - y
                if c <= 0 { best = min(best, x + y) }
                gp.tell(
                    constraints
                        ? Observation(suggestion, value: x + y, constraints: [c])
                        : Observation(suggestion, value: c <= 0 ? x + y : nil))
            }
            return best
        }
        let aware = try bestFeasible(told: true)
        let blind = try bestFeasible(told: false)
        #expect(aware - 0.8 < 0.01, "best feasible \(aware)")
        #expect(aware < blind, "told \(aware), as failures \(blind)")
    }
}
