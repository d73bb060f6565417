import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchNumerics

@testable import TunebenchProblems

/// The multi-objective registry entries: each passes the problem conformance suite (objective counts, reference
/// point, determinism), declares its function's reference, and refuses what its function cannot be.
@Suite struct MultiObjectiveProblemTests {
    static let registry: Registry = {
        var registry = Registry()
        for entry in MultiObjectiveProblems.entries { try! registry.register(entry) }
        for suite in MultiObjectiveProblems.suites { try! registry.register(suite) }
        return registry
    }()

    static let specs: [EntrySpec] =
        MultiObjectiveProblems.entries.map { EntrySpec($0.name) } + [
            EntrySpec("dtlz2", options: ["objectives": .integer(4)]),
            EntrySpec("dtlz1", options: ["objectives": .integer(6)]),
            EntrySpec("dtlz7", options: ["objectives": .integer(2), "k": .integer(3)]),
            EntrySpec("wfg4", options: ["objectives": .integer(3)]),
            EntrySpec("wfg2", options: ["objectives": .integer(4), "k": .integer(6), "l": .integer(4)]),
            EntrySpec("zdt1", options: ["variables": .integer(3)]),
        ]

    @Test(arguments: specs.map(\.label))
    func problemConforms(_ label: String) throws {
        let spec = try #require(Self.specs.first { $0.label == label })
        let failures = ProblemConformance.check(name: label, samples: 50) {
            try Self.registry.makeProblem(spec, seed: $0)
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func referenceAndVolumeComeFromTheFunction() throws {
        let zdt1 = try Self.registry.makeProblem(EntrySpec("zdt1"), seed: 1)
        #expect(zdt1.objectiveCount == 2 && zdt1.space.dimension == 30 && zdt1.optimum == nil)
        #expect(zdt1.paretoReference?.point == [1.1, 1.1])
        let volume = try #require(zdt1.paretoReference?.hypervolume)
        let expected: Double = 0.1 + 2.0 / 3 + 0.11
        #expect(abs(volume - expected) < 1e-15)
        // The reference point (11, 11): 10 + 2/3 + 10 · 11.
        let far = try Self.registry.makeProblem(EntrySpec("zdt1", options: ["reference": .real(11)]), seed: 1)
        #expect(far.paretoReference?.point == [11, 11])
        let farVolume = try #require(far.paretoReference?.hypervolume)
        let farExpected: Double = 10 + 2.0 / 3 + 110
        #expect(abs(farVolume - farExpected) < 1e-12)
        let dtlz2 = try Self.registry.makeProblem(EntrySpec("dtlz2", options: ["objectives": .integer(4)]), seed: 1)
        #expect(dtlz2.objectiveCount == 4 && dtlz2.space.dimension == 13)
        #expect(dtlz2.paretoReference?.hypervolume == DTLZFunction(2, objectives: 4).exactHypervolume)
        // No closed form: the volume of a dense sample, below the closed form of nothing, above a coarse sample.
        let zdt3 = try Self.registry.makeProblem(EntrySpec("zdt3"), seed: 1)
        let measured = try #require(zdt3.paretoReference?.hypervolume)
        let coarse = Hypervolume.exact(ZDTFunction(.zdt3).paretoFront(count: 500), reference: [1.1, 1.1])
        #expect(measured > coarse && measured < coarse * 1.01)
        // Four objectives and no closed form: no volume, the metric is the negated hypervolume.
        let wfg1 = try Self.registry.makeProblem(EntrySpec("wfg1", options: ["objectives": .integer(4)]), seed: 1)
        #expect(wfg1.paretoReference?.point == (1...4).map { 2.2 * Double($0) })
        #expect(wfg1.paretoReference != nil && wfg1.paretoReference?.hypervolume == nil)
        // WFG3's front with three objectives is not the published line: no volume is claimed.
        let wfg3 = try Self.registry.makeProblem(EntrySpec("wfg3", options: ["objectives": .integer(3)]), seed: 1)
        #expect(wfg3.paretoReference != nil && wfg3.paretoReference?.hypervolume == nil)
        // DTLZ up to six objectives, with its closed-form volume; not seven.
        let dtlz3 = try Self.registry.makeProblem(EntrySpec("dtlz3", options: ["objectives": .integer(6)]), seed: 1)
        #expect(dtlz3.objectiveCount == 6 && dtlz3.space.dimension == 15)
        #expect(dtlz3.paretoReference?.hypervolume == DTLZFunction(3, objectives: 6).exactHypervolume)
        #expect(throws: (any Error).self) {
            try Self.registry.makeProblem(EntrySpec("dtlz2", options: ["objectives": .integer(7)]), seed: 1)
        }
    }

    @Test func invalidShapesAreRefused() {
        #expect(throws: ProblemsError.self) {
            let spec = EntrySpec("wfg4", options: ["objectives": .integer(3), "k": .integer(3)])
            return try Self.registry.makeProblem(spec, seed: 1)
        }
        #expect(throws: ProblemsError.self) {
            try Self.registry.makeProblem(EntrySpec("wfg3", options: ["l": .integer(5)]), seed: 1)
        }
    }

    /// The conformance suite must be able to fail on several objectives: a problem that reports one value too few.
    @Test func aWrongObjectiveCountIsCaught() {
        struct Short: Problem {
            let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
            var objectiveCount: Int { 3 }
            var paretoReference: ParetoReference? { ParetoReference(point: [1, 1, 1], hypervolume: nil) }
            mutating func evaluate(_ configuration: Configuration) -> Evaluation {
                Evaluation(value: configuration.real(0), objectives: [configuration.real(0), 1 - configuration.real(0)])
            }
        }
        let failures = ProblemConformance.check(name: "short") { _ in Short() }
        #expect(failures.map(\.check) == ["objective values match the count"])
    }
}
