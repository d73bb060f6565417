import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchProblems

/// The `random-forest`, `knn` and `cash` problems as registered: the problem contract, determinism, fidelities.
struct InstanceBasedProblemTests {
    @Test(arguments: InstanceBasedFixtures.names)
    func problemConforms(_ name: String) {
        let failures = ProblemConformance.check(name: name, samples: 40) {
            try InstanceBasedFixtures.problem(name, InstanceBasedFixtures.small, seed: $0)
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func entriesAreRegisteredWithTheClassificationOptions() {
        for name in InstanceBasedFixtures.names {
            let entry = LearningProblems.entries.first { $0.name == name }
            #expect(entry?.options == LearningOptions.classification, "\(name)")
        }
    }

    /// An evaluation depends on the configuration and the instance seed only: not on what was evaluated before, and
    /// not on the instance object.
    @Test(arguments: InstanceBasedFixtures.names)
    func evaluationsAreDeterministicAndHistoryFree(_ name: String) throws {
        let busy = try InstanceBasedFixtures.problem(name, InstanceBasedFixtures.small, seed: 2)
        let configurations = InstanceBasedFixtures.configurations(busy.space, count: 4, seed: 8)
        var history = busy
        let inOrder = try configurations.map { try history.evaluate($0) }
        for (configuration, expected) in zip(configurations, inOrder).reversed() {
            var fresh = try InstanceBasedFixtures.problem(name, InstanceBasedFixtures.small, seed: 2)
            #expect(try fresh.evaluate(configuration) == expected)
        }
        var other = try InstanceBasedFixtures.problem(name, InstanceBasedFixtures.small, seed: 3)
        #expect(try other.evaluate(configurations[0]).value != inOrder[0].value)
    }

    /// The forest's levels cost their share of 64 trees; more trees give other values.
    @Test func forestFidelitiesCostTheirShareOfTrees() throws {
        var forest = try InstanceBasedFixtures.problem("random-forest", InstanceBasedFixtures.small)
        #expect(forest.fidelities.map(\.steps) == [4, 8, 16, 32, 64])
        let configuration = InstanceBasedFixtures.configurations(forest.space, count: 1, seed: 4)[0]
        let low = try forest.evaluate(configuration, fidelity: 0)
        let full = try forest.evaluate(configuration)
        #expect(low.cost == 4.0 / 64 && full.cost == 1)
        #expect(low.value != full.value)
        #expect(try forest.evaluate(configuration, fidelity: 4) == full)
    }

    @Test func knnAndCashAreSingleFidelity() throws {
        #expect(try InstanceBasedFixtures.problem("knn", InstanceBasedFixtures.small).fidelities.isEmpty)
        #expect(try InstanceBasedFixtures.problem("cash", InstanceBasedFixtures.small).fidelities.isEmpty)
    }
}
