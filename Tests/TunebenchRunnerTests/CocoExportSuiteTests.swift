import Foundation
import Testing
import TunebenchCore
import Tunebench

/// `CocoExport` writes each COCO suite in its own folder, in its own logger's format: bbob runs in `OPTIMIZER/`,
/// bbob-biobj runs in `bbob-biobj/OPTIMIZER/`, never one as the other; without the facts of a bbob-biobj problem its
/// runs are left out and named.
struct CocoExportSuiteTests {
    static let experiment = Experiment(
        name: "suites", seed: 5, repetitions: 2, budget: 20,
        optimizers: [EntrySpec("random")],
        problems: [
            EntrySpec("bbob-f01", label: "f01", options: ["dimension": .integer(2)]),
            EntrySpec("bbob-biobj-f01", label: "biobj-f01", options: ["dimension": .integer(2)]),
        ])

    @Test func eachSuiteGoesToItsOwnFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-biobj-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(
            registry: .builtin, experiment: Self.experiment, output: folder, options: RunOptions(jobs: 1)
        ).run()
        let store = ResultStore(directory: folder)
        let coco = folder.appendingPathComponent("coco")

        let summary = try CocoExport.write(
            store: store, experiment: Self.experiment, to: coco, version: "test",
            biobjective: CocoBiobjectiveFacts.builtin)
        #expect(summary.skippedProblems.isEmpty)
        #expect(summary.folders.map(\.folder.path) == [
            coco.appendingPathComponent("random").path, coco.appendingPathComponent("bbob-biobj/random").path,
        ])
        #expect(summary.folders.map(\.runs) == [2, 2])
        let bbob = try FileManager.default.subpathsOfDirectory(atPath: coco.appendingPathComponent("random").path)
        #expect(bbob.contains { $0.hasSuffix("_f1_DIM2.dat") })
        #expect(bbob.allSatisfy { !$0.contains("biobj") })
        let biobj = try FileManager.default.subpathsOfDirectory(
            atPath: coco.appendingPathComponent("bbob-biobj/random").path)
        #expect(biobj.contains("1-separable_1-separable/bbob-biobj_f01_d02_hyp.dat"))
        #expect(biobj.contains("archive/bbob-biobj_f01_i02_d02_nondom_all.adat"))
        #expect(biobj.allSatisfy { !$0.contains("bbobexp") })

        // Without the problem's facts: left out and named.
        let other = folder.appendingPathComponent("coco-bbob")
        let bbobOnly = try CocoExport.write(store: store, experiment: Self.experiment, to: other, version: "test")
        #expect(bbobOnly.skippedProblems == ["biobj-f01"])
        #expect(bbobOnly.folders.map(\.runs) == [2])
        #expect(!FileManager.default.fileExists(atPath: other.appendingPathComponent("bbob-biobj").path))
    }

    /// An optimizer labelled `bbob-biobj` would have its bbob folder where the bbob-biobj folders go: refused, before
    /// anything is written.
    @Test func anOptimizerLabelledLikeTheBiobjectiveFolderIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-biobj-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var experiment = Self.experiment
        experiment.optimizers = [EntrySpec("random", label: "bbob-biobj")]
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 1)
        ).run()
        let coco = folder.appendingPathComponent("coco")
        #expect(throws: RunnerError.self) {
            try CocoExport.write(
                store: ResultStore(directory: folder), experiment: experiment, to: coco, version: "test",
                biobjective: CocoBiobjectiveFacts.builtin)
        }
        #expect(!FileManager.default.fileExists(atPath: coco.path))
    }
}
