import Foundation
import Testing
import Tunebench

/// A folder run on simulated workers with a time budget reports over simulated seconds: `traces.csv` carries each
/// step's completion time, the report's axis is the time axis, and `summary.json` gives the workers' utilisation.
struct TimeAxisReportTests {
    @Test func aTimeBudgetPutsTheReportOnSimulatedSeconds() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tunebench-time-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "time-report", seed: 9, repetitions: 3, budget: 200,
            workers: WorkerSettings(workers: 4, timeBudget: 10),
            optimizers: [EntrySpec("random"), EntrySpec("nelder-mead")],
            problems: [EntrySpec("branin", options: ["duration": .string("lognormal")])])
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let traces = try String(contentsOf: folder.appendingPathComponent("traces.csv"), encoding: .utf8)
        #expect(traces.hasPrefix("problem,optimizer,repetition,evaluation,cost,metric,time\n"))

        let input = try ReportInput(experiment: experiment, directory: folder)
        #expect(input.axis.kind == .time && input.axis.budget == 10 && input.axis.points.count == 300)
        let problem = experiment.problems[0].label
        let store = ResultStore(directory: folder)
        for optimizer in ["random", "nelder-mead"] {
            let runs = try #require(
                input.problems.first { $0.problem == problem }?.optimizers.first { $0.optimizer == optimizer }?.runs)
            #expect(runs.count == 3)
            var shares: [Double] = []
            for run in runs {
                let record = try RunRecord(
                    json: Array(try Data(contentsOf: store.directory.appendingPathComponent(
                        "runs/\(problem)/\(optimizer)/rep-00\(run.repetition).json"))))
                // The trace over time is the best among the trials completed by each time, from the run file.
                for t in [0.5, 1, 2.5, 4, 7.25, 10] {
                    let best = record.trials.filter { $0.simulated!.end <= t }.compactMap(\.value).min()
                    let expected = best.map { $0 - record.optimum! } ?? .infinity
                    #expect(run.metric(at: t, on: .time) == expected, "\(optimizer) rep \(run.repetition) at \(t)")
                }
                let busy = record.trials.reduce(0.0) { $0 + ($1.simulated!.end - $1.simulated!.start) }
                shares.append(busy / (4 * record.trials.last!.simulated!.end))
            }
            // Random search keeps the 4 workers busy; Nelder–Mead asks one point at a time and leaves 3 idle.
            let summary = try #require(
                input.aggregate.problems.first?.optimizers.first { $0.optimizer == optimizer })
            #expect(summary.utilisationMedian == Statistics.median(shares))
            if optimizer == "random" {
                #expect(shares.allSatisfy { $0 > 0.6 }, "\(shares)")
            } else {
                #expect(shares.allSatisfy { abs($0 - 0.25) < 1e-9 })
            }
        }

        try ReportBuilder(input: input).write()
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("simulated seconds"))
        #expect(report.contains("curves-time/"))
        #expect(report.contains("## Workers") && report.contains("4 asynchronous workers, time budget 10 s"))
        let workers = try String(contentsOf: folder.appendingPathComponent("report/workers.csv"), encoding: .utf8)
        #expect(workers.hasPrefix("problem,optimizer,runs,utilisation,trials-completed\n"))
        #expect(workers.split(separator: "\n").count == 3)
    }
}
