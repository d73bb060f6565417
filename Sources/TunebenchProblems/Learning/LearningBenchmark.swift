import TunebenchCore
import TunebenchNumerics

/// Timings of learning problems, for the `bench` subcommand: wall-clock seconds of full-fidelity evaluations of
/// random configurations.
///
/// The configurations are points of the unit cube drawn from `Xoshiro256StarStar(seed: seed)` and decoded by the
/// problem's space, so every machine times the same work. The target is a median of at most 50 ms per evaluation at
/// the default options in a release build.
///
/// ```swift
/// let entry = LearningProblems.entries.first { $0.name == "mlp" }!
/// let median = Statistics.median(try LearningBenchmark.seconds(entry, configurations: 30))
/// ```
public enum LearningBenchmark {
    /// Builds the problem of `entry` with `options` (defaults for the rest) and instance seed `seed`, then times one
    /// full-fidelity evaluation of each of `configurations` random configurations.
    ///
    /// - Returns: one duration in seconds per configuration, in the order drawn. One untimed evaluation runs first.
    /// - Throws: an option error, or what the problem throws.
    public static func seconds(
        _ entry: ProblemEntry,
        options: [String: OptionValue] = [:],
        configurations: Int,
        seed: UInt64 = 1
    ) throws -> [Double] {
        let resolved = try Options.resolve(options, specs: entry.options, entry: entry.name)
        var problem = try entry.factory(ProblemContext(seed: seed, options: resolved))
        let space = problem.space
        var generator = Xoshiro256StarStar(seed: seed)
        let points = (0...configurations).map { _ in
            space.decode((0..<space.dimension).map { _ in generator.nextUnit() })
        }
        let clock = ContinuousClock()
        var times: [Double] = []
        for (index, configuration) in points.enumerated() {
            let start = clock.now
            _ = try problem.evaluate(configuration)
            let (seconds, attoseconds) = (clock.now - start).components
            if index > 0 { times.append(Double(seconds) + Double(attoseconds) * 1e-18) }
        }
        return times
    }
}
