import Foundation
import Testing
import Tunebench

/// Two objectives on a line, f(x) = (x, 1 − x) for x in [0, 1]: every point is Pareto-optimal, the reference point
/// is (1, 1) and the front's volume 1/2. `broken` reports a NaN objective at x = 0.7 and `miscounted` three values
/// at x = 0.9.
struct BiLine: Problem {
    enum Defect: String { case none, broken, miscounted }
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var defect = Defect.none
    var objectiveCount: Int { 2 }
    var paretoReference: ParetoReference? { ParetoReference(point: [1, 1], hypervolume: 0.5) }
    mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        let x = configuration.real(0)
        if defect == .broken && x == 0.7 { return Evaluation(value: .nan, objectives: [.nan, 1 - x]) }
        if defect == .miscounted && x == 0.9 { return Evaluation(value: x, objectives: [x, 1 - x, 0]) }
        return Evaluation(value: x, objectives: [x, 1 - x])
    }
}

@Suite struct MultiObjectiveRunTests {
    static let sequence = [0.3, 0.8, 0.7, 0.2, 0.6, 0.9]

    static let registry: Registry = {
        var registry = Registry.builtin
        try! registry.register(
            ProblemEntry(
                name: "bi-line", summary: "f(x) = (x, 1 - x)",
                options: [
                    OptionSpec(
                        "defect", .choice(["none", "broken", "miscounted"]), default: .string("none"), summary: "")
                ]
            ) { BiLine(defect: .init(rawValue: $0.options.string("defect"))!) })
        // Refuses to be built without the problem's objective count in its context.
        try! registry.register(
            OptimizerEntry(
                name: "sequence", summary: "0.3, 0.8, 0.7, 0.2, 0.6, 0.9",
                capabilities: Capabilities.allParameterKinds.union(.multiObjective)
            ) { context in
                guard context.objectiveCount == 2 else {
                    throw CoreError.invalidConfiguration(reason: "objectiveCount \(context.objectiveCount)")
                }
                return Scripted(values: sequence)
            })
        return registry
    }()

    func execute(_ problem: EntrySpec, recording: TrialRecording = .all) -> RunRecord {
        var experiment = Experiment(
            name: "bi", seed: 3, repetitions: 1, budget: 6, optimizers: [EntrySpec("sequence")], problems: [problem])
        experiment.recording = recording
        return RunExecutor(registry: Self.registry, experiment: experiment).execute(Plan(experiment).runs[0])
    }

    /// The record keeps the reference and every trial's objectives, in format 5, and reads back the same; its optimum
    /// is the negated front volume.
    @Test func recordsKeepTheObjectives() throws {
        let record = execute(EntrySpec("bi-line"))
        #expect(record.status == .complete)
        #expect(record.paretoReference == ParetoReference(point: [1, 1], hypervolume: 0.5))
        #expect(record.optimum == -0.5)
        #expect(record.trials.map(\.objectives) == Self.sequence.map { [$0, 1 - $0] })
        let bytes = record.jsonBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"format":5,"#))
        #expect(text.contains(#""objectives":{"reference":[1.0,1.0],"hypervolume":0.5}"#))
        #expect(text.contains(#""objectives":[0.3,0.7],"#))
        let read = try RunRecord(json: bytes)
        #expect(read.untimed == record.untimed)
    }

    /// A non-finite objective fails its trial; another number of values than declared fails the run; a
    /// multi-objective run refuses to keep only improvements.
    @Test func brokenObjectivesFailTheTrialAndMiscountedOnesTheRun() {
        let broken = execute(EntrySpec("bi-line", options: ["defect": .string("broken")]))
        #expect(broken.status == .complete)
        #expect(broken.trials[2].status == .failed && broken.trials[2].objectives == nil)
        #expect(broken.trials[2].failure == "the objective returned nan")
        let miscounted = execute(EntrySpec("bi-line", options: ["defect": .string("miscounted")]))
        #expect(miscounted.status == .failed)
        #expect(miscounted.failure == "the problem reported 3 objective values for trial 5, but declares 2")
        let improvements = execute(EntrySpec("bi-line"), recording: .improvements)
        #expect(improvements.status == .failed)
        #expect(improvements.failure?.contains("records every trial") == true)
    }

    /// The optimizers are told the objectives, and only those declaring `multi-objective` may run.
    @Test func optimizersAreToldTheObjectivesAndCheckedForTheCapability() throws {
        var problem = BiLine()
        let evaluation = problem.evaluate(Configuration([.real(0.25)]))
        let observation = Observation(
            Suggestion(Configuration([.real(0.25)])), value: evaluation.value, objectives: evaluation.objectives)
        #expect(observation.objectives == [0.25, 0.75])
        #expect(throws: CoreError.self) {
            try Self.registry.makeOptimizer(
                EntrySpec("cmaes"), for: problem, problemLabel: "bi-line", seed: 1, budget: 10)
        }
        for name in ["random", "sobol", "lhs", "grid", "nsga2", "tpe", "motpe", "parego"] {
            _ = try Self.registry.makeOptimizer(
                EntrySpec(name), for: problem, problemLabel: "bi-line", seed: 1, budget: 10)
        }
    }

    /// The traces are hypervolume regret, by hand: the attained volumes after each trial of the sequence are 0.21,
    /// 0.31, 0.35, 0.37, 0.40 and 0.41 (sums of the rectangles of the sorted staircase), so the regrets against 1/2
    /// are 0.29, 0.19, 0.15, 0.13, 0.10 and 0.09; the summary names the reference point. A single evaluation's metric
    /// is its point's own regret, 1/2 − x (1 − x): 0.29, 0.34, 0.29, 0.34, 0.26, 0.41, twice, of median
    /// (0.29 + 0.34) / 2.
    @Test func tracesAreHypervolumeRegret() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "bi-aggregate", seed: 3, repetitions: 2, budget: 6, optimizers: [EntrySpec("sequence")],
            problems: [EntrySpec("bi-line")])
        let outcome = try ExperimentRunner(registry: Self.registry, experiment: experiment, output: folder).run()
        let problem = try #require(outcome.aggregate.problems.first)
        #expect(problem.referencePoint == [1, 1] && problem.optimum == -0.5 && problem.metric == "regret")
        let summary = try #require(problem.optimizers.first)
        #expect(abs(try #require(summary.finalMedian) - 0.09) < 1e-12)
        #expect(abs(try #require(summary.evaluationMedian) - 0.315) < 1e-12)
        let rows = try String(contentsOf: folder.appendingPathComponent("evaluations.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().filter { $0.hasPrefix("bi-line,sequence,0,") }
        // problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost
        let regrets = try rows.map {
            try #require(Double($0.split(separator: ",", omittingEmptySubsequences: false)[6]))
        }
        for (regret, expected) in zip(regrets, [0.29, 0.19, 0.15, 0.13, 0.10, 0.09]) {
            #expect(abs(regret - expected) < 1e-12, "\(regrets)")
        }
        #expect(regrets.count == 6)
        // The value column holds every objective the optimizer saw, f1;f2, as the run file has them.
        let record = try #require(
            try ResultStore(directory: folder).stream(Plan(experiment).runs[0]) { _, _ in })
        let values = rows.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[4]) }
        var expectedValues: [String] = []
        _ = try ResultStore(directory: folder).stream(Plan(experiment).runs[0]) { _, trial in
            expectedValues.append(trial.objectives!.map { "\($0)" }.joined(separator: ";"))
        }
        #expect(record.paretoReference != nil && values == expectedValues && values.allSatisfy { $0.contains(";") })
        // Each run's attained front: all six points lie on the front, in order of f1.
        let fronts = try String(contentsOf: folder.appendingPathComponent("fronts/bi-line.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(fronts.first == "optimizer,repetition,f1,f2")
        #expect(fronts.dropFirst().filter { $0.hasPrefix("sequence,0,") }.map { $0.split(separator: ",")[2] } == [
            "0.2", "0.3", "0.6", "0.7", "0.8", "0.9",
        ])
        #expect(fronts.count == 1 + 12)
    }

    /// The same bytes whatever the jobs, on the built-in problems.
    @Test func builtinProblemsGiveTheSameBytesWhateverTheJobs() throws {
        let experiment = Experiment(
            name: "bi-jobs", seed: 1, repetitions: 3, budget: 40, optimizers: [EntrySpec("random"), EntrySpec("sobol")],
            problems: [
                EntrySpec("zdt1", options: ["variables": .integer(3)]), EntrySpec("dtlz2"), EntrySpec("wfg4"),
            ])
        var outputs: [[String: Data]] = []
        for jobs in [1, 2] {
            let folder = Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try ExperimentRunner(
                registry: Self.registry, experiment: experiment, output: folder, options: RunOptions(jobs: jobs)
            ).run()
            outputs.append(try Fixtures.deterministicOutputs(folder))
        }
        #expect(outputs[0] == outputs[1])
        let summary = try #require(outputs[0]["summary.json"])
        #expect(String(decoding: summary, as: UTF8.self).contains("referencePoint"))
    }

    /// A learning problem with `time-objective=true` runs as a two-objective problem: its summary names the
    /// reference point (the prior model's loss and the longest probe time), and the multi-objective optimizers run.
    @Test func learningProblemsRunWithTheTimeObjective() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "time", seed: 1, repetitions: 1, budget: 12, optimizers: [EntrySpec("random"), EntrySpec("motpe")],
            problems: [EntrySpec("logreg", options: ["samples": .integer(200), "time-objective": .bool(true)])])
        let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let problem = try #require(outcome.aggregate.problems.first)
        #expect(problem.referencePoint?.count == 2 && problem.optimum == nil)
        #expect(problem.optimizers.map(\.runs) == [1, 1])
        // Its front is unknown: no IGD+.
        #expect(problem.optimizers.allSatisfy { $0.igdPlusMedian == nil })
    }
}
