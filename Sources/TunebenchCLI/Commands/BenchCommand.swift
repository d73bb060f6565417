import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench`: benchmarks that print numbers.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of Tunebench itself; they print measurements and assert nothing.",
        subcommands: [HarnessBenchmark.self, PluginRoundTripBenchmark.self]
    )
}

/// `tunebench bench harness`: evaluations per second of the runner with a trivial optimizer and objective.
struct HarnessBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Measure the runner's overhead: random search on Branin, result writing included.",
        discussion: """
            Runs random search on Branin for REPETITIONS runs of EVALUATIONS evaluations into a temporary folder \
            (deleted afterwards) and prints evaluations per second for the runs (run files included) and for the \
            aggregation (CSVs and summary), and both together.
            """
    )

    @Option(help: "Runs.")
    var repetitions = 20

    @Option(help: "Evaluations per run.")
    var evaluations = 10_000

    @Option(help: "Runs executed in parallel.")
    var jobs = 1

    func validate() throws {
        guard repetitions >= 1, evaluations >= 1, (1...1024).contains(jobs) else {
            throw ValidationError("--repetitions and --evaluations must be at least 1, --jobs in [1, 1024]")
        }
    }

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "harness", seed: 0, repetitions: repetitions, budget: evaluations,
            optimizers: [EntrySpec("random")], problems: [EntrySpec("branin")])
        let runner = ExperimentRunner(
            registry: registry, experiment: experiment, output: folder,
            options: RunOptions(jobs: jobs, overwrite: true))
        let clock = ContinuousClock()
        // The same path as `tunebench run`: validate, prepare the folder, run, write run files, aggregate.
        let start = clock.now
        _ = try runner.run(progress: nil)
        let total = clock.now - start
        // Aggregation alone, timed again from the same run files.
        let aggregateStart = clock.now
        try Aggregator(experiment: experiment, store: runner.store, jobs: jobs).aggregate()
        let aggregatePhase = clock.now - aggregateStart
        let count = Double(repetitions * evaluations)
        func rate(_ d: Duration) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return String(format: "%.0f evaluations/s (%.3f s)", count / s, s)
        }
        print("harness: random search on branin, \(repetitions) runs x \(evaluations) evaluations, --jobs \(jobs)")
        print("  tunebench run (validate, run, write, aggregate): " + rate(total))
        print("  runs and run files (total minus aggregation):    " + rate(total - aggregatePhase))
        print("  aggregation alone (CSVs, summary):               " + rate(aggregatePhase))
    }
}

/// `tunebench bench plugin`: start-up and ask/tell round-trip time of a solver plugin.
struct PluginRoundTripBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Measure a solver plugin's start-up time and the round trip of one ask and one tell.",
        discussion: """
            Starts the solver STARTS times (process start to SOLVER_SPEC_CAST), then runs ROUNDS ask/tell rounds \
            on a 2-D continuous space, and prints the medians and quartiles. The round trip includes the solver's \
            own work, so it is the protocol's cost only for a solver that does little (random search). Give the \
            command after `--`, or the name of a plugin of a manifest.
            """
    )

    @Option(help: "Process starts to time.")
    var starts = 5

    @Option(help: "Ask/tell rounds to time.")
    var rounds = 200

    @OptionGroup var plugins: PluginOptions

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The solver's command after `--`, or a plugin name.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        guard !command.filter({ $0 != "--" }).isEmpty else { throw ValidationError("give the solver's command after --") }
        guard starts >= 1, rounds >= 1 else { throw ValidationError("--starts and --rounds must be at least 1") }
    }

    func run() throws {
        let plugin = try plugins.command(for: command)
        let result = try PluginBenchmark.measure(plugin, starts: starts, rounds: rounds)
        func summary(_ values: [Double], scale: Double, unit: String) -> String {
            let sorted = values.sorted()
            let q = [0.25, 0.5, 0.75].map { Statistics.quantile(sorted: sorted, $0) * scale }
            return String(format: "median %.1f %@ [q25 %.1f, q75 %.1f] over %d", q[1], unit, q[0], q[2], values.count)
        }
        print("plugin: \(result.solver.name) (\(plugin.arguments.joined(separator: " ")))")
        print("  start-up to SOLVER_SPEC_CAST: " + summary(result.startups, scale: 1000, unit: "ms"))
        print("  ask + tell round trip:        " + summary(result.roundTrips, scale: 1e6, unit: "µs"))
    }
}
