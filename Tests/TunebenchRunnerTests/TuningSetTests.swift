import Foundation
import Testing
import Tunebench

/// The tuning set of docs/tuning-set.md (bbob in ``BBOBFunctions/tuningDimensions``) is disjoint from every committed
/// comparison: no experiment file under `Results/` (a folder's `experiment.json`, a subfolder's, as in
/// `Results/parallel`, or another file of the same form, as `Results/failure-bars-200/seeds.json`) runs a bbob
/// function in a tuning dimension.
struct TuningSetTests {
    /// The JSON files in `Results/*/` and `Results/*/*/` with both `optimizers` and `problems` at the top: the
    /// experiment files. Run, curve and report folders are not searched.
    static func experimentFiles() throws -> [URL] {
        let manager = FileManager.default
        let skipped: Set<String> = ["runs", "report", "curves", "curves-cost", "curves-time", "curves-failures"]
        func children(_ url: URL) throws -> [URL] {
            try manager.contentsOfDirectory(at: url, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        }
        func isFolder(_ url: URL) -> Bool {
            var folder: ObjCBool = false
            return manager.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
        }
        var files: [URL] = []
        for folder in try children(CommittedResultsTests.results) where isFolder(folder) {
            let subfolders = try children(folder).filter { isFolder($0) && !skipped.contains($0.lastPathComponent) }
            for url in try ([folder] + subfolders).flatMap(children) where url.pathExtension == "json" {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
                if object?["optimizers"] != nil && object?["problems"] != nil { files.append(url) }
            }
        }
        return files
    }

    @Test func noCommittedExperimentRunsAProblemOfTheTuningSet() throws {
        let files = try Self.experimentFiles()
        #expect(files.count >= 8)
        let names = Set(files.map { $0.deletingLastPathComponent().lastPathComponent + "/" + $0.lastPathComponent })
        // The files in subfolders and under other names are found too.
        #expect(names.isSuperset(of: ["bo-w4/experiment.json", "failure-bars-200/seeds.json"]))
        // The committed experiments name plugins too (Results/peers).
        var registry = Registry.builtin
        _ = PluginCatalog.discover(in: CommittedResultsTests.results.deletingLastPathComponent()
            .appendingPathComponent("Plugins")).register(into: &registry)
        var bbobProblems = 0
        for file in files {
            let experiment = try ExperimentFile.load(file, registry: registry)
            for problem in experiment.problems where problem.name.hasPrefix("bbob-f") {
                bbobProblems += 1
                let entry = try Registry.builtin.problem(named: problem.name)
                let options = try Options.resolve(problem.options, specs: entry.options, entry: problem.name)
                #expect(
                    !BBOBFunctions.tuningDimensions.contains(options.integer("dimension")),
                    "\(file.path) runs \(problem.label), a problem of the tuning set")
            }
        }
        #expect(bbobProblems > 0)  // the check saw bbob problems (Results/bbob-random-cmaes)
    }
}
