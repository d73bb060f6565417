import Foundation
import Testing
import Tunebench

/// The same experiment gives byte-identical CSVs and summary whatever the jobs, shards or interruptions, with run
/// files of every trial and with `improvements` records alike; with observation noise (the third problem) the
/// recommended outputs too, model-based recommendations (`gp`, `forest`) included; with a failing region beside
/// the noise (the fourth problem) the failed trials and their counts too; with constraints (the fifth) the feasible
/// regret and the infeasible counts. The same holds for runs on 3 simulated asynchronous workers (``Variant``).
struct DeterminismTests {
    /// How the runs are recorded and executed: every trial, COCO's improvements, or every trial of runs on 3
    /// simulated asynchronous workers for 8.5 simulated seconds (told in completion order; curves over time too).
    enum Variant: CaseIterable, Sendable {
        case all, improvements, workers
    }

    let experiment = Experiment(
        name: "determinism", seed: 42, repetitions: 3, budget: 30,
        optimizers: [EntrySpec("random"), EntrySpec("grid")] + Registry.builtin.optimizers.filter(\.includedByDefault).dropFirst(2).map { EntrySpec($0.name) },
        problems: [
            EntrySpec("branin"), EntrySpec("hartmann3"), EntrySpec("branin", options: ["noise": .real(0.5)]),
            EntrySpec(
                "branin",
                options: ["failure": .string("band"), "failure-share": .real(0.3), "noise": .real(0.5)]),
            EntrySpec("gramacy"),
        ])

    private func run(_ folder: URL, jobs: Int, shard: Shard? = nil, variant: Variant = .all) throws {
        var experiment = experiment
        experiment.recording = variant == .improvements ? .improvements : .all
        if variant == .workers { experiment.workers = WorkerSettings(workers: 3, timeBudget: 8.5) }
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: jobs, shard: shard)
        ).run()
    }

    @Test(arguments: Variant.allCases)
    func jobsAndShardsGiveTheSameBytes(variant: Variant) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-det-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("jobs1")
        let two = root.appendingPathComponent("jobs2")
        let sharded = root.appendingPathComponent("shards")
        try run(one, jobs: 1, variant: variant)
        try run(two, jobs: 2, variant: variant)
        try run(sharded, jobs: 1, shard: try Shard(index: 2, count: 2), variant: variant)
        try run(sharded, jobs: 2, shard: try Shard(index: 1, count: 2), variant: variant)
        let reference = try Fixtures.deterministicOutputs(one)
        // evaluations.csv, summary.json, five curves, the noisy problems' traces-recommended.csv and curves, and the
        // failing problem's failed-share curve; on simulated workers also five curves over time
        #expect(reference.count == (variant == .workers ? 16 : 11))
        #expect(reference["curves-failures/branin-failureband-failure-share0.3-noise0.5.csv"] != nil)
        #expect(reference["curves-recommended/branin-noise0.5.csv"] != nil)
        let summary = String(decoding: try #require(reference["summary.json"]), as: UTF8.self)
        #expect(summary.contains("\"failedTrials\""))
        #expect(summary.contains("\"infeasibleTrials\""))
        #expect(try Fixtures.deterministicOutputs(two) == reference)
        #expect(try Fixtures.deterministicOutputs(sharded) == reference)
    }

    @Test(arguments: Variant.allCases)
    func shardsInSeparateFoldersMergeByCopying(variant: Variant) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = root.appendingPathComponent("whole")
        try run(whole, jobs: 2, variant: variant)
        let merged = root.appendingPathComponent("merged")
        for k in 1...3 {
            let part = root.appendingPathComponent("part\(k)")
            try run(part, jobs: 1, shard: try Shard(index: k, count: 3), variant: variant)
            try copyTree(part, into: merged)
        }
        let store = ResultStore(directory: merged)
        try Aggregator(experiment: try ExperimentFile.load(store.experimentURL, registry: .builtin), store: store).aggregate()
        #expect(try Fixtures.deterministicOutputs(merged) == Fixtures.deterministicOutputs(whole))
        // The union of the shards' run files equals the unsharded run, file for file: the same files with the same
        // records once the wall-clock timings are set aside.
        #expect(try runFiles(merged) == runFiles(whole))
        for path in try runFiles(whole) {
            let a = try withoutTimings(whole.appendingPathComponent("runs/" + path))
            let b = try withoutTimings(merged.appendingPathComponent("runs/" + path))
            #expect(a == b, "runs/\(path) differs")
        }
    }

    private func withoutTimings(_ url: URL) throws -> RunRecord {
        var record = try RunRecord(json: Array(try Data(contentsOf: url)))
        record.wallSeconds = 0
        for i in record.trials.indices {
            record.trials[i].askSeconds = 0
            record.trials[i].evaluationSeconds = 0
            record.trials[i].tellSeconds = 0
        }
        return record
    }

    private func copyTree(_ source: URL, into destination: URL) throws {
        let manager = FileManager.default
        let walker = manager.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let target = destination.appendingPathComponent(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !manager.fileExists(atPath: target.path) { try manager.copyItem(at: url, to: target) }
        }
    }

    private func runFiles(_ folder: URL) throws -> [String] {
        let runs = folder.appendingPathComponent("runs").path
        return try FileManager.default.subpathsOfDirectory(atPath: runs).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// A real option written as a whole number (noise 1.0) is stored as a real, so the folder resumes.
    @Test func wholeNumberRealOptionsResume() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var noisy = experiment
        noisy.problems = [EntrySpec("branin", options: ["noise": .real(1.0)])]
        noisy.optimizers = [EntrySpec("random")]
        let first = try ExperimentRunner(registry: .builtin, experiment: noisy, output: folder).run()
        let again = try ExperimentRunner(registry: .builtin, experiment: noisy, output: folder).run()
        #expect(first.executed == 3 && again.executed == 0)
        let stored = try String(contentsOf: folder.appendingPathComponent("experiment.json"), encoding: .utf8)
        #expect(stored.contains(#""noise": 1.0"#))
    }
}
