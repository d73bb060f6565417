import TunebenchCore
import TunebenchNumerics

/// Random search: independent uniform points of the unit cube, decoded into the space.
///
/// Every coordinate is drawn uniformly from `[0, 1)` and mapped by ``SearchSpace/decode(_:)``, so reals are
/// uniform in their scale (log-uniform on a log scale), every integer and every categorical choice is equally
/// likely, and conditional parameters are drawn only when active.
///
/// Reference: J. Bergstra and Y. Bengio, "Random search for hyper-parameter optimization", JMLR 13, 2012.
public struct RandomSearch: Optimizer {
    private let space: SearchSpace
    private var generator: Xoshiro256StarStar
    private var remaining: Int
    /// The unit-cube point being drawn, reused from ask to ask.
    private var point: [Double] = []

    public init(context: OptimizerContext) {
        space = context.space
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        if point.count != space.dimension { point = [Double](repeating: 0, count: space.dimension) }
        for i in point.indices { point[i] = generator.nextUnit() }
        return Suggestion(space.decode(point))
    }

    public mutating func tell(_ observation: Observation) {}
}
