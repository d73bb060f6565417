import Foundation
import Testing
import Tunebench

/// The tuning set of docs/tuning-set.md (bbob in ``BBOBFunctions/tuningDimensions``) is disjoint from every committed
/// comparison: no `Results/*/experiment.json` runs a bbob function in a tuning dimension.
struct TuningSetTests {
    @Test func noCommittedExperimentRunsAProblemOfTheTuningSet() throws {
        let folders = try FileManager.default.contentsOfDirectory(
            at: CommittedResultsTests.results, includingPropertiesForKeys: nil
        ).filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("experiment.json").path) }
        #expect(folders.count >= 8)
        // The committed experiments name plugins too (Results/peers).
        var registry = Registry.builtin
        _ = PluginCatalog.discover(in: CommittedResultsTests.results.deletingLastPathComponent()
            .appendingPathComponent("Plugins")).register(into: &registry)
        var bbobProblems = 0
        for folder in folders {
            let experiment = try ExperimentFile.load(
                folder.appendingPathComponent("experiment.json"), registry: registry)
            for problem in experiment.problems where problem.name.hasPrefix("bbob-f") {
                bbobProblems += 1
                let entry = try Registry.builtin.problem(named: problem.name)
                let options = try Options.resolve(problem.options, specs: entry.options, entry: problem.name)
                #expect(
                    !BBOBFunctions.tuningDimensions.contains(options.integer("dimension")),
                    "\(folder.lastPathComponent) runs \(problem.label), a problem of the tuning set")
            }
        }
        #expect(bbobProblems > 0)  // the check saw bbob problems (Results/bbob-random-cmaes)
    }
}
