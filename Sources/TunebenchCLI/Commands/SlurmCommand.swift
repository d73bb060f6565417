import ArgumentParser
import Foundation
import Tunebench

/// `tunebench slurm EXPERIMENT --shards N --output DIR`: write the scripts that run an experiment as a Slurm array job.
struct SlurmCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write Slurm batch scripts that run an experiment as an array job of shards, then merge them.",
        discussion: """
            WORKFLOW
              1. `tunebench slurm EXPERIMENT.json --shards N --output DIR [--partition P --time 2:00:00 ...]` checks \
            the experiment and writes DIR/slurm/. Nothing is submitted yet.
              2. `DIR/slurm/submit.sh` submits the array job (task k runs `tunebench run --shard k/N` into \
            DIR/shards/shard-k) and a merge job that Slurm starts once every task has succeeded \
            (--dependency=afterok). The merge (`tunebench merge`, see its --help) copies the shards' run files into \
            DIR and writes evaluations.csv, traces.csv, curves/, summary.json and the report there, byte for byte \
            what one unsharded `tunebench run` would write.
              3. Follow the jobs with `squeue`; each task logs to DIR/slurm/logs/shard-K-jobJ.log, the merge to \
            DIR/slurm/logs/merge-jobJ.log.

            WHAT IS WRITTEN
              DIR/experiment.json and DIR/slurm/experiment.json: the experiment in canonical form; the jobs read the \
            copy in DIR/slurm/, so later edits of EXPERIMENT.json do not change them. DIR/slurm/shard.sbatch, \
            merge.sbatch and submit.sh, with absolute paths (jobs start elsewhere): the tunebench executable \
            (--tunebench, by default this one), the plugins folder (--plugins, or ./Plugins when it exists), and \
            the current folder, where the jobs run, so that plugin commands with relative paths work. The cluster \
            options below become #SBATCH lines of both jobs; the scripts can be edited before submitting.

            FAILED RUNS, FAILED TASKS, RESUBMITTING
              A task whose runs merely failed (an optimizer error, a plugin crash or timeout) still succeeds: the \
            failures are recorded in its run files, and the merge lists them and exits 3. A task that fails for any \
            other reason (killed, out of time or memory, storage error) fails in Slurm, the merge job is then \
            cancelled (--kill-on-invalid-dep), and the task's log says why. Submit the failed tasks again with \
            `DIR/slurm/submit.sh 3,7` (their recorded runs are kept, the rest resumes) and a new merge follows. To \
            merge by hand: `tunebench merge DIR DIR/shards/shard-*`.
            """
    )

    @Argument(
        help: "The experiment JSON file to run (see README.md for its fields).",
        completion: .file(extensions: ["json"])
    )
    var experiment: String

    @Option(
        parsing: .unconditional,
        help: "Array tasks, each running one shard of the experiment's runs (1 to 10000, at most the run count).")
    var shards: Int

    @Option(help: "Result folder: the merged results go there, the scripts to DIR/slurm, the shards to DIR/shards.")
    var output: String

    @Option(help: "Slurm partition of both jobs (#SBATCH --partition).")
    var partition: String?

    @Option(help: "Time limit of each task and of the merge job, in Slurm's format: MINUTES, HH:MM:SS, D-HH:MM ...")
    var time: String?

    @Option(
        parsing: .unconditional,
        help: "CPUs of each task (#SBATCH --cpus-per-task); each shard runs that many runs at once (--jobs).")
    var cpusPerTask = 1

    @Option(help: "Memory of each task and of the merge job, e.g. 4G (#SBATCH --mem).")
    var mem: String?

    @Option(help: "Account charged for the jobs (#SBATCH --account).")
    var account: String?

    @Option(
        name: .customLong("sbatch"),
        help: ArgumentHelp(
            "An extra sbatch option for both jobs, written as an #SBATCH line (repeatable), e.g. --sbatch=--qos=long.",
            valueName: "OPTION"
        )
    )
    var extraDirectives: [String] = []

    @Option(help: "The tunebench executable that the jobs run (default: this executable's absolute path).")
    var tunebench: String?

    @Flag(help: "Have every shard run again the runs it recorded as failed (`tunebench run --retry-failed`).")
    var retryFailed = false

    @Flag(help: "Have the merge job leave out the report (report.md, report.html, report/).")
    var noReport = false

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup var plugins: PluginOptions

    /// The largest array a script is written for.
    static let shardRange = 1...10_000

    func validate() throws {
        guard Self.shardRange.contains(shards) else {
            throw ValidationError("--shards must be in [1, 10000], got \(shards)")
        }
        guard (1...1024).contains(cpusPerTask) else {
            throw ValidationError("--cpus-per-task must be in [1, 1024], got \(cpusPerTask)")
        }
        for (flag, value) in [("--partition", partition), ("--account", account)] {
            if let value, !Self.isSlurmName(value) {
                throw ValidationError("\(flag) '\(value)' must be a Slurm name: ASCII letters, digits and ._+=,-")
            }
        }
        if let time, !Self.isSlurmTime(time) {
            throw ValidationError(
                "--time '\(time)' is not a Slurm time limit; use MINUTES, MINUTES:SECONDS, HOURS:MINUTES:SECONDS, "
                    + "DAYS-HOURS, DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS, e.g. 2:00:00"
            )
        }
        if let mem, !Self.isSlurmMemory(mem) {
            throw ValidationError("--mem '\(mem)' must be a size such as 4000, 4000M or 4G")
        }
        for line in extraDirectives { _ = try Self.directive(line) }
        if let tunebench, !FileManager.default.isExecutableFile(atPath: tunebench) {
            throw ValidationError("--tunebench \(tunebench) is not an executable file")
        }
        let folder = Self.absolute(output)
        if let bad = folder.first(where: { $0.isWhitespace || "%\"'\\$`".contains($0) }) {
            throw ValidationError(
                "--output \(folder) contains '\(bad)': Slurm reads log paths from #SBATCH lines word by word, so "
                    + "choose a folder whose path has no whitespace, quotes, %, $, ` or \\"
            )
        }
    }

    mutating func run(registry: Registry) throws {
        let experimentURL = URL(fileURLWithPath: experiment)
        let experiment = try ExperimentFile.load(experimentURL, registry: registry)
        do {
            try ExperimentRunner(registry: registry, experiment: experiment, output: URL(fileURLWithPath: output))
                .validate()
        } catch RunnerError.unusableEntry(let field, let label, let reason) {
            throw RunnerError.invalidExperiment(
                file: experimentURL.path,
                field: field,
                value: "\"\(label)\"",
                reason: reason
            )
        }
        guard shards <= experiment.runCount else {
            throw ValidationError(
                "--shards \(shards) exceeds the experiment's \(count(experiment.runCount, "run")): some shards would be "
                    + "empty; use --shards \(experiment.runCount) or fewer"
            )
        }
        let executable = try tunebench.map(Self.absolute) ?? Self.currentExecutable()
        let scripts = SlurmScripts(
            name: experiment.name,
            shards: shards,
            executable: executable,
            output: Self.absolute(output),
            plugins: try pluginFolder(),
            workingDirectory: FileManager.default.currentDirectoryPath,
            directives: try directives(),
            cpusPerTask: cpusPerTask,
            retryFailed: retryFailed,
            reportArguments: ["--baseline", reportOptions.baseline, "--alpha", "\(reportOptions.alpha)"]
                + (noReport ? ["--no-report"] : [])
        )
        try prepareFolders(scripts, experiment: experiment, registry: registry)
        let store = ResultStore(directory: URL(fileURLWithPath: scripts.output))
        try store.writeAtomically(ExperimentFile.encode(experiment), to: URL(fileURLWithPath: scripts.experimentFile))
        for (path, text, mode) in [
            (scripts.arrayScriptPath, scripts.arrayScript, 0o644),
            (scripts.mergeScriptPath, scripts.mergeScript, 0o644),
            (scripts.submitScriptPath, scripts.submitScript, 0o755),
        ] {
            let url = URL(fileURLWithPath: path)
            try store.writeAtomically(Data(text.utf8), to: url)
            guard chmod(path, mode_t(mode)) == 0 else {
                throw RunnerError.storage(
                    path: path,
                    reason: "cannot be made executable (\(String(cString: strerror(errno))))"
                )
            }
        }
        let perShard = experiment.runCount / shards
        let runs = experiment.runCount % shards == 0 ? "\(perShard)" : "\(perShard) or \(perShard + 1)"
        print(
            """
            Wrote the Slurm scripts of experiment '\(experiment.name)' (\(count(experiment.runCount, "run")) in \
            \(count(shards, "shard")) of \(runs)) to \(scripts.slurmFolder):
              experiment.json  the experiment the jobs run (canonical form)
              shard.sbatch     the array job: task k runs shard k/\(shards) into \(scripts.shardsFolder)/shard-k
              merge.sbatch     merges the shards into \(scripts.output), with its CSVs, summary and report
              submit.sh        submits the array, then the merge job once every task has succeeded
              logs/            one log per task, and the merge's
            Submit with:
              \(shellQuoted(scripts.submitScriptPath))
            """
        )
    }

    // MARK: - Folders

    /// Creates the folders, and checks that the output folder and the shard folders already there hold results of a
    /// compatible experiment (as a resumed run would), so that the jobs cannot fail on this once submitted.
    private func prepareFolders(_ scripts: SlurmScripts, experiment: Experiment, registry: Registry) throws {
        let manager = FileManager.default
        var folders = [scripts.output]
        for k in 1...shards {
            let folder = scripts.shardsFolder + "/shard-\(k)"
            if manager.fileExists(atPath: folder + "/experiment.json") { folders.append(folder) }
        }
        for folder in folders {
            do {
                try ResultStore(directory: URL(fileURLWithPath: folder)).prepare(
                    for: experiment,
                    registry: registry,
                    overwrite: false
                )
            } catch RunnerError.differentExperiment(let folder, let difference) {
                throw CommandFailure(description:
                    "\(folder) holds the results of a different experiment (\(difference)); choose another --output "
                        + "folder, or delete those results first"
                )
            }
        }
        for folder in [scripts.shardsFolder, scripts.logsFolder] {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw RunnerError.storage(
                    path: folder,
                    reason: "cannot create the folder (\(error.localizedDescription))"
                )
            }
        }
    }

    /// The absolute path of the plugins folder the jobs use: --plugins, else ./Plugins when it exists.
    private func pluginFolder() throws -> String? {
        let path = plugins.directory ?? "Plugins"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            if plugins.directory != nil { throw ValidationError("--plugins \(path) is not a folder") }
            return nil
        }
        return Self.absolute(path)
    }

    /// The `#SBATCH` lines of the cluster options, then those of --sbatch.
    private func directives() throws -> [String] {
        var lines: [String] = []
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        if let mem { lines.append("#SBATCH --mem=\(mem)") }
        if let account { lines.append("#SBATCH --account=\(account)") }
        return lines + (try extraDirectives.map(Self.directive))
    }

    // MARK: - Checks

    /// An `#SBATCH` line from `--sbatch TEXT`: an sbatch option (`--qos=long`, `-C gpu`), or a whole `#SBATCH` line.
    static func directive(_ text: String) throws -> String {
        let line = text.trimmingCharacters(in: .whitespaces)
        guard !line.contains(where: \.isNewline) else {
            throw ValidationError("--sbatch '\(text)' must be one line")
        }
        if line.hasPrefix("#SBATCH ") { return line }
        guard line.hasPrefix("-"), line.count > 1 else {
            throw ValidationError("--sbatch '\(text)' must be an sbatch option such as --sbatch=--qos=long")
        }
        return "#SBATCH " + line
    }

    /// Whether `text` can name a partition or an account: ASCII letters, digits and `._+=,-`.
    static func isSlurmName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._+=,-".contains($0)) }
    }

    /// Whether `text` is a Slurm time limit: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`, or `UNLIMITED`.
    static func isSlurmTime(_ text: String) -> Bool {
        if ["UNLIMITED", "INFINITE", "unlimited", "infinite"].contains(text) { return true }
        func isNumber(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard dayParts.count <= 2, let clock = dayParts.last else { return false }
        let clockParts = clock.split(separator: ":", omittingEmptySubsequences: false)
        if dayParts.count == 2 {
            return isNumber(dayParts[0]) && (1...3).contains(clockParts.count) && clockParts.allSatisfy(isNumber)
        }
        return (1...3).contains(clockParts.count) && clockParts.allSatisfy(isNumber)
    }

    /// Whether `text` is a memory size: digits, optionally followed by K, M, G or T.
    static func isSlurmMemory(_ text: String) -> Bool {
        var digits = Substring(text)
        if let unit = text.last, "KMGTkmgt".contains(unit) { digits = digits.dropLast() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    // MARK: - Paths

    /// `path` made absolute against the current folder, with `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The absolute path of the running executable.
    static func currentExecutable() throws -> String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        guard let path = Bundle.main.executablePath else {
            throw ValidationError("cannot find the path of this executable; pass --tunebench PATH")
        }
        return absolute(path)
    }
}
