import Foundation
import Testing
import TunebenchCore
import TunebenchRunner

/// `curves-failures/PROBLEM.csv`: the share of the trials so far that failed, for the problems where some trial
/// failed only; a stale file of another problem is deleted when the folder is aggregated again.
struct FailureCurveTests {
    /// The same shares from full records and from `improvements` records (which keep every trial at COCO's first
    /// evaluation counts, 1 to 4 here).
    @Test(arguments: TrialRecording.allCases)
    func sharesOfFailedTrialsSoFar(recording: TrialRecording) throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var experiment = Experiment(
            name: "failure-curves", seed: 1, repetitions: 2, budget: 4, optimizers: [EntrySpec("scripted")],
            problems: [EntrySpec("identity"), EntrySpec("faulty")])
        experiment.recording = recording
        _ = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        let curves = folder.appendingPathComponent(Aggregator.failureCurves)
        #expect(try FileManager.default.contentsOfDirectory(atPath: curves.path) == ["faulty.csv"])
        // The second of four evaluations fails in both runs: shares 0, 1/2, 1/3, 1/4.
        let text = try String(contentsOf: curves.appendingPathComponent("faulty.csv"), encoding: .utf8)
        #expect(
            text == """
                optimizer,evaluation,runs,median,q25,q75,mean
                scripted,1,2,0.0,0.0,0.0,0.0
                scripted,2,2,0.5,0.5,0.5,0.5
                scripted,3,2,0.3333333333333333,0.3333333333333333,0.3333333333333333,0.3333333333333333
                scripted,4,2,0.25,0.25,0.25,0.25

                """)

        try Data("stale".utf8).write(to: curves.appendingPathComponent("identity.csv"))
        let store = ResultStore(directory: folder)
        _ = try Aggregator(experiment: experiment, store: store).aggregate()
        #expect(try FileManager.default.contentsOfDirectory(atPath: curves.path) == ["faulty.csv"])
    }
}
