import TunebenchRunner

/// What each failure region cost each optimizer (``FailureCost``): a table of one cell per failing problem and
/// optimizer, the failed share (worst run in brackets) and the medians of the paired finals with failures and without,
/// marked where the paired test finds them worse or better; every figure, with the p-values, in
/// `report/failure-cost.csv`. Present only when some failing problem's base problem is in the folder.
enum FailureCostSection {
    static func add(
        _ input: ReportInput, problems: [ProblemRuns], alpha: Double, to document: inout ReportDocument,
        output: inout ReportOutput
    ) {
        let cost = FailureCost.compute(
            experiment: input.experiment, problems: problems, aggregate: input.aggregate, alpha: alpha)
        guard !cost.rows.isEmpty else { return }
        output.csv(
            "report/failure-cost.csv",
            header: [
                "problem", "base", "failure", "failure-share", "optimizer", "pairs", "median", "base-median", "p",
                "outcome", "trials", "failed", "failed-share", "worst-run-share", "failed-runs", "base-failed-runs",
            ],
            rows: cost.rows.map { row in
                [
                    row.problem, row.base, row.shape ?? "", NumberFormat.csv(row.share), row.optimizer, "\(row.pairs)",
                    NumberFormat.csv(row.median), NumberFormat.csv(row.baseMedian),
                    NumberFormat.csv(row.test?.pTwoSided), row.outcome.rawValue,
                    row.trials.map { "\($0)" } ?? "", row.failedTrials.map { "\($0)" } ?? "",
                    NumberFormat.csv(row.failedShare), NumberFormat.csv(row.worstRunShare), "\(row.failedRuns)",
                    "\(row.baseFailedRuns)",
                ]
            })
        document.heading("Failures against the same instances without them")
        document.paragraph(
            "Each problem with a hidden failure region against its base problem in this folder: repetition k of both "
                + "runs on the same instance with the same optimizer seed (a failure region's options stay out of the "
                + "seeds), so the two runs coincide until the first failure. Each cell gives the share of the complete "
                + "runs' trials that failed (the worst run's in brackets; `–` when none failed), then the median "
                + "final best-evaluated metric (regret, or feasible regret) with failures → without them, over the "
                + "repetitions complete on both (failed runs, which are no pairs, counted after them), marked worse or "
                + "better (in bold) where the two-sided Wilcoxon signed-rank test of "
                + "the paired finals gives p < \(NumberFormat.short(alpha)) (no correction across cells; `untested`: "
                + "too few pairs). The p-values are in the CSV.")
        let problemLabels = cost.rows.map(\.problem).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let optimizers = input.experiment.optimizers.map(\.label)
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(
                    problems: problemLabels, optimizers: optimizers, source: "report/failure-cost.csv"
                ) { problem, optimizer in
                    guard let row = cost.rows.first(where: { $0.problem == problem && $0.optimizer == optimizer })
                    else { return "–" }
                    let share = row.failedShare.map {
                        NumberFormat.fixed(100 * $0, 1) + "% (" + NumberFormat.fixed(100 * (row.worstRunShare ?? 0), 1)
                            + "%)"
                    } ?? "–"
                    let medians = NumberFormat.short(row.median) + " → " + NumberFormat.short(row.baseMedian)
                    var mark = row.outcome == .same ? "" : " " + row.outcome.rawValue
                    if row.failedRuns + row.baseFailedRuns > 0 {
                        mark += "; failed runs \(row.failedRuns) → \(row.baseFailedRuns)"
                    }
                    return .init(share + "; " + medians + mark, strong: row.outcome == .worse || row.outcome == .better)
                }))
    }
}
