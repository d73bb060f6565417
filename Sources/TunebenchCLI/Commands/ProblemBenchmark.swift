import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench problems`: the time one evaluation of each problem takes.
struct ProblemBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "Measure the time per evaluation of problems at random configurations.",
        discussion: """
            Builds each problem's instance 0 of seed 0 and evaluates SAMPLES configurations drawn uniformly from its \
            space (a seeded generator, so every invocation times the same configurations), after one untimed \
            warm-up evaluation. Prints, per problem, the median, quartiles and maximum of the wall-clock time per \
            evaluation in milliseconds, at full fidelity and, with --levels, at every fidelity level. Build with \
            -c release for meaningful numbers. The default is the `ml` suite, the learning problems, whose \
            target is a median of at most 50 ms at full fidelity.
            """
    )

    @Option(help: "Comma-separated problems or suites, with options as NAME:KEY=VALUE.")
    var problems = "ml"

    @Option(parsing: .unconditional, help: "Random configurations timed per problem.")
    var samples = 30

    @Flag(help: "Also time every fidelity level of multi-fidelity problems.")
    var levels = false

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        guard (1...100_000).contains(samples) else {
            throw ValidationError("--samples must be in [1, 100000], got \(samples)")
        }
    }

    mutating func run(registry: Registry) throws {
        let specs: [EntrySpec]
        do {
            specs = try EntryList.parse(problems, flag: "--problems", kind: .problem, registry: registry)
        } catch {
            throw ValidationError("\(error)")
        }
        StandardStreams.output("problem                          level     samples   median ms    q25 ms    q75 ms    max ms\n")
        for spec in specs {
            var problem = try Self.makeProblem(spec, registry: registry)
            let configurations = Self.configurations(of: problem, label: spec.seedLabel, samples: samples)
            let fidelities = problem.fidelities
            var levelsToTime: [Int?] = [nil]
            if levels { levelsToTime += fidelities.indices.map { $0 } }
            for level in levelsToTime {
                let times = try Self.times(of: &problem, configurations, level: level)
                let name = level.map { "\(fidelities[$0].steps) steps" } ?? "full"
                let line =
                    spec.label.padding(toLength: 32, withPad: " ", startingAt: 0) + " "
                        + name.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + String(
                            format: "%8d %11.3f %9.3f %9.3f %9.3f", samples, Statistics.quantile(sorted: times, 0.5),
                            Statistics.quantile(sorted: times, 0.25), Statistics.quantile(sorted: times, 0.75),
                            times.last ?? 0) + "\n"
                StandardStreams.output(line)  // unbuffered: one line per problem as it ends
            }
        }
    }

    /// Instance 0 of seed 0 of `spec`, as every benchmark of problems times it.
    static func makeProblem(_ spec: EntrySpec, registry: Registry) throws -> any Problem {
        try registry.makeProblem(
            spec, seed: SeedDerivation.instanceSeed(experiment: 0, problem: spec.seedLabel, repetition: 0))
    }

    /// `samples` configurations drawn uniformly from the space of `problem` by a generator seeded by `label`.
    static func configurations(of problem: some Problem, label: String, samples: Int) -> [Configuration] {
        let space = problem.space
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(0, ["bench-problems", label]))
        return (0..<samples).map { _ in space.decode((0..<space.dimension).map { _ in generator.nextUnit() }) }
    }

    /// The wall-clock milliseconds of evaluating each of `configurations` at `level`, sorted, after one untimed
    /// warm-up evaluation of the first.
    static func times(of problem: inout any Problem, _ configurations: [Configuration], level: Int?) throws -> [Double] {
        let clock = ContinuousClock()
        _ = try problem.evaluate(configurations[0], fidelity: level)
        var times: [Double] = []
        for configuration in configurations {
            let start = clock.now
            _ = try problem.evaluate(configuration, fidelity: level)
            let elapsed = (clock.now - start).components
            times.append(Double(elapsed.seconds) * 1e3 + Double(elapsed.attoseconds) * 1e-15)
        }
        return times.sorted()
    }
}
