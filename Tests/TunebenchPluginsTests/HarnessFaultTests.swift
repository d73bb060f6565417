import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// A plugin that misbehaves fails its own run with a clear reason; the other runs go on, and no process is left.
@Suite(.python())
struct HarnessFaultTests {
    /// Runs random search and one broken solver (three repetitions each) on a small problem, and returns the
    /// summary; checks that no plugin process outlives the runs (each command carries a unique token to find them;
    /// reaping is checked by `ChildProcessTests`).
    private func run(solverMode: String, problem: EntrySpec = EntrySpec("branin"), timeout: Double = 10) throws -> Aggregate {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = "token-\(UUID().uuidString)"
        let command = "python3 \(PluginFixtures.fixtures.appendingPathComponent("broken_solver.py").path) \(solverMode) \(token)"
        let experiment = Experiment(
            name: "faults", repetitions: 3, budget: 6,
            optimizers: [
                EntrySpec("random"),
                EntrySpec("external", label: "plugin", options: ["command": .string(command), "timeout": .real(timeout)]),
            ],
            problems: [problem])
        let outcome = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()
        // The token is in the command line of the plugin and of any child it starts (the orphan mode).
        let survivors = PluginFixtures.survivors(containing: token)
        #expect(survivors.isEmpty, "plugin processes outlived their run: \(survivors)")
        return outcome.aggregate
    }

    @Test(arguments: [
        ("crash", "exited with status 1 during ASK_CALL for trial 2; the end of its standard error:"),
        // Whether the harness's CREATE_SOLVER_CAST meets the exit or lands in the pipe first, the reason is the same.
        ("exit", "exited with status 0 during ASK_CALL for trial 0 (its standard error is empty)"),
        ("partial", #"wrote a partial line (38 bytes without a newline) and then closed its output: '{"type": "ASK_REPLY""#),
        ("garbage", "wrote a line that is not JSON"),
        ("wrong-id", "ASK_REPLY proposes trial id 7; expected 2"),
        ("outside", "it suggested x1 = 1000000000.0, outside [-5.0, 10.0]"),
        ("nan", "it suggested NaN for 'x1'"),
    ])
    func brokenSolverFailsItsRunsOnly(mode: String, reason: String) throws {
        let summary = try run(solverMode: mode)
        #expect(summary.complete == 3 && summary.failed == 3, "\(summary.failures)")
        #expect(summary.failures.allSatisfy { $0.optimizer == "plugin" && $0.reason.contains(reason) }, "\(summary.failures.first?.reason ?? "")")
        if mode == "crash" {
            #expect(summary.failures[0].reason.contains("RuntimeError: deliberate crash on the third ask"))
        }
    }

    @Test func hangingSolverTimesOut() throws {
        let clock = ContinuousClock()
        let start = clock.now
        // The timeout leaves room for the interpreter to start on a loaded machine (the replies before the hang
        // must come within it too); the bound on the whole shows that no one waits for the hour-long sleep.
        let summary = try run(solverMode: "hang", timeout: 5)
        #expect(summary.failed == 3)
        #expect(summary.failures.allSatisfy { $0.reason.contains("did not answer within 5 s during ASK_CALL for trial 2") })
        #expect(clock.now - start < .seconds(90))
    }

    @Test func chattyIgnoringAndForkingSolversStillWorkAndLeaveNothing() throws {
        for mode in ["chatty", "ignore-eof", "ignore-term", "orphan"] {
            let summary = try run(solverMode: mode)
            #expect(summary.failed == 0 && summary.complete == 6, "\(mode): \(summary.failures)")
        }
    }

    @Test(arguments: [
        ("nan", "it returned NaN as the objective value"),
        ("crash", "exited with status 3 during EVALUATE_CALL for evaluator 1"),
    ])
    func brokenProblemFailsItsRuns(mode: String, reason: String) throws {
        let command = "python3 \(PluginFixtures.fixtures.appendingPathComponent("broken_problem.py").path) \(mode)"
        let summary = try run(solverMode: "valid", problem: EntrySpec("external", label: "problem", options: ["command": .string(command)]))
        #expect(summary.failed == 6 && summary.failures.allSatisfy { $0.reason.contains(reason) }, "\(summary.failures.first?.reason ?? "")")
    }

    @Test func unevaluableAndEmptyValuesFailOnlyTheirTrial() throws {
        for mode in ["unevaluable", "empty"] {
            let folder = PluginFixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let command = "python3 \(PluginFixtures.fixtures.appendingPathComponent("broken_problem.py").path) \(mode)"
            let experiment = Experiment(
                name: "trial-faults", repetitions: 1, budget: 4, optimizers: [EntrySpec("random")],
                problems: [EntrySpec("external", label: "problem", options: ["command": .string(command)])])
            let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
            #expect(outcome.aggregate.complete == 1)
            let record = try #require(try ResultStore(directory: folder).read(Plan(experiment).runs[0]))
            #expect(record.trials.map(\.status) == [.ok, .failed, .ok, .ok])
            #expect(record.optimum == 0 && record.problemMetadata["problem"] == "sphere-\(mode)")
        }
    }

    /// A problem plugin's constraints (the Tunebench extension: `attrs.constraints`, `constraint_values`) reach the
    /// record and make regret feasible regret; another number of values fails the run; a count that is not a number
    /// is refused before any run.
    @Test func pluginProblemsReportConstraints() throws {
        func command(_ mode: String) -> String {
            "python3 \(PluginFixtures.fixtures.appendingPathComponent("broken_problem.py").path) \(mode)"
        }
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "plugin-constraints", repetitions: 1, budget: 6, optimizers: [EntrySpec("random")],
            problems: [EntrySpec("external", label: "problem", options: ["command": .string(command("constrained"))])])
        let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(outcome.aggregate.complete == 1 && outcome.aggregate.problems.first?.constrained == true)
        let record = try #require(try ResultStore(directory: folder).read(Plan(experiment).runs[0]))
        #expect(record.constraintCount == 1 && record.optimum == 0.04)
        for trial in record.trials {
            guard case .number(let x1)? = trial.configuration[0] else { continue }
            #expect(trial.constraints == [0.5 - x1])
        }
        let miscounted = try run(solverMode: "valid", problem: EntrySpec("external", label: "problem", options: ["command": .string(command("miscounted"))]))
        #expect(miscounted.failed == 6 && miscounted.failures.allSatisfy { $0.reason.contains("reported 2 constraint values for trial 1, but declares 1") }, "\(miscounted.failures.first?.reason ?? "")")
        // Refused before any run, naming the problem entry and the attribute.
        do {
            _ = try run(solverMode: "valid", problem: EntrySpec("external", label: "problem", options: ["command": .string(command("badcount"))]))
            Issue.record("expected an error for attrs.constraints 'two'")
        } catch {
            #expect("\(error)".contains("attrs.constraints of its spec is 'two', not a number of constraints"), "\(error)")
        }
    }

    @Test func missingCommandsAndProgramsAreClearErrors() throws {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (command, message) in [
            ("", "needs its 'command' option"),
            ("no-such-program-xyz --flag", "no-such-program-xyz --flag: No such file or directory"),
        ] {
            let experiment = Experiment(
                name: "missing", repetitions: 1, budget: 2,
                optimizers: [EntrySpec("external", label: "plugin", options: ["command": .string(command)])],
                problems: [EntrySpec("branin")])
            do {
                _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
                Issue.record("expected an error for '\(command)'")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}
