import Foundation
import Testing
import TunebenchCore
import TunebenchRunner
import Tunebench

struct RunExecutionTests {
    private func execute(optimizer: String, problem: EntrySpec, budget: Int = 10) -> RunRecord {
        let experiment = Experiment(
            name: "t", repetitions: 1, budget: budget, optimizers: [EntrySpec(optimizer)], problems: [problem])
        let run = Plan(experiment).runs[0]
        return RunExecutor(registry: Fixtures.registry, experiment: experiment).execute(run)
    }

    @Test func completeRunRecordsEveryTrial() {
        let record = execute(optimizer: "scripted", problem: EntrySpec("identity"))
        #expect(record.status == .complete && record.failure == nil)
        #expect(record.trials.map(\.value) == [0.9, 0.5, 0.7, 0.1])  // stopped early: the script has 4 values
        #expect(record.trials.map(\.number) == [0, 1, 2, 3])
        #expect(record.trials[0].configuration == [.number(0.9)] && record.parameters == ["x"])
        #expect(record.optimum == 0 && record.budget == 10)
        #expect(record.trials.allSatisfy { $0.askSeconds >= 0 && $0.evaluationSeconds >= 0 && $0.tellSeconds >= 0 })
    }

    /// A run reports the fraction of its evaluation budget it has used each time that passes another thousandth.
    @Test(arguments: [(10, 10), (2500, 1000)])
    func progressReportsEachThousandthOfTheBudget(budget: Int, calls: Int) {
        let experiment = Experiment(
            name: "t", repetitions: 1, budget: budget, optimizers: [EntrySpec("random")], problems: [EntrySpec("branin")])
        var collector = TrialCollector()
        var fractions: [Double] = []
        let record = RunExecutor(registry: .builtin, experiment: experiment).execute(
            Plan(experiment).runs[0], into: &collector) { fractions.append($0) }
        #expect(record.status == .complete)
        #expect(fractions.count == calls && fractions.last == 1)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { Int($0 * 1000) < Int($1 * 1000) })
        if budget == 10 { #expect(fractions == (1...10).map { Double($0) / 10 }) }
    }

    /// With a cost budget the fraction is the larger of evaluations over the evaluation budget and cost over the
    /// cost budget: the ladder spends 1/9, 1/3 and 1 of a budget of 1.5, whose evaluation budget is 13 (the
    /// cheapest level costs 1/9), and stops before a fourth evaluation that does not fit.
    @Test func progressWithACostBudgetCountsTheCost() {
        let experiment = Experiment(
            name: "t", repetitions: 1, budget: 100, costBudget: 1.5, optimizers: [EntrySpec("ladder")],
            problems: [EntrySpec("levels")])
        var collector = TrialCollector()
        var fractions: [Double] = []
        let record = RunExecutor(registry: Fixtures.registry, experiment: experiment).execute(
            Plan(experiment).runs[0], into: &collector) { fractions.append($0) }
        #expect(record.status == .complete && collector.trials.count == 3)
        let expected = [1.0 / 13, (1.0 / 9 + 1.0 / 3) / 1.5, (1.0 / 9 + 1.0 / 3 + 1) / 1.5]
        #expect(fractions.count == 3 && zip(fractions, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(fractions)")
    }

    @Test func budgetCapsTheRun() {
        #expect(execute(optimizer: "scripted", problem: EntrySpec("identity"), budget: 2).trials.count == 2)
    }

    @Test func nonFiniteValueFailsOnlyItsTrial() {
        let record = execute(optimizer: "scripted", problem: EntrySpec("faulty", options: ["at": .integer(2)]))
        #expect(record.status == .complete)
        #expect(record.trials.map(\.status) == [.ok, .failed, .ok, .ok])
        #expect(record.trials[1].value == nil && record.trials[1].failure == "the objective returned nan")
    }

    @Test func throwingProblemFailsTheRunAndKeepsEarlierTrials() {
        let record = execute(
            optimizer: "scripted", problem: EntrySpec("faulty", options: ["at": .integer(3), "fault": .string("error")]))
        #expect(record.status == .failed)
        #expect(record.trials.count == 2)
        #expect(record.failure?.hasPrefix("evaluate (trial 2) failed:") == true)
        #expect(record.failure?.contains("broke on purpose") == true)
    }

    @Test func throwingOptimizerFailsTheRun() {
        let record = execute(optimizer: "thrower", problem: EntrySpec("identity"))
        #expect(record.status == .failed && record.trials.count == 2)
        #expect(record.failure?.hasPrefix("ask (trial 2) failed:") == true)
    }

    /// The runner hands a problem's gradient to an optimizer that asks for it: with analytic gradients L-BFGS-B
    /// solves Rosenbrock-5 to rounding in 300 evaluations, which forward differences (6 evaluations a point) do not.
    @Test func gradientsReachTheOptimizer() {
        let experiment = Experiment(
            name: "t", repetitions: 1, budget: 300, optimizers: [EntrySpec("lbfgsb")],
            problems: [EntrySpec("rosenbrock", options: ["dimension": .integer(5)])])
        let record = RunExecutor(registry: .builtin, experiment: experiment).execute(Plan(experiment).runs[0])
        #expect(record.status == .complete && record.trials.count == 300)
        #expect(record.optimizerMetadata["gradients"] == "analytic")
        let best = record.trials.compactMap(\.value).min() ?? .infinity
        #expect(best < 1e-12, "best \(best)")
    }

    @Test func suggestionOutsideTheSpaceFailsTheRun() {
        let record = execute(optimizer: "outside", problem: EntrySpec("identity"))
        #expect(record.status == .failed && record.trials.count == 1)
        #expect(record.failure?.contains("outside the space") == true)
        #expect(record.failure?.contains("value 2.0 is outside [0.0, 1.0]") == true)
    }
}

struct ExperimentRunnerTests {
    @Test func failedRunsAreRecordedAndTheOthersGoOn() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "mixed", repetitions: 2, budget: 4, optimizers: [EntrySpec("scripted"), EntrySpec("thrower")],
            problems: [EntrySpec("identity")])
        let outcome = try ExperimentRunner(
            registry: Fixtures.registry, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()
        #expect(outcome.executed == 4 && outcome.failedNow == 2)
        #expect(outcome.aggregate.complete == 2 && outcome.aggregate.failed == 2 && outcome.aggregate.missing == 0)
        #expect(outcome.aggregate.failures.map(\.optimizer) == ["thrower", "thrower"])
        #expect(outcome.aggregate.failures.allSatisfy { $0.reason.contains("broke on purpose") })
        let scripted = outcome.aggregate.problems[0].optimizers[0]
        #expect(scripted.runs == 2 && scripted.finalMedian == 0.1 && scripted.best)
        #expect(outcome.aggregate.problems[0].optimizers[1].runs == 0)
        #expect(outcome.aggregate.problems[0].optimizers[1].failedRuns == 2)
    }

    @Test func evaluationsAndCurvesHoldTheBestSoFar() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "csv", repetitions: 1, budget: 5, optimizers: [EntrySpec("scripted")],
            problems: [EntrySpec("faulty", label: "f", options: ["at": .integer(1)])])
        _ = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        let evaluations = try String(contentsOf: folder.appendingPathComponent("evaluations.csv"), encoding: .utf8)
        #expect(
            evaluations == """
                problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost
                f,scripted,0,1,,inf,inf,,1.0
                f,scripted,0,2,0.5,0.5,0.5,,2.0
                f,scripted,0,3,0.7,0.5,0.5,,3.0
                f,scripted,0,4,0.1,0.1,0.1,,4.0

                """)
        let curve = try String(contentsOf: folder.appendingPathComponent("curves/f.csv"), encoding: .utf8)
        #expect(
            curve == """
                optimizer,evaluation,runs,median,q25,q75,mean
                scripted,1,1,inf,inf,inf,inf
                scripted,2,1,0.5,0.5,0.5,0.5
                scripted,3,1,0.5,0.5,0.5,0.5
                scripted,4,1,0.1,0.1,0.1,0.1
                scripted,5,1,0.1,0.1,0.1,0.1

                """)
    }

    @Test func badEntriesFailBeforeAnyRun() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        struct Picky: Optimizer {
            init(context: OptimizerContext) throws {
                throw CoreError.invalidConfiguration(reason: "cannot start")
            }
            mutating func ask() -> Suggestion? { nil }
            mutating func tell(_ observation: Observation) {}
        }
        var registry = Fixtures.registry
        try registry.register(OptimizerEntry(name: "picky", summary: "refuses") { try Picky(context: $0) })
        let experiment = Experiment(
            name: "bad", repetitions: 1, budget: 3, optimizers: [EntrySpec("scripted"), EntrySpec("picky")],
            problems: [EntrySpec("identity")])
        #expect(
            throws: RunnerError.unusableEntry(
                field: "optimizers[1]", label: "picky",
                reason: "on problem 'identity': invalid configuration: cannot start")
        ) {
            try ExperimentRunner(registry: registry, experiment: experiment, output: folder).run()
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs").path))
        var duplicated = experiment
        duplicated.optimizers = [EntrySpec("scripted"), EntrySpec("scripted")]
        #expect(throws: RunnerError.unusableEntry(field: "optimizers[1]", label: "scripted", reason: "the label is used twice")) {
            try ExperimentRunner(registry: registry, experiment: duplicated, output: folder).run()
        }
        var empty = experiment
        empty.problems = []
        #expect(throws: RunnerError.unusableEntry(field: "problems", label: "", reason: "the experiment lists none")) {
            try ExperimentRunner(registry: registry, experiment: empty, output: folder).run()
        }
    }
}
