import Foundation
import Testing
import Tunebench

/// `timings.json`: the medians per (problem, optimizer) are over the complete runs, since a failed run may stop early
/// and look cheap; an optimizer none of whose runs completed is timed by its failed runs.
struct TimingsAggregationTests {
    /// `scripted` completes its 3 runs and `thrower` fails its 3 (it throws at its third ask), on `identity`.
    let experiment = Experiment(
        name: "timings", repetitions: 3, budget: 4, optimizers: [EntrySpec("scripted"), EntrySpec("thrower")],
        problems: [EntrySpec("identity")])

    /// Gives the run's first trial `seconds` of ask (the others none), `seconds / 10` of evaluation, and the run
    /// `10 · seconds` of wall time; with `failed`, marks the run failed.
    static func retime(_ store: ResultStore, _ run: PlannedRun, seconds: Double, failed: Bool = false) throws {
        var record = try #require(try store.read(run))
        for index in record.trials.indices {
            record.trials[index].askSeconds = index == 0 ? seconds : 0
            record.trials[index].tellSeconds = 0
            record.trials[index].evaluationSeconds = index == 0 ? seconds / 10 : 0
        }
        record.wallSeconds = 10 * seconds
        if failed {
            record.status = .failed
            record.failure = "marked failed by the test"
        }
        try store.writeAtomically(Data(record.jsonBytes()), to: store.runURL(run))
    }

    /// `scripted`'s runs take 1, 2 and 100 s in the optimizer, and the 100 s one failed: over all three the median
    /// would be 2 s, over the two complete ones it is 1.5 s (and likewise for evaluation and wall time). `thrower`'s
    /// runs, 5, 6 and 7 s, all failed: its median is theirs, 6 s over 3 runs.
    @Test func mediansAreOverCompleteRunsAndOverFailedOnesOnlyWithoutAny() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        let store = ResultStore(directory: folder)
        let runs = Plan(experiment).runs
        #expect(runs.map(\.optimizer.label) == ["scripted", "scripted", "scripted", "thrower", "thrower", "thrower"])
        for (run, seconds) in zip(runs, [1.0, 2, 100, 5, 6, 7]) {
            try Self.retime(store, run, seconds: seconds, failed: run.optimizer.label == "scripted" && seconds == 100)
        }
        let aggregate = try Aggregator(experiment: experiment, store: store, jobs: 1).aggregate()
        #expect(aggregate.problems[0].optimizers.map(\.failedRuns) == [1, 3])
        let data = try Data(contentsOf: folder.appendingPathComponent("timings.json"))
        let timings = try JSONDecoder().decode([TimingSummary].self, from: data)
        #expect(timings.map(\.optimizer) == ["scripted", "thrower"])
        let scripted = timings[0]
        #expect(scripted.runs == 2)
        #expect(abs(scripted.optimizerSeconds - 1.5) < 1e-12)
        #expect(abs(scripted.evaluationSeconds - 0.15) < 1e-12)
        #expect(abs(scripted.wallSeconds - 15) < 1e-12)
        let thrower = timings[1]
        #expect(thrower.runs == 3)
        #expect(abs(thrower.optimizerSeconds - 6) < 1e-12 && abs(thrower.wallSeconds - 60) < 1e-12)
    }
}
