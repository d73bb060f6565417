import Foundation
import Testing
import Tunebench

@testable import TunebenchOptimizers

/// Multi-objective TPE: the split of `l` and `g` by non-domination rank and hypervolume subset selection, as Optuna
/// 5.0.0 splits a study of several objectives, and a search that beats random search on problems nothing was tuned
/// on (`motpe` has Optuna's defaults).
@Suite struct MultiObjectiveTPETests {
    static func sampler(objectives: Int) throws -> ParzenSampler {
        let space = try SearchSpace([.real("x", lower: 0, upper: 1)])
        return ParzenSampler(space: space, settings: BuiltinOptimizers.motpeSettings, objectiveCount: objectives)
    }

    static func evaluation(_ objectives: [Double]?, violation: Double = 0, running: Bool = false)
        -> ParzenSampler.Observation
    {
        ParzenSampler.Observation(
            values: [.real(0.5)], value: objectives?.first ?? .infinity, violation: violation, running: running,
            objectives: objectives)
    }

    /// Rank 0 is {0, 1}, rank 1 is {2, 3, 4}; with 3 places `l` takes rank 0 whole, then the point of rank 1 that
    /// adds the most hypervolume to nothing (the greedy choice's first step) against Optuna's reference point for
    /// rank 1, (1.1 · 4, 1.1 · 4). Points 2, 3, 4 have (4.4 − 1)(4.4 − 4), (4.4 − 2.5)(4.4 − 2.5) and
    /// (4.4 − 4)(4.4 − 1): point 3.
    @Test func lTakesWholeRanksThenTheGreedyHypervolumeChoice() throws {
        let sampler = try Self.sampler(objectives: 2)
        let history = [
            Self.evaluation([0, 2]), Self.evaluation([2, 0]), Self.evaluation([1, 4]), Self.evaluation([2.5, 2.5]),
            Self.evaluation([4, 1]), Self.evaluation(nil), Self.evaluation(nil, running: true),
        ]
        let (below, above) = sampler.splitByDominance(history, count: 3)
        #expect(below == [0, 1, 3])
        #expect(above == [2, 4, 5, 6])
        // γ(n) = ⌈0.1 n⌉ with no cap: 6 told evaluations give 1 place, taken by the greedy choice in rank 0 (against
        // (2.2, 2.2): point 0 has 2.2 · 0.2, point 1 0.2 · 2.2, a tie that the first, in lexicographic order, wins).
        #expect(sampler.split(history).below == [0])
    }

    /// Infeasible evaluations join `l` by total violation while fewer than γ(n) are feasible; failures never do.
    @Test func infeasibleEvaluationsFillLByViolation() throws {
        let sampler = try Self.sampler(objectives: 2)
        let history = [
            Self.evaluation([1, 1], violation: 3), Self.evaluation([5, 5]), Self.evaluation([2, 2], violation: 1),
            Self.evaluation(nil),
        ]
        #expect(sampler.splitByDominance(history, count: 3).below == [0, 1, 2])
        #expect(sampler.splitByDominance(history, count: 2).below == [1, 2])
        #expect(sampler.splitByDominance(history, count: 1).below == [1])
    }

    /// On DTLZ2 with three objectives and ZDT1 with ten variables and the reference point (11, 11), at 100 evaluations,
    /// MOTPE's median attained hypervolume over 8 seeds beats random search's.
    @Test(arguments: [
        EntrySpec("dtlz2"), EntrySpec("zdt1", options: ["variables": .integer(10), "reference": .real(11)]),
    ])
    func beatsRandomSearch(_ spec: EntrySpec) throws {
        let seeds = 1...8 as ClosedRange<UInt64>
        let motpe = try seeds.map { try NSGATests.attainedVolume("motpe", on: spec, budget: 100, seed: $0) }
        let random = try seeds.map { try NSGATests.attainedVolume("random", on: spec, budget: 100, seed: $0) }
        #expect(Self.median(motpe) > Self.median(random), "\(spec.label): MOTPE \(motpe), random \(random)")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }
}
