import Foundation
import Testing
import Tunebench

@testable import TunebenchOptimizers

/// ParEGO: the augmented Chebyshev scalarization of normalised objectives, the paper's weight lattices, and a search
/// that beats random search on problems nothing was tuned on.
@Suite struct ParEGOTests {
    /// Objectives normalised by their observed ranges ([0, 4] and [10, 20]), then `max_j λ_j f̄_j + 0.05 Σ_j λ_j f̄_j`.
    @Test func scalarizationIsTheAugmentedChebyshevOfNormalisedObjectives() {
        let objectives: [[Double]] = [[0, 20], [4, 10], [1, 15]]
        let values = ParEGOOptimizer.scalarized(objectives, weights: [0.25, 0.75], rho: 0.05)
        // Normalised: (0, 1), (1, 0), (0.25, 0.5); weighted: (0, 0.75), (0.25, 0), (0.0625, 0.375).
        let expected = [0.75 + 0.05 * 0.75, 0.25 + 0.05 * 0.25, 0.375 + 0.05 * 0.4375]
        for (value, target) in zip(values, expected) { #expect(abs(value - target) < 1e-15) }
        // A constant objective normalises to 0.
        #expect(ParEGOOptimizer.scalarized([[1, 3], [2, 3]], weights: [0.5, 0.5], rho: 0.05) == [0, 0.5 + 0.025])
    }

    /// The paper's lattices: 11 weight vectors for two objectives, 15 for three; the initial design is
    /// min(11 d − 1, budget / 4).
    @Test func latticesAndDesignFollowThePaper() throws {
        let registry = Registry.builtin
        for (spec, weights, initial) in [
            (EntrySpec("zdt1", options: ["variables": .integer(3)]), "11", "32"),
            (EntrySpec("dtlz2"), "15", "50"),
        ] {
            let problem = try registry.makeProblem(spec, seed: 1)
            let optimizer = try registry.makeOptimizer(
                EntrySpec("parego"), for: problem, problemLabel: spec.label, seed: 1, budget: 200)
            #expect(optimizer.metadata["weights"] == weights, "\(spec.label)")
            #expect(optimizer.metadata["initial"] == initial, "\(spec.label)")
        }
    }

    /// On ZDT1 with four variables and the reference point (11, 11) and on DTLZ2 with three objectives and k = 2, at
    /// 60 evaluations (a 15-point design), ParEGO's median attained hypervolume over 8 seeds beats random search's.
    @Test(arguments: [
        EntrySpec("zdt1", options: ["variables": .integer(4), "reference": .real(11)]),
        EntrySpec("dtlz2", options: ["k": .integer(2)]),
    ])
    func beatsRandomSearch(_ spec: EntrySpec) throws {
        let seeds = 1...8 as ClosedRange<UInt64>
        let parego = try seeds.map { try NSGATests.attainedVolume("parego", on: spec, budget: 60, seed: $0) }
        let random = try seeds.map { try NSGATests.attainedVolume("random", on: spec, budget: 60, seed: $0) }
        let median = MultiObjectiveTPETests.median
        #expect(median(parego) > median(random), "\(spec.label): ParEGO \(parego), random \(random)")
    }
}
