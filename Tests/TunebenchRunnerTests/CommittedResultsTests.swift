import Foundation
import Testing
import Tunebench

/// The committed results reproduce: running `Results/default/experiment.json` again gives the committed
/// `summary.json` and `curves/` byte for byte. When an algorithm changes on purpose, regenerate the folder with
/// `swift run -c release tunebench run Results/default/experiment.json --overwrite` and commit the result.
///
/// The files were made on Linux (x86-64, glibc): the objectives and the Gaussian draws call the C library's `exp`,
/// `log` and `cos`, whose last bits may differ elsewhere, so the byte comparison is made on Linux only.
struct CommittedResultsTests {
    static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Results")

    #if os(Linux)
    static let sameMathLibrary = true
    #else
    static let sameMathLibrary = false
    #endif

    @Test(.enabled(if: sameMathLibrary, "the committed files were made with glibc's libm"))
    func defaultExperimentReproducesItsCommittedSummary() throws {
        let committed = Self.results.appendingPathComponent("default")
        let experiment = try ExperimentFile.load(committed.appendingPathComponent("experiment.json"), registry: .builtin)
        #expect(experiment == Experiment.defaultExperiment(registry: .builtin).withOptimizers(experiment.optimizers))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-default-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let curves = try FileManager.default.contentsOfDirectory(atPath: committed.appendingPathComponent("curves").path)
        #expect(curves.count == experiment.problems.count)
        for name in ["summary.json"] + curves.sorted().map({ "curves/" + $0 }) {
            let expected = try Data(contentsOf: committed.appendingPathComponent(name))
            let actual = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(actual == expected, "\(name) differs from Results/default/\(name)")
        }
    }
}

extension Experiment {
    /// The same experiment with another optimizer list (the default experiment grows as optimizers are added).
    fileprivate func withOptimizers(_ optimizers: [EntrySpec]) -> Experiment {
        var copy = self
        copy.optimizers = optimizers
        return copy
    }
}
