import Foundation
import TunebenchCore

/// The result folder of an experiment.
///
/// Layout:
/// ```
/// DIR/experiment.json                          the experiment, canonical form (ExperimentFile.encode)
/// DIR/runs/PROBLEM/OPTIMIZER/rep-NNN.json      one RunRecord per finished run, written atomically
/// DIR/evaluations.csv, curves/, summary.json,  derived from the run files (Aggregator)
/// DIR/timings.json
/// ```
///
/// A run file is written to a hidden temporary file in the same folder and renamed into place, so a run file
/// that exists is complete; a run interrupted half-way leaves at most a temporary file, which ``prepare`` removes.
/// Resuming therefore means: run what has no file.
public struct ResultStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    public var experimentURL: URL { directory.appendingPathComponent("experiment.json") }
    public var runsDirectory: URL { directory.appendingPathComponent("runs") }

    /// The file of one run.
    public func runURL(_ run: PlannedRun) -> URL {
        let number = String(run.repetition)
        let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
        return runsDirectory.appendingPathComponent(run.problem.label).appendingPathComponent(run.optimizer.label)
            .appendingPathComponent("rep-\(padded).json")
    }

    /// Makes the folder ready for `experiment`: creates it, checks that its results can be reused, and writes
    /// `experiment.json` when the folder has none or holds another (compatible) experiment.
    ///
    /// Results can be reused when `experiment` is the stored experiment grown: the same name, seed, budget and cost
    /// budget, every stored entry under the same label with the same options, and at least as many repetitions (more
    /// optimizers, problems or repetitions may come). Run files are keyed by labels, and seeds derive from labels, so
    /// every existing run stays valid. An `experiment.json` equal to `experiment` is left as it is (it may be the
    /// user's own file).
    /// - Parameter overwrite: first delete the results already in the folder (run files and derived files),
    ///   whatever experiment they belong to, so that everything runs again; `experiment.json` is then replaced
    ///   unless it already holds `experiment`.
    /// - Throws: ``RunnerError/differentExperiment(folder:difference:)`` or ``RunnerError/storage(path:reason:)``.
    public func prepare(for experiment: Experiment, registry: Registry, overwrite: Bool) throws {
        let manager = FileManager.default
        try createDirectory(directory)
        if overwrite { try removeResults() }
        var stored: Experiment?
        if manager.fileExists(atPath: experimentURL.path) {
            do {
                stored = try ExperimentFile.load(experimentURL, registry: registry)
            } catch where !overwrite {
                throw RunnerError.differentExperiment(
                    folder: directory.path, difference: "its experiment.json cannot be read: \(error)")
            }
            if !overwrite, let stored, let difference = Self.incompatibility(stored, experiment, registry: registry) {
                throw RunnerError.differentExperiment(folder: directory.path, difference: difference)
            }
        }
        if stored != experiment {
            try writeAtomically(ExperimentFile.encode(experiment), to: experimentURL)
        }
    }

    /// Removes the temporary files that interrupted executions of `runs` left behind. Only these runs' files are
    /// touched, so that shards running into the same folder at the same time do not disturb each other.
    public func removeTemporaryFiles(of runs: [PlannedRun]) {
        var namesByFolder: [String: Set<String>] = [:]
        for run in runs {
            let url = runURL(run)
            namesByFolder[url.deletingLastPathComponent().path, default: []].insert(url.lastPathComponent)
        }
        let manager = FileManager.default
        for (folder, names) in namesByFolder {
            guard let files = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for file in files where file.hasPrefix(".") && file.hasSuffix(".tmp") {
                // ".rep-003.json.HOST-PID.tmp" and ".rep-003.json.HOST-PID.trials.tmp" belong to "rep-003.json".
                let owner = file.dropFirst().split(separator: ".").prefix(2).joined(separator: ".")
                if names.contains(owner) { try? manager.removeItem(atPath: folder + "/" + file) }
            }
        }
    }

    /// Deletes the hidden temporary files in `folder` that processes of this host left when they were killed while
    /// writing an aggregate output or a report (see ``temporaryURL(for:)``). Files of live processes, and of other
    /// hosts, are left alone.
    public func removeStaleTemporaryFiles(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where ProcessIdentity.isLeftByDeadProcess(name) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// The hidden temporary file beside `url` through which this process writes it before renaming it into place:
    /// `.NAME.HOST-PID.tmp`, which ``removeStaleTemporaryFiles(in:)`` deletes once that process is gone.
    public static func temporaryURL(for url: URL) -> URL {
        AtomicFile.temporaryURL(for: url)
    }

    /// Whether the run has a (complete) file.
    public func hasRecord(_ run: PlannedRun) -> Bool {
        FileManager.default.fileExists(atPath: runURL(run).path)
    }

    /// Reads the record of `run`, or `nil` when it has none.
    /// - Throws: ``RunnerError/corruptRunFile(path:reason:)`` when the file exists but cannot be decoded.
    public func read(_ run: PlannedRun) throws -> RunRecord? {
        var trials: [TrialRecord] = []
        var record = try stream(run) { _, trial in trials.append(trial) }
        record?.trials = trials
        return record
    }

    /// Reads the record of `run` without keeping its trials: `trial` is called with each in order, together with the
    /// record read so far (every member but the trials). Memory stays bounded whatever the run's length.
    /// - Returns: the record without its trials, or `nil` when the run has no file.
    /// - Throws: ``RunnerError/corruptRunFile(path:reason:)`` when the file exists but cannot be decoded, and what
    ///   `trial` throws.
    public func stream(_ run: PlannedRun, trial: (RunRecord, TrialRecord) throws -> Void) throws -> RunRecord? {
        let path = runURL(run).path
        do {
            return try RunFileReader.read(path: path, trial: trial)
        } catch let error as JSONError {
            throw RunnerError.corruptRunFile(path: path, reason: "\(error)")
        } catch let error as FileAccessError {
            throw RunnerError.corruptRunFile(path: path, reason: "it cannot be read: \(error.reason)")
        }
    }

    /// The status of `run`'s record, or `nil` when it has none; reads the file only up to its first trial.
    public func status(of run: PlannedRun) throws -> RunStatus? {
        struct HeaderRead: Error { var status: RunStatus }
        do {
            return try stream(run) { header, _ in throw HeaderRead(status: header.status) }?.status
        } catch let read as HeaderRead {
            return read.status
        }
    }

    /// A writer of `run`'s file that takes the trials as the run records them (see ``RunFileWriter``); creates the
    /// run's folder first.
    public func runFileWriter(for run: PlannedRun) throws -> RunFileWriter {
        try runFileWriter(for: run, spillLimit: 4 << 20)
    }

    func runFileWriter(for run: PlannedRun, spillLimit: Int) throws -> RunFileWriter {
        let url = runURL(run)
        try createDirectory(url.deletingLastPathComponent())
        return RunFileWriter(url: url, spillLimit: spillLimit)
    }

    /// Copies the file at `path` to `url` through a hidden temporary file beside `url`, in chunks; creates the
    /// folder of `url` first.
    public func copyAtomically(from path: String, to url: URL) throws {
        try createDirectory(url.deletingLastPathComponent())
        let file = try AtomicFile(url: url)
        do {
            guard let source = try FileChunkReader(path: path) else {
                throw RunnerError.storage(path: path, reason: "cannot be read (it does not exist)")
            }
            while let chunk = try source.next() { try file.append(chunk) }
        } catch let error as FileAccessError {
            file.discard()
            throw RunnerError.storage(path: error.path, reason: "cannot be read (\(error.reason))")
        }
        try file.commit()
    }

    /// Writes `data` to a hidden temporary file beside `url` and renames it to `url`.
    public func writeAtomically(_ data: Data, to url: URL) throws {
        let file = try AtomicFile(url: url)
        try file.append(data)
        try file.commit()
    }

    // MARK: - Helpers

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.storage(path: url.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    /// Deletes the results Tunebench wrote in the folder (runs and derived outputs), nothing else.
    private func removeResults() throws {
        let manager = FileManager.default
        for name in [
            "runs", "curves", "curves-cost", "curves-time", Aggregator.recommendedCurves, Aggregator.failureCurves,
            "fronts", "evaluations.csv",
            "traces.csv", Aggregator.recommendedTraces, "summary.json", "timings.json", "report", "report.md",
            "report.html",
        ] {
            let url = directory.appendingPathComponent(name)
            guard manager.fileExists(atPath: url.path) else { continue }
            do {
                try manager.removeItem(at: url)
            } catch {
                throw RunnerError.storage(path: url.path, reason: "cannot be deleted (\(error.localizedDescription))")
            }
        }
    }

    /// Why the results of `stored` cannot be reused for `new`, or `nil` when they can (see ``prepare``).
    ///
    /// A folder belongs to one experiment, which may grow: the new experiment must have the stored one's name, seed,
    /// budget and cost budget, every entry of the stored one under the same label with the same options, and at least
    /// its repetitions. Another experiment is refused even when its runs would fit, since its `experiment.json`,
    /// summary and report would replace the first's, and the first's runs would stay in the folder unlisted.
    /// - Parameter growing: whether `new` must hold all of `stored` (resuming into a folder); without it (shard
    ///   folders read by a merge, whose runs outside the merged plan are only counted) only the shared labels must
    ///   agree.
    static func incompatibility(_ stored: Experiment, _ new: Experiment, registry: Registry, growing: Bool = true)
        -> String?
    {
        if stored.name != new.name { return "experiment '\(stored.name)' there, '\(new.name)' here" }
        if stored.seed != new.seed { return "seed \(stored.seed) there, \(new.seed) here" }
        if stored.costBudget != new.costBudget {
            func shown(_ cost: Double?) -> String { cost.map { "\($0)" } ?? "none" }
            return "cost budget \(shown(stored.costBudget)) there, \(shown(new.costBudget)) here"
        }
        if stored.budget != new.budget || stored.budgetPerDimension != new.budgetPerDimension {
            func shown(_ e: Experiment) -> String { "\(e.budget)" + (e.budgetPerDimension ? " per dimension" : "") }
            return "budget \(shown(stored)) there, \(shown(new)) here"
        }
        if stored.recording != new.recording {
            return "records of \(stored.recording.rawValue) trials there, of \(new.recording.rawValue) here"
        }
        if growing && new.repetitions < stored.repetitions {
            return "\(stored.repetitions) repetitions there, \(new.repetitions) here"
        }
        for (kind, old, current) in [
            ("optimizer", stored.optimizers, new.optimizers), ("problem", stored.problems, new.problems),
        ] {
            for spec in current {
                guard let previous = old.first(where: { $0.label == spec.label }) else { continue }
                if previous.name != spec.name || resolved(previous, kind, registry) != resolved(spec, kind, registry) {
                    return "\(kind) '\(spec.label)' is \(describe(previous)) there, \(describe(spec)) here"
                }
            }
            if growing, let dropped = old.first(where: { spec in !current.contains { $0.label == spec.label } }) {
                return "\(kind) '\(dropped.label)' there, not here"
            }
        }
        return nil
    }

    private static func resolved(_ spec: EntrySpec, _ kind: String, _ registry: Registry) -> Options? {
        try? kind == "optimizer" ? registry.optimizerOptions(spec) : registry.problemOptions(spec)
    }

    private static func describe(_ spec: EntrySpec) -> String {
        spec.options.isEmpty
            ? "\(spec.name) with default options"
            : spec.name + " with " + spec.options.keys.sorted().map { "\($0)=\(spec.options[$0]!.text)" }
                .joined(separator: ", ")
    }
}
