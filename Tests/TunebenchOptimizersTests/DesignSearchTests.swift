import Testing
import Tunebench
import TunebenchCore
import TunebenchOptimizers

/// Sobol and Latin-hypercube search keep the stratification of their designs through the space's encoding.
struct DesignSearchTests {
    let space = try! SearchSpace([
        .real("x", lower: -5, upper: 10),
        .integer("k", lower: 1, upper: 8),
        .categorical("c", choices: ["a", "b", "c", "d"]),
        .real("rate", lower: 1e-4, upper: 1, scale: .log),
    ])

    private func trace(_ optimizer: inout some Optimizer) throws -> [Configuration] {
        var configurations: [Configuration] = []
        while let suggestion = try optimizer.ask() {
            configurations.append(suggestion.configuration)
            try optimizer.tell(Observation(suggestion, value: 0))
        }
        return configurations
    }

    @Test(arguments: [true, false])
    func sobolStratifiesEveryParameter(scramble: Bool) throws {
        var sobol = try SobolSearch(
            context: OptimizerContext(space: space, seed: 3, budget: 64, options: Options(["scramble": .bool(scramble)])))
        let points = try trace(&sobol)
        #expect(points.count == 64)
        // 64 points: every integer value and every choice exactly 8 and 16 times (cells of equal width).
        #expect(Dictionary(grouping: points, by: { $0.integer(1) }).values.allSatisfy { $0.count == 8 })
        #expect(Dictionary(grouping: points, by: { $0.choice(2) }).values.allSatisfy { $0.count == 16 })
        // Each of 16 equal cells of x holds four points.
        #expect(Dictionary(grouping: points, by: { Int(($0.real(0) + 5) / 15 * 16) }).values.allSatisfy { $0.count == 4 })
    }

    @Test func unscrambledSobolIgnoresTheSeed() throws {
        func run(_ seed: UInt64) throws -> [Configuration] {
            var sobol = try SobolSearch(
                context: OptimizerContext(space: space, seed: seed, budget: 16, options: Options(["scramble": .bool(false)])))
            return try trace(&sobol)
        }
        #expect(try run(1) == run(2))
        #expect(try run(1)[0].real(0) == -5)  // the sequence starts at the origin of the cube
    }

    @Test func sobolRefusesSpacesBeyondItsTable() throws {
        let wide = try SearchSpace((0..<1200).map { .real("x\($0)", lower: 0, upper: 1) })
        #expect(throws: OptimizerError.self) {
            try SobolSearch(context: OptimizerContext(space: wide, seed: 1, budget: 4, options: Options(["scramble": .bool(true)])))
        }
    }

    @Test(arguments: [7, 40, 100])
    func latinHypercubeCoversEveryStratum(budget: Int) throws {
        var lhs = try LatinHypercubeSearch(
            context: OptimizerContext(space: space, seed: 5, budget: budget, options: Options(["centered": .bool(false)])))
        let points = try trace(&lhs)
        #expect(points.count == budget)
        let cells = Set(points.map { Int(((space.encode($0)[0]) * Double(budget)).rounded(.down)) })
        #expect(cells.count == budget)
        let logCells = Set(points.map { Int((space.encode($0)[3] * Double(budget)).rounded(.down)) })
        #expect(logCells.count == budget)
    }
}

/// With a cost budget, designs sized by the budget fit the full-fidelity evaluations it buys
/// (`OptimizerContext.fullFidelityBudget`), not the cap on suggestions.
struct CostBudgetDesignTests {
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1), .real("y", lower: 0, upper: 1)])
    /// Three levels costing 1/9, 1/3 and 1, as `Fidelity.levels(steps: [1, 3, 9])` gives.
    let levels = Fidelity.levels(steps: [1, 3, 9])

    /// The registered optimizer `name` with its default options, a budget of 100,000 and the cost budget.
    private func registered(_ name: String, costBudget: Double) throws -> any Optimizer {
        let entry = try Registry.builtin.optimizer(named: name)
        let options = try Options.resolve([:], specs: entry.options, entry: name)
        return try entry.factory(OptimizerContext(
            space: space, seed: 5, budget: 100_000, fidelities: levels, options: options, costBudget: costBudget))
    }

    @Test func fullFidelityBudgetIsTheEvaluationsTheCostBudgetBuys() {
        func count(_ budget: Int, _ cost: Double?, _ fidelities: [Fidelity]) -> Int {
            OptimizerContext(space: space, seed: 1, budget: budget, fidelities: fidelities, costBudget: cost)
                .fullFidelityBudget
        }
        #expect(count(100_000, nil, levels) == 100_000)
        #expect(count(100_000, 40, levels) == 40)
        #expect(count(100_000, 40.9, []) == 40)
        #expect(count(25, 40, levels) == 25)  // the evaluation budget when it is the smaller
        #expect(count(100, 0.5, levels) == 0)  // no full-fidelity evaluation fits
        #expect(count(100, .infinity, levels) == 100 && count(100, .nan, levels) == 100)
        // The runner's tolerance: three evaluations of cost 0.1 fit in 0.3 although 0.3 / 0.1 < 3.
        #expect(count(100, 0.3, [Fidelity(steps: 1, cost: 0.1)]) == 3)
        let costly = [Fidelity(steps: 1, cost: 0.5), Fidelity(steps: 2, cost: 2)]
        #expect(count(100, 9, costly) == 4)
    }

    @Test func aLatinHypercubeUnderACostBudgetHasOnePointPerStratum() throws {
        var lhs = try registered("lhs", costBudget: 12)
        var points: [Configuration] = []
        while let suggestion = try lhs.ask() {
            points.append(suggestion.configuration)
            try lhs.tell(Observation(suggestion, value: 0))
        }
        #expect(points.count == 12)
        for axis in 0..<2 {
            #expect(Set(points.map { Int($0.real(axis) * 12) }).count == 12)
        }
    }

    @Test func smacsInitialDesignIsAQuarterOfTheFullFidelityEvaluations() throws {
        let optimizer = try registered("forest-smac", costBudget: 40)
        // min(10 d, ⌊40 / 4⌋) = 10 Sobol points, not 10 d = 20.
        #expect(optimizer.metadata["initial"] == "10")
    }

    @Test func aGridUnderACostBudgetFitsTheFullFidelityEvaluations() throws {
        var grid = try registered("grid", costBudget: 40)
        var count = 0
        while let suggestion = try grid.ask() {
            count += 1
            try grid.tell(Observation(suggestion, value: 0))
        }
        #expect(count == 36)  // the 6 × 6 grid, the largest within 40 points
    }
}
