/// The COCO-style data profile (``DataProfile``): a step plot, a table at four fractions of the budget,
/// `report/data-profile.csv` and `report/targets.csv`.
enum ProfileSection {
    static func add(_ profile: DataProfile, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Data profile")
        let axisName = profile.axis.kind.unit
        output.csv(
            "report/targets.csv", header: ["problem", "k", "tau", "target"],
            rows: profile.targets.flatMap { targets in
                DataProfile.exponents.map { k in
                    [targets.problem, "\(k)", NumberFormat.csv(DataProfile.fraction(k)), NumberFormat.csv(targets.target(k))]
                }
            })
        output.csv(
            "report/data-profile.csv", header: ["optimizer", axisName, "fraction"],
            rows: profile.curves.flatMap { curve in
                zip(profile.axis.points, curve.fractions).map {
                    [curve.optimizer, NumberFormat.csv($0), NumberFormat.csv($1)]
                }
            })
        document.paragraph(
            "The fraction of (problem, target, run) triples solved within the budget spent so far, as COCO's "
                + "empirical runtime distributions (Hansen et al. 2021). Each problem has 12 targets "
                + "t_k = f_L + (f_0 − f_L) · 10^(−k/2): f_L is 0 for a regret (else the best final value of any run), "
                + "f_0 the median over optimizers of the median metric of a single evaluation, so the targets close "
                + "the typical starting gap to fractions 0.32 … 10⁻⁶ of itself (Moré and Wild 2009). Failed and missing "
                + "runs count as unsolved. Targets are in `report/targets.csv`.")
        if !profile.excluded.isEmpty {
            document.paragraph(
                "Left out: " + profile.excluded.map { "`\($0.problem)` (\($0.reason))" }.joined(separator: "; ") + ".")
        }
        guard profile.curves.contains(where: { !$0.fractions.isEmpty }) else { return }
        let plot = LinePlot(
            title: "Data profile: (problem, target, run) triples solved",
            xLabel: profile.axis.kind.label, yLabel: "fraction solved",
            xScale: profile.axis.points.first.map { profile.axis.budget / $0 >= 20 } == true ? .log : .linear,
            yScale: .linear, yRange: 0...1,
            series: profile.curves.filter { !$0.fractions.isEmpty }.map {
                PlotSeries(name: $0.optimizer, x: profile.axis.points, y: $0.fractions, step: true)
            })
        let svg = plot.svg()
        output.add("report/plots/data-profile.svg", svg)
        document.blocks.append(
            .figure(
                file: "report/plots/data-profile.svg", svg: svg,
                caption: "Data profile (`report/data-profile.csv`); higher and further left is better."))
        let columns = RankSection.fractions.map { RankSection.pointIndex(profile.axis, fraction: $0) }
        let best = columns.map { index in profile.curves.compactMap { $0.fractions.isEmpty ? nil : $0.fractions[index] }.max() }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer"] + columns.map { "solved at \(RankSection.label(profile.axis, $0))" },
                    rows: profile.curves.map { curve in
                        [.init(curve.optimizer)]
                            + columns.enumerated().map { column, index in
                                guard !curve.fractions.isEmpty else { return "–" }
                                return .init(
                                    NumberFormat.fixed(curve.fractions[index], 3), strong: curve.fractions[index] == best[column])
                            }
                    }, source: "report/data-profile.csv")))
    }
}
