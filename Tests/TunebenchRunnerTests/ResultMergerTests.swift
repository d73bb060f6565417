import Foundation
import Testing
import TunebenchCore
import TunebenchRunner

struct ResultMergerTests {
    /// 12 runs: `scripted` completes, `thrower` fails at its third ask, on two problems, three repetitions.
    let experiment = Experiment(
        name: "merge",
        repetitions: 3,
        budget: 4,
        optimizers: [EntrySpec("scripted"), EntrySpec("thrower")],
        problems: [EntrySpec("identity"), EntrySpec("faulty", label: "nan")]
    )

    /// Runs shard `k` of `n` of `experiment` (or the whole plan) into `folder`.
    private func run(_ folder: URL, shard: (Int, Int)? = nil, _ experiment: Experiment? = nil) throws {
        let options = RunOptions(jobs: 1, shard: try shard.map { try Shard(index: $0.0, count: $0.1) })
        _ = try ExperimentRunner(
            registry: Fixtures.registry,
            experiment: experiment ?? self.experiment,
            output: folder,
            options: options
        ).run()
    }

    private func merge(_ output: URL, _ shards: [URL]) throws -> MergeOutcome {
        try ResultMerger(registry: Fixtures.registry, output: output, shards: shards, jobs: 1).merge()
    }

    /// A root folder holding `count` shard folders `shard-K`, each holding shard K of `count`.
    private func shardFolders(_ root: URL, count: Int) throws -> [URL] {
        try (1...count).map { k in
            let folder = root.appendingPathComponent("shard-\(k)")
            try run(folder, shard: (k, count))
            return folder
        }
    }

    private func runFile(_ folder: URL, _ index: Int) -> URL {
        ResultStore(directory: folder).runURL(Plan(experiment).runs[index])
    }

    /// Rewrites the run file of plan run `index` in `folder` with `change` applied to its record.
    private func edit(_ folder: URL, _ index: Int, _ change: (inout RunRecord) -> Void) throws {
        let url = runFile(folder, index)
        var record = try RunRecord(json: Array(try Data(contentsOf: url)))
        change(&record)
        try Data(record.jsonBytes()).write(to: url)
    }

    /// Copies the run file of plan run `index` from the folder `source` to the folder `target`, with `source`'s
    /// experiment.json when `target` has none.
    private func copyRun(_ index: Int, from source: URL, to target: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(
            at: runFile(target, index).deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        let experimentFile = target.appendingPathComponent("experiment.json")
        if !manager.fileExists(atPath: experimentFile.path) {
            try manager.copyItem(at: source.appendingPathComponent("experiment.json"), to: experimentFile)
        }
        try manager.copyItem(at: runFile(source, index), to: runFile(target, index))
    }

    /// The record of a run file with every timing set to zero.
    private func withoutTimings(_ url: URL) throws -> [UInt8] {
        var record = try RunRecord(json: Array(try Data(contentsOf: url)))
        record.wallSeconds = 0
        for index in record.trials.indices {
            record.trials[index].askSeconds = 0
            record.trials[index].evaluationSeconds = 0
            record.trials[index].tellSeconds = 0
        }
        return record.jsonBytes()
    }

    @Test func mergingShardFoldersEqualsAnUnshardedRunFileForFile() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole")
        try run(whole)
        let shards = try shardFolders(root, count: 3)
        let merged = root.appendingPathComponent("merged")
        let outcome = try merge(merged, shards)
        #expect(outcome.shards.map(\.copied) == [4, 4, 4] && outcome.shards.map(\.alreadyMerged) == [0, 0, 0])
        #expect(outcome.missing.isEmpty && outcome.resolutions.isEmpty)
        #expect(outcome.aggregate.planned == 12 && outcome.aggregate.failed == 6)
        #expect(try Fixtures.deterministicOutputs(merged) == Fixtures.deterministicOutputs(whole))
        #expect(
            try Data(contentsOf: merged.appendingPathComponent("traces.csv"))
                == Data(contentsOf: whole.appendingPathComponent("traces.csv"))
        )
        #expect(
            try ExperimentFile.load(ResultStore(directory: merged).experimentURL, registry: Fixtures.registry)
                == experiment
        )
        // Each run file is the shard's, byte for byte, and the unsharded run's but for timings.
        for run in Plan(experiment).runs {
            let shard = shards[run.index % 3]
            #expect(try Data(contentsOf: runFile(merged, run.index)) == Data(contentsOf: runFile(shard, run.index)))
            #expect(try withoutTimings(runFile(merged, run.index)) == withoutTimings(runFile(whole, run.index)))
        }
    }

    @Test func mergingAgainCopiesNothingAndWritesTheSameBytes() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 2)
        let merged = root.appendingPathComponent("merged")
        _ = try merge(merged, shards)
        let outputs = try Fixtures.deterministicOutputs(merged)
        let date = {
            try FileManager.default.attributesOfItem(atPath: self.runFile(merged, 5).path)[.modificationDate] as? Date
        }
        let before = try date()
        let again = try merge(merged, shards)
        #expect(again.shards.map(\.copied) == [0, 0] && again.shards.map(\.alreadyMerged) == [6, 6])
        #expect(again.resolutions.isEmpty)
        #expect(try Fixtures.deterministicOutputs(merged) == outputs)
        #expect(try date() == before)
    }

    @Test func shardsOfAnIncompatibleExperimentAreRefusedNamingTheFolderAndTheDifference() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("shard-1")
        let second = root.appendingPathComponent("shard-2")
        try run(first, shard: (1, 2))
        var reseeded = experiment
        reseeded.seed = 99
        try run(second, shard: (2, 2), reseeded)
        let merged = root.appendingPathComponent("merged")
        #expect(
            throws: MergeError.incompatibleShards(
                folder: second.path,
                reference: first.path,
                difference: "seed 99 in \(second.path), 0 in \(first.path)"
            )
        ) { try merge(merged, [first, second]) }
        #expect(!FileManager.default.fileExists(atPath: merged.path))
        // Another option under the same label is refused the same way; a grown experiment is not.
        var changed = experiment
        changed.problems[1].options = ["at": .integer(3)]
        let third = root.appendingPathComponent("shard-3")
        try run(third, shard: (2, 2), changed)
        #expect(throws: MergeError.self) { try merge(merged, [first, third]) }
        do {
            _ = try merge(merged, [first, third])
        } catch {
            #expect(
                "\(error)".contains(
                    "problem 'nan' is faulty with at=3 in \(third.path), faulty with default options in \(first.path)"
                )
            )
        }
        var grown = experiment
        grown.repetitions = 4
        let fourth = root.appendingPathComponent("shard-4")
        try run(fourth, grown)
        let outcome = try merge(merged, [first, fourth])
        // The first folder's experiment is the merged one: the fourth repetition's runs are outside its plan.
        #expect(outcome.aggregate.planned == 12 && outcome.missing.isEmpty)
        #expect(outcome.shards[1].outsidePlan == 4 && outcome.shards[1].copied == 6)
        #expect(outcome.shards[1].alreadyMerged == 6 && outcome.resolutions.allSatisfy { $0.reason == .timingsOnly })
    }

    @Test func foldersThatCannotBeMergedAreRefusedBeforeAnyCopy() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 2)
        let merged = root.appendingPathComponent("merged")
        #expect(throws: MergeError.noShardFolders) { try merge(merged, []) }
        #expect(throws: MergeError.repeatedFolder(path: shards[0].path)) { try merge(merged, shards + [shards[0]]) }
        #expect(throws: MergeError.repeatedFolder(path: shards[0].path)) { try merge(shards[0], shards) }
        let empty = root.appendingPathComponent("never-started")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(throws: MergeError.notAResultFolder(path: empty.path)) { try merge(merged, shards + [empty]) }
        // An output holding another experiment's results.
        let other = root.appendingPathComponent("other")
        var rebudgeted = experiment
        rebudgeted.budget = 3
        try run(other, rebudgeted)
        #expect(
            throws: MergeError.incompatibleOutput(
                folder: other.standardizedFileURL.path,
                difference: "budget 3 there, 4 here"
            )
        ) { try merge(other, shards) }
        #expect(!FileManager.default.fileExists(atPath: merged.path))
    }

    @Test func runFilesThatDifferOnlyInTimingsKeepTheFirst() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 2)
        // Run 2 belongs to shard 1; a copy with other timings sits in shard 2 too.
        try copyRun(2, from: shards[0], to: shards[1])
        try edit(shards[1], 2) { record in
            record.wallSeconds += 1
            record.trials[0].askSeconds += 1
        }
        let merged = root.appendingPathComponent("merged")
        let outcome = try merge(merged, shards)
        #expect(
            outcome.resolutions == [
                MergeResolution(
                    kept: runFile(shards[0], 2).path,
                    dropped: runFile(shards[1], 2).path,
                    reason: .timingsOnly
                )
            ]
        )
        #expect(
            outcome.resolutions[0].description.contains("differs from \(runFile(shards[0], 2).path) only in timings")
        )
        #expect(outcome.shards.map(\.copied) == [6, 6] && outcome.shards[1].alreadyMerged == 1)
        #expect(try Data(contentsOf: runFile(merged, 2)) == Data(contentsOf: runFile(shards[0], 2)))
    }

    @Test func completeRunFilesThatDifferBeyondTimingsAreAConflictNamingBothFiles() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 2)
        let merged = root.appendingPathComponent("merged")
        _ = try merge(merged, shards)
        // Shard 1's run 0 changes after the first merge (the code changed, say): the output's copy comes first.
        try edit(shards[0], 0) { record in record.trials[1].value = 0.25 }
        #expect(
            throws: MergeError.conflictingRunFiles(
                first: runFile(merged, 0).path,
                second: runFile(shards[0], 0).path,
                difference: "trials[1].value"
            )
        ) { try merge(merged, shards) }
    }

    @Test func aCompleteRunReplacesAFailedOneAndTwoFailedRunsKeepTheFirst() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 2)
        // Run 5 (thrower, a failed run) of shard 2 as a retried shard would record it: complete.
        let retried = root.appendingPathComponent("retried")
        try copyRun(5, from: shards[1], to: retried)
        try edit(retried, 5) { record in
            record.status = .complete
            record.failure = nil
        }
        let merged = root.appendingPathComponent("merged")
        let before = try merge(merged, shards)
        let after = try merge(merged, shards + [retried])
        #expect(after.aggregate.failed == before.aggregate.failed - 1)
        #expect(
            after.resolutions == [
                MergeResolution(
                    kept: runFile(retried, 5).path,
                    dropped: runFile(merged, 5).path,
                    reason: .completeOverFailed
                )
            ]
        )
        #expect(try Data(contentsOf: runFile(merged, 5)) == Data(contentsOf: runFile(retried, 5)))
        // Another failed record of run 11 (failed too): the output's is kept.
        let failedAgain = root.appendingPathComponent("failed-again")
        try copyRun(11, from: shards[1], to: failedAgain)
        try edit(failedAgain, 11) { record in record.failure = "another reason" }
        let last = try merge(merged, [failedAgain])
        #expect(last.resolutions.map(\.reason) == [.bothFailed] && last.resolutions[0].kept == runFile(merged, 11).path)
    }

    @Test func temporaryFilesAreIgnoredAndFilesOutsideThePlanCounted() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let shards = try shardFolders(root, count: 3)
        let runs = shards[0].appendingPathComponent("runs")
        let temporary = runFile(shards[0], 1).deletingLastPathComponent().appendingPathComponent(".rep-001.json.77.tmp")
        try Data("{\"partial".utf8).write(to: temporary)
        let stray = runs.appendingPathComponent("other/scripted/rep-000.json")
        try FileManager.default.createDirectory(
            at: stray.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data("{}".utf8).write(to: stray)
        let merged = root.appendingPathComponent("merged")
        // Shard 3 is left out: its runs are missing.
        let outcome = try merge(merged, Array(shards.prefix(2)))
        #expect(outcome.shards[0].outsidePlan == 1 && outcome.shards[0].copied == 4)
        #expect(outcome.missing.map(\.index) == [2, 5, 8, 11] && outcome.aggregate.missing == 4)
        let copied = try FileManager.default.subpathsOfDirectory(atPath: merged.appendingPathComponent("runs").path)
        #expect(copied.filter { $0.hasSuffix(".json") }.count == 8 && !copied.contains { $0.hasSuffix(".tmp") })
        #expect(!FileManager.default.fileExists(atPath: merged.appendingPathComponent("runs/other").path))
    }
}
