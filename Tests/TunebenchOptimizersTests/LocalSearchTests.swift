import Foundation
import Testing
import Tunebench

/// Nelder–Mead, simulated annealing and the genetic algorithm find the minimum of smooth functions, and Nelder–Mead
/// restarts once its simplex has collapsed.
struct LocalSearchTests {
    private func minimize(_ name: String, _ space: SearchSpace, budget: Int, seed: UInt64 = 1,
                          _ f: (Configuration) -> Double) throws -> (best: Double, metadata: [String: String]) {
        let entry = try Registry.builtin.optimizer(named: name)
        let options = try Options.resolve([:], specs: entry.options, entry: name)
        var optimizer = try entry.factory(OptimizerContext(space: space, seed: seed, budget: budget, options: options))
        var best = Double.infinity
        var count = 0
        while let suggestion = try optimizer.ask() {
            try space.validate(suggestion.configuration)
            let value = f(suggestion.configuration)
            best = min(best, value)
            count += 1
            try optimizer.tell(Observation(suggestion, value: value))
        }
        #expect(count == budget)
        return (best, optimizer.metadata)
    }

    private let square = try! SearchSpace((1...3).map { .real("x\($0)", lower: -2, upper: 3) })
    private func sphere(_ c: Configuration) -> Double { (0..<3).reduce(0) { $0 + (c.real($1) - 0.7) * (c.real($1) - 0.7) } }

    @Test func nelderMeadConvergesAndRestarts() throws {
        let (best, metadata) = try minimize("nelder-mead", square, budget: 400, sphere)
        #expect(best < 1e-12, "best \(best)")
        #expect(Int(metadata["restarts"] ?? "") ?? 0 >= 1)
    }

    @Test func annealingApproachesTheMinimum() throws {
        let (best, _) = try minimize("annealing", square, budget: 400, sphere)
        #expect(best < 1e-3, "best \(best)")
    }

    @Test func geneticAlgorithmApproachesTheMinimum() throws {
        let (best, _) = try minimize("ga", square, budget: 400, sphere)
        #expect(best < 1e-2, "best \(best)")
    }

    /// On a categorical-and-integer space all three still find the optimum (annealing and the GA move categorical
    /// genes by redrawing them; Nelder–Mead moves through the cells).
    @Test(arguments: ["nelder-mead", "annealing", "ga"]) func discreteSpacesWork(name: String) throws {
        let space = try SearchSpace([.categorical("c", choices: ["a", "b", "c", "d"]), .integer("k", lower: -5, upper: 5)])
        let (best, _) = try minimize(name, space, budget: 150) { c in Double(c.choice(0) == 2 ? 0 : 1) + Double(abs(c.integer(1) - 2)) }
        #expect(best == 0)
    }
}
