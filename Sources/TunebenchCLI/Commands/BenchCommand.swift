import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench`: benchmarks that print numbers.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of Tunebench itself; they print measurements and assert nothing.",
        subcommands: [HarnessBenchmark.self]
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
