import Foundation
import Testing
import Tunebench

/// A real `tunebench run` process killed with SIGKILL at random points and resumed each time ends with the results of
/// an uninterrupted run: the same bytes in every derived file, the same run files (but for wall-clock timings), no
/// duplicate, partial or missing run file, no temporary file left.
@Suite(.serialized) struct KillResumeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var experiment: String
        var kills: Int
        var testDescription: String { name }
    }

    static let cases = [
        // Many short runs of several optimizers: kills land between runs, inside run files and in the aggregation.
        Case(
            name: "many-runs",
            experiment: #"""
                {"name": "kill-many", "seed": 11, "repetitions": 4, "budget": 40,
                 "optimizers": ["random", "sobol", "tpe", "cmaes"],
                 "problems": ["branin", "hartmann3", {"name": "rosenbrock", "options": {"dimension": 4}}]}
                """#, kills: 8),
        // Two long runs whose trials pass through a scratch file (a run file of more than 4 MB): kills land while
        // trials are spilled and while the run file is assembled from them.
        Case(
            name: "long-runs",
            experiment: #"""
                {"name": "kill-long", "seed": 12, "repetitions": 2, "budget": 18000,
                 "optimizers": ["random"], "problems": ["hartmann6"]}
                """#, kills: 5),
        // A bbob campaign in small with `improvements` records: long runs whose files keep a few hundred trials.
        Case(
            name: "improvements",
            experiment: #"""
                {"name": "kill-improvements", "seed": 13, "repetitions": 3, "budget": 6000, "budget-per-dimension": true,
                 "record": "improvements", "optimizers": ["random", "cmaes"],
                 "problems": [{"name": "bbob-f01", "options": {"dimension": 5}},
                              {"name": "bbob-f15", "options": {"dimension": 3}}]}
                """#, kills: 6),
        // Observation noise: runs that record each trial's recommendation (the default rule, and the GP's and the
        // forest's own), beside a noiseless problem, and their recommended outputs.
        Case(
            name: "noisy",
            experiment: #"""
                {"name": "kill-noisy", "seed": 14, "repetitions": 3, "budget": 30,
                 "optimizers": ["random", "gp", "forest", "tpe"],
                 "problems": [{"name": "branin", "options": {"noise": 2.0}},
                              {"name": "hartmann3", "options": {"noise": 0.1}}, "sphere"]}
                """#, kills: 6),
        // Simulated parallel workers with lognormal durations and a time budget: run files in completion order, the
        // curves over simulated time.
        Case(
            name: "workers",
            experiment: #"""
                {"name": "kill-workers", "seed": 15, "repetitions": 3, "budget": 300, "workers": 16,
                 "time-budget": 20, "optimizers": ["random", "tpe", "asha"],
                 "problems": [{"name": "hartmann6", "options": {"duration": "lognormal"}},
                              {"name": "logreg", "options": {"samples": 200}}]}
                """#, kills: 6),
    ]

    /// Starts `tunebench run` and returns the process.
    static func start(_ experiment: URL, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.productsFolder.appendingPathComponent("tunebench")
        process.arguments = ["run", experiment.path, "--output", output.path, "--jobs", "2", "--quiet", "--no-report"]
        process.currentDirectoryURL = experiment.deletingLastPathComponent()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(arguments: cases)
    func killedAndResumedRunsEndAsAnUninterruptedOne(_ testCase: Case) throws {
        let root = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let experiment = root.appendingPathComponent("experiment.json")
        try Data(testCase.experiment.utf8).write(to: experiment)

        let reference = root.appendingPathComponent("reference")
        let clock = ContinuousClock()
        let start = clock.now
        let uninterrupted = try Self.start(experiment, output: reference)
        uninterrupted.waitUntilExit()
        let uninterruptedDuration = (clock.now - start).inSeconds
        var duration = uninterruptedDuration  // what the kills are aimed by
        #expect(uninterrupted.terminationStatus == 0)
        let expectedRuns = try ResultFolderChecks.runRecords(reference)

        let resumed = root.appendingPathComponent("resumed")
        var generator = Xoshiro256StarStar(seed: 20261124)
        var interrupted = 0
        var kill = 0
        // Until `kills` kills have landed in a run (at most three times as many tries): a kill that comes after the
        // run has ended, because the machine sped up since the reference was timed, does not count.
        while interrupted < testCase.kills && kill < 3 * testCase.kills {
            defer { kill += 1 }
            // Aim inside what is left: the fraction of runs without a file, of the uninterrupted duration.
            let done = (try? ResultFolderChecks.runRecords(resumed).count) ?? 0
            let left = max(0.25, 1 - Double(done) / Double(expectedRuns.count))
            let delay = duration * left * Double.random(in: 0.05...1, using: &generator)
            let launched = clock.now
            let process = try Self.start(experiment, output: resumed)
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                Foundation.kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            // Whatever the moment, every visible run file is complete and belongs to the plan.
            let records = try ResultFolderChecks.runRecords(resumed)
            for (path, record) in records {
                #expect(expectedRuns[path] == record, "kill \(kill): \(path) differs from the uninterrupted run's")
            }
            if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL {
                interrupted += 1
            } else {
                // The run ended before the kill (the machine sped up since the reference was timed): its folder
                // must be the reference's, and it is started afresh so that the next kills have a run to hit, aimed
                // by the faster time (what this launch took, for the share of the work it had left).
                duration = min(duration, (clock.now - launched).inSeconds / left)
                #expect(process.terminationStatus == 0, "kill \(kill): the run that ended first failed")
                #expect(try ResultFolderChecks.deterministicFiles(resumed) == ResultFolderChecks.deterministicFiles(reference))
                #expect(records == expectedRuns)
                try FileManager.default.removeItem(at: resumed)
            }
        }
        print("\(testCase.name): \(interrupted) of \(kill) kills interrupted the run (uninterrupted: \(uninterruptedDuration) s)")
        #expect(interrupted >= testCase.kills / 2, "too few kills landed while the run was going on")

        let final = try Self.start(experiment, output: resumed)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        #expect(try ResultFolderChecks.deterministicFiles(resumed) == ResultFolderChecks.deterministicFiles(reference))
        let records = try ResultFolderChecks.runRecords(resumed)
        #expect(records.keys.sorted() == expectedRuns.keys.sorted())  // no run missing, none extra
        #expect(records == expectedRuns)
        #expect(ResultFolderChecks.hiddenFiles(resumed) == [])
    }
}
