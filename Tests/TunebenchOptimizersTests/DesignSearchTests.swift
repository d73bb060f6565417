import Testing
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
