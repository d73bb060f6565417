import Testing
import TunebenchCore
import TunebenchOptimizers

struct GridSearchTests {
    private func grid(_ parameters: [Parameter], budget: Int, seed: UInt64 = 1) throws -> GridSearch {
        try GridSearch(context: OptimizerContext(space: try SearchSpace(parameters), seed: seed, budget: budget))
    }

    @Test func resolutionGrowsEvenlyWithinTheBudget() throws {
        let real3 = [Parameter.real("a", lower: 0, upper: 1), .real("b", lower: 0, upper: 1), .real("c", lower: 0, upper: 1)]
        #expect(try grid(real3, budget: 40).grid.count == 36)  // 4 x 3 x 3
        #expect(try grid(real3, budget: 27).grid.count == 27)
        #expect(try grid(real3, budget: 1).grid.count == 1)
        let two = try grid([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)], budget: 100)
        #expect(two.grid.count == 100)
        let xs = Set(two.grid.map { $0.real(0) })
        #expect(xs.count == 10 && xs.contains(-5) && xs.contains(10))
    }

    @Test func integersAndChoicesAreEnumeratedWithoutDuplicates() throws {
        let g = try grid([.integer("n", lower: 1, upper: 3), .categorical("c", choices: ["a", "b"])], budget: 100)
        #expect(g.grid.count == 6)
        #expect(Set(g.grid).count == 6)
        let logInteger = try grid([.integer("w", lower: 1, upper: 1000, scale: .log)], budget: 4)
        #expect(Set(logInteger.grid.map { $0.integer(0) }) == [1, 10, 100, 1000])
    }

    @Test func conditionalParametersVaryOnlyWhereActive() throws {
        let g = try grid(
            [
                .categorical("model", choices: ["a", "b"]),
                .real("x", lower: 0, upper: 1, when: .init(parent: "model", values: ["a"])),
            ], budget: 5)
        // model=b once, model=a with x at 4 levels.
        #expect(g.grid.count == 5)
        #expect(g.grid.filter { $0.choice(0) == 1 }.count == 1)
        #expect(g.grid.allSatisfy { $0.choice(0) == 0 ? $0[1] != nil : $0[1] == nil })
    }

    @Test func seedChangesOnlyTheOrder() throws {
        let space = [Parameter.real("x", lower: 0, upper: 1), .integer("k", lower: 0, upper: 4)]
        let a = try grid(space, budget: 30, seed: 1).grid
        let b = try grid(space, budget: 30, seed: 2).grid
        #expect(a != b)
        #expect(Set(a) == Set(b))
    }

    @Test func anOversizedCoarsestGridIsSampled() throws {
        let choices = (0..<6).map { Parameter.categorical("c\($0)", choices: ["a", "b", "c"]) }  // 729 points
        let g = try grid(choices, budget: 50)
        #expect(g.grid.count == 50)
        #expect(Set(g.grid).count == 50)
    }

    @Test func oneDimensionalGridsFillLargeBudgets() throws {
        let g = try grid([.real("x", lower: 0, upper: 1)], budget: 200_000)
        #expect(g.grid.count == 200_000)
        let conditional = try grid(
            [.categorical("c", choices: ["a", "b"]), .real("x", lower: 0, upper: 1, when: .init(parent: "c", values: ["a"]))],
            budget: 50_000)
        #expect(conditional.grid.count == 50_000)
    }

    @Test func exhaustedGridStopsEarly() throws {
        var g = try grid([.categorical("c", choices: ["a", "b", "c"])], budget: 10)
        var asked = 0
        while g.ask() != nil { asked += 1 }
        #expect(asked == 3)
        #expect(g.ask() == nil)
    }
}
