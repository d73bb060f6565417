import TunebenchRunner
import TunebenchNumerics

/// One problem: its regret curves (median and quartile band over runs, log scale for a regret) and its final-value
/// table (median [q25, q75] and the median's confidence interval, mean ± standard deviation and the mean's bootstrap
/// interval, the lowest median in bold); the intervals also go to `report/finals.csv`. A problem with observation noise
/// also gets the curves of the recommended regret (`report/plots/recommended/PROBLEM.svg`) and its final median
/// [q25, q75] in the table, beside the best-evaluated regret (``ReportMetric``).
enum ProblemSection {
    /// The paragraph before the problems, which says once what their tables hold, and `report/finals.csv`.
    static func introduce(_ intervals: FinalIntervals, to document: inout ReportDocument, output: inout ReportOutput) {
        output.csv(
            "report/finals.csv",
            header: [
                "problem", "optimizer", "runs", "median", "median-low", "median-high", "median-coverage", "mean",
                "mean-low", "mean-high",
            ],
            rows: intervals.entries.map {
                [
                    $0.problem, $0.optimizer, "\($0.runs)", NumberFormat.csv($0.median),
                    NumberFormat.csv($0.medianInterval?.lower), NumberFormat.csv($0.medianInterval?.upper),
                    NumberFormat.csv($0.medianInterval?.ranks.coverage), NumberFormat.csv($0.mean),
                    NumberFormat.csv($0.meanLower), NumberFormat.csv($0.meanUpper),
                ]
            })
        let percent = NumberFormat.percent(intervals.level)
        let needed = FinalIntervals.runsNeeded(level: intervals.level)
        document.paragraph(
            "Each problem's table gives the final metric of the complete runs. The \(percent) interval of the median "
                + "is exact and distribution-free: the order statistics [x₍ₗ₎, x₍ₙ₊₁₋ₗ₎] of the n runs with the "
                + "largest l whose coverage 1 − 2·P(B ≤ l − 1), B ~ Binomial(n, ½), is at least \(intervals.level) "
                + "(Conover 1999, §3.2); with fewer than \(needed) runs no interval reaches it, and the table says "
                + "so. The \(percent) interval of the mean is the bootstrap percentile interval of "
                + "\(intervals.resamples) resamples (Efron and Tibshirani 1993), seeded by the problem and optimizer "
                + "labels so that the same runs give the same interval; it is approximate, and too narrow for few "
                + "runs; a run with an infinite metric (no evaluation) leaves the mean without one. "
                + "`report/finals.csv` holds both, with each median interval's exact coverage.")
    }

    static func add(
        _ problem: ProblemRuns, _ input: ReportInput, intervals: FinalIntervals, to document: inout ReportDocument,
        output: inout ReportOutput
    ) {
        document.heading("Problem `\(problem.problem)`", level: 3)
        let objectivesText = problem.referencePoint.map { point in
            "\(point.count) objectives, all minimised, measured by the hypervolume of the points each run attained "
                + "up to the reference point (" + point.map(NumberFormat.short).joined(separator: ", ") + "); "
                + (problem.optimum.map {
                    "the Pareto front's volume is \(NumberFormat.short(-$0)) and the metric is the hypervolume regret"
                }
                    ?? (problem.isRegret
                        ? "the metric is the hypervolume regret against each run's front volume"
                        : "the front's volume is unknown and the metric is the negated hypervolume"))
        }
        let optimumText =
            objectivesText
            ?? problem.optimum.map { "known optimum \(NumberFormat.short($0)); the metric is the regret" }
            ?? (problem.isRegret
                ? "each instance has its own known optimum; the metric is the regret against it"
                : "optimum unknown; the metric is the best value found")
        document.paragraph(optimumText + ".")
        addCurves(problem, input, to: &document, output: &output)
        addAttainment(problem, input, to: &document, output: &output)
        addFinalTable(problem, input, intervals: intervals, to: &document)
    }

    static func addCurves(
        _ problem: ProblemRuns, _ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput
    ) {
        let axisName = input.axis.kind.label
        let folder = input.axis.kind.curvesFolder
        let metric = problem.metricName
        guard let recommended = input.recommendedCurves[problem.problem] else {
            addFigure(
                title: "\(problem.problem): \(metric)", yLabel: metric, xLabel: axisName,
                curves: input.curves[problem.problem] ?? [], regret: problem.isRegret,
                file: "report/plots/\(problem.problem).svg",
                caption: "Best \(metric) so far against \(axisName): median (line) and quartiles (band) over the "
                    + "complete runs, from `\(folder)/\(problem.problem).csv`.", to: &document, output: &output)
            return
        }
        let value = problem.valueName
        addFigure(
            title: "\(problem.problem): best-evaluated \(value)", yLabel: "best-evaluated \(value)", xLabel: axisName,
            curves: input.curves[problem.problem] ?? [], regret: problem.isRegret,
            file: "report/plots/\(problem.problem).svg",
            caption: "Best-evaluated \(value) (the best noiseless value among the points evaluated so far"
                + (problem.isRegret ? ", minus the optimum" : "") + ") against \(axisName): median (line) and "
                + "quartiles (band) over the complete runs, from `\(folder)/\(problem.problem).csv`.",
            to: &document, output: &output)
        addFigure(
            title: "\(problem.problem): recommended \(value)", yLabel: "recommended \(value)", xLabel: "evaluations",
            curves: recommended, regret: problem.isRegret, file: "report/plots/recommended/\(problem.problem).svg",
            caption: "Recommended \(value) (the noiseless value of the configuration the optimizer would return after "
                + "each evaluation, by default its lowest observed value"
                + (problem.isRegret ? ", minus the optimum" : "") + ") against evaluations: median and quartiles, from "
                + "`\(Aggregator.recommendedCurves)/\(problem.problem).csv`. It is never below the best-evaluated "
                + "\(value), and rises when a recommendation is replaced by a worse point that looked better.",
            to: &document, output: &output)
    }

    /// On a two-objective problem, each optimizer's median attainment surface: the boundary of what at least half of
    /// its complete runs attained (level ⌈R/2⌉ of R runs, ``TunebenchNumerics/AttainmentSurface``), from
    /// `fronts/PROBLEM.csv`, inside the reference box. The surfaces' rays (up from the first corner, right from the
    /// last) end a twentieth of the corners' span beyond the outermost corner, or at the reference point when it is
    /// nearer: a reference point far from the front (ZDT's (11, 11)) would otherwise squeeze the surfaces into a corner.
    static func addAttainment(
        _ problem: ProblemRuns, _ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput
    ) {
        guard let reference = problem.referencePoint, reference.count == 2, let fronts = input.fronts[problem.problem]
        else { return }
        let surfaces = problem.optimizers.compactMap { optimizer -> (name: String, corners: [[Double]])? in
            let runs = optimizer.runs.map { fronts[optimizer.optimizer]?[$0.repetition] ?? [] }
            guard !runs.isEmpty else { return nil }
            let corners = AttainmentSurface.corners(
                of: runs, level: AttainmentSurface.level(percentile: 50, runs: runs.count))
            return corners.isEmpty ? nil : (optimizer.optimizer, corners)
        }
        let all = surfaces.flatMap(\.corners)
        let ends = (0..<2).map { i -> Double in
            let values = all.map { $0[i] }
            guard let low = values.min(), let high = values.max() else { return reference[i] }
            let margin = high > low ? (high - low) / 20 : (reference[i] - high) / 20
            return min(reference[i], high + margin)
        }
        // The staircase: a ray down to the first corner, each corner's f2 holding until the next corner's f1, and a
        // ray right from the last one.
        let series = surfaces.map { name, corners in
            PlotSeries(
                name: name, x: [corners[0][0]] + corners.map { $0[0] } + [ends[0]],
                y: [ends[1]] + corners.map { $0[1] } + [corners[corners.count - 1][1]], step: true)
        }
        guard !series.isEmpty else { return }
        let file = "report/plots/attainment/\(problem.problem).svg"
        let plot = LinePlot(
            title: "\(problem.problem): median attainment surfaces", xLabel: "f1", yLabel: "f2", xScale: .linear,
            yScale: .linear, series: series)
        let svg = plot.svg()
        output.add(file, svg)
        document.blocks.append(
            .figure(
                file: file, svg: svg,
                caption: "Each optimizer's median attainment surface at the end of its runs: the boundary of the "
                    + "objective vectors that at least half of its complete runs attained (Grunert da Fonseca et al. "
                    + "2001), its rays drawn to just beyond the outermost corner (or to the reference point); lower and "
                    + "to the left is better. From "
                    + "`fronts/\(problem.problem).csv`; an optimizer whose median run attained nothing inside the "
                    + "reference box has no line."))
    }

    /// A plot of median curves with their quartile bands, written to `file` and shown with `caption`.
    private static func addFigure(
        title: String, yLabel: String, xLabel: String, curves: [Curve], regret: Bool, file: String, caption: String,
        to document: inout ReportDocument, output: inout ReportOutput
    ) {
        let plot = LinePlot(
            title: title, xLabel: xLabel, yLabel: yLabel, xScale: .linear, yScale: regret ? .log : .linear,
            yRange: regret ? Self.regretRange(curves) : nil,
            series: curves.map { curve in
                PlotSeries(name: curve.optimizer, x: curve.x, y: curve.median, lower: curve.q25, upper: curve.q75)
            })
        let svg = plot.svg()
        output.add(file, svg)
        document.blocks.append(.figure(file: file, svg: svg, caption: caption))
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

    static func addFinalTable(
        _ problem: ProblemRuns, _ input: ReportInput, intervals: FinalIntervals, to document: inout ReportDocument
    ) {
        guard let summary = input.aggregate.problems.first(where: { $0.problem == problem.problem }) else { return }
        let needed = FinalIntervals.runsNeeded(level: intervals.level)
        let noisy = summary.noisy == true
        let lowestRecommended = summary.optimizers.compactMap(\.recommendedMedian).min()
        let rows: [[ReportDocument.Cell]] = summary.optimizers.map { entry in
            let median = Self.quartiles(entry.finalMedian, entry.finalQ25, entry.finalQ75)
            let mean = entry.finalMean.map { "\(NumberFormat.short($0)) ± \(NumberFormat.short(entry.finalStd))" } ?? "–"
            let runs = entry.failedRuns > 0 ? "\(entry.runs) (\(entry.failedRuns) failed)" : "\(entry.runs)"
            let interval = intervals.entries.first { $0.problem == problem.problem && $0.optimizer == entry.optimizer }
            let medianInterval =
                interval?.medianInterval.map { Self.interval($0.lower, $0.upper) }
                ?? (entry.runs == 0 ? "–" : "needs \(needed) runs")
            let meanInterval: String
            if let lower = interval?.meanLower, let upper = interval?.meanUpper {
                meanInterval = Self.interval(lower, upper)
            } else {
                meanInterval = "–"
            }
            let recommended: [ReportDocument.Cell] =
                noisy
                ? [
                    .init(
                        Self.quartiles(entry.recommendedMedian, entry.recommendedQ25, entry.recommendedQ75),
                        strong: entry.recommendedMedian != nil && entry.recommendedMedian == lowestRecommended)
                ] : []
            return [
                .init(entry.optimizer, strong: entry.best), .init(runs), .init(median, strong: entry.best),
                .init(medianInterval), .init(mean), .init(meanInterval),
            ] + recommended
        }
        let percent = NumberFormat.percent(intervals.level)
        let value = problem.valueName
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: [
                        "optimizer", "runs",
                        noisy
                            ? "final best-evaluated \(value): median [q25, q75]"
                            : "final \(summary.metric): median [q25, q75]",
                        "median \(percent) CI", "mean ± std", "mean \(percent) CI",
                    ] + (noisy ? ["final recommended \(value): median [q25, q75]"] : []),
                    rows: rows, source: "summary.json, report/finals.csv")))
    }

    /// `median [q25, q75]` in the report's short numbers, or a dash without runs.
    static func quartiles(_ median: Double?, _ q25: Double?, _ q75: Double?) -> String {
        median.map { "\(NumberFormat.short($0)) [\(NumberFormat.short(q25)), \(NumberFormat.short(q75))]" } ?? "–"
    }

    /// `[lower, upper]` in the report's short numbers.
    static func interval(_ lower: Double, _ upper: Double) -> String {
        "[\(NumberFormat.short(lower)), \(NumberFormat.short(upper))]"
    }
}
