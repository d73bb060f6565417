import Foundation
import TunebenchCore

/// Writes the runs of a result folder that ran COCO problems in COCO's data format, one folder per optimizer and
/// suite, as COCO's loggers would have written them had the runs been made through cocoex with an observer:
///
/// - bbob runs in `OUTPUT/OPTIMIZER/`, as the bbob logger writes them: `bbobexp_fF.info` per function, and
///   `data_fF/bbobexp_fF_DIMd.dat`, `.tdat` (and empty-bodied `.rdat`, `.mdat`) per function and dimension, each with
///   a header per run (`src/logger_bbob.c`, `documentation/data_format.txt` of numbbo/coco-experiment);
/// - bbob-biobj runs in `OUTPUT/bbob-biobj/OPTIMIZER/`, as the bi-objective logger writes them with its default
///   options (``CocoBiobjectiveRunLog``): `TYPE_hyp.info` per problem type, `TYPE/bbob-biobj_fFF_dDD_hyp.dat`,
///   `.tdat`, `.rdat` and `TYPE/bbob-biobj_fFF_dDD.mdat` per function and dimension, and
///   `archive/bbob-biobj_fFF_iII_dDD_nondom_all.adat` per instance (`src/logger_biobj.c`).
///
/// `python -m cocopp FOLDER/OPTIMIZER ...` reads them (cocopp chooses its bbob or bbob-biobj post-processing from the
/// `.info` files).
///
/// The runs of each optimizer go in COCO's suite order (dimension, then function, then the experiment's order of
/// problems and repetitions), so that the runs of a function and dimension are contiguous and share one line of
/// the `.info` file, as when COCO runs a suite. Failed runs and runs not yet made are left out (COCO has no record
/// of a crashed run); problems without COCO metadata, and bbob-biobj problems whose facts are not known, are left
/// out and listed in the summary.
public enum CocoExport {
    /// What an export wrote.
    public struct Summary: Sendable {
        /// Each optimizer's folder with the number of runs written into it: the bbob folders in experiment order,
        /// then the bbob-biobj ones.
        public var folders: [(optimizer: String, folder: URL, runs: Int)]
        /// Labels of the experiment's problems that are not COCO problems.
        public var skippedProblems: [String]
        /// Runs that are not complete (failed or not run), left out.
        public var skippedRuns: Int
    }

    /// Exports the complete runs of `experiment` in `store` into `output/OPTIMIZER/` (bbob) and
    /// `output/bbob-biobj/OPTIMIZER/` for each optimizer label, replacing such folders when they exist.
    /// - Throws: ``RunnerError/invalidExperiment(_:)`` when an optimizer labelled `bbob-biobj` has bbob runs and
    ///   bbob-biobj runs are exported too (its bbob folder would hold the others' bbob-biobj folders).
    /// - Parameters:
    ///   - version: the text written as `coco_version` in the `.info` files (the writer of the data).
    ///   - biobjective: the facts of a bbob-biobj problem (``CocoBiobjectiveFacts``), `nil` when unknown; without
    ///     it, bbob-biobj runs are left out.
    public static func write(
        store: ResultStore, experiment: Experiment, to output: URL, version: String,
        biobjective: (CocoProblemIdentity) -> CocoBiobjectiveFacts? = { _ in nil }
    ) throws -> Summary {
        let plan = Plan(experiment)
        var identities: [String: CocoProblemIdentity] = [:]
        var skippedRuns = 0
        var byOptimizer: [String: [(run: PlannedRun, identity: CocoProblemIdentity)]] = [:]
        var biobjectiveRuns: [String: [(run: PlannedRun, facts: CocoBiobjectiveFacts)]] = [:]
        var facts: [CocoProblemIdentity: CocoBiobjectiveFacts?] = [:]
        for run in plan.runs {
            guard let header = try Self.header(of: run, in: store), header.status == .complete else {
                skippedRuns += 1
                continue
            }
            guard let identity = CocoProblemIdentity(metadata: header.problemMetadata) else { continue }
            switch identity.suite {
            case "bbob":
                byOptimizer[run.optimizer.label, default: []].append((run, identity))
            case "bbob-biobj":
                if facts[identity] == nil { facts[identity] = .some(biobjective(identity)) }
                guard let known = facts[identity]! else { continue }
                biobjectiveRuns[run.optimizer.label, default: []].append((run, known))
            default:
                continue
            }
            identities[run.problem.label] = identity
        }
        let skippedProblems = experiment.problems.map(\.label).filter { label in
            identities[label] == nil && plan.runs.contains { $0.problem.label == label && store.hasRecord($0) }
        }
        if !biobjectiveRuns.isEmpty, byOptimizer["bbob-biobj"] != nil,
            let index = experiment.optimizers.firstIndex(where: { $0.label == "bbob-biobj" })
        {
            throw RunnerError.unusableEntry(
                field: "optimizers[\(index)]", label: "bbob-biobj",
                reason: "its COCO folder of bbob runs, \(output.appendingPathComponent("bbob-biobj").path), would also "
                    + "hold every optimizer's bbob-biobj folder; give it another label")
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var folders: [(optimizer: String, folder: URL, runs: Int)] = []
        for optimizer in experiment.optimizers {
            let runs = inSuiteOrder(byOptimizer[optimizer.label] ?? [], identity: { $0.identity })
            guard !runs.isEmpty else { continue }
            let folder = output.appendingPathComponent(optimizer.label)
            try replace(folder) { scratch in
                try writeAlgorithm(runs, of: optimizer, experiment: experiment, store: store, into: scratch, version: version)
            }
            folders.append((optimizer.label, folder, runs.count))
        }
        for optimizer in experiment.optimizers {
            let runs = inSuiteOrder(biobjectiveRuns[optimizer.label] ?? [], identity: { $0.facts.identity })
            guard !runs.isEmpty else { continue }
            let folder = output.appendingPathComponent("bbob-biobj").appendingPathComponent(optimizer.label)
            try replace(folder) { scratch in
                try writeBiobjectiveAlgorithm(
                    runs, of: optimizer, experiment: experiment, store: store, into: scratch, version: version)
            }
            folders.append((optimizer.label, folder, runs.count))
        }
        return Summary(folders: folders, skippedProblems: skippedProblems, skippedRuns: skippedRuns)
    }

    /// `runs` in COCO's suite order: by dimension, then function, then their order in `runs`.
    static func inSuiteOrder<Run>(_ runs: [Run], identity: (Run) -> CocoProblemIdentity) -> [Run] {
        runs.enumerated().sorted { a, b in
            let (x, y) = (identity(a.element), identity(b.element))
            return (x.dimension, x.function, a.offset) < (y.dimension, y.function, b.offset)
        }.map(\.element)
    }

    /// Writes `folder` through `write`, which fills a scratch folder beside it: an existing `folder` is replaced
    /// only once the new one is complete.
    static func replace(_ folder: URL, write: (URL) throws -> Void) throws {
        let parent = folder.deletingLastPathComponent()
        let scratch = parent.appendingPathComponent(
            ".\(folder.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        do {
            try write(scratch)
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.moveItem(at: scratch, to: folder)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
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
                let point = Self.point(of: trial)
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
