import Foundation
import Testing
import Tunebench
@testable import TunebenchRunner

/// Run files written and aggregated as streams: the same bytes as in memory, scratch files that never outlive their
/// use, and outputs that a failure leaves as they were.
struct StreamingStoreTests {
    let experiment = Experiment(
        name: "streaming", seed: 7, repetitions: 3, budget: 60,
        optimizers: [EntrySpec("random"), EntrySpec("sobol")],
        problems: [EntrySpec("branin"), EntrySpec("hartmann3"), EntrySpec("branin", label: "noisy", options: ["noise": .real(0.5)])])

    /// Every file under `folder` whose name starts with a dot, as paths relative to it.
    static func hiddenFiles(_ folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var hidden: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasPrefix(".") { hidden.append(path) }
        }
        return hidden.sorted()
    }

    @Test func aRunFileWrittenTrialByTrialThroughAScratchFileHasTheRecordsBytes() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ResultStore(directory: folder)
        let run = Plan(experiment).runs[4]
        let record = RunExecutor(registry: .builtin, experiment: experiment).execute(run)
        #expect(record.trials.count == 60)
        // A limit of 100 bytes sends all but the last trial or so to the scratch file.
        let writer = try store.runFileWriter(for: run, spillLimit: 100)
        var scratchSeen = false
        for trial in record.trials {
            try writer.append(trial, parameters: record.parameters)
            scratchSeen = scratchSeen || !Self.hiddenFiles(folder).isEmpty
        }
        #expect(scratchSeen)
        var header = record
        header.trials = []
        try writer.finish(header)
        #expect(try Data(contentsOf: store.runURL(run)) == Data(record.jsonBytes()))
        #expect(Self.hiddenFiles(folder).isEmpty)
        #expect(try store.read(run) == record)
    }

    @Test func aDiscardedRunFileLeavesNothing() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ResultStore(directory: folder)
        let run = Plan(experiment).runs[0]
        let record = RunExecutor(registry: .builtin, experiment: experiment).execute(run)
        let writer = try store.runFileWriter(for: run, spillLimit: 100)
        for trial in record.trials { try writer.append(trial, parameters: record.parameters) }
        #expect(!Self.hiddenFiles(folder).isEmpty)
        writer.discard()
        #expect(Self.hiddenFiles(folder).isEmpty && !store.hasRecord(run))
    }

    /// With one job every problem's rows go straight to the outputs; with more, those of a problem aggregated
    /// before its turn go through scratch files.
    @Test(arguments: [1, 2, 3])
    func aggregatingThroughScratchFilesGivesTheSameBytes(jobs: Int) throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let reference = try Fixtures.deterministicOutputs(folder)
        var aggregator = Aggregator(experiment: experiment, store: ResultStore(directory: folder), jobs: jobs)
        aggregator.spillLimit = 64
        try aggregator.aggregate()
        #expect(try Fixtures.deterministicOutputs(folder) == reference)
        #expect(Self.hiddenFiles(folder).isEmpty)
    }

    @Test(arguments: [1, 2])
    func aFailedAggregationLeavesTheOutputsAsTheyWere(jobs: Int) throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let before = try Fixtures.deterministicOutputs(folder)
        // The last run of the last problem is cut in half: the first two problems aggregate, the third fails.
        let store = ResultStore(directory: folder)
        let last = store.runURL(Plan(experiment).runs.last!)
        let bytes = try Data(contentsOf: last)
        try bytes.prefix(bytes.count / 2).write(to: last)
        var aggregator = Aggregator(experiment: experiment, store: store, jobs: jobs)
        aggregator.spillLimit = 64
        #expect {
            try aggregator.aggregate()
        } throws: { error in
            "\(error)".contains(last.path) && "\(error)".contains("the file ends inside")
        }
        #expect(try Fixtures.deterministicOutputs(folder) == before)
        #expect(Self.hiddenFiles(folder).isEmpty)
    }

    @Test func temporaryFilesOfDeadProcessesOfThisHostAreRemoved() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        // A process id above the kernel's limit (pid_max is at most 2^22) has never run.
        let host = ProcessIdentity.host
        // A label that looks like a process token comes before the real one, which is read from its fixed place.
        let dead = [".summary.json.\(host)-9999999.tmp", "curves/.branin.csv.\(host)-9999998.tmp",
            ".evaluations.csv.noisy.\(host)-9999997.part.tmp", "curves/.\(host)-1.csv.\(host)-9999996.tmp"]
        let alive = [".summary.json.\(host)-1.tmp", ".summary.json.\(host)x-9999999.tmp", ".summary.json.other-9999999.tmp"]
        for name in dead + alive { try Data("partial".utf8).write(to: folder.appendingPathComponent(name)) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(Self.hiddenFiles(folder) == alive.sorted())
    }
}
