// The optimizer of docs/adding-an-optimizer.md, shown there from `import Tunebench` on (a test checks that they agree).
import Tunebench

/// Local search: Gaussian steps in the unit cube around the best point found so far.
public struct LocalSearch: Optimizer {
    let space: SearchSpace
    let step: Double
    var generator: Xoshiro256StarStar
    var remaining: Int
    var best: (point: [Double], value: Double)?
    /// The points of the suggestions not yet told, by trial (a parallel run asks again before it tells).
    var pending = PendingTrials<[Double]>()

    public init(context: OptimizerContext) {
        space = context.space
        step = context.options.real("step")
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let point = (0..<space.dimension).map { i in
            guard let best else { return generator.nextUnit() }
            return min(max(best.point[i] + step * generator.nextGaussian(), 0), 1)
        }
        pending.add(point)
        return Suggestion(space.decode(point))
    }

    public mutating func tell(_ observation: Observation) {
        guard let point = pending.remove(observation.trial) else { return }
        if let value = observation.finiteValue, value < best?.value ?? .infinity {
            best = (point, value)
        }
    }

    /// Its registry entry: name, summary, options with defaults, and the factory.
    public static let entry = OptimizerEntry(
        name: "local-search",
        summary: "Gaussian steps around the best point so far",
        options: [OptionSpec("step", .real(0.001...1), default: .real(0.1), summary: "step size in the unit cube")]
    ) { LocalSearch(context: $0) }
}
