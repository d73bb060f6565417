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
            list may name a suite (e.g. `classic`). `tunebench list` shows every name, the plugins of ./Plugins (or \
            --plugins DIR) included, and `tunebench list NAME` the options of one. A plugin without a manifest can \
            be named on the spot: \
            `--plugin mine="python3 my_solver.py" --optimizers random,mine`.

            OUTPUT AND RESUMING
              Results go to --output, by default the folder of the EXPERIMENT file when no flag changes its \
            experiment, else tunebench-out/NAME. The \
            folder gets experiment.json, runs/PROBLEM/OPTIMIZER/rep-NNN.json (one file per run, written \
            atomically), evaluations.csv, traces.csv, curves/PROBLEM.csv (and curves-cost/PROBLEM.csv with a cost \
            budget), summary.json, timings.json, and the report (report.md, report.html and report/; see \
            `tunebench report --help`; --no-report leaves it out). Running again into \
            the same folder resumes: runs that have a file are skipped and interrupted runs are redone. The \
            experiment may grow under its name (more optimizers, problems or repetitions): existing runs stay \
            valid. A folder holds one experiment: another one (another name, seed or budget, other options under a \
            label, a dropped entry, fewer repetitions) is refused, naming both. Resuming trusts the run files: after changing the code of an optimizer or problem, pass --overwrite, \
            which deletes the folder's results and runs everything again, or choose another folder.

            SHARDS
              --shard k/n runs the runs whose plan index i has i mod n = k-1. Run all shards into one folder and \
            then `tunebench aggregate DIR`, or into separate folders and then `tunebench merge DIR SHARD_DIR...`; \
            the result equals an unsharded run file for file. `tunebench slurm` writes the scripts that run the \
            shards as a Slurm array job and merge them.

            INTERRUPTIONS
              On Ctrl-C, SIGTERM or SIGHUP (to the process, its group, or it and its plugins at once) no run \
            starts, the runs in flight stop and are not recorded, the plugins are ended, and the command exits with \
            128 + the signal; running it again redoes those runs. An interruption is never recorded as a failed \
            run. A second signal exits at once.

            EXIT STATUS
              0 when every run completed, 3 when some runs failed (their reasons are printed and listed in \
            summary.json), 1 for other errors (bad experiment file, folder not writable or holding another \
            experiment), 64 for bad usage (unknown flags, bad flag values), 130, 143 or 129 when interrupted by \
            SIGINT, SIGTERM or SIGHUP.
            """
    )

    @Argument(help: "An experiment JSON file (see README.md for its fields).", completion: .file(extensions: ["json"]))
    var experiment: String?

    @Option(help: "Comma-separated optimizers, with options as NAME:KEY=VALUE.")
    var optimizers: String?

    @Option(help: "Comma-separated problems or suites, with options as NAME:KEY=VALUE.")
    var problems: String?

    @Option(parsing: .unconditional, help: "Runs per optimizer and problem (default: 10, or the file's value).")
    var repetitions: Int?

    @Option(
        parsing: .unconditional,
        help: "Evaluations per run (default: 100, or the file's value; 100000 with a cost budget).")
    var budget: Int?

    @Flag(
        name: .customLong("budget-per-dimension"),
        help: """
            Count --budget per parameter, as COCO's budgets do: a run of a d-dimensional problem makes up to \
            budget x d evaluations (default: off, or the file's "budget-per-dimension", which the flag cannot \
            turn off).
            """)
    var budgetPerDimension = false

    @Option(
        name: .customLong("record"),
        help: """
            Which trials the run files keep: 'all' (default, or the file's "record"), or 'improvements', the \
            trials COCO's logger logs (improvements at 20 targets per decade, log-spaced evaluation counts, the last \
            and the best), for budgets of millions of evaluations: curves, traces, reports and the COCO export are \
            derived from them, evaluations.csv lists only them.
            """)
    var record: String?

    @Option(
        name: .customLong("cost-budget"),
        parsing: .unconditional,
        help: """
            Total cost per run in the problems' cost unit (a full-fidelity evaluation of a built-in problem costs 1): \
            a run ends before the first suggestion whose cost does not fit. Curves over cumulative cost then go to \
            curves-cost/PROBLEM.csv (default: none, or the file's "cost-budget").
            """)
    var costBudget: Double?

    @Option(
        parsing: .unconditional,
        help: """
            Simulated workers per run (default: 1, or the file's "workers"): with more than one, each run's \
            evaluations share them on a simulated clock (each evaluation takes its simulated duration: a built-in \
            synthetic problem's one second, else its cost), the optimizer is asked while others are pending and is \
            told results in completion order; run files record each trial's worker, start and end.
            """)
    var workers: Int?

    @Option(
        help: """
            With --workers: 'asynchronous' (default: a worker asks as soon as it is free) or 'synchronous' (batches \
            of WORKERS suggestions, the next when the whole batch has completed).
            """)
    var mode: String?

    @Option(
        name: .customLong("time-budget"),
        parsing: .unconditional,
        help: """
            Simulated seconds per run: no evaluation starts at or after it, and one completing later is not seen \
            (default: none, or the file's "time-budget"). Runs on the simulated clock even with one worker.
            """)
    var timeBudget: Double?

    @Option(
        name: .customLong("ask-charge"),
        parsing: .unconditional,
        help: """
            Simulated seconds each ask occupies its worker before the evaluation, the optimizer's overhead charged \
            to the clock (default: 0, or the file's "ask-charge"). Needs the simulated clock (--workers above 1 or \
            --time-budget). A fixed charge, not a measured time, so results stay the same on every machine.
            """)
    var askCharge: Double?

    @Option(
        parsing: .unconditional,
        help: "Experiment seed; every run's seed derives from it and the labels (default: 0, or the file's).")
    var seed: Int?

    @Option(help: """
        Experiment name, used for the default output folder (default: the file's "name", else its folder's name for \
        experiment.json or its own name; 'cli' for flags).
        """)
    var name: String?

    @Option(parsing: .unconditional, help: "Runs executed in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Output folder (default: the experiment file's folder, else tunebench-out/NAME).")
    var output: String?

    @Option(help: "Run only shard k of n, e.g. 2/4.")
    var shard: String?

    @Option(
        name: .customLong("plugin"),
        help: ArgumentHelp(
            "A plugin given by its command line, usable by NAME in --optimizers or --problems (repeatable).",
            valueName: "NAME=COMMAND"))
    var pluginCommands: [String] = []

    @Flag(help: "Delete the results already in the output folder (any experiment's) and run everything again.")
    var overwrite = false

    @Flag(help: "Run again the runs recorded as failed.")
    var retryFailed = false

    @Flag(name: .shortAndLong, help: "Print no progress, only the summary table and errors.")
    var quiet = false

    @Flag(help: "Do not write the report (report.md, report.html, report/) at the end.")
    var noReport = false

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    func validate() throws {
        // The same ranges as in experiment files.
        if let repetitions, !Experiment.repetitionRange.contains(repetitions) {
            throw ValidationError("--repetitions must be in \(Experiment.repetitionRange), got \(repetitions)")
        }
        if let budget, !Experiment.budgetRange.contains(budget) {
            throw ValidationError("--budget must be in \(Experiment.budgetRange), got \(budget)")
        }
        if let costBudget, !(costBudget > 0 && costBudget.isFinite) {
            throw ValidationError("--cost-budget must be a positive number, got \(costBudget)")
        }
        if let seed, seed < 0 { throw ValidationError("--seed must be non-negative, got \(seed)") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be in [1, 1024], got \(jobs)") }
        if let workers, !WorkerSettings.workerRange.contains(workers) {
            throw ValidationError(
                "--workers must be an integer in [1, \(WorkerSettings.workerRange.upperBound)], got \(workers)")
        }
        if let mode, WorkerSettings.Mode(rawValue: mode) == nil {
            throw ValidationError("--mode must be 'asynchronous' or 'synchronous', got '\(mode)'")
        }
        if let timeBudget, !(timeBudget > 0 && timeBudget.isFinite) {
            throw ValidationError("--time-budget must be a positive number of simulated seconds, got \(timeBudget)")
        }
        if let askCharge, !(askCharge >= 0 && askCharge.isFinite) {
            throw ValidationError("--ask-charge must be a number of simulated seconds, 0 or more, got \(askCharge)")
        }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
        if let name, !EntrySpec.isValidLabel(name) {
            throw ValidationError("--name '\(name)' must use ASCII letters, digits and ._+=- (it names a folder)")
        }
        _ = try commands()
    }

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        // On Ctrl-C, SIGTERM or SIGHUP: record no run in flight, end the plugins (they lead their own process
        // groups), exit with 128 + signal.
        let interruption = Interruption()
        InterruptHandler.install(interruption)
        let progress: TerminalProgress? = quiet ? nil : TerminalProgress()
        var stopped: RunnerError?
        do {
            try execute(registry: registry, interruption: interruption, progress: progress)
        } catch RunnerError.interrupted(let signal, let abandoned) {
            stopped = .interrupted(signal: signal, abandoned: abandoned)
        } catch where interruption.isRequested {
            // Whatever else stopped the command (a plugin refused while the experiment was checked, the failed runs
            // reported at the end), the cause is the signal.
        }
        if let signal = interruption.signal {
            progress?.interrupted()
            printError("\(stopped ?? RunnerError.interrupted(signal: signal, abandoned: 0))")
            throw ExitCode(128 + signal)
        }
    }

    /// Runs the experiment, prints the table and writes the report.
    private func execute(registry: Registry, interruption: Interruption, progress: TerminalProgress?) throws {
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let (experiment, defaultOutput) = try resolveExperiment(registry: registry)
        let outputURL = URL(fileURLWithPath: output ?? defaultOutput)
        let runner = ExperimentRunner(
            registry: registry, experiment: experiment, output: outputURL,
            options: RunOptions(
                jobs: jobs, shard: try shard.map(Shard.init(parsing:)), overwrite: overwrite, retryFailed: retryFailed,
                interruption: interruption))
        if !quiet {
            printError(
                "Experiment '\(experiment.name)': \(count(experiment.optimizers.count, "optimizer")) x "
                    + "\(count(experiment.problems.count, "problem")) x \(count(experiment.repetitions, "repetition")), "
                    + "budget \(experiment.budget)" + (experiment.budgetPerDimension ? " per dimension" : "")
                    + (experiment.costBudget.map { ", cost budget \($0)" } ?? "")
                    + (experiment.workers.isSimulated ? ", \(experiment.workers.summary)" : "")
                    + ", seed \(experiment.seed)" + (shard.map { ", shard \($0)" } ?? "")
                    + "; \(count(jobs, "job")); output \(runner.store.directory.path)")
        }
        let outcome: RunOutcome
        do {
            outcome = try runner.run(progress: progress)
        } catch RunnerError.unusableEntry(let field, let label, let reason) {
            throw RunnerError.invalidExperiment(
                file: self.experiment ?? "command line", field: field, value: "\"\(label)\"", reason: reason)
        }
        if interruption.isRequested { return }
        if !quiet {
            printError(
                "Executed \(count(outcome.executed, "run")) (\(outcome.failedNow) failed); skipped "
                    + "\(outcome.skipped) already recorded" + (retryFailed ? "." : " (--retry-failed reruns failed ones).")
            )
        }
        print(SummaryTable.render(outcome.aggregate, budget: experiment.budgetDescription, repetitions: experiment.repetitions))
        fflush(nil)  // the table, before a signal during the report could end the process with it still buffered
        if interruption.isRequested { return }
        try reportOptions.finish(
            aggregate: outcome.aggregate, experiment: experiment, directory: runner.store.directory, skip: noReport, quiet: quiet)
    }

    /// The plugins of `--plugin NAME=COMMAND`.
    func commands() throws -> [String: String] {
        var commands: [String: String] = [:]
        for text in pluginCommands {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, EntrySpec.isValidLabel(parts[0]), !parts[1].isEmpty else {
                throw ValidationError(
                    "--plugin '\(text)' must be NAME=COMMAND, e.g. --plugin mine=\"python3 my_solver.py\"")
            }
            commands[parts[0]] = parts[1]
        }
        return commands
    }

    /// The experiment to run and the default output folder.
    ///
    /// A file's experiment runs into the file's folder when no flag changes it (the layout of `Results/`); an
    /// experiment changed by flags, or built from them, runs into `tunebench-out/NAME`, so that the file's folder
    /// keeps the file's results.
    func resolveExperiment(registry: Registry) throws -> (Experiment, String) {
        var experiment: Experiment
        var fileFolder: String?
        if let path = self.experiment {
            let url = URL(fileURLWithPath: path)
            experiment = try ExperimentFile.load(url, registry: registry)
            fileFolder = url.deletingLastPathComponent().path
        } else if optimizers == nil && problems == nil {
            experiment = Experiment.defaultExperiment(registry: registry)
        } else {
            experiment = Experiment.defaultExperiment(registry: registry)
            experiment.name = "cli"
            experiment.description = nil
        }
        let fromFile = experiment
        do {
            if let optimizers {
                experiment.optimizers = try EntryList.parse(
                    optimizers, flag: "--optimizers", kind: .optimizer, registry: registry, commands: try commands())
            }
            if let problems {
                experiment.problems = try EntryList.parse(
                    problems, flag: "--problems", kind: .problem, registry: registry, commands: try commands())
            }
        } catch {
            throw ValidationError("\(error)")  // a bad flag value is a usage error (exit status 64)
        }
        if let repetitions { experiment.repetitions = repetitions }
        if let costBudget {
            if experiment.costBudget == nil && budget == nil {
                experiment.budget = max(experiment.budget, Experiment.defaultBudgetWithCost)
            }
            experiment.costBudget = costBudget
        }
        if let budget { experiment.budget = budget }
        if budgetPerDimension { experiment.budgetPerDimension = true }
        if let record {
            guard let recording = TrialRecording(rawValue: record) else {
                throw ValidationError("--record must be 'all' or 'improvements', got '\(record)'")
            }
            experiment.recording = recording
        }
        if let workers {
            guard WorkerSettings.workerRange.contains(workers) else {
                throw ValidationError(
                    "--workers must be an integer in [1, \(WorkerSettings.workerRange.upperBound)], got \(workers)")
            }
            experiment.workers.workers = workers
        }
        if let mode {
            guard let mode = WorkerSettings.Mode(rawValue: mode) else {
                throw ValidationError("--mode must be 'asynchronous' or 'synchronous', got '\(mode)'")
            }
            experiment.workers.mode = mode
        }
        if let timeBudget {
            guard timeBudget > 0, timeBudget.isFinite else {
                throw ValidationError("--time-budget must be a positive number of simulated seconds, got \(timeBudget)")
            }
            experiment.workers.timeBudget = timeBudget
        }
        if let askCharge {
            guard askCharge >= 0, askCharge.isFinite else {
                throw ValidationError("--ask-charge must be a number of simulated seconds, 0 or more, got \(askCharge)")
            }
            experiment.workers.askCharge = askCharge
        }
        if experiment.workers.askCharge > 0, !experiment.workers.isSimulated {
            throw ValidationError(
                "an ask charge of \(experiment.workers.askCharge) s (--ask-charge or the file's \"ask-charge\") needs "
                    + "the simulated clock: add --workers N (above 1) or --time-budget SECONDS")
        }
        if experiment.workers.isSimulated, experiment.recording == .improvements {
            throw ValidationError(
                "a run on simulated workers (--workers above 1, or --time-budget) records every trial; "
                    + "drop --record improvements (or the file's \"record\")")
        }
        if let seed { experiment.seed = UInt64(seed) }
        if let name { experiment.name = name }
        if let fileFolder, experiment == fromFile { return (experiment, fileFolder) }
        return (experiment, "tunebench-out/\(experiment.name)")
    }
}

/// Prints the failed runs (at most 20, then a count) and throws exit status 3 when there are any.
func reportFailures(_ aggregate: Aggregate) throws {
    guard aggregate.failed > 0 else { return }
    for failure in aggregate.failures.prefix(20) {
        printError("failed: \(failure.problem) / \(failure.optimizer) / repetition \(failure.repetition): " + failure.reason)
    }
    if aggregate.failures.count > 20 {
        printError("... and \(aggregate.failures.count - 20) more failed runs, listed in summary.json")
    }
    throw ExitStatus.runsFailed
}

/// `1 run`, `2 runs`.
func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}
