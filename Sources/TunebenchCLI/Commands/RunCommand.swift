import ArgumentParser
import Foundation
import Tunebench

/// `tunebench run`: run an experiment from a file, from flags, or the default one.
struct RunCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment and print its summary table.",
        discussion: """
            WHAT RUNS
              With no EXPERIMENT file and no --optimizers/--problems, the built-in default experiment runs: every \
            optimizer on the classic suite, 10 repetitions of 100 evaluations, seed 0. With a file, the file's \
            experiment runs; flags given beside it override its fields. With --optimizers and/or --problems, an \
            experiment is built from the flags (missing lists default to every optimizer / the classic suite).

            ENTRY LISTS
              --optimizers and --problems take comma-separated registry names, each optionally followed by options \
            as NAME:KEY=VALUE[:KEY=VALUE], e.g. `--problems branin,rosenbrock:dimension=8:noise=0.1`. A problem \
            list may name a suite (e.g. `classic`). `tunebench list` shows every name and option.

            OUTPUT AND RESUMING
              Results go to --output, by default the folder of the EXPERIMENT file, else tunebench-out/NAME. The \
            folder gets experiment.json, runs/PROBLEM/OPTIMIZER/rep-NNN.json (one file per run, written \
            atomically), evaluations.csv, curves/PROBLEM.csv, summary.json and timings.json. Running again into \
            the same folder resumes: runs that have a file are skipped and interrupted runs are redone. A folder \
            that holds a different experiment is refused unless --overwrite is given.

            SHARDS
              --shard k/n runs the runs whose plan index i has i mod n = k-1. Run all shards into one folder, or \
            into separate folders and copy their runs/ folders together, then `tunebench aggregate DIR`; the \
            result equals an unsharded run file for file.

            EXIT STATUS
              0 when every run completed, 3 when some runs failed (their reasons are printed and listed in \
            summary.json), 1 for other errors (bad experiment file, folder not writable), 64 for bad usage.
            """
    )

    @Argument(help: "An experiment JSON file (see README.md for its fields).", completion: .file(extensions: ["json"]))
    var experiment: String?

    @Option(help: "Comma-separated optimizers, with options as NAME:KEY=VALUE.")
    var optimizers: String?

    @Option(help: "Comma-separated problems or suites, with options as NAME:KEY=VALUE.")
    var problems: String?

    @Option(help: "Runs per optimizer and problem (default: 10, or the file's value).")
    var repetitions: Int?

    @Option(help: "Evaluations per run (default: 100, or the file's value).")
    var budget: Int?

    @Option(help: "Experiment seed; every run's seed derives from it and the labels (default: 0, or the file's).")
    var seed: Int?

    @Option(help: "Experiment name, used for the default output folder (default: the file's folder name, or 'cli').")
    var name: String?

    @Option(help: "Runs executed in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Output folder (default: the experiment file's folder, else tunebench-out/NAME).")
    var output: String?

    @Option(help: "Run only shard k of n, e.g. 2/4.")
    var shard: String?

    @Flag(help: "Delete the results of a different experiment found in the output folder, instead of refusing.")
    var overwrite = false

    @Flag(help: "Run again the runs recorded as failed.")
    var retryFailed = false

    @Flag(name: .shortAndLong, help: "Print no progress, only the summary table and errors.")
    var quiet = false

    func validate() throws {
        // The same ranges as in experiment files.
        if let repetitions, !(1...100_000).contains(repetitions) {
            throw ValidationError("--repetitions must be in [1, 100000], got \(repetitions)")
        }
        if let budget, !(1...100_000_000).contains(budget) {
            throw ValidationError("--budget must be in [1, 100000000], got \(budget)")
        }
        if let seed, seed < 0 { throw ValidationError("--seed must be non-negative, got \(seed)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
        if let name, !EntrySpec.isValidLabel(name) {
            throw ValidationError("--name '\(name)' must use ASCII letters, digits and ._+=- (it names a folder)")
        }
    }

    mutating func run(registry: Registry) throws {
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let (experiment, defaultOutput) = try resolveExperiment(registry: registry)
        let outputURL = URL(fileURLWithPath: output ?? defaultOutput)
        let runner = ExperimentRunner(
            registry: registry, experiment: experiment, output: outputURL,
            options: RunOptions(
                jobs: jobs, shard: try shard.map(Shard.init(parsing:)), overwrite: overwrite, retryFailed: retryFailed))
        if !quiet {
            printError(
                "Experiment '\(experiment.name)': \(count(experiment.optimizers.count, "optimizer")) x "
                    + "\(count(experiment.problems.count, "problem")) x \(count(experiment.repetitions, "repetition")), "
                    + "budget \(experiment.budget), seed \(experiment.seed)" + (shard.map { ", shard \($0)" } ?? "")
                    + "; \(count(jobs, "job")); output \(runner.store.directory.path)")
        }
        let progress: TerminalProgress? = quiet ? nil : TerminalProgress()
        let outcome = try runner.run(progress: progress)
        if !quiet {
            printError(
                "Executed \(count(outcome.executed, "run")) (\(outcome.failedNow) failed); skipped "
                    + "\(outcome.skipped) already complete.")
        }
        print(SummaryTable.render(outcome.aggregate, budget: experiment.budget, repetitions: experiment.repetitions))
        if outcome.aggregate.failed > 0 {
            for failure in outcome.aggregate.failures.prefix(20) {
                printError("failed: \(failure.problem) / \(failure.optimizer) / repetition \(failure.repetition): "
                    + failure.reason)
            }
            throw ExitStatus.runsFailed
        }
    }

    /// The experiment to run and the default output folder.
    func resolveExperiment(registry: Registry) throws -> (Experiment, String) {
        var experiment: Experiment
        var defaultOutput: String?
        if let path = self.experiment {
            let url = URL(fileURLWithPath: path)
            experiment = try ExperimentFile.load(url, registry: registry)
            defaultOutput = url.deletingLastPathComponent().path
        } else if optimizers == nil && problems == nil {
            experiment = Experiment.defaultExperiment(registry: registry)
        } else {
            experiment = Experiment.defaultExperiment(registry: registry)
            experiment.name = "cli"
            experiment.description = nil
        }
        if let optimizers {
            experiment.optimizers = try EntryList.parse(optimizers, flag: "--optimizers", kind: .optimizer, registry: registry)
        }
        if let problems {
            experiment.problems = try EntryList.parse(problems, flag: "--problems", kind: .problem, registry: registry)
        }
        if let repetitions { experiment.repetitions = repetitions }
        if let budget { experiment.budget = budget }
        if let seed { experiment.seed = UInt64(seed) }
        if let name { experiment.name = name }
        return (experiment, defaultOutput ?? "tunebench-out/\(experiment.name)")
    }
}

/// `1 run`, `2 runs`.
func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
