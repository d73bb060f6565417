import TunebenchCore

/// Average rank over the budget (``AverageRank``): a plot, a table at four fractions of the budget, `report/ranks.csv`.
enum RankSection {
    /// The fractions of the budget the tables show.
    static let fractions = [0.1, 0.25, 0.5, 1.0]

    static func add(_ ranks: AverageRank, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Average rank")
        let axisName = ranks.axis.kind.unit
        output.csv(
            "report/ranks.csv", header: ["optimizer", axisName, "rank"],
            rows: ranks.curves.flatMap { curve in
                zip(ranks.axis.points, curve.ranks).map { [curve.optimizer, NumberFormat.csv($0), NumberFormat.csv($1)] }
            })
        guard ranks.pairs > 0 else {
            document.paragraph("No (problem, repetition) pair has a complete run of every optimizer: nothing to rank.")
            return
        }
        var text =
            "At each point of the budget, the optimizers are ranked within each (problem, repetition) pair by their "
            + "best metric so far (1 is best, ties share the mean rank; the runs of a repetition share the problem "
            + "instance), and the ranks are averaged over the \(ranks.pairs) pairs. A failed or missing run ranks last."
        if !ranks.leftOut.isEmpty {
            text += " Repetitions with a failed or missing run, so ranked last: "
                + ranks.leftOut.map { "`\($0.problem)` repetitions \($0.repetitions.map(String.init).joined(separator: ", "))" }
                    .joined(separator: "; ") + "."
        }
        document.paragraph(text)
        let plot = LinePlot(
            title: "Average rank", xLabel: ranks.axis.kind.label,
            yLabel: "average rank (1 = best)", xScale: .linear, yScale: .linear,
            yRange: 1...Double(max(ranks.curves.count, 2)),
            series: ranks.curves.filter { !$0.ranks.isEmpty }.map {
                PlotSeries(name: $0.optimizer, x: ranks.axis.points, y: $0.ranks)
            })
        let svg = plot.svg()
        output.add("report/plots/ranks.svg", svg)
        document.blocks.append(
            .figure(file: "report/plots/ranks.svg", svg: svg, caption: "Average rank over the budget (`report/ranks.csv`)."))
        let columns = fractions.map { fraction in Self.pointIndex(ranks.axis, fraction: fraction) }
        let best = columns.map { index in ranks.curves.compactMap { $0.ranks.isEmpty ? nil : $0.ranks[index] }.min() }
        let rows: [[ReportDocument.Cell]] = ranks.curves.map { curve in
            [.init(curve.optimizer)]
                + columns.enumerated().map { column, index in
                    guard !curve.ranks.isEmpty else { return "–" }
                    return .init(NumberFormat.fixed(curve.ranks[index], 2), strong: curve.ranks[index] == best[column])
                }
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer"] + columns.map { "rank at \(Self.label(ranks.axis, $0))" }, rows: rows,
                    source: "report/ranks.csv")))
    }

    /// The index of the last axis point at or before `fraction` of the budget (at least the first point).
    static func pointIndex(_ axis: ReportAxis, fraction: Double) -> Int {
        let limit = BudgetTolerance.limit(axis.budget * fraction)
        return max(0, (axis.points.lastIndex { $0 <= limit }) ?? 0)
    }

    /// A point of the axis as a column label: "25 evaluations", "cost 33.3", "time 33.3 s".
    static func label(_ axis: ReportAxis, _ index: Int) -> String {
        let x = axis.points[index]
        switch axis.kind {
        case .evaluations: return "\(Int(x)) evaluations"
        case .cost: return "cost \(NumberFormat.short(x))"
        case .time: return "time \(NumberFormat.short(x)) s"
        }
    }
}
