import TunebenchCore
import TunebenchNumerics

/// Latin hypercube search: a Latin hypercube design of `budget` points, decoded into the space.
///
/// Each coordinate takes every one of the `budget` equal strata of `[0, 1)` exactly once (a random permutation of
/// the strata per coordinate, a uniform position inside each stratum, or its centre when `centered`), so every
/// parameter is sampled evenly over its range whatever the budget. The whole design is drawn at the start, which
/// is why the design's size is the budget.
///
/// Reference: M. D. McKay, R. J. Beckman and W. J. Conover, "A comparison of three methods for selecting values of
/// input variables in the analysis of output from a computer code", Technometrics 21(2), 1979.
public struct LatinHypercubeSearch: Optimizer {
    private let space: SearchSpace
    private var points: [[Double]]
    private var next = 0

    public init(context: OptimizerContext) throws {
        space = context.space
        var generator = Xoshiro256StarStar(seed: context.seed)
        let design = try LatinHypercube(dimension: space.dimension, centered: context.options.bool("centered"))
        let count = context.fullFidelityBudget
        points = count > 0 ? try design.points(count: count, using: &generator) : []
    }

    public mutating func ask() -> Suggestion? {
        guard next < points.count else { return nil }
        defer { next += 1 }
        return Suggestion(space.decode(points[next]))
    }

    public mutating func tell(_ observation: Observation) {}
}
