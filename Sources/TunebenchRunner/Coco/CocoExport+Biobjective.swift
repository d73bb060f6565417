import Foundation
import TunebenchCore

extension CocoExport {
    /// One optimizer's folder of bbob-biobj runs, in suite order, each through a ``CocoBiobjectiveRunLog``; the files
    /// are appended to run after run, as COCO's logger appends them.
    ///
    /// COCO's `.info` file of a problem type starts with a header on its first problem; a run on a function or
    /// dimension other than the previous run's (on any type) starts a line `function = %2lu, dim = %2lu, FILE.dat`,
    /// and each run adds `, instance:evaluations|I`.
    static func writeBiobjectiveAlgorithm(
        _ runs: [(run: PlannedRun, facts: CocoBiobjectiveFacts)], of optimizer: EntrySpec, experiment: Experiment,
        store: ResultStore, into folder: URL, version: String
    ) throws {
        var files: [String: String] = [:]  // relative path -> text
        var last: (function: Int, dimension: Int)?
        for (run, facts) in runs {
            let dimension = facts.identity.dimension
            var log = CocoBiobjectiveRunLog(facts: facts, dimension: dimension)
            let record = try store.stream(run) { _, trial in
                let point = trial.configuration.map { value -> Double in
                    if case .number(let x)? = value { return x }
                    return .nan
                }
                let objectives = trial.status == .ok ? trial.objectives : nil
                if let objectives, objectives.count != 2 {
                    throw RunnerError.corruptRunFile(
                        path: store.runURL(run).path,
                        reason: "trial \(trial.number) has \(objectives.count) objectives; bbob-biobj has 2")
                }
                log.record(objectives, point: point)
            }
            // COCO's logger writes nothing for a problem that was never evaluated.
            guard record != nil, log.evaluations > 0 else { continue }
            log.finish()

            let info = "\(facts.problemType)_hyp.info"
            if files[info] == nil {
                files[info] = "suite = 'bbob-biobj', algorithm = '\(optimizer.label)', indicator = 'hyp', "
                    + "folder = '\(facts.problemType)', coco_version = '\(version)', settings = '' \n% "
                    + description(of: optimizer, experiment: experiment)
            }
            if last.map({ $0 != (facts.identity.function, dimension) }) ?? true {
                files[info]! += "\nfunction = \(padded(facts.identity.function)), dim = \(padded(dimension)), "
                    + "\(facts.stem)_hyp.dat"
                last = (facts.identity.function, dimension)
            }
            files[info]! += log.infoSummary
            let base = "\(facts.problemType)/\(facts.stem)"
            files[base + "_hyp.dat", default: ""] += log.indicatorHeader(targets: true) + log.dat.joined()
            files[base + "_hyp.tdat", default: ""] += log.indicatorHeader(targets: false) + log.tdat.joined()
            files[base + "_hyp.rdat", default: ""] += log.indicatorHeader(targets: false)
            files[base + ".mdat", default: ""] += log.recommendationHeader
            files["archive/\(facts.problemID)_nondom_all.adat", default: ""] +=
                log.archiveHeader + log.adat.joined() + log.archiveFooter
        }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// `n` right-aligned in two characters, as `%2lu` prints it.
    static func padded(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }
}
