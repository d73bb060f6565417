import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// Solvers and problems written only with the `kurobako` Python package, with no Tunebench code, run unchanged.
@Suite(.python(.kurobako, .lupa))
struct KurobakoCompatibilityTests {
    @Test func kurobakoSolverAndProblemPassThePluginCheck() {
        for script in ["kurobako_random_solver.py", "kurobako_quadratic_problem.py"] {
            let items = PluginCheck.run(PluginFixtures.python(script))
            #expect(items.count >= 4 && items.allSatisfy(\.passed), "\(script): \(items.filter { !$0.passed })")
        }
    }

    @Test func kurobakoSolverAndProblemRunInAnExperiment() throws {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let solver = "python3 \(PluginFixtures.fixtures.appendingPathComponent("kurobako_random_solver.py").path)"
        let problem = "python3 \(PluginFixtures.fixtures.appendingPathComponent("kurobako_quadratic_problem.py").path)"
        let experiment = Experiment(
            name: "kurobako", seed: 3, repetitions: 2, budget: 15,
            optimizers: [EntrySpec("random"), EntrySpec("external", label: "kurobako-random", options: ["command": .string(solver)])],
            problems: [EntrySpec("branin"), EntrySpec("external", label: "kq", options: ["command": .string(problem)])])
        let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 1)).run()
        #expect(outcome.aggregate.failed == 0 && outcome.aggregate.complete == 8, "\(outcome.aggregate.failures)")
        let record = try #require(try ResultStore(directory: folder).read(Plan(experiment).runs[7]))
        #expect(record.optimizerMetadata["solver"] == "kurobako-random" && record.problemMetadata["problem"] == "kurobako-quadratic")
        #expect(record.optimum == 0 && record.parameters == ["x", "n", "kind"])
        // The same experiment again, with other --jobs, gives the same bytes: the seeds reach the plugins.
        let again = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: again) }
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: again, options: RunOptions(jobs: 3)).run()
        for file in ["evaluations.csv", "summary.json", "curves/kq.csv"] {
            #expect(try Data(contentsOf: folder.appendingPathComponent(file)) == Data(contentsOf: again.appendingPathComponent(file)))
        }
    }

    /// A kurobako problem of two objectives with a `reference_point` runs as a multi-objective problem: its values are
    /// the objectives, its reference point the hypervolume's, and the runs' metric the negated hypervolume (no front
    /// volume is declared). Random search and NSGA-II run on it; the best of each run is the negated hypervolume of its
    /// points, recomputed here from the run file.
    @Test func aKurobakoProblemOfTwoObjectivesRuns() throws {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = PluginFixtures.fixtures.appendingPathComponent("kurobako_biobjective_problem.py")
        let problem = "python3 \(script.path)"
        let experiment = Experiment(
            name: "kurobako-mo", seed: 3, repetitions: 1, budget: 12,
            optimizers: [EntrySpec("random"), EntrySpec("nsga2", options: ["population": .integer(4)])],
            problems: [EntrySpec("external", label: "kb", options: ["command": .string(problem)])])
        let outcome = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 1)
        ).run()
        #expect(outcome.aggregate.failed == 0 && outcome.aggregate.complete == 2, "\(outcome.aggregate.failures)")
        let summary = try #require(outcome.aggregate.problems.first)
        #expect(summary.referencePoint == [1, 1] && summary.optimum == nil && summary.metric == "best value")
        for (index, run) in Plan(experiment).runs.enumerated() {
            let record = try #require(try ResultStore(directory: folder).read(run))
            #expect(record.format == 5 && record.paretoReference == ParetoReference(point: [1, 1], hypervolume: nil))
            let points = try record.trials.map { try #require($0.objectives) }
            #expect(points.count == 12 && points.allSatisfy { $0.count == 2 })
            let final = try #require(summary.optimizers[index].finalMedian)
            #expect(abs(final + Hypervolume.exact(points, reference: [1, 1])) < 1e-12)
        }
        // Without a reference point, a problem of several objectives is refused with the reason.
        let text = #"{"name":"p","params_domain":[{"name":"x","range":{"type":"CONTINUOUS","low":0,"high":1},"#
            + #""distribution":"UNIFORM"}],"values_domain":[{"name":"a"},{"name":"b"}],"steps":1}"#
        let spec = try ProblemSpecification(json: try JSONValue.parse(Array(text.utf8))) { reason in
            PluginError.unsupportedSpec(plugin: "p", reason: reason)
        }
        #expect(throws: PluginError.self) { _ = try spec.searchSpace(plugin: "p") }
    }

    /// A solver that declares kurobako's `CONCURRENT` capability is asked while trials are pending: on 4 simulated
    /// workers with one-second evaluations, 4 trials start at time 0 and every batch of 4 at the next second, and the
    /// random solver, which does not read its tells, suggests the same configurations as on one worker.
    @Test func aConcurrentKurobakoSolverIsAskedWhileTrialsArePending() throws {
        let solver = "python3 \(PluginFixtures.fixtures.appendingPathComponent("kurobako_random_solver.py").path)"
        func run(workers: Int) throws -> RunRecord {
            let folder = PluginFixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let experiment = Experiment(
                name: "kurobako-workers", seed: 3, repetitions: 1, budget: 12,
                workers: WorkerSettings(workers: workers, timeBudget: 100),
                optimizers: [EntrySpec("external", label: "kurobako-random", options: ["command": .string(solver)])],
                problems: [EntrySpec("branin")])
            let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
            #expect(outcome.aggregate.complete == 1, "\(outcome.aggregate.failures)")
            return try #require(try ResultStore(directory: folder).read(Plan(experiment).runs[0]))
        }
        let parallel = try run(workers: 4)
        let sequential = try run(workers: 1)
        #expect(parallel.trials.map { $0.simulated!.start } == (0..<12).map { Double($0 / 4) })
        #expect(sequential.trials.map { $0.simulated!.start } == (0..<12).map(Double.init))
        let byNumber = parallel.trials.sorted { $0.number < $1.number }
        #expect(byNumber.map(\.configuration) == sequential.trials.map(\.configuration))
    }

    /// A kurobako problem's steps become fidelity levels (cost: the step's share of the last), Hyperband's levels reach
    /// it as `next_step`, and the run records each trial's level; only last-step values count as the best.
    @Test func kurobakoStepsAreFidelityLevelsBothWays() throws {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = "python3 \(PluginFixtures.fixtures.appendingPathComponent("kurobako_stepped_problem.py").path)"
        let experiment = Experiment(
            name: "stepped", seed: 1, repetitions: 1, budget: 20, optimizers: [EntrySpec("hyperband")],
            problems: [EntrySpec("external", label: "stepped", options: ["command": .string(problem)])])
        let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(outcome.aggregate.complete == 1, "\(outcome.aggregate.failures)")
        let record = try #require(try ResultStore(directory: folder).read(Plan(experiment).runs[0]))
        #expect(record.fidelities == [Fidelity(steps: 1, cost: 1.0 / 9), Fidelity(steps: 3, cost: 1.0 / 3), Fidelity(steps: 9, cost: 1)])
        // Hyperband's first bracket with three levels: 9 at step 1, 3 at step 3, 1 at step 9, then 5 + 1 ...
        #expect(record.trials.prefix(13).map(\.fidelity) == Array(repeating: 0, count: 9) + [1, 1, 1, 2])
        for trial in record.trials {
            guard case .number(let x)? = trial.configuration[0], let value = trial.value, let level = trial.fidelity else {
                Issue.record("trial \(trial.number) is incomplete")
                continue
            }
            let step = Double(record.fidelities[level].steps)
            #expect(abs(value - ((x - 0.25) * (x - 0.25) + 1 / step)) < 1e-12)
            #expect(abs(trial.cost - step / 9) < 1e-15)
        }
        let best = record.trials.filter { $0.fidelity == 2 }.compactMap(\.value).min()!
        #expect(outcome.aggregate.problems[0].optimizers[0].finalMedian == best)
    }

    @Test func solversLackingACapabilityAreRefusedBeforeAnyRun() throws {
        let folder = PluginFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let solver = "python3 \(PluginFixtures.fixtures.appendingPathComponent("kurobako_random_solver.py").path)"
        let experiment = Experiment(
            name: "refused", repetitions: 1, budget: 5,
            optimizers: [EntrySpec("external", label: "kurobako-random", options: ["command": .string(solver)])],
            problems: [EntrySpec("branin"), EntrySpec("shifted-choice")])
        let error = #expect(throws: RunnerError.self) {
            try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("cannot run on problem 'shifted-choice': it does not support LOG_UNIFORM_DISCRETE"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs").path))
    }
}
