import Foundation
import Testing
import TunebenchCore
import Tunebench

/// `CocoExport` writes bbob runs only: a bbob-biobj problem names its COCO suite too, but COCO's bi-objective logger
/// is not written, so its runs are left out and named, never written as bbob data.
struct CocoExportSuiteTests {
    @Test func biobjectiveRunsAreLeftOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-biobj-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "suites", seed: 5, repetitions: 2, budget: 20,
            optimizers: [EntrySpec("random")],
            problems: [
                EntrySpec("bbob-f01", label: "f01", options: ["dimension": .integer(2)]),
                EntrySpec("bbob-biobj-f01", label: "biobj-f01", options: ["dimension": .integer(2)]),
            ])
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 1)
        ).run()
        let summary = try CocoExport.write(
            store: ResultStore(directory: folder), experiment: experiment,
            to: folder.appendingPathComponent("coco"), version: "test")
        #expect(summary.skippedProblems == ["biobj-f01"])
        #expect(summary.folders.map(\.runs) == [2])
        let files = try FileManager.default.subpathsOfDirectory(
            atPath: folder.appendingPathComponent("coco/random").path)
        #expect(files.contains { $0.hasSuffix("_f1_DIM2.dat") })
        #expect(files.allSatisfy { !$0.contains("biobj") })
    }
}
