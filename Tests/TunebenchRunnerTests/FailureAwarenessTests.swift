import Foundation
import Testing
import Tunebench

/// The model-based optimizers learn where evaluations fail: on problems with a hidden failing region covering 30%
/// of the box (`failure=halfspace` on Branin, `failure=ball` on Hartmann3), 4 repetitions of 60 evaluations, each of
/// `gp` (feasibility models weighing its acquisition, failures imputed with `μ + σ` of its successes' GP), `tpe`
/// (failures count as bad) and `forest` (failures imputed with the worst value, and a classifier of failures
/// weighing its acquisition) fails less than two thirds of random search's share, which is the region's. Measured on
/// 2026-12-07 (`tunebench run --optimizers random,gp,tpe,forest,gp:failure-imputation=none --problems
/// branin:failure=halfspace:failure-share=0.3,hartmann3:failure=ball:failure-share=0.3 --repetitions 4 --budget 60
/// --seed 0`, the same runs): random 27.9% and 27.9%, `gp` 12.9% and 11.2% (19.2% and 12.1% with the feasibility
/// models alone, `gp:failure-imputation=none`; 13.8% and 10.8% on 2026-12-06 with the least-squares model alone),
/// `tpe` 15.0% and 12.1%, `forest` 7.5% and 8.3% (7.9% and 8.8% with
/// the imputation alone, `forest:feasibility=false`, then the label `forest`). (The
/// issue's bars, at 100 evaluations and 20 repetitions, are measured by experiments, not by this test.)
struct FailureAwarenessTests {
    @Test func modelBasedOptimizersFailLessThanRandomSearch() throws {
        let experiment = Experiment(
            name: "failure-awareness", seed: 0, repetitions: 4, budget: 60,
            optimizers: ["random", "gp", "tpe", "forest"].map { EntrySpec($0) },
            problems: [
                EntrySpec("branin", options: ["failure": .string("halfspace"), "failure-share": .real(0.3)]),
                EntrySpec("hartmann3", options: ["failure": .string("ball"), "failure-share": .real(0.3)]),
            ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-fa-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()
        #expect(outcome.aggregate.failed == 0)
        for problem in outcome.aggregate.problems {
            func share(_ name: String) throws -> Double {
                let summary = try #require(problem.optimizers.first { $0.optimizer == name })
                return Double(try #require(summary.failedTrials)) / Double(try #require(summary.trials))
            }
            let random = try share("random")
            #expect(random > 0.2, "\(problem.problem): random search failed \(random)")
            for name in ["gp", "tpe", "forest"] {
                let own = try share(name)
                #expect(own < random * 2 / 3, "\(problem.problem): \(name) failed \(own), random \(random)")
            }
        }
    }
}
