import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench simulation`: the speed of the simulated clock of parallel workers.
struct SimulationBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulation",
        abstract: "Measure simulated parallel workers: the event loop alone, then a whole study of random search.",
        discussion: """
            First the discrete-event loop alone (WorkerSimulation): WORKERS asynchronous workers and EVALUATIONS \
            trials of seeded lognormal durations, with no optimizer or problem. Then a whole run the way `tunebench \
            run --workers WORKERS` makes it: random search on branin:duration=lognormal for EVALUATIONS evaluations \
            on WORKERS workers, run file and aggregation included, in a temporary folder deleted afterwards (with \
            --workers 1 that run is the sequential loop, as `tunebench run` makes it without a time budget). Issue \
            22's target: 1,000 workers and 10^6 evaluations in seconds.
            """
    )

    @Option(parsing: .unconditional, help: "Simulated workers.")
    var workers = 1_000

    @Option(parsing: .unconditional, help: "Evaluations (trials) of the study.")
    var evaluations = 1_000_000

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        guard WorkerSettings.workerRange.contains(workers) else {
            throw ValidationError("--workers must be in [1, \(WorkerSettings.workerRange.upperBound)], got \(workers)")
        }
        guard (1...Experiment.budgetRange.upperBound).contains(evaluations) else {
            throw ValidationError("--evaluations must be in [1, \(Experiment.budgetRange.upperBound)], got \(evaluations)")
        }
    }

    mutating func run(registry: Registry) throws {
        print("simulation: \(workers) asynchronous workers, \(evaluations) evaluations, lognormal durations (σ = 1)")
        let clock = ContinuousClock()
        var generator = Xoshiro256StarStar(seed: 1)
        let durations = (0..<evaluations).map { _ in exp(generator.nextGaussian() - 0.5) }
        var completed = 0
        let start = clock.now
        let outcome = WorkerSimulation(settings: WorkerSettings(workers: workers)).run { trial, _, _ in
            trial < durations.count ? durations[trial] : nil
        } complete: { _ in
            completed += 1
        }
        let loop = HarnessBenchmark.seconds(clock.now - start)
        print(
            String(
                format: "  event loop alone: %.3f s (%.0f trials/s), simulated time %.1f s",
                loop, Double(completed) / loop, outcome.end))
        let measured = try HarnessBenchmark.measure(
            registry: registry,
            experiment: Experiment(
                name: "simulation", seed: 0, repetitions: 1, budget: evaluations,
                workers: WorkerSettings(workers: workers), optimizers: [EntrySpec("random")],
                problems: [EntrySpec("branin", options: ["duration": .string("lognormal")])]),
            jobs: 1)
        print(
            workers == 1
                ? "  a whole study on 1 worker and no time budget, which is the sequential loop, not the simulation:"
                : "  a whole study (random search, run file, aggregation):")
        measured.print()
        print("  peak memory (maximum resident set): \(HarnessBenchmark.megabytes(HarnessBenchmark.peakMemory()))")
        print("  reference (issue 22): 1,000 workers and 10^6 evaluations in seconds")
    }
}
