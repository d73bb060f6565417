import TunebenchRunner

/// Failed trials (non-finite values, such as a hidden failure region's or a crashing model's): per problem and
/// optimizer, the share of the complete runs' trials that failed and the largest share in one run, from
/// `summary.json` (``TunebenchRunner/OptimizerSummary/failedTrials``); `report/failed-trials.csv`; and per problem a
/// plot of the share of the trials failed so far against evaluations (`curves-failures/`). Only problems where some
/// trial failed appear, and the section only when there is one.
enum TrialFailureSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        let problems = input.aggregate.problems.filter { problem in
            problem.optimizers.contains { ($0.failedTrials ?? 0) > 0 }
        }
        guard !problems.isEmpty else { return }
        output.csv(
            "report/failed-trials.csv",
            header: ["problem", "optimizer", "runs", "trials", "failed", "share", "worst-run-share"],
            rows: problems.flatMap { problem in
                problem.optimizers.map { summary in
                    let trials = summary.trials ?? 0
                    let failed = summary.failedTrials ?? 0
                    return [
                        problem.problem, summary.optimizer, "\(summary.runs)", "\(trials)", "\(failed)",
                        trials > 0 ? NumberFormat.csv(Double(failed) / Double(trials)) : "",
                        NumberFormat.csv(summary.failedTrialShareMax),
                    ]
                }
            })
        document.heading("Failed trials")
        document.paragraph(
            "A failed trial is an evaluation that returned no finite value (a failing region, a diverging model, a "
                + "crash): the run goes on, the optimizer is told the failure, and the trial counts towards the budget "
                + "but not towards the best value. Each cell is the share of the complete runs' trials that failed, "
                + "then, in brackets, the largest share in a single run (`summary.json`; problems where no trial "
                + "failed are left out).")
        document.blocks.append(
            .table(
                ProblemOptimizerTable.trialCounts(problems, input, source: "report/failed-trials.csv") { summary, trials in
                    let share = Double(summary.failedTrials ?? 0) / Double(trials)
                    let worst = summary.failedTrialShareMax ?? 0
                    return NumberFormat.fixed(100 * share, 1) + "% (" + NumberFormat.fixed(100 * worst, 1) + "%)"
                }))
        for problem in problems.map(\.problem) {
            guard let curves = input.failureCurves[problem] else { continue }
            let file = "report/plots/\(problem)-failures.svg"
            let plot = LinePlot(
                title: "\(problem): failed trials", xLabel: "evaluations", yLabel: "share of trials failed so far",
                xScale: .linear, yScale: .linear, yRange: 0...1,
                series: curves.map {
                    PlotSeries(name: $0.optimizer, x: $0.x, y: $0.median, lower: $0.q25, upper: $0.q75)
                })
            let svg = plot.svg()
            output.add(file, svg)
            document.blocks.append(
                .figure(
                    file: file, svg: svg,
                    caption: "The share of the trials so far that failed, against evaluations: median (line) and "
                        + "quartiles (band) over the complete runs, from `\(Aggregator.failureCurves)/\(problem).csv`."))
        }
    }
}
