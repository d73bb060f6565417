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

    /// Makes the folder ready for `experiment`: creates it, checks that it does not hold another experiment,
    /// writes `experiment.json`, removes temporary files of interrupted runs, and checks it can be written.
    /// - Parameter overwrite: delete the results of a different experiment instead of refusing.
    /// - Throws: ``RunnerError/differentExperiment(folder:difference:)`` or ``RunnerError/storage(path:reason:)``.
    public func prepare(for experiment: Experiment, registry: Registry, overwrite: Bool) throws {
        let manager = FileManager.default
        try createDirectory(directory)
        if manager.fileExists(atPath: experimentURL.path) {
            let difference: String?
            do {
                let stored = try ExperimentFile.load(experimentURL, registry: registry)
                difference = Self.difference(stored, experiment)
            } catch {
                difference = "its experiment.json cannot be read: \(error)"
            }
            if let difference {
                guard overwrite else { throw RunnerError.differentExperiment(folder: directory.path, difference: difference) }
                try removeResults()
            }
        } else if overwrite {
            try removeResults()
        }
        try writeAtomically(ExperimentFile.encode(experiment), to: experimentURL)
        try removeTemporaryFiles()
    }

    /// Whether the run has a (complete) file.
    public func hasRecord(_ run: PlannedRun) -> Bool {
        FileManager.default.fileExists(atPath: runURL(run).path)
    }

    /// Reads the record of `run`, or `nil` when it has none.
    /// - Throws: ``RunnerError/corruptRunFile(path:reason:)`` when the file exists but cannot be decoded.
    public func read(_ run: PlannedRun) throws -> RunRecord? {
        let url = runURL(run)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try RunRecord(json: Array(data))
        } catch {
            throw RunnerError.corruptRunFile(path: url.path, reason: "\(error)")
        }
    }

    /// Writes the record of `run` atomically.
    public func write(_ record: RunRecord, for run: PlannedRun) throws {
        let url = runURL(run)
        try createDirectory(url.deletingLastPathComponent())
        try writeAtomically(Data(record.jsonBytes()), to: url)
    }

    /// Writes `data` to a hidden temporary file beside `url` and renames it to `url`.
    public func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RunnerError.storage(path: url.path, reason: "cannot be written (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RunnerError.storage(path: url.path, reason: "cannot be renamed into place (\(reason))")
        }
    }

    // MARK: - Helpers

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.storage(path: url.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    /// Deletes what Tunebench wrote in the folder (runs and derived outputs), nothing else.
    private func removeResults() throws {
        let manager = FileManager.default
        for name in ["runs", "curves", "evaluations.csv", "summary.json", "timings.json", "experiment.json"] {
            let url = directory.appendingPathComponent(name)
            guard manager.fileExists(atPath: url.path) else { continue }
            do {
                try manager.removeItem(at: url)
            } catch {
                throw RunnerError.storage(path: url.path, reason: "cannot be deleted (\(error.localizedDescription))")
            }
        }
    }

    private func removeTemporaryFiles() throws {
        guard let walker = FileManager.default.enumerator(at: runsDirectory, includingPropertiesForKeys: nil) else {
            return
        }
        for case let url as URL in walker where url.lastPathComponent.hasPrefix(".") && url.pathExtension == "tmp" {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// The first difference that changes results between a stored experiment and a new one, in words, or `nil`
    /// when they would give the same runs.
    static func difference(_ stored: Experiment, _ new: Experiment) -> String? {
        func labels(_ specs: [EntrySpec]) -> String { specs.map(\.label).joined(separator: ", ") }
        if stored.seed != new.seed { return "seed \(stored.seed) there, \(new.seed) here" }
        if stored.budget != new.budget { return "budget \(stored.budget) there, \(new.budget) here" }
        if stored.repetitions != new.repetitions {
            return "\(stored.repetitions) repetitions there, \(new.repetitions) here"
        }
        if stored.optimizers != new.optimizers {
            return "optimizers [\(labels(stored.optimizers))] there, [\(labels(new.optimizers))] here"
                + (labels(stored.optimizers) == labels(new.optimizers) ? " with other options" : "")
        }
        if stored.problems != new.problems {
            return "problems [\(labels(stored.problems))] there, [\(labels(new.problems))] here"
                + (labels(stored.problems) == labels(new.problems) ? " with other options" : "")
        }
        // The name and description do not change any result, so they may be edited between sessions.
        return nil
    }
}
