import TunebenchNumerics
import TunebenchRunner

/// Simulated parallel workers (``TunebenchRunner/WorkerSettings``): how the runs shared them. Per problem and
/// optimizer, the median share of the workers' time spent evaluating
/// (``TunebenchRunner/OptimizerSummary/utilisationMedian``: the recorded trials' simulated durations over workers times
/// the last completion) and the median number of trials completed (the runs' last evaluation numbers);
/// `report/workers.csv`. An optimizer that waits for its pending trials (a sequential method, a generation or a rung
/// barrier) leaves workers idle and completes fewer trials in the same simulated time. Only in a report of a simulated
/// experiment.
enum WorkerSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        let settings = input.experiment.workers
        guard settings.isSimulated else { return }
        let optimizers = input.experiment.optimizers.map(\.label)
        func summary(_ problem: String, _ optimizer: String) -> OptimizerSummary? {
            input.aggregate.problems.first { $0.problem == problem }?.optimizers.first { $0.optimizer == optimizer }
        }
        func completed(_ problem: String, _ optimizer: String) -> Double? {
            let runs = input.problems.first { $0.problem == problem }?.optimizers
                .first { $0.optimizer == optimizer }?.runs ?? []
            return runs.isEmpty ? nil : Statistics.median(runs.map { Double($0.evaluations) })
        }
        let problems = input.experiment.problems.map(\.label)
        output.csv(
            "report/workers.csv", header: ["problem", "optimizer", "runs", "utilisation", "trials-completed"],
            rows: problems.flatMap { problem in
                optimizers.map { optimizer in
                    let found = summary(problem, optimizer)
                    return [
                        problem, optimizer, "\(found?.runs ?? 0)", NumberFormat.csv(found?.utilisationMedian),
                        NumberFormat.csv(completed(problem, optimizer)),
                    ]
                }
            })
        document.heading("Workers")
        document.paragraph(
            "The runs shared \(settings.summary) on a simulated clock. Each cell is the median over the complete runs "
                + "of the share of the workers' time spent evaluating (the recorded trials' simulated durations over "
                + "the workers times the last completion), then, in brackets, the median number of trials completed. "
                + "An optimizer that waits for its pending trials leaves workers idle. Under a time budget the share is "
                + "a lower bound: the trials still running at the last completion are cut off and not recorded.")
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(problems: problems, optimizers: optimizers, source: "report/workers.csv") {
                    problem, optimizer in
                    guard let share = summary(problem, optimizer)?.utilisationMedian else { return "–" }
                    let trials = completed(problem, optimizer).map { " (" + NumberFormat.short($0) + ")" } ?? ""
                    return .init(NumberFormat.fixed(100 * share, 1) + "%" + trials)
                }))
    }
}
