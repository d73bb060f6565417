/// Pairwise Mann–Whitney U tests with Holm's correction (``PairwiseTests``): the win/tie/loss matrix and
/// `report/pairwise.csv`.
enum PairwiseSection {
    static func add(_ tests: PairwiseTests, problems: Int, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Pairwise tests")
        output.csv(
            "report/pairwise.csv",
            header: [
                "problem", "optimizer", "other", "runs", "other-runs", "median", "other-median", "u", "p", "p-holm",
                "outcome",
            ],
            rows: tests.comparisons.map {
                [
                    $0.problem, $0.first, $0.second, "\($0.firstRuns)", "\($0.secondRuns)", NumberFormat.csv($0.firstMedian),
                    NumberFormat.csv($0.secondMedian), NumberFormat.csv($0.statistic), NumberFormat.csv($0.p),
                    NumberFormat.csv($0.adjustedP), $0.outcome.rawValue,
                ]
            })
        let optimizers = tests.optimizers.count
        let perProblem = optimizers * (optimizers - 1) / 2
        document.paragraph(
            "Each cell counts, over the \(problems) problems, how often the row's optimizer won, tied and lost against "
                + "the column's: two-sided Mann–Whitney U tests of their final values (normal approximation with tie and "
                + "continuity corrections, as SciPy's `mannwhitneyu(method=\"asymptotic\")`), Holm-corrected over the "
                + "\(perProblem) pairs of each problem, so that the chance of any false win or loss on a problem is at "
                + "most \(tests.alpha); a win needs an adjusted p-value below \(tests.alpha) and lower values. Pairs with "
                + "fewer than two complete runs on a side are not tested. The column net, next to the names, sums wins "
                + "minus losses.")
        // With few runs no p-value is small enough for Holm's first step; say so rather than show a matrix of ties.
        let runs = tests.comparisons.map { min($0.firstRuns, $0.secondRuns) }.max() ?? 0
        if runs >= 2 && Double(perProblem) * PairwiseTests.minimumAttainableP(runs, runs) >= tests.alpha {
            document.paragraph(
                "**With \(runs) runs per optimizer and \(perProblem) tests per problem, no difference between distinct "
                    + "values can reach significance** (the smallest attainable p-value, "
                    + "\(NumberFormat.short(PairwiseTests.minimumAttainableP(runs, runs))), times \(perProblem) is at least "
                    + "\(tests.alpha)): a tie here means \"not enough runs\", not \"equal\". Run more repetitions.")
        }
        let names = tests.optimizers
        let rows: [[ReportDocument.Cell]] = names.indices.map { i in
            let net = tests.matrix[i].reduce(0) { $0 + $1.wins - $1.losses }
            return [.init(names[i]), .init(net > 0 ? "+\(net)" : "\(net)")]
                + names.indices.map { j in
                    if i == j { return "·" }
                    let t = tests.matrix[i][j]
                    return .init("\(t.wins)/\(t.ties)/\(t.losses)")
                }
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["wins/ties/losses", "net"] + names, rows: rows, source: "report/pairwise.csv")))
    }
}
