import Testing
import Tunebench

/// ASHA (Li et al. 2020, Algorithm 2): the promotions its rules give, worked by hand.
struct AsynchronousSuccessiveHalvingTests {
    private let space: SearchSpace = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    /// Three levels, `η = 3` apart: rungs 0, 1 and 2.
    private let levels = [
        Fidelity(steps: 1, cost: 1.0 / 9), Fidelity(steps: 3, cost: 1.0 / 3), Fidelity(steps: 9, cost: 1),
    ]

    private func optimizer(budget: Int = 100) -> AsynchronousSuccessiveHalving {
        AsynchronousSuccessiveHalving(
            context: OptimizerContext(space: space, seed: 5, budget: budget, fidelities: levels), settings: .init())
    }

    /// Sequentially, with the value `x` at every level: the first three asks start new configurations at level 0;
    /// the fourth promotes the best of them to level 1; the fifth and sixth start new ones (rung 0's best third is
    /// promoted, rung 1 has one result); at six results rung 0's second best goes on, and at three results rung 1's
    /// best goes on to level 2.
    @Test func promotionsFollowAlgorithmTwo() throws {
        var asha = optimizer()
        var told: [(x: Double, level: Int)] = []
        func step() throws -> Suggestion {
            let asked = asha.ask()
            let suggestion = try #require(asked)
            let x = suggestion.configuration.real(0)
            told.append((x, suggestion.fidelity ?? -1))
            asha.tell(Observation(suggestion, value: x))
            return suggestion
        }
        let firstThree = try (0..<3).map { _ in try step() }
        #expect(firstThree.allSatisfy { $0.fidelity == 0 })
        let fourth = try step()
        let best = firstThree.map { $0.configuration.real(0) }.min()!
        #expect(fourth.fidelity == 1 && fourth.configuration.real(0) == best)
        #expect(try step().fidelity == 0)
        #expect(try step().fidelity == 0)
        // Rung 0 has five results: still one to promote, already promoted; a sixth new one.
        #expect(try step().fidelity == 0)
        // Six results at rung 0: its second best goes on.
        let rung0 = told.filter { $0.level == 0 }.map(\.x).sorted()
        let seventh = try step()
        #expect(seventh.fidelity == 1 && seventh.configuration.real(0) == rung0[1])
        #expect(asha.metadata == ["configurations": "6", "promotions": "2"])
    }

    /// A failed evaluation is never promoted, however few results its rung has.
    @Test func failuresAreNotPromoted() throws {
        var asha = optimizer()
        for _ in 0..<3 {
            let asked = asha.ask()
            let suggestion = try #require(asked)
            asha.tell(Observation(suggestion, value: nil))
        }
        let asked = asha.ask()
        let fourth = try #require(asked)
        #expect(fourth.fidelity == 0)
    }

    /// With trials pending, asks go on: no worker waits for a rung to fill.
    @Test func asksNeverWait() throws {
        var asha = optimizer(budget: 20)
        var suggestions: [Suggestion] = []
        while let suggestion = asha.ask() { suggestions.append(suggestion) }
        #expect(suggestions.count == 20 && suggestions.allSatisfy { $0.fidelity == 0 })
    }

    private func asynchronousHyperband(budget: Int) -> AsynchronousSuccessiveHalving {
        var settings = AsynchronousSuccessiveHalving.Settings()
        settings.hyperband = true
        return AsynchronousSuccessiveHalving(
            context: OptimizerContext(space: space, seed: 7, budget: budget, fidelities: levels), settings: settings)
    }

    /// Asynchronous Hyperband draws each ask's bracket in proportion to synchronous Hyperband's first rungs before
    /// rounding (`s_max = 2`, `η = 3`: 9, 4.5 and 3 for the brackets starting at levels 0, 1, 2, as syne-tune's
    /// default bracket distribution has them).
    @Test func asynchronousHyperbandDrawsBracketsAsHyperbandSizesThem() throws {
        var hyperband = asynchronousHyperband(budget: 16_500)
        var starts = [0, 0, 0]
        while let suggestion = hyperband.ask() { starts[try #require(suggestion.fidelity)] += 1 }
        let shares = starts.map { Double($0) / 16_500 }
        for (share, expected) in zip(shares, [9.0 / 16.5, 4.5 / 16.5, 3.0 / 16.5]) {
            #expect(abs(share - expected) < 0.02, "\(shares)")
        }
    }

    /// Brackets keep their own rungs: a configuration started at level 1 is never evaluated at level 0, one started
    /// at the last level is never evaluated again, and every promotion goes up one level from its last.
    @Test func asynchronousHyperbandPromotesWithinBrackets() throws {
        var hyperband = asynchronousHyperband(budget: 400)
        var levelsOf: [Double: [Int]] = [:]
        while let suggestion = hyperband.ask() {
            let x = suggestion.configuration.real(0)
            levelsOf[x, default: []].append(try #require(suggestion.fidelity))
            hyperband.tell(Observation(suggestion, value: x))
        }
        var promoted = 0
        for levels in levelsOf.values {
            #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 == $0 + 1 }, "\(levels)")
            if levels.first == 2 { #expect(levels.count == 1) }
            promoted += levels.count - 1
        }
        #expect(promoted > 50)
        #expect(levelsOf.values.contains { $0 == [1, 2] } && levelsOf.values.contains { $0 == [0, 1, 2] })
    }

}
