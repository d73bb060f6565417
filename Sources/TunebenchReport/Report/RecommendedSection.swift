/// The recommended regret against the best-evaluated one on the problems with observation noise
/// (``RecommendationGap``): per problem, each optimizer's median final recommended regret with the number of runs
/// whose recommendation was the best point evaluated; across them, the final average rank by each metric;
/// `report/recommended.csv` and `report/recommended-ranks.csv`. Nothing without noise.
enum RecommendedSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        guard !input.recommended.isEmpty else { return }
        let gap = RecommendationGap.compute(
            bestEvaluated: input.problems, recommended: input.recommended, axis: input.axis)
        document.heading("Recommended against best-evaluated regret")
        output.csv(
            "report/recommended.csv",
            header: [
                "problem", "optimizer", "runs", "best-evaluated-median", "recommended-median", "recommended-q25",
                "recommended-q75", "identified",
            ],
            rows: gap.entries.map {
                [
                    $0.problem, $0.optimizer, "\($0.runs)", NumberFormat.csv($0.bestEvaluatedMedian),
                    NumberFormat.csv($0.recommendedMedian), NumberFormat.csv($0.recommendedQ25),
                    NumberFormat.csv($0.recommendedQ75), "\($0.identified)",
                ]
            })
        output.csv(
            "report/recommended-ranks.csv", header: ["optimizer", "best-evaluated-rank", "recommended-rank"],
            rows: gap.ranks.map { [$0.optimizer, NumberFormat.csv($0.bestEvaluated), NumberFormat.csv($0.recommended)] })
        document.paragraph(
            (input.recommended.count == 1
                ? "On the problem with observation noise"
                : "On the \(input.recommended.count) problems with observation noise")
                + ", the optimizers saw noisy values. The "
                + "best-evaluated regret (the other sections' default) is that of the best noiseless value among the "
                + "points a run evaluated, which no optimizer could single out from noisy values; the recommended "
                + "regret is that of the configuration the optimizer itself would return after the budget "
                + "(`Optimizer.recommendation()`: by default the lowest observed value; `gp` the evaluated point of "
                + "lowest posterior mean, `forest` that of lowest forest mean). It is never lower. Each cell gives the "
                + "median final recommended regret and, in parentheses, in how many runs the recommendation was the "
                + "best point evaluated (the lowest median of each problem in bold); `report/recommended.csv` also "
                + "has the best-evaluated medians and the quartiles.")
        let problems = input.recommended.map(\.problem)
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(
                    problems: problems, optimizers: input.recommended.optimizerLabels, source: "report/recommended.csv"
                ) { problem, optimizer in
                    let entries = gap.entries.filter { $0.problem == problem }
                    guard let entry = entries.first(where: { $0.optimizer == optimizer }),
                        let median = entry.recommendedMedian
                    else { return "–" }
                    return .init(
                        "\(NumberFormat.short(median)) (\(entry.identified)/\(entry.runs))",
                        strong: median == entries.compactMap(\.recommendedMedian).min())
                }))
        document.paragraph(
            "Average rank at the end of the budget over the (noisy problem, repetition) pairs, by each regret (ranked "
                + "as in the average-rank section: ties share their mean rank, a failed or missing run ranks last):")
        let lowest = (
            best: gap.ranks.compactMap(\.bestEvaluated).min(), recommended: gap.ranks.compactMap(\.recommended).min()
        )
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer", "rank by best-evaluated regret", "rank by recommended regret"],
                    rows: gap.ranks.map {
                        [
                            .init($0.optimizer),
                            .init(NumberFormat.fixed($0.bestEvaluated, 2), strong: $0.bestEvaluated == lowest.best),
                            .init(
                                NumberFormat.fixed($0.recommended, 2), strong: $0.recommended == lowest.recommended),
                        ]
                    }, source: "report/recommended-ranks.csv")))
    }
}
