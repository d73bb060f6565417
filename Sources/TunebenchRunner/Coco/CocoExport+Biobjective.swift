import Foundation
import TunebenchCore

extension CocoExport {
    /// One optimizer's folder of bbob-biobj runs, in suite order, each through a ``CocoBiobjectiveRunLog``; the files
    /// are appended to run after run, as COCO's logger appends them, and written out at each change of function or
    /// dimension (every data file belongs to one function and dimension, every archive to one instance of them), so
    /// that only one function and dimension's text is held at a time, besides the `.info` files.
    ///
    /// COCO's `.info` file of a problem type starts with a header on its first problem; a run on a function or
    /// dimension other than the previous run's (on any type) starts a line `function = %2lu, dim = %2lu, FILE.dat`,
    /// and each run adds `, instance:evaluations|I`. As COCO's logger, a run without evaluations still gets its
    /// headers and a last line of 0 evaluations.
    static func writeBiobjectiveAlgorithm(
        _ runs: [(run: PlannedRun, facts: CocoBiobjectiveFacts)], of optimizer: EntrySpec, experiment: Experiment,
        store: ResultStore, into folder: URL, version: String
    ) throws {
        var info: [String: String] = [:]  // .info file -> text
        var files: [String: String] = [:]  // the current function and dimension's data files -> text
        var last: (function: Int, dimension: Int)?
        for (run, facts) in runs {
            let dimension = facts.identity.dimension
            var log = CocoBiobjectiveRunLog(facts: facts, dimension: dimension)
            let record = try store.stream(run) { record, trial in
                // On simulated workers the trials come in completion order, and the evaluation count is the number
                // of completions (a multi-objective run keeps every trial).
                if record.simulation == nil, trial.number != log.evaluations {
                    throw RunnerError.corruptRunFile(
                        path: store.runURL(run).path,
                        reason: "trial \(trial.number) comes after trial \(log.evaluations - 1); "
                            + "trials must be in order")
                }
                let objectives = trial.status == .ok ? trial.objectives : nil
                if let objectives, objectives.count != 2 {
                    throw RunnerError.corruptRunFile(
                        path: store.runURL(run).path,
                        reason: "trial \(trial.number) has \(objectives.count) objectives; bbob-biobj has 2")
                }
                let point = Self.point(of: trial)
                log.record(objectives, point: point)
            }
            guard record != nil else { continue }
            log.finish()

            if last.map({ $0 != (facts.identity.function, dimension) }) ?? true {
                try write(files, into: folder)
                files = [:]
            }
            let infoFile = "\(facts.problemType)_hyp.info"
            if info[infoFile] == nil {
                info[infoFile] = "suite = 'bbob-biobj', algorithm = '\(optimizer.label)', indicator = 'hyp', "
                    + "folder = '\(facts.problemType)', coco_version = '\(version)', settings = '' \n% "
                    + description(of: optimizer, experiment: experiment)
            }
            if last.map({ $0 != (facts.identity.function, dimension) }) ?? true {
                info[infoFile]! += "\nfunction = \(padded(facts.identity.function)), dim = \(padded(dimension)), "
                    + "\(facts.stem)_hyp.dat"
                last = (facts.identity.function, dimension)
            }
            info[infoFile]! += log.infoSummary
            let base = "\(facts.problemType)/\(facts.stem)"
            files[base + "_hyp.dat", default: ""] += log.indicatorHeader(targets: true) + log.dat.joined()
            files[base + "_hyp.tdat", default: ""] += log.indicatorHeader(targets: false) + log.tdat.joined()
            files[base + "_hyp.rdat", default: ""] += log.indicatorHeader(targets: false)
            files[base + ".mdat", default: ""] += log.recommendationHeader
            files["archive/\(facts.problemID)_nondom_all.adat", default: ""] +=
                log.archiveHeader + log.adat.joined() + log.archiveFooter
        }
        try write(files, into: folder)
        try write(info, into: folder)
    }

    /// Writes each text of `files` (relative path -> text) into `folder`, creating the subfolders.
    static func write(_ files: [String: String], into folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A trial's point as COCO logs it: its numbers, NaN for a value that is not one.
    static func point(of trial: TrialRecord) -> [Double] {
        trial.configuration.map { value -> Double in
            if case .number(let x)? = value { return x }
            return .nan
        }
    }

    /// `n` right-aligned in two characters, as `%2lu` prints it.
    static func padded(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }
}
