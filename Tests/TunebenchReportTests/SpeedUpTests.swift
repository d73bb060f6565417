import Foundation
import Testing
import Tunebench

/// Time to target over simulated seconds (``SpeedUp``): for random search with one-second evaluations, 4 workers
/// complete trial `k` (from 1) at `⌈k / 4⌉` seconds where one worker completes it at `k`, on the same
/// configurations, so the median curve reaches the 1-worker median final at `⌈τ₁ / 4⌉`.
struct SpeedUpTests {
    static func folder(workers: Int, budget: Int) throws -> (Experiment, URL) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tunebench-speedup-\(workers)-\(UUID().uuidString)")
        let experiment = Experiment(
            name: "speedup", seed: 4, repetitions: 5, budget: budget,
            workers: WorkerSettings(workers: workers, timeBudget: 30),
            optimizers: [EntrySpec("random"), EntrySpec("sobol")],
            problems: [EntrySpec("branin"), EntrySpec("hartmann3")])
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        return (experiment, folder)
    }

    @Test func randomSearchOnFourWorkersReachesTheTargetFourTimesSooner() throws {
        let (one, oneFolder) = try Self.folder(workers: 1, budget: 30)
        let (four, fourFolder) = try Self.folder(workers: 4, budget: 120)
        defer {
            try? FileManager.default.removeItem(at: oneFolder)
            try? FileManager.default.removeItem(at: fourFolder)
        }
        let runs = [
            try ReportInput.runs(experiment: one, directory: oneFolder),
            try ReportInput.runs(experiment: four, directory: fourFolder),
        ]
        let speedUp = SpeedUp.compute(runs)
        #expect(speedUp.rows.map(\.optimizer) == ["random", "sobol", "random", "sobol"])
        for row in speedUp.rows {
            let base = try #require(row.baseTime)
            // The base median final is reached by the base median curve at a whole second, by 30 at the latest.
            #expect(base == base.rounded() && base >= 1 && base <= 30)
            #expect(row.times[0] == base)
            #expect(row.times[1] == (base / 4).rounded(.up), "\(row.problem) \(row.optimizer)")
            #expect(row.speedUp(0) == 1)
            // The median final itself, recomputed from the base runs.
            let finals = runs[0].first { $0.problem == row.problem }!.optimizers
                .first { $0.optimizer == row.optimizer }!.runs.map(\.final)
            #expect(row.target == Statistics.median(finals))
        }

        // Against another optimizer's target: each row's target is random's median final, its base time random's.
        let againstRandom = SpeedUp.compute(runs, targetOptimizer: "random")
        for (row, own) in zip(againstRandom.rows, speedUp.rows) {
            let random = speedUp.rows.first { $0.problem == row.problem && $0.optimizer == "random" }!
            #expect(row.targetOptimizer == "random" && row.target == random.target && row.baseTime == random.baseTime)
            if own.optimizer == "random" { #expect(row.times == own.times) }
        }
    }
}
