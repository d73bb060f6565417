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

    @Test func theExperimentMayGrowWithoutRedoingRuns() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(folder)
        var grown = experiment
        grown.repetitions = 4
        grown.optimizers.append(EntrySpec("outside"))
        let outcome = try run(folder, grown)
        // Per problem: one new repetition of each old optimizer, and four of the new one.
        #expect(outcome.executed == 2 * (2 + 4) && outcome.skipped == 12)
        #expect(outcome.aggregate.planned == 24 && outcome.aggregate.missing == 0)
        let stored = try ExperimentFile.load(ResultStore(directory: folder).experimentURL, registry: Fixtures.registry)
        #expect(stored == grown)
    }

    @Test func anOptionChangedUnderTheSameLabelIsRefusedWithItsValues() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var before = experiment
        before.problems[1].options = ["at": .integer(3)]
        _ = try run(folder, before)
        var after = before
        after.problems[1].options = ["at": .integer(4)]
        #expect(
            throws: RunnerError.differentExperiment(
                folder: folder.standardizedFileURL.path,
                difference: "problem 'nan' is faulty with at=3 there, faulty with at=4 here")
        ) { try run(folder, after) }
    }

    @Test func aUsersOwnExperimentFileIsLeftAsWritten() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("experiment.json")
        let written = Data(#"{"optimizers": ["scripted"],   "problems": ["identity"], "budget": 3, "repetitions": 2}"#.utf8)
        try written.write(to: url)
        let experiment = try ExperimentFile.load(url, registry: Fixtures.registry)
        _ = try run(folder, experiment)
        _ = try run(folder, experiment)
        #expect(try Data(contentsOf: url) == written)
    }

    @Test func otherRunsTemporaryFilesAreLeftAlone() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run(folder)
        let store = ResultStore(directory: folder)
        let runs = Plan(experiment).runs
        // Another process, running shard 2/2, is writing run 1 while this one, running shard 1/2, redoes run 0 and
        // cleans what a killed execution left beside any run of its shard (run 2's file is complete: a temporary
        // file beside it is from a killed --retry-failed).
        try FileManager.default.removeItem(at: store.runURL(runs[0]))
        let mine = store.runURL(runs[0]).deletingLastPathComponent().appendingPathComponent(".rep-000.json.4242.tmp")
        let theirs = store.runURL(runs[1]).deletingLastPathComponent().appendingPathComponent(".rep-001.json.4343.tmp")
        // A streamed run's scratch file of trials (see RunFileWriter) goes too.
        let mineScratch = mine.deletingLastPathComponent().appendingPathComponent(".rep-000.json.node7-4242.trials.tmp")
        try Data("partial".utf8).write(to: mine)
        try Data("partial".utf8).write(to: mineScratch)
        try Data("partial".utf8).write(to: theirs)
        let retried = store.runURL(runs[2]).deletingLastPathComponent().appendingPathComponent(".rep-002.json.4242.tmp")
        try Data("partial".utf8).write(to: retried)
        #expect(try run(folder, options: RunOptions(shard: try Shard(index: 1, count: 2))).executed == 1)
        #expect(!FileManager.default.fileExists(atPath: mine.path))
        #expect(!FileManager.default.fileExists(atPath: mineScratch.path))
        #expect(!FileManager.default.fileExists(atPath: retried.path))
        #expect(FileManager.default.fileExists(atPath: theirs.path))
    }

    @Test func runFilesOfAnotherExperimentAreRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let other = Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: other)
        }
        _ = try run(folder)
        var reseeded = experiment
        reseeded.seed = 99
        _ = try run(other, reseeded)
        let run = Plan(experiment).runs[2]
        let target = ResultStore(directory: folder).runURL(run)
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: ResultStore(directory: other).runURL(run), to: target)
        do {
            try Aggregator(experiment: experiment, store: ResultStore(directory: folder)).aggregate()
            Issue.record("expected an error")
        } catch let error as RunnerError {
            guard case .foreignRunFile(let path, let mismatch) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == target.path && mismatch.hasPrefix("its instance seed is "))
        }
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
        // Another name is another experiment, even when every run would fit: a folder holds one experiment.
        var renamed = other
        renamed.name = "renamed"
        #expect(
            throws: RunnerError.differentExperiment(
                folder: folder.standardizedFileURL.path, difference: "experiment 'resume' there, 'renamed' here")
        ) { try run(folder, renamed) }
        // The same experiment shrunk is another one too: its summary would leave out the runs it drops.
        var fewer = other
        fewer.repetitions = 2
        #expect(
            throws: RunnerError.differentExperiment(
                folder: folder.standardizedFileURL.path, difference: "3 repetitions there, 2 here")
        ) { try run(folder, fewer) }
        var dropped = other
        dropped.optimizers.removeFirst()
        #expect(
            throws: RunnerError.differentExperiment(
                folder: folder.standardizedFileURL.path, difference: "optimizer 'scripted' there, not here")
        ) { try run(folder, dropped) }
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
