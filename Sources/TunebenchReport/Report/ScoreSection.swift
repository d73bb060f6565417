/// bayesmark's normalised score against the baseline (``NormalizedScore``): a table of final scores, a table of
/// per-problem normalised losses, a plot of the score over the budget, `report/scores.csv` and
/// `report/normalised-losses.csv`; both CSVs end with a `rule` column naming the score rule (`tunebench` or
/// `bayesmark`, ``NormalizedScore/Rule``), so that files of two rules cannot be mistaken for each other.
enum ScoreSection {
    static func add(_ score: NormalizedScore, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Normalised score against \(score.baseline)")
        output.csv(
            "report/scores.csv", header: ["optimizer", "problems", "mean-loss", "score", "normed-mean", "rule"],
            rows: score.scores.map {
                [$0.optimizer, "\($0.problems)", NumberFormat.csv($0.meanLoss.last), NumberFormat.csv($0.finalScore),
                    NumberFormat.csv($0.finalNormedMean), score.rule.rawValue]
            })
        output.csv(
            "report/normalised-losses.csv", header: ["problem", "optimizer", "runs", "loss", "rule"],
            rows: score.losses.map {
                [$0.problem, $0.optimizer, "\($0.runs)", NumberFormat.csv($0.losses.last), score.rule.rawValue]
            })
        guard score.baselinePresent else {
            document.paragraph(
                "No optimizer is labelled `\(score.baseline)`, the baseline of the score (`--baseline` chooses another).")
            return
        }
        let rule =
            score.rule == .bayesmark
            ? "opt is the best final value of any run less 10⁴ units in its last place and clip the lower median "
                + "metric of a single evaluation of `\(score.baseline)` (pooled over its evaluations): bayesmark's own "
                + "rule (`--score-rule bayesmark`)"
            : "opt is 0 for a regret (else the best final value of any run) and clip is the median metric of a single "
                + "evaluation of `\(score.baseline)` (pooled over its evaluations); bayesmark estimates opt from the "
                + "runs even where the optimum is known, and takes the lower median (`--score-rule bayesmark`)"
        document.paragraph(
            "bayesmark's score (Uber, bayesmark documentation, \"How scoring works\"): per run, the normalised loss "
                + "ℓ = (S − opt) / (clip − opt), clipped to [−1, 1], where S is the best metric at the end of the budget, "
                + rule + ". Each optimizer's mean over its runs "
                + "and then over problems is L, a failed or missing run counting as loss 1 (bayesmark's clip: a crash "
                + "scores as a random point); the score is 100 · (1 − L), so 0 is a random point and 100 the optimum. "
                + "\"vs \(score.baseline)\" is L divided by the baseline's L (below 1 is better).")
        if !score.excluded.isEmpty {
            document.paragraph(
                "Left out: " + score.excluded.map { "`\($0.problem)` (\($0.reason))" }.joined(separator: "; ") + ".")
        }
        let best = score.scores.compactMap(\.finalScore).max()
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer", "score", "L / L(\(score.baseline))", "problems"],
                    rows: score.scores.map {
                        [
                            .init($0.optimizer), .init(NumberFormat.fixed($0.finalScore, 2), strong: $0.finalScore == best),
                            .init(NumberFormat.fixed($0.finalNormedMean, 3)), .init("\($0.problems)"),
                        ]
                    }, source: "report/scores.csv")))
        let axisName = score.axis.kind.label
        let plot = LinePlot(
            title: "Normalised score (bayesmark)", xLabel: axisName, yLabel: "100 · (1 − L)", xScale: .linear,
            yScale: .linear, yRange: nil,
            series: score.scores.filter { !$0.score.isEmpty }.map {
                PlotSeries(name: $0.optimizer, x: score.axis.points, y: $0.score)
            })
        let svg = plot.svg()
        output.add("report/plots/scores.svg", svg)
        document.blocks.append(
            .figure(
                file: "report/plots/scores.svg", svg: svg,
                caption: "Normalised score over the budget; its last point is the table's score."))
        document.paragraph(
            "Mean normalised loss per problem at the end of the budget (0 is the optimum, 1 a random point; the lowest "
                + "of each problem in bold):")
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(
                    problems: score.scales.map(\.problem), optimizers: score.scores.map(\.optimizer),
                    source: "report/normalised-losses.csv"
                ) { problem, optimizer in
                    let entries = score.losses.filter { $0.problem == problem }
                    guard let loss = entries.first(where: { $0.optimizer == optimizer })?.losses.last else { return "–" }
                    return .init(NumberFormat.fixed(loss, 3), strong: loss == entries.compactMap(\.losses.last).min())
                }))
    }
}
