import Foundation
import TunebenchCore
import TunebenchNumerics

/// Grid search: a full factorial grid whose resolution fits the budget, visited in a seeded random order.
///
/// Levels per parameter: every choice of a categorical; for a numeric parameter, `k` values evenly spaced in its
/// scale from the lower to the upper bound (`t = 0, 1/(k-1), ..., 1`, or the middle `t = 1/2` when `k = 1`),
/// integers rounded and kept once each, at most all of them. Conditional parameters are varied
/// only where they are active, so the grid is the set of distinct configurations of the product.
///
/// Fitting the budget: the numeric parameters get the finest common number of levels `k` whose grid fits the
/// budget (found by bisection), then, in space order, each gets `k + 1` levels if the grid still fits. When even
/// the coarsest grid exceeds the budget (many categorical choices), a seeded uniform sample of `budget` of its
/// points is visited instead (reservoir sampling, Vitter's algorithm R, ACM TOMS 11(1), 1985).
///
/// The grid is deterministic; only the visiting order depends on the seed. `ask` returns `nil` once every grid
/// point has been suggested. A grid holds at most ``enumerationLimit`` points, whatever the budget.
public struct GridSearch: Optimizer {
    /// The largest number of grid points: the most a grid holds, and the most enumerated when sampling a grid that
    /// exceeds the budget.
    public static let enumerationLimit = 10_000_000

    private var points: [Configuration]
    private var next = 0

    /// The grid points in visiting order (for tests and listings).
    public var grid: [Configuration] { points }

    /// - Throws: ``OptimizerError/gridTooLarge(points:limit:)`` when the coarsest grid has more than
    ///   ``enumerationLimit`` points.
    public init(context: OptimizerContext) throws {
        let space = context.space
        // A grid never holds more than `enumerationLimit` points, however large the budget.
        let budget = min(max(context.fullFidelityBudget, 0), Self.enumerationLimit)
        // The finest common resolution that fits, by bisection (the grid grows with the resolution), then one
        // more level for each numeric parameter in space order while the grid still fits.
        let numeric = space.parameters.indices.filter { space.parameters[$0].choices == nil }
        func grid(_ resolution: (Int) -> Int) -> [[ParameterValue]] {
            space.parameters.indices.map { Self.levels(of: space.parameters[$0], count: resolution($0)) }
        }
        var (fits, tooLarge) = (1, max(budget, 1) + 1)
        while tooLarge - fits > 1 {
            let middle = (fits + tooLarge) / 2
            if Self.count(space, grid { _ in middle }, limit: budget) <= budget { fits = middle } else { tooLarge = middle }
        }
        var resolution = [Int](repeating: fits, count: space.dimension)
        var levels = grid { resolution[$0] }
        for index in numeric {
            resolution[index] += 1
            let candidate = grid { resolution[$0] }
            if candidate[index].count > levels[index].count, Self.count(space, candidate, limit: budget) <= budget {
                levels = candidate
            } else {
                resolution[index] -= 1
            }
        }
        var generator = Xoshiro256StarStar(seed: context.seed)
        let size = Self.count(space, levels, limit: Self.enumerationLimit)
        guard size <= Self.enumerationLimit else {
            throw OptimizerError.gridTooLarge(points: size, limit: Self.enumerationLimit)
        }
        var points: [Configuration] = []
        points.reserveCapacity(min(size, budget))
        var seen = 0
        Self.enumerate(space, levels) { configuration in
            seen += 1
            if points.count < budget {
                points.append(configuration)
            } else {
                let j = generator.nextIndex(below: seen)
                if j < budget { points[j] = configuration }
            }
        }
        generator.shuffle(&points)
        self.points = points
    }

    public mutating func ask() -> Suggestion? {
        guard next < points.count else { return nil }
        defer { next += 1 }
        return Suggestion(points[next])
    }

    public mutating func tell(_ observation: Observation) {}

    // MARK: - Grid construction

    /// The distinct values of `parameter` at `count` levels.
    static func levels(of parameter: Parameter, count: Int) -> [ParameterValue] {
        if let choices = parameter.choices {
            return choices.indices.map { .categorical($0) }
        }
        var values: [ParameterValue] = []
        for j in 0..<count {
            let t = count == 1 ? 0.5 : Double(j) / Double(count - 1)
            let value: ParameterValue
            if case .integer(let lower, let upper, let scale) = parameter.domain {
                // Evenly spaced between the bounds themselves (1, 10, 100, 1000 on a log scale), then rounded.
                let (a, b) = (Double(lower), Double(upper))
                let x = scale == .log ? exp(log(a) + t * (log(b) - log(a))) : a + t * (b - a)
                value = .integer(min(max(Int(x.rounded()), lower), upper))
            } else {
                value = parameter.domain.value(at: t)
            }
            if values.last != value { values.append(value) }  // levels increase, so duplicates are neighbours
        }
        return values
    }

    /// The number of distinct configurations of the grid, counting up to `limit + 1` at most.
    ///
    /// Without conditions it is the product of the level counts; with conditions the grid is walked, inactive
    /// parameters contributing one way each.
    static func count(_ space: SearchSpace, _ levels: [[ParameterValue]], limit: Int) -> Int {
        if !space.isConditional {
            var product = 1
            for level in levels {
                let (next, overflow) = product.multipliedReportingOverflow(by: level.count)
                if overflow || next > limit { return limit + 1 }
                product = next
            }
            return product
        }
        var values = [ParameterValue?](repeating: nil, count: space.dimension)
        func count(from index: Int) -> Int {
            guard index < space.dimension else { return 1 }
            guard space.isActive(index, given: values) else {
                values[index] = nil
                return count(from: index + 1)
            }
            var total = 0
            for value in levels[index] {
                values[index] = value
                total += count(from: index + 1)
                if total > limit { return total }
            }
            return total
        }
        return count(from: 0)
    }

    /// Calls `body` with every distinct configuration of the grid, in lexicographic order of the levels.
    static func enumerate(_ space: SearchSpace, _ levels: [[ParameterValue]], _ body: (Configuration) -> Void) {
        var values = [ParameterValue?](repeating: nil, count: space.dimension)
        func visit(_ index: Int) {
            guard index < space.dimension else {
                body(Configuration(values))
                return
            }
            guard space.isActive(index, given: values) else {
                values[index] = nil
                visit(index + 1)
                return
            }
            for value in levels[index] {
                values[index] = value
                visit(index + 1)
            }
        }
        visit(0)
    }
}
