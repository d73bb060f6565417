import Foundation
import Testing
import Tunebench
import TunebenchConformance

/// The SMAC-style forest optimizer: reproducible traces, no repeated suggestions, better than random search on Branin,
/// failed evaluations, and categorical and conditional spaces.
struct ForestOptimizerTests {
    /// The forest optimizer with a lighter acquisition search than the default (150 random candidates instead of 500,
    /// 75 perturbations instead of 250, 5 local searches from observations instead of 10), to keep the tests that do
    /// not measure search quality quick in debug builds.
    private func lightForest(
        _ space: SearchSpace, seed: UInt64, budget: Int, feasibility: Bool = true
    ) -> any Optimizer {
        var settings = ForestOptimizer.Settings()
        settings.feasibility = feasibility
        settings.search.candidates = 150
        settings.search.perturbations = 75
        settings.search.localStarts = 5
        return ForestOptimizer(context: OptimizerContext(space: space, seed: seed, budget: budget), settings: settings)
    }

    /// An optimizer from the registry with its default options.
    private func registered(_ name: String, _ space: SearchSpace, seed: UInt64, budget: Int) throws -> any Optimizer {
        let entry = try Registry.builtin.optimizer(named: name)
        let options = try Options.resolve([:], specs: entry.options, entry: name)
        return try entry.factory(OptimizerContext(space: space, seed: seed, budget: budget, options: options))
    }

    /// Runs the optimizer that `make` builds on Branin; returns the trace and the best value's regret.
    private func branin(_ make: (SearchSpace) throws -> any Optimizer) throws -> (trace: [Configuration], regret: Double) {
        var problem = try Registry.builtin.makeProblem(
            EntrySpec("branin", options: ["instance": .string("canonical")]), seed: 1)
        let optimum = try #require(problem.optimum)
        var optimizer = try make(problem.space)
        var best = Double.infinity
        let trace = try run(&optimizer, problem.space) { c in
            let value = try problem.evaluate(c).value
            best = min(best, value)
            return value
        }
        return (trace, best - optimum)
    }

    @Test func sameSeedSameTraceDifferentSeedDifferentTrace() throws {
        let first = try branin { lightForest($0, seed: 5, budget: 60) }.trace
        let again = try branin { lightForest($0, seed: 5, budget: 60) }.trace
        let other = try branin { lightForest($0, seed: 6, budget: 60) }.trace
        #expect(first.count == 60 && Set(first).count == 60)
        #expect(first == again)
        #expect(first != other)
        // The model's suggestions differ too, not only the Sobol design's.
        #expect(first.suffix(50) != other.suffix(50))
    }

    /// Two integers in 0…4: 25 configurations. With a budget of 40 the optimizer suggests each at most once and stops
    /// when none is left.
    @Test func aSmallIntegerSpaceIsExhaustedWithoutRepeats() throws {
        let space = try SearchSpace([.integer("a", lower: 0, upper: 4), .integer("b", lower: 0, upper: 4)])
        var optimizer = lightForest(space, seed: 3, budget: 40)
        let trace = try run(&optimizer, space) { c in Double((c.integer(0) - 3) * (c.integer(0) - 3) + abs(c.integer(1) - 1)) }
        #expect(trace.count <= 25)
        #expect(Set(trace).count == trace.count)
        #expect(trace.count == 25, "stopped after \(trace.count) of 25 configurations")
        #expect(try optimizer.ask() == nil)  // and stays stopped
    }

    /// Branin, 60 evaluations, seeds 1…5, default options: median regret measured 0.0078 for the forest against 0.87
    /// for random search (per seed 0.019, 0.0078, 0.0031, 0.0065, 0.14 against 1.47, 1.59, 0.87, 0.067, 0.20).
    @Test func beatsRandomSearchOnBranin() throws {
        var forest: [Double] = []
        var random: [Double] = []
        for seed: UInt64 in 1...5 {
            let run = try branin { try registered("forest", $0, seed: seed, budget: 60) }
            #expect(run.trace.count == 60 && Set(run.trace).count == 60)
            forest.append(run.regret)
            random.append(try branin { try registered("random", $0, seed: seed, budget: 60) }.regret)
        }
        let forestMedian = forest.sorted()[2]
        let randomMedian = random.sorted()[2]
        #expect(forestMedian < 0.5 * randomMedian, "median regret: forest \(forest), random \(random)")
        #expect(forestMedian < 0.2, "median regret: forest \(forest)")
    }

    /// Failed (nil) and NaN evaluations are no successes (the model is imputed with the worst value where they fell);
    /// the optimizer keeps suggesting new points, including when the first dozen evaluations all fail, so that no
    /// model can be grown for a while.
    @Test func failedEvaluationsAreTolerated() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
        let f = { (c: Configuration) in (c.real(0) - 0.3) * (c.real(0) - 0.3) + (c.real(1) - 0.6) * (c.real(1) - 0.6) }
        var optimizer = lightForest(space, seed: 2, budget: 40)
        var calls = 0
        let trace = try run(&optimizer, space) { c -> Double? in
            calls += 1
            if calls <= 12 || calls % 3 == 0 { return nil }
            return calls % 5 == 0 ? .nan : f(c)
        }
        #expect(trace.count == 40 && Set(trace).count == 40)
        // The successes still guide the search: the best point found is near the minimum (measured 5.7e-5; before the
        // values were warped, over seeds 1…8 the median was 1.2e-3 and the worst 0.049, against about 0.02 expected of
        // 18 random points).
        let best = trace.enumerated().filter { $0.offset >= 12 && ($0.offset + 1) % 3 != 0 && ($0.offset + 1) % 5 != 0 }
            .map { f($0.element) }.min()!
        #expect(best < 0.01, "best \(best)")

        var allFail = lightForest(space, seed: 3, budget: 25)
        let failing = try run(&allFail, space) { _ in nil }
        #expect(failing.count == 25 && Set(failing).count == 25)
    }

    /// The classifier of failures exists only once a failure has been told, so without failures `feasibility` changes
    /// no suggestion.
    @Test func feasibilityChangesNothingWithoutFailures() throws {
        let with = try branin { lightForest($0, seed: 8, budget: 40) }.trace
        let without = try branin { lightForest($0, seed: 8, budget: 40, feasibility: false) }.trace
        #expect(with == without)
    }

    /// A failing strip `x > 0.9` (a tenth of the square) just beyond the minimizer (0.85, 0.5) of a bowl: the search
    /// closes in on its edge. Weighing expected improvement by the classifier's probability of success fails less
    /// than the imputation alone, over the same seeds 1…4 and 60 evaluations (measured 2026-12-06: 3, 2, 2 and 2
    /// failures against 4, 6, 7 and 4).
    @Test func theFailureClassifierKeepsTheSearchOutOfTheFailingRegion() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
        func failures(feasibility: Bool) throws -> [Int] {
            try (1...4).map { (seed: UInt64) in
                var settings = ForestOptimizer.Settings()
                settings.feasibility = feasibility
                var optimizer: any Optimizer = ForestOptimizer(
                    context: OptimizerContext(space: space, seed: seed, budget: 60), settings: settings)
                var failed = 0
                _ = try run(&optimizer, space) { c -> Double? in
                    guard c.real(0) <= 0.9 else {
                        failed += 1
                        return nil
                    }
                    return (c.real(0) - 0.85) * (c.real(0) - 0.85) + (c.real(1) - 0.5) * (c.real(1) - 0.5)
                }
                return failed
            }
        }
        let with = try failures(feasibility: true)
        let without = try failures(feasibility: false)
        let total: Int = with.reduce(0, +)
        let baseline: Int = without.reduce(0, +)
        #expect(3 * total < 2 * baseline, "with \(with), without \(without)")
    }

    /// The conformance spaces with categorical and conditional parameters: every suggestion validates (inactive
    /// parameters have no value), none repeats, and on the conditional space the search finds the good branch.
    @Test func categoricalAndConditionalSpacesWork() throws {
        for named in ConformanceSpaces.all where ["categorical", "mixed", "conditional"].contains(named.name) {
            var optimizer = try registered("forest", named.space, seed: 4, budget: 30)
            let trace = try run(&optimizer, named.space) { c in
                Double(c.values.compactMap { $0 }.count) + Double(c.values.count) * 0.1
            }
            let size = named.name == "categorical" ? 6 : 30
            #expect(trace.count == size && Set(trace).count == size, "\(named.name)")
        }

        // model ∈ {linear, forest, net}; trees under forest; shared under forest and net. The optimum (0): forest,
        // trees 50, shared 3; the net branch bottoms out at 1. Measured with seed 7: best 0.045, 14 of the last 15
        // suggestions on the forest branch. (Before the values were warped, over seeds 1…8, six found the forest
        // branch, best 0.036 … 0.16; seeds 1 and 2 stayed on the net branch within 40 evaluations.)
        let space = try #require(ConformanceSpaces.all.first { $0.name == "conditional" }).space
        let objective = { (c: Configuration) -> Double in
            switch c.choice(0) {
            case 1: abs(Double(c.integer(2)) - 50) / 50 + (c.real(5) - 3) * (c.real(5) - 3) / 10
            case 2: 1 + (c.real(5) - 3) * (c.real(5) - 3) / 10
            default: 2 + abs(log10(c.real(1)) + 3)
            }
        }
        var optimizer = lightForest(space, seed: 7, budget: 40)
        let trace = try run(&optimizer, space, objective)
        let values = trace.map(objective)
        #expect(trace.count == 40 && Set(trace).count == 40)
        #expect(values.min()! < 0.5, "best \(values.min()!)")
        #expect(trace.suffix(15).filter { $0.choice(0) == 1 }.count >= 10)
    }
}
