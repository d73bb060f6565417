import Foundation
import Testing
import Tunebench

/// f(x) = x on [0, 1] observed with scripted noise: the k-th evaluation sees `x + offsets[k]`, and reports `x` as its
/// noiseless value.
private struct ScriptedNoise: Problem {
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var optimum: Double? { 0 }
    var offsets: [Double]
    var count = 0
    mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        defer { count += 1 }
        let x = configuration.real(0)
        return Evaluation(value: x + offsets[count % offsets.count], noiselessValue: x)
    }
}

/// Suggests fixed values of x and recommends, after each `tell`, the configuration `recommend` picks from those
/// told so far (`nil` for the default rule).
private struct Recommending: Optimizer {
    var values: [Double]
    var recommend: @Sendable ([Configuration]) -> Configuration?
    var next = 0
    var told: [Configuration] = []
    mutating func ask() -> Suggestion? {
        defer { next += 1 }
        guard next < values.count else { return nil }
        return Suggestion(Configuration([.real(values[next])]))
    }
    mutating func tell(_ observation: Observation) { told.append(observation.suggestion.configuration) }
    func recommendation() -> Configuration? { recommend(told) }
}

/// The recommendation's noiseless value in run files and the recommended outputs beside the best-evaluated ones.
struct RecommendationTests {
    /// x = 0.9, 0.5, 0.7, 0.1 observed with offsets 0, −0.6, 0, +0.5: observed 0.9, −0.1, 0.7, 0.6.
    static let registry: Registry = {
        var registry = Registry()
        try! registry.register(
            ProblemEntry(name: "scripted-noise", summary: "x plus scripted noise") { _ in
                ScriptedNoise(offsets: [0, -0.6, 0, 0.5])
            })
        try! registry.register(ProblemEntry(name: "identity", summary: "f(x) = x") { _ in Identity() })
        let values = [0.9, 0.5, 0.7, 0.1]
        try! registry.register(
            OptimizerEntry(name: "default-rule", summary: "no recommendation of its own") { _ in
                Recommending(values: values) { _ in nil }
            })
        try! registry.register(
            OptimizerEntry(name: "first", summary: "recommends its first evaluation") { _ in
                Recommending(values: values) { $0.first }
            })
        try! registry.register(
            OptimizerEntry(name: "unevaluated", summary: "recommends a point it never evaluated") { _ in
                Recommending(values: values) { _ in Configuration([.real(0.25)]) }
            })
        return registry
    }()

    private func execute(_ optimizer: String, on problem: String, registry: Registry = Self.registry) -> RunRecord {
        let experiment = Experiment(
            name: "t", repetitions: 1, budget: 10, optimizers: [EntrySpec(optimizer)], problems: [EntrySpec(problem)])
        return RunExecutor(registry: registry, experiment: experiment).execute(Plan(experiment).runs[0])
    }

    /// The default rule takes the lowest *observed* value (x = 0.5, seen as −0.1) and records its noiseless value,
    /// even once a better point (x = 0.1) has been evaluated but looked worse (0.6).
    @Test func theDefaultRuleRecordsTheNoiselessValueOfTheLowestObservation() {
        let record = execute("default-rule", on: "scripted-noise")
        #expect(record.status == .complete)
        #expect(record.trials.map(\.recommended) == [0.9, 0.5, 0.5, 0.5])
        #expect(record.trials.map(\.noiselessValue) == [0.9, 0.5, 0.7, 0.1])
    }

    @Test func anOptimizersOwnRecommendationIsLookedUpAmongItsEvaluations() {
        let record = execute("first", on: "scripted-noise")
        #expect(record.status == .complete)
        #expect(record.trials.map(\.recommended) == [0.9, 0.9, 0.9, 0.9])
    }

    @Test func aRecommendationThatWasNeverEvaluatedFailsTheRun() {
        let record = execute("unevaluated", on: "scripted-noise")
        #expect(record.status == .failed)
        #expect(record.failure?.contains("after trial 0 the optimizer recommended a configuration") == true)
    }

    /// Without noiseless values the runner never asks: not even an optimizer that would fail the run is asked, and
    /// the run file has no `recommended` member.
    @Test func noiselessRunsRecordNoRecommendation() {
        let record = execute("unevaluated", on: "identity")
        #expect(record.status == .complete)
        #expect(record.trials.allSatisfy { $0.recommended == nil })
        #expect(!String(decoding: record.jsonBytes(), as: UTF8.self).contains("recommended"))
    }

    /// Under noise every recommendation is an evaluated configuration, so its noiseless value is never below the best
    /// noiseless value evaluated so far; every run completes, so the model-based rules (`gp`, `forest`) only ever
    /// recommended evaluated configurations.
    @Test func theRecommendedValueIsNeverBelowTheBestEvaluated() throws {
        let experiment = Experiment(
            name: "noisy", seed: 3, repetitions: 2, budget: 25,
            optimizers: ["random", "sobol", "gp", "forest", "tpe", "cmaes"].map { EntrySpec($0) },
            problems: [
                EntrySpec("branin", options: ["noise": .real(5)]),
                EntrySpec("hartmann3", options: ["noise": .real(0.3)]),
                EntrySpec("branin-mixed", options: ["noise": .real(5)]),
            ])
        let executor = RunExecutor(registry: .builtin, experiment: experiment)
        var differences = 0
        for run in Plan(experiment).runs {
            let record = executor.execute(run)
            #expect(record.status == .complete, "\(run.optimizer.label) on \(run.problem.label): \(record.failure ?? "")")
            var best = Double.infinity
            for trial in record.trials {
                if let value = record.countedValue(trial) { best = min(best, value) }
                let recommended = try #require(trial.recommended)
                #expect(recommended >= best, "\(run.optimizer.label) trial \(trial.number)")
                if recommended > best { differences += 1 }
            }
        }
        #expect(differences > 0)  // the noise does mislead
    }

    /// With noise of standard deviation 0 every evaluation reports a noiseless value equal to the observed one, so the
    /// runner records recommendations, and the default rule's recommended regret is the best-evaluated regret:
    /// `traces-recommended.csv` equals `traces.csv`, each recommended curve its curve, and the summaries agree.
    @Test func withoutNoiseTheDefaultRuleGivesTheBestEvaluatedRegret() throws {
        var registry = Registry.builtin
        try registry.register(
            ProblemEntry(name: "branin-zero-noise", summary: "Branin in a NoisyProblem of noise 0") { context in
                try NoisyProblem(SyntheticProblem(Branin(), instance: nil), noise: 0, seed: context.seed)
            })
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "zero", seed: 5, repetitions: 3, budget: 30,
            optimizers: ["random", "sobol", "tpe", "cmaes", "nelder-mead"].map { EntrySpec($0) },
            problems: [EntrySpec("branin-zero-noise")])
        let outcome = try ExperimentRunner(registry: registry, experiment: experiment, output: folder).run()
        let read = { (path: String) in try Data(contentsOf: folder.appendingPathComponent(path)) }
        #expect(try read("traces-recommended.csv") == read("traces.csv"))
        #expect(try read("curves-recommended/branin-zero-noise.csv") == read("curves/branin-zero-noise.csv"))
        let problem = try #require(outcome.aggregate.problems.first)
        #expect(problem.noisy == true)
        for summary in problem.optimizers {
            #expect(summary.recommendedMedian == summary.finalMedian && summary.recommendedMean == summary.finalMean)
            #expect(summary.recommendedQ25 == summary.finalQ25 && summary.recommendedQ75 == summary.finalQ75)
        }
    }

    /// An `improvements` record keeps the trials at the curves' counts, so its recommended curves are those of full
    /// records at those counts.
    @Test func improvementsRecordsGiveTheRecommendedCurvesAtTheirCounts() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var experiment = Experiment(
            name: "improvements", seed: 9, repetitions: 3, budget: 120,
            optimizers: [EntrySpec("random"), EntrySpec("cmaes")],
            problems: [EntrySpec("sphere", options: ["noise": .real(0.5)])])
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: root.appendingPathComponent("all"))
            .run()
        experiment.recording = .improvements
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: root.appendingPathComponent("improvements")
        ).run()
        let rows = { (folder: String) throws -> [String: Substring] in
            let text = try String(
                contentsOf: root.appendingPathComponent("\(folder)/curves-recommended/sphere-noise0.5.csv"),
                encoding: .utf8)
            var rows: [String: Substring] = [:]
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",")
                rows["\(fields[0]),\(fields[1])"] = line
            }
            return rows
        }
        let sampled = try rows("improvements")
        let full = try rows("all")
        #expect(sampled.count == 2 * 31)  // 30 log-spaced counts below 120, and 120
        for (key, row) in sampled { #expect(full[key] == row, "\(key)") }
    }

    /// A noiseless experiment writes no recommended output, and an aggregation removes those a previous one left
    /// (here planted by hand); a noisy one keeps only its noisy problems' curves.
    @Test func recommendedOutputsExistOnlyForNoisyProblems() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        var experiment = Experiment(
            name: "mixed", seed: 1, repetitions: 2, budget: 10, optimizers: [EntrySpec("random")],
            problems: [EntrySpec("branin")])
        try manager.createDirectory(
            at: folder.appendingPathComponent("curves-recommended"), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: folder.appendingPathComponent("traces-recommended.csv"))
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(!manager.fileExists(atPath: folder.appendingPathComponent("traces-recommended.csv").path))
        #expect(!manager.fileExists(atPath: folder.appendingPathComponent("curves-recommended").path))

        experiment.problems.append(EntrySpec("sphere", options: ["noise": .real(1)]))
        try manager.createDirectory(
            at: folder.appendingPathComponent("curves-recommended"), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: folder.appendingPathComponent("curves-recommended/branin.csv"))
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(try manager.contentsOfDirectory(atPath: folder.appendingPathComponent("curves-recommended").path)
            == ["sphere-noise1.0.csv"])
        let traces = try String(contentsOf: folder.appendingPathComponent("traces-recommended.csv"), encoding: .utf8)
        #expect(traces.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("sphere-noise1.0,random,") })
    }
}
