import TunebenchRunner

/// One problem: its regret curves (median and quartile band over runs, log scale for a regret) and its final-value
/// table (median [q25, q75], mean ± standard deviation, the lowest median in bold).
enum ProblemSection {
    static func add(
        _ problem: ProblemRuns, _ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput
    ) {
        document.heading("Problem `\(problem.problem)`", level: 3)
        let optimumText =
            problem.optimum.map { "known optimum \(NumberFormat.short($0)); the metric is the regret" }
            ?? (problem.isRegret
                ? "each instance has its own known optimum; the metric is the regret against it"
                : "optimum unknown; the metric is the best value found")
        document.paragraph(optimumText + ".")
        addCurves(problem, input, to: &document, output: &output)
        addFinalTable(problem, input, to: &document)
    }

    static func addCurves(
        _ problem: ProblemRuns, _ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput
    ) {
        let curves = input.curves[problem.problem] ?? []
        let axisName = input.axis.kind == .cost ? "cumulative cost" : "evaluations"
        let folder = input.axis.kind == .cost ? "curves-cost" : "curves"
        let metric = problem.isRegret ? "regret" : "best value"
        let plot = LinePlot(
            title: "\(problem.problem): \(metric)", xLabel: axisName, yLabel: metric,
            xScale: .linear, yScale: problem.isRegret ? .log : .linear,
            yRange: problem.isRegret ? Self.regretRange(curves) : nil,
            series: curves.map { curve in
                PlotSeries(name: curve.optimizer, x: curve.x, y: curve.median, lower: curve.q25, upper: curve.q75)
            })
        let file = "report/plots/\(problem.problem).svg"
        let svg = plot.svg()
        output.add(file, svg)
        document.blocks.append(
            .figure(
                file: file, svg: svg,
                caption: "Best \(metric) so far against \(axisName): median (line) and quartiles (band) over the "
                    + "complete runs, from `\(folder)/\(problem.problem).csv`."))
    }

    /// The smallest regret a plot shows: COCO's final target, 1e-8 (Hansen et al. 2021). Lower regrets (down to
    /// exact zeros, and the last-bit negatives of an optimum rounded in its constant) are drawn at it, and the plot
    /// says so.
    static let regretFloor = 1e-8

    /// From ``regretFloor`` to the largest finite upper quartile (at least ten times the floor).
    static func regretRange(_ curves: [Curve]) -> ClosedRange<Double> {
        let top = curves.flatMap { $0.q75 + $0.median }.filter(\.isFinite).max() ?? 1
        return regretFloor...max(top, regretFloor * 10)
    }

    static func addFinalTable(_ problem: ProblemRuns, _ input: ReportInput, to document: inout ReportDocument) {
        guard let summary = input.aggregate.problems.first(where: { $0.problem == problem.problem }) else { return }
        let rows: [[ReportDocument.Cell]] = summary.optimizers.map { entry in
            let median = entry.finalMedian.map {
                "\(NumberFormat.short($0)) [\(NumberFormat.short(entry.finalQ25)), \(NumberFormat.short(entry.finalQ75))]"
            } ?? "–"
            let mean = entry.finalMean.map { "\(NumberFormat.short($0)) ± \(NumberFormat.short(entry.finalStd))" } ?? "–"
            let runs = entry.failedRuns > 0 ? "\(entry.runs) (\(entry.failedRuns) failed)" : "\(entry.runs)"
            return [.init(entry.optimizer, strong: entry.best), .init(runs), .init(median, strong: entry.best), .init(mean)]
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer", "runs", "final \(summary.metric): median [q25, q75]", "mean ± std"],
                    rows: rows, source: "summary.json")))
    }
}
