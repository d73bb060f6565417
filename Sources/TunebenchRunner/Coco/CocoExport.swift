import Foundation
import TunebenchCore

/// Writes the runs of a result folder that ran COCO problems (the bbob suite) in COCO's data format, one folder per
/// optimizer, as COCO's bbob logger would have written them had the runs been made through cocoex with an
/// observer: `bbobexp_fF.info` per function, and `data_fF/bbobexp_fF_DIMd.dat`, `.tdat` (and empty-bodied `.rdat`,
/// `.mdat`) per function and dimension, each with a header per run (`src/logger_bbob.c`,
/// `documentation/data_format.txt` of numbbo/coco-experiment). `python -m cocopp FOLDER/OPTIMIZER ...` reads them.
///
/// The runs of each optimizer go in COCO's suite order (dimension, then function, then the experiment's order of
/// problems and repetitions), so that the runs of a function and dimension are contiguous and share one line of
/// the `.info` file, as when COCO runs a suite. Failed runs and runs not yet made are left out (COCO has no record
/// of a crashed run); problems without COCO metadata are left out and listed in the summary.
public enum CocoExport {
    /// What an export wrote.
    public struct Summary: Sendable {
        /// Each optimizer's folder, in experiment order, with the number of runs written into it.
        public var folders: [(optimizer: String, folder: URL, runs: Int)]
        /// Labels of the experiment's problems that are not COCO problems.
        public var skippedProblems: [String]
        /// Runs that are not complete (failed or not run), left out.
        public var skippedRuns: Int
    }

    /// Exports the complete runs of `experiment` in `store` into `output/OPTIMIZER/` for each optimizer label,
    /// replacing such folders when they exist.
    /// - Parameter version: the text written as `coco_version` in the `.info` files (the writer of the data).
    public static func write(
        store: ResultStore, experiment: Experiment, to output: URL, version: String
    ) throws -> Summary {
        let plan = Plan(experiment)
        var identities: [String: CocoProblemIdentity] = [:]
        var skippedRuns = 0
        var byOptimizer: [String: [(run: PlannedRun, identity: CocoProblemIdentity)]] = [:]
        for run in plan.runs {
            guard let header = try Self.header(of: run, in: store), header.status == .complete else {
                skippedRuns += 1
                continue
            }
            // Only bbob's runs: a bbob-biobj problem names its suite too, and COCO's bi-objective logger, whose data
            // cocopp's biobj post-processing reads, is not written.
            guard let identity = CocoProblemIdentity(metadata: header.problemMetadata), identity.suite == "bbob" else {
                continue
            }
            identities[run.problem.label] = identity
            byOptimizer[run.optimizer.label, default: []].append((run, identity))
        }
        let skippedProblems = experiment.problems.map(\.label).filter { label in
            identities[label] == nil && plan.runs.contains { $0.problem.label == label && store.hasRecord($0) }
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var folders: [(optimizer: String, folder: URL, runs: Int)] = []
        for optimizer in experiment.optimizers {
            let runs = (byOptimizer[optimizer.label] ?? []).enumerated().sorted { a, b in
                let (x, y) = (a.element.identity, b.element.identity)
                return (x.dimension, x.function, a.offset) < (y.dimension, y.function, b.offset)
            }.map(\.element)
            guard !runs.isEmpty else { continue }
            let folder = output.appendingPathComponent(optimizer.label)
            let scratch = output.appendingPathComponent(".\(optimizer.label).\(ProcessInfo.processInfo.processIdentifier).tmp")
            try? FileManager.default.removeItem(at: scratch)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            do {
                try writeAlgorithm(runs, of: optimizer, experiment: experiment, store: store, into: scratch, version: version)
                try? FileManager.default.removeItem(at: folder)
                try FileManager.default.moveItem(at: scratch, to: folder)
            } catch {
                try? FileManager.default.removeItem(at: scratch)
                throw error
            }
            folders.append((optimizer.label, folder, runs.count))
        }
        return Summary(folders: folders, skippedProblems: skippedProblems, skippedRuns: skippedRuns)
    }

    /// The record of `run` without its trials, read up to its first trial; `nil` when the run has no file.
    static func header(of run: PlannedRun, in store: ResultStore) throws -> RunRecord? {
        struct Stop: Error { var record: RunRecord }
        do {
            return try store.stream(run) { record, _ in throw Stop(record: record) }
        } catch let stop as Stop {
            return stop.record
        }
    }

    /// One optimizer's folder: the runs in suite order, each through a ``CocoRunLog``.
    static func writeAlgorithm(
        _ runs: [(run: PlannedRun, identity: CocoProblemIdentity)], of optimizer: EntrySpec, experiment: Experiment,
        store: ResultStore, into folder: URL, version: String
    ) throws {
        var info: [Int: String] = [:]  // text of each function's .info file
        var files: (key: String, dat: FileHandle, tdat: FileHandle)?
        defer {
            try? files?.dat.close()
            try? files?.tdat.close()
        }
        var last: (function: Int, dimension: Int)?
        for (run, identity) in runs {
            let f = identity.function
            let d = identity.dimension
            let base = "data_f\(f)/bbobexp_f\(f)_DIM\(d)"
            var log: CocoRunLog?
            let record = try store.stream(run) { record, trial in
                if log == nil { log = CocoRunLog(optimum: record.optimum ?? 0, dimension: d) }
                // On simulated workers the trials come in completion order, and the evaluation count is the number
                // of completions (a simulated run keeps every trial).
                let evaluation = record.simulation == nil ? trial.number + 1 : log!.evaluations + 1
                guard evaluation > log!.evaluations else {
                    throw RunnerError.corruptRunFile(
                        path: store.runURL(run).path,
                        reason: "trial \(trial.number) comes after trial \(log!.evaluations - 1); trials must be in order")
                }
                let point = trial.configuration.map { value -> Double in
                    if case .number(let x)? = value { return x }
                    return .nan
                }
                log?.record(trial.trueValue ?? .nan, point: point, evaluation: evaluation)
            }
            // COCO's logger writes nothing for a problem that was never evaluated.
            guard record != nil, var log else { continue }
            log.finish()
            if last.map({ $0 != (f, d) }) ?? true {
                // A new line of the .info file, and new data files, for each function and dimension.
                if let text = info[f], !text.isEmpty { info[f] = text + "\n" }
                info[f, default: ""] += "suite = '\(identity.suite)', funcId = \(f), DIM = \(d), Precision = 1.000e-08, "
                    + "algId = '\(optimizer.label)', coco_version = '\(version)', logger = 'bbob', "
                    + "data_format = 'bbob-new2', settings = ''\n% \(description(of: optimizer, experiment: experiment))\n"
                    + "\(base).dat"
                try? files?.dat.close()
                try? files?.tdat.close()
                let directory = folder.appendingPathComponent("data_f\(f)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                var handles: [FileHandle] = []
                for suffix in [".dat", ".tdat", ".rdat", ".mdat"] {
                    let url = folder.appendingPathComponent(base + suffix)
                    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                    handles.append(try FileHandle(forWritingTo: url))
                }
                try handles[2].close()
                try handles[3].close()
                files = (base, handles[0], handles[1])
                last = (f, d)
            }
            try files?.dat.write(contentsOf: Data((log.header + log.dat.joined()).utf8))
            try files?.tdat.write(contentsOf: Data((log.header + log.tdat.joined()).utf8))
            info[f, default: ""] += ", \(identity.instance)" + log.infoSummary
            // The .rdat and .mdat files get the header of every run, as COCO's logger writes them.
            for suffix in [".rdat", ".mdat"] {
                let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(base + suffix))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(log.header.utf8))
                try handle.close()
            }
        }
        for (f, text) in info {
            try Data(text.utf8).write(to: folder.appendingPathComponent("bbobexp_f\(f).info"))
        }
    }

    /// The `.info` file's comment line for an optimizer: its registry name and options.
    static func description(of optimizer: EntrySpec, experiment: Experiment) -> String {
        let options = optimizer.options.keys.sorted().map { "\($0)=\(optimizer.options[$0]!.text)" }
        return "Tunebench \(optimizer.name)" + (options.isEmpty ? "" : " " + options.joined(separator: " "))
            + ", experiment '\(experiment.name)', seed \(experiment.seed)"
    }
}
