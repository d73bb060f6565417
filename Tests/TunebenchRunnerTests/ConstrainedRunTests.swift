import Foundation
import Testing
import Tunebench

/// A problem with one constraint, `c(x) = 0.5 - x <= 0` (feasible for x >= 0.5), and f(x) = x: the constrained
/// optimum is 0.5 while the unconstrained values go down to 0. `broken` reports a NaN constraint at x = 0.7 and
/// `miscounted` two values for one constraint at x = 0.9.
struct HalfLine: Problem {
    enum Defect: String { case none, broken, miscounted }
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var defect = Defect.none
    var optimum: Double? { 0.5 }
    var constraintCount: Int { 1 }
    mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        let x = configuration.real(0)
        if defect == .broken && x == 0.7 { return Evaluation(value: x, constraints: [.nan]) }
        if defect == .miscounted && x == 0.9 { return Evaluation(value: x, constraints: [0, 0]) }
        return Evaluation(value: x, constraints: [0.5 - x])
    }
}

struct ConstrainedRunTests {
    static let registry: Registry = {
        var registry = Registry.builtin
        try! registry.register(
            ProblemEntry(
                name: "half-line", summary: "f(x) = x subject to x >= 0.5",
                options: [OptionSpec("defect", .choice(["none", "broken", "miscounted"]), default: .string("none"), summary: "")]
            ) { HalfLine(defect: .init(rawValue: $0.options.string("defect"))!) })
        // Refuses to be built without the problem's constraint count in its context.
        try! registry.register(
            OptimizerEntry(name: "sequence", summary: "0.3, 0.8, 0.7, 0.2, 0.6, 0.9") { context in
                guard context.constraintCount == 1 else {
                    throw CoreError.invalidConfiguration(reason: "constraintCount \(context.constraintCount)")
                }
                return Scripted(values: [0.3, 0.8, 0.7, 0.2, 0.6, 0.9])
            })
        return registry
    }()

    func execute(_ problem: EntrySpec, _ optimizer: String = "sequence", recording: TrialRecording = .all) -> RunRecord {
        var experiment = Experiment(
            name: "constrained", seed: 3, repetitions: 1, budget: 6, optimizers: [EntrySpec(optimizer)],
            problems: [problem])
        experiment.recording = recording
        return RunExecutor(registry: Self.registry, experiment: experiment).execute(Plan(experiment).runs[0])
    }

    /// Infeasible trials are recorded with their values and constraints but never count towards the best value; the
    /// record is format 3 and reads back the same.
    @Test func onlyFeasibleTrialsCount() throws {
        let record = execute(EntrySpec("half-line"))
        #expect(record.status == .complete)
        #expect(record.constraintCount == 1)
        #expect(record.trials.map(\.value) == [0.3, 0.8, 0.7, 0.2, 0.6, 0.9])
        #expect(record.trials.map(\.isFeasible) == [false, true, true, false, true, true])
        #expect(record.trials.compactMap(record.countedValue) == [0.8, 0.7, 0.6, 0.9])
        let bytes = record.jsonBytes()
        #expect(String(decoding: bytes.prefix(12), as: UTF8.self) == #"{"format":3,"#)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""constraints":[0.2],"#))
        let read = try RunRecord(json: bytes)
        #expect(read.format == 3)
        #expect(read.untimed == record.untimed)
    }

    /// A constraint value that is not finite fails its trial; another number of values than declared fails the run.
    @Test func brokenConstraintsFailTheTrialAndMiscountedOnesTheRun() {
        let broken = execute(EntrySpec("half-line", options: ["defect": .string("broken")]))
        #expect(broken.status == .complete)
        #expect(broken.trials[2].status == .failed && broken.trials[2].value == nil)
        #expect(broken.trials[2].failure == "constraint 1 returned nan")
        #expect(broken.trials[2].constraints == nil)
        let miscounted = execute(EntrySpec("half-line", options: ["defect": .string("miscounted")]))
        #expect(miscounted.status == .failed)
        #expect(miscounted.trials.count == 5)
        #expect(
            miscounted.failure == "the problem reported 2 constraint values for trial 5, but declares 1")
    }

    /// The optimizer's context gives the number of constraints (the `sequence` entry refuses to be built otherwise, and
    /// the runs above complete), and an observation carries the constraint values; an infeasible observation has no `finiteValue` (optimizers that
    /// ignore constraints rank it with the failures) but keeps its `objectiveValue`.
    @Test func optimizersAreToldTheConstraints() throws {
        var problem = HalfLine()
        var optimizer = Scripted(values: [0.3, 0.8])
        let context = OptimizerContext(
            space: problem.space, seed: 1, budget: 2, constraintCount: problem.constraintCount)
        #expect(context.constraintCount == 1)
        var observations: [Observation] = []
        while let suggestion = try optimizer.ask() {
            let evaluation = problem.evaluate(suggestion.configuration)
            let observation = Observation(suggestion, value: evaluation.value, constraints: evaluation.constraints)
            observations.append(observation)
            optimizer.tell(observation)
        }
        #expect(observations.map(\.finiteValue) == [nil, 0.8])
        #expect(observations.map(\.objectiveValue) == [0.3, 0.8])
        #expect(observations.map(\.isFeasible) == [false, true])
    }

    /// Feasible regret in every output: the best column of evaluations.csv, the traces, the finals, and the counts of
    /// infeasible trials and of runs without a feasible one in summary.json.
    @Test func aggregatesGiveFeasibleRegretAndInfeasibleCounts() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "constrained-aggregate", seed: 3, repetitions: 2, budget: 6,
            optimizers: [EntrySpec("sequence")], problems: [EntrySpec("half-line")])
        let outcome = try ExperimentRunner(registry: Self.registry, experiment: experiment, output: folder).run()
        let problem = try #require(outcome.aggregate.problems.first)
        #expect(problem.constrained == true)
        let summary = try #require(problem.optimizers.first)
        #expect(summary.trials == 12)
        #expect(summary.infeasibleTrials == 4)
        #expect(summary.infeasibleRuns == 0)
        #expect(summary.failedTrials == nil)
        // The best feasible value is 0.6, feasible regret 0.1 (the unconstrained best, 0.2, would give -0.3).
        #expect(abs(try #require(summary.finalMedian) - 0.1) < 1e-12)
        let rows = try String(contentsOf: folder.appendingPathComponent("evaluations.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().filter { $0.hasPrefix("half-line,sequence,0,") }
        // problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost
        #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[5] } == [
            "inf", "0.8", "0.7", "0.7", "0.6", "0.6",
        ])
    }

    /// A run that finds no feasible point has feasible regret `inf` and counts as an infeasible run.
    @Test func aRunWithoutFeasiblePointsEndsAtInfinity() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var registry = Self.registry
        try registry.register(
            OptimizerEntry(name: "low", summary: "stays below 0.5") { _ in Scripted(values: [0.1, 0.2, 0.3]) })
        let experiment = Experiment(
            name: "constrained-none", seed: 3, repetitions: 1, budget: 3, optimizers: [EntrySpec("low")],
            problems: [EntrySpec("half-line")])
        let outcome = try ExperimentRunner(registry: registry, experiment: experiment, output: folder).run()
        let summary = try #require(outcome.aggregate.problems.first?.optimizers.first)
        #expect(summary.finalMedian == .infinity)
        #expect(summary.infeasibleRuns == 1 && summary.infeasibleTrials == 3)
    }

    /// An `improvements` record selects on the feasible values: the infeasible 0.3 and 0.2 are no improvements.
    @Test func improvementsRecordsSelectFeasibleImprovements() throws {
        let record = execute(EntrySpec("half-line"), recording: .improvements)
        #expect(record.format == 3)
        let kept = record.trials.filter { record.countedValue($0) != nil }.map(\.value)
        #expect(kept.first == 0.8)
        #expect(kept.contains(0.6))
    }
}

/// An unconstrained problem that reports an empty list of constraint values (a plugin may send
/// `"constraint_values": []`): nothing is recorded, and the run file keeps format 1.
struct EmptyConstraintListTests {
    struct Empty: Problem {
        let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
        mutating func evaluate(_ configuration: Configuration) -> Evaluation {
            Evaluation(value: configuration.real(0), constraints: [])
        }
    }

    @Test func anEmptyListOnAnUnconstrainedProblemIsNotRecorded() {
        var registry = ConstrainedRunTests.registry
        try! registry.register(
            ProblemEntry(name: "empty-list", summary: "f(x) = x, constraint_values []") { _ in Empty() })
        let experiment = Experiment(
            name: "empty", seed: 3, repetitions: 1, budget: 3, optimizers: [EntrySpec("random")],
            problems: [EntrySpec("empty-list")])
        let record = RunExecutor(registry: registry, experiment: experiment).execute(Plan(experiment).runs[0])
        #expect(record.status == .complete && record.constraintCount == 0)
        #expect(record.trials.allSatisfy { $0.constraints == nil })
        #expect(String(decoding: record.jsonBytes().prefix(12), as: UTF8.self) == #"{"format":1,"#)
    }
}
