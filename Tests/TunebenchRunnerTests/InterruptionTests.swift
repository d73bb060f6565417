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
    }
}
