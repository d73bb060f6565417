import Testing
import TunebenchCore
import TunebenchRunner
import Tunebench

/// No optimizer gains from where the box's centre or a grid point lies: on the problems of the default experiment,
/// over several instances, grid search, Sobol, Latin hypercube sampling and CMA-ES (whose mean starts at the
/// centre) reach a regret below 1e-8 only on problems where random search does too; and no trial of any of them has
/// a negative regret.
struct DesignAdvantageTests {
    static let designs = ["grid", "sobol", "lhs", "cmaes"]
    static let threshold = 1e-8

    @Test func designsDoNotSolveProblemsThroughTheirPoints() throws {
        let defaults = Experiment.defaultExperiment(registry: .builtin)
        let experiment = Experiment(
            name: "design-advantage", seed: 11, repetitions: 6, budget: defaults.budget,
            optimizers: (["random"] + Self.designs).map { EntrySpec($0) }, problems: defaults.problems)
        let executor = RunExecutor(registry: .builtin, experiment: experiment)
        var solved: [String: [String: Int]] = [:]
        for run in Plan(experiment).runs {
            let record = executor.execute(run)
            #expect(record.status == .complete, "\(run.problem.label) \(run.optimizer.label): \(record.failure ?? "")")
            let optimum = try #require(record.optimum, "\(run.problem.label) has no optimum")
            let values = record.trials.compactMap(\.value).filter(\.isFinite)
            for value in values {
                #expect(value >= optimum, "\(run.problem.label) \(run.optimizer.label): regret \(value - optimum)")
            }
            if let best = values.min(), best - optimum < Self.threshold {
                solved[run.problem.label, default: [:]][run.optimizer.label, default: 0] += 1
            }
        }
        for (problem, counts) in solved.sorted(by: { $0.key < $1.key }) where counts["random", default: 0] == 0 {
            for design in Self.designs {
                #expect(
                    counts[design, default: 0] == 0,
                    "\(design) reached regret < 1e-8 on \(problem) in \(counts[design, default: 0]) of 6 instances")
            }
        }
    }
}
