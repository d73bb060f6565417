import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// Builds the instance-based learning problems (`random-forest`, `knn`, `cash`) from their registry entries.
enum InstanceBasedFixtures {
    static let names = ["random-forest", "knn", "cash"]

    /// The problem `name` with `options` (others at their defaults) and instance seed `seed`.
    static func problem(
        _ name: String,
        _ options: [String: OptionValue] = [:],
        seed: UInt64 = 1
    ) throws
        -> any Problem
    {
        guard let entry = LearningProblems.entries.first(where: { $0.name == name }) else {
            throw ProblemsError.invalidArgument(problem: name, argument: "name", value: name, expected: "an entry")
        }
        let resolved = try Options.resolve(options, specs: entry.options, entry: name)
        return try entry.factory(ProblemContext(seed: seed, options: resolved))
    }

    /// A small dataset, so that debug-build tests stay quick.
    static let small: [String: OptionValue] = ["samples": .integer(200), "features": .integer(8)]

    /// `count` configurations of `space` from uniform points of the unit cube.
    static func configurations(_ space: SearchSpace, count: Int, seed: UInt64) -> [Configuration] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in space.decode((0..<space.dimension).map { _ in generator.nextUnit() }) }
    }
}
