import Foundation
import Testing
import Tunebench

@testable import TunebenchOptimizers

/// NSGA-II: its generations are barriers of `population` trials, it survives failures, its variation stays in the
/// cube, and it beats random search on problems nothing was tuned on (its defaults are the paper's).
@Suite struct NSGATests {
    /// Runs `optimizer` on `spec` for `budget` evaluations and returns the hypervolume of every point it evaluated.
    static func attainedVolume(_ optimizer: String, on spec: EntrySpec, budget: Int, seed: UInt64) throws -> Double {
        let registry = Registry.builtin
        var problem = try registry.makeProblem(spec, seed: 1)
        var search = try registry.makeOptimizer(
            EntrySpec(optimizer), for: problem, problemLabel: spec.label, seed: seed, budget: budget)
        var points: [[Double]] = []
        while let suggestion = try search.ask() {
            let evaluation = try problem.evaluate(suggestion.configuration)
            points.append(evaluation.objectives!)
            try search.tell(Observation(suggestion, value: evaluation.value, objectives: evaluation.objectives))
        }
        #expect(points.count == budget)
        return Hypervolume.exact(points, reference: problem.paretoReference!.point)
    }

    /// On DTLZ2 with three objectives and WFG4 and ZDT1 with two, at 1,000 evaluations, NSGA-II's attained volume
    /// beats random search's in each of 8 seeds.
    @Test(arguments: [
        EntrySpec("dtlz2"), EntrySpec("wfg4"), EntrySpec("zdt1", options: ["variables": .integer(10)]),
    ])
    func beatsRandomSearch(_ spec: EntrySpec) throws {
        for seed in 1...8 as ClosedRange<UInt64> {
            let nsga2 = try Self.attainedVolume("nsga2", on: spec, budget: 1000, seed: seed)
            let random = try Self.attainedVolume("random", on: spec, budget: 1000, seed: seed)
            #expect(nsga2 > random, "\(spec.label) seed \(seed): NSGA-II \(nsga2), random \(random)")
        }
    }

    /// NSGA-III (`nsga3`, the paper's settings: 91 directions and N = 92 for three objectives) beats random search
    /// on DTLZ2 and WFG4 with three objectives at 1,000 evaluations in each of 8 seeds, and its population is the
    /// paper's.
    @Test(arguments: [EntrySpec("dtlz2"), EntrySpec("wfg4", options: ["objectives": .integer(3)])])
    func nsga3BeatsRandomSearch(_ spec: EntrySpec) throws {
        for seed in 1...8 as ClosedRange<UInt64> {
            let nsga3 = try Self.attainedVolume("nsga3", on: spec, budget: 1000, seed: seed)
            let random = try Self.attainedVolume("random", on: spec, budget: 1000, seed: seed)
            #expect(nsga3 > random, "\(spec.label) seed \(seed): NSGA-III \(nsga3), random \(random)")
        }
    }

    /// A generation is a barrier: `population` asks, then `nil` until every one is told; failures (no value) are
    /// told like any result and the next generation comes.
    @Test func generationsAreBarriersAndFailuresAreSurvived() throws {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
        var settings = NSGAOptimizer.Settings()
        settings.population = 6
        var optimizer = NSGAOptimizer(
            context: OptimizerContext(space: space, seed: 3, budget: 30, objectiveCount: 2), settings: settings)
        for generation in 0..<5 {
            var asked: [Suggestion] = []
            while let suggestion = optimizer.ask() { asked.append(suggestion) }
            #expect(asked.count == 6, "generation \(generation)")
            for (index, suggestion) in asked.enumerated() {
                let x = suggestion.configuration.real(0)
                let y = suggestion.configuration.real(1)
                // Every third evaluation fails.
                let objectives: [Double]? = index % 3 == 2 ? nil : [x, 1 - x + y]
                let trial = generation * 6 + index
                optimizer.tell(Observation(suggestion, value: objectives?[0], trial: trial, objectives: objectives))
            }
        }
        #expect(optimizer.ask() == nil)
    }

    /// The bounded operators keep genes in [0, 1], SBX keeps the parents' mean where nothing is clipped, and a
    /// mutation moves a gene at a bound away from it.
    @Test func boundedVariationStaysInTheCube() {
        let variation = RealCodedVariation(
            categorical: [false, false, true], crossoverIndex: 20, mutationIndex: 20, form: .bounded)
        var generator = Xoshiro256StarStar(seed: 11)
        var movedFromBound = 0
        for _ in 0..<2000 {
            var a = [generator.nextUnit(), 0.4, 0.1]
            var b = [generator.nextUnit(), 0.6, 0.9]
            let means = zip(a, b).map { ($0 + $1) / 2 }
            variation.crossover(&a, &b, using: &generator)
            #expect((a + b).allSatisfy { (0...1).contains($0) })
            // The middle gene's children (parents 0.4 and 0.6) are far from the bounds: their mean stays.
            #expect(abs((a[1] + b[1]) / 2 - means[1]) < 1e-12)
            // The categorical gene is swapped or kept.
            #expect(Set([a[2], b[2]]) == [0.1, 0.9])
            var x = [0.0, 1.0, 0.5]
            variation.mutate(&x, using: &generator)
            #expect(x.allSatisfy { (0...1).contains($0) })
            if x[0] > 0 || x[1] < 1 { movedFromBound += 1 }
        }
        // Each gene mutates with probability 1/3; a gene at its bound moves inward half the time.
        #expect(movedFromBound > 500)
    }
}
