import Foundation
import Testing
import TunebenchCore
import TunebenchRunner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interruption requested while a run is going on: the run fails as a killed plugin would make it fail, yet
/// nothing records that failure, no later run starts, and a rerun ends as an uninterrupted execution.
struct InterruptionTests {
    /// f(x) = x that, at its `at`-th evaluation, requests `interruption` and then throws, as a plugin problem ended by
    /// the signal handler does.
    struct Interrupting: Problem {
        let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
        var optimum: Double? { 0 }
        let interruption: Interruption?
        let at: Int
        var count = 0
        mutating func evaluate(_ configuration: Configuration) throws -> Evaluation {
            count += 1
            if count == at, let interruption {
                interruption.request(signal: SIGTERM)
                throw CoreError.invalidConfiguration(reason: "the plugin was killed by signal 15 (SIGTERM)")
            }
            return Evaluation(value: configuration.real(0))
        }
    }

    /// f(x) = x, one millisecond an evaluation: a run of many evaluations is still going on when another requests
    /// the interruption.
    struct Slow: Problem {
        let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
        var optimum: Double? { 0 }
        mutating func evaluate(_ configuration: Configuration) -> Evaluation {
            Thread.sleep(forTimeInterval: 0.001)
            return Evaluation(value: configuration.real(0))
        }
    }

    /// Suggests x = 1/2 until the budget is spent.
    struct Endless: Optimizer {
        var left: Int
        mutating func ask() -> Suggestion? {
            guard left > 0 else { return nil }
            left -= 1
            return Suggestion(Configuration([.real(0.5)]))
        }
        mutating func tell(_ observation: Observation) {}
    }

    /// A plugin's failure as the plugins module reports one that a signal ended.
    struct Ended: SignalEndedError, CustomStringConvertible {
        var endingSignal: Int32?
        var description: String { "plugin 'fixture' was killed by signal \(endingSignal ?? 0)" }
    }

    /// f(x) = x that throws `Ended(signal)` at its first evaluation.
    struct EndedBySignal: Problem {
        let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
        var optimum: Double? { 0 }
        let signal: Int32
        mutating func evaluate(_ configuration: Configuration) throws -> Evaluation { throw Ended(endingSignal: signal) }
    }

    let experiment = Experiment(
        name: "interrupt", repetitions: 3, budget: 4, optimizers: [EntrySpec("scripted")],
        problems: [EntrySpec("identity"), EntrySpec("interrupting")])

    /// The fixtures' registry with `interrupting`, whose runs request `interruption` at their third evaluation.
    func registry(_ interruption: Interruption?) -> Registry {
        var registry = Fixtures.registry
        try! registry.register(
            ProblemEntry(name: "interrupting", summary: "requests an interruption") { _ in
                Interrupting(interruption: interruption, at: 3)
            })
        return registry
    }

    @Test func runsInFlightLeaveNoFileAndARerunRedoesThem() throws {
        let reference = Fixtures.temporaryFolder()
        let folder = Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: reference)
            try? FileManager.default.removeItem(at: folder)
        }
        _ = try ExperimentRunner(registry: registry(nil), experiment: experiment, output: reference).run()

        let interruption = Interruption()
        #expect(throws: RunnerError.interrupted(signal: SIGTERM, abandoned: 1)) {
            try ExperimentRunner(
                registry: registry(interruption), experiment: experiment, output: folder,
                options: RunOptions(jobs: 1, interruption: interruption)
            ).run()
        }
        // The plan runs identity's three repetitions, then interrupting's first, which is interrupted.
        let store = ResultStore(directory: folder)
        let runs = Plan(experiment).runs
        #expect(runs.map { store.hasRecord($0) } == [true, true, true, false, false, false])
        #expect(try runs.compactMap { try store.status(of: $0) }.allSatisfy { $0 == .complete })
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
            ($0 as NSString).lastPathComponent.hasPrefix(".")
        }
        #expect(hidden.isEmpty)

        let rerun = try ExperimentRunner(registry: registry(nil), experiment: experiment, output: folder).run()
        #expect(rerun.executed == 3 && rerun.skipped == 3 && rerun.failedNow == 0)
        #expect(try Fixtures.deterministicOutputs(folder) == Fixtures.deterministicOutputs(reference))
    }

    @Test func aRunInFlightOnAnotherThreadStopsBeforeItsNextTrial() throws {
        // Two jobs: the slow run (100,000 evaluations of a millisecond) is going on when the other run requests the
        // interruption at its third evaluation; it must stop at once, not after its budget, and leave no file.
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interruption = Interruption()
        var registry = registry(interruption)
        try registry.register(ProblemEntry(name: "slow", summary: "a millisecond an evaluation") { _ in Slow() })
        try registry.register(OptimizerEntry(name: "endless", summary: "x = 1/2") { Endless(left: $0.budget) })
        let experiment = Experiment(
            name: "interrupt", repetitions: 1, budget: 100_000, optimizers: [EntrySpec("endless")],
            problems: [EntrySpec("slow"), EntrySpec("interrupting")])
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: RunnerError.interrupted(signal: SIGTERM, abandoned: 2)) {
            try ExperimentRunner(
                registry: registry, experiment: experiment, output: folder,
                options: RunOptions(jobs: 2, interruption: interruption)
            ).run()
        }
        #expect(clock.now - start < .seconds(30), "the slow run went on after the request")
        #expect(Plan(experiment).runs.allSatisfy { !ResultStore(directory: folder).hasRecord($0) })
    }

    /// A run whose plugin died of SIGTERM waits for the interruption that the signal may belong to (so the caller
    /// sees it), up to the grace; one that died of another signal does not wait; the wait is not wall time of the run.
    @Test func aRunEndedBySignalWaitsForTheInterruptionItMayBelongTo() throws {
        var registry = Fixtures.registry
        for (name, signal) in [("sigterm", SIGTERM), ("sigsegv", SIGSEGV)] {
            try registry.register(ProblemEntry(name: name, summary: "ended by a signal") { _ in EndedBySignal(signal: signal) })
        }
        func execute(_ problem: String, requestAfter delay: Duration?) -> (RunRecord, Duration, Bool) {
            let experiment = Experiment(
                name: "grace", repetitions: 1, budget: 4, optimizers: [EntrySpec("scripted")], problems: [EntrySpec(problem)])
            var executor = RunExecutor(registry: registry, experiment: experiment)
            executor.signalGrace = .seconds(5)
            let interruption = Interruption()
            if let delay {
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: delay.inSeconds)
                    interruption.request(signal: SIGTERM)
                }
            }
            var sink = TrialCollector()
            let clock = ContinuousClock()
            let start = clock.now
            let record = executor.execute(Plan(experiment).runs[0], into: &sink, stop: { interruption.isRequested })
            return (record, clock.now - start, interruption.isRequested)
        }
        // The request comes 0.1 s after the plugin died: seen, long before the grace ends.
        let (seen, waited, requested) = execute("sigterm", requestAfter: .milliseconds(100))
        #expect(requested && seen.status == .failed)
        #expect(waited >= .milliseconds(100) && waited < .seconds(4), "waited \(waited)")
        #expect(seen.wallSeconds < 0.09, "the wait counted as the run's wall time: \(seen.wallSeconds) s")
        // No request: the whole grace, then the failure stands.
        let (alone, waitedAlone, _) = execute("sigterm", requestAfter: nil)
        #expect(alone.failure?.contains("killed by signal 15") == true && waitedAlone >= .seconds(5))
        // Another signal (a crash) is no interruption's: no wait.
        let (crashed, waitedCrash, _) = execute("sigsegv", requestAfter: nil)
        #expect(crashed.status == .failed && waitedCrash < .seconds(1))
    }

    @Test func anAggregationStopsAtARequestAndKeepsThePreviousOutputs() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: registry(nil), experiment: experiment, output: folder).run()
        let before = try Fixtures.deterministicOutputs(folder)
        let interruption = Interruption()
        interruption.request(signal: SIGINT)
        #expect(throws: RunnerError.interrupted(signal: SIGINT, abandoned: 0)) {
            try Aggregator(experiment: experiment, store: ResultStore(directory: folder), interruption: interruption)
                .aggregate()
        }
        #expect(try Fixtures.deterministicOutputs(folder) == before)
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
            ($0 as NSString).lastPathComponent.hasPrefix(".")
        }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    @Test func aRequestBeforeTheExecutionStartsNoRun() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interruption = Interruption()
        #expect(interruption.request(signal: SIGINT))
        #expect(!interruption.request(signal: SIGTERM), "the first request is kept")
        #expect(throws: RunnerError.interrupted(signal: SIGINT, abandoned: 0)) {
            try ExperimentRunner(
                registry: registry(nil), experiment: experiment, output: folder,
                options: RunOptions(jobs: 2, interruption: interruption)
            ).run()
        }
        #expect(Plan(experiment).runs.allSatisfy { !ResultStore(directory: folder).hasRecord($0) })
        // Nor does --overwrite delete the results already there.
        _ = try ExperimentRunner(registry: registry(nil), experiment: experiment, output: folder).run()
        #expect(throws: RunnerError.interrupted(signal: SIGINT, abandoned: 0)) {
            try ExperimentRunner(
                registry: registry(nil), experiment: experiment, output: folder,
                options: RunOptions(jobs: 2, overwrite: true, interruption: interruption)
            ).run()
        }
        #expect(Plan(experiment).runs.allSatisfy { ResultStore(directory: folder).hasRecord($0) })
    }
}
