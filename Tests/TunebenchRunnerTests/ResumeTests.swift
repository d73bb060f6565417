import Foundation
import Testing
import TunebenchCore
import TunebenchRunner

struct ResumeTests {
    let experiment = Experiment(
        name: "resume", repetitions: 3, budget: 4, optimizers: [EntrySpec("scripted"), EntrySpec("thrower")],
        problems: [EntrySpec("identity"), EntrySpec("faulty", label: "nan")])

    private func run(_ folder: URL, _ experiment: Experiment? = nil, options: RunOptions = .init()) throws -> RunOutcome {
        try ExperimentRunner(registry: Fixtures.registry, experiment: experiment ?? self.experiment, output: folder,
            options: options).run()
    }

    @Test func completeRunsAreSkippedAndMissingOnesRedone() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try run(folder)
        #expect(first.executed == 12 && first.skipped == 0)
        let reference = try Fixtures.deterministicOutputs(folder)
        let store = ResultStore(directory: folder)
        let victim = Plan(experiment).runs[4]
        let untouched = Plan(experiment).runs[5]
        let untouchedDate = try FileManager.default.attributesOfItem(atPath: store.runURL(untouched).path)[.modificationDate] as? Date
        // An interrupted run: its file is missing and a temporary file is left behind.
        try FileManager.default.removeItem(at: store.runURL(victim))
        let temporary = store.runURL(victim).deletingLastPathComponent().appendingPathComponent(".rep-001.json.999.tmp")
        try Data("{\"partial".utf8).write(to: temporary)
        let second = try run(folder)
        #expect(second.executed == 1 && second.skipped == 11)
        #expect(store.hasRecord(victim))
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        #expect(try FileManager.default.attributesOfItem(atPath: store.runURL(untouched).path)[.modificationDate] as? Date == untouchedDate)
        #expect(try Fixtures.deterministicOutputs(folder) == reference)
        // Nothing left to do.
        #expect(try run(folder).executed == 0)
    }

    @Test func failedRunsAreRetriedOnlyWhenAsked() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(folder)
        #expect(try run(folder).executed == 0)
        let retried = try run(folder, options: RunOptions(retryFailed: true))
        #expect(retried.executed == 6 && retried.failedNow == 6)
    }

    @Test func aDifferentExperimentIsRefusedUnlessOverwriting() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(folder)
        var other = experiment
        other.budget = 3
        #expect(throws: RunnerError.differentExperiment(folder: folder.standardizedFileURL.path, difference: "budget 4 there, 3 here")) {
            try run(folder, other)
        }
        let overwritten = try run(folder, other, options: RunOptions(overwrite: true))
        #expect(overwritten.executed == 12)
        // Renaming the experiment does not change any run, so it is not a different experiment.
        var renamed = other
        renamed.name = "renamed"
        #expect(try run(folder, renamed).executed == 0)
    }

    @Test func corruptRunFilesAreReportedWithTheirPath() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(folder)
        let store = ResultStore(directory: folder)
        let url = store.runURL(Plan(experiment).runs[0])
        try Data("not json".utf8).write(to: url)
        do {
            _ = try run(folder)
            Issue.record("expected an error")
        } catch let error as RunnerError {
            #expect("\(error)".contains(url.path) && "\(error)".contains("delete it and run again"))
        }
    }

    @Test func unwritableFolderIsAClearError() throws {
        guard getuid() != 0 else { return }  // root ignores permissions; the fill-up case is covered elsewhere
        let folder = Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        #expect(throws: RunnerError.self) { try run(folder.appendingPathComponent("sub")) }
    }
}
