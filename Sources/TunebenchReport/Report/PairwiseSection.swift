import TunebenchNumerics

/// Pairwise Wilcoxon signed-rank tests with Holm's correction (``PairwiseTests``): the win/tie/loss matrix and
/// `report/pairwise.csv`.
enum PairwiseSection {
    static func add(_ tests: PairwiseTests, problems: Int, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Pairwise tests")
        output.csv(
            "report/pairwise.csv",
            header: [
                "problem", "optimizer", "other", "pairs", "median", "other-median", "w-plus", "w-minus", "nonzero",
                "method", "p", "p-holm", "outcome",
            ],
            rows: tests.comparisons.map {
                [
                    $0.problem, $0.first, $0.second, "\($0.pairs)", NumberFormat.csv($0.firstMedian),
                    NumberFormat.csv($0.secondMedian), NumberFormat.csv($0.positiveRankSum),
                    NumberFormat.csv($0.negativeRankSum), "\($0.differences)", $0.method.rawValue,
                    NumberFormat.csv($0.p), NumberFormat.csv($0.adjustedP), $0.outcome.rawValue,
                ]
            })
        // The family of a problem is its comparisons: fewer than k(k − 1)/2 where some optimizer has no runs on it
        // (a plugin that cannot take its space) or too few.
        var familySizes: [String: Int] = [:]
        var largestPairs: [String: Int] = [:]
        for comparison in tests.comparisons {
            familySizes[comparison.problem, default: 0] += 1
            largestPairs[comparison.problem] = max(largestPairs[comparison.problem] ?? 0, comparison.pairs)
        }
        let optimizers = tests.optimizers.count
        let perProblem = familySizes.values.max() ?? optimizers * (optimizers - 1) / 2
        let uniform = Set(familySizes.values).count <= 1
        let family =
            uniform
            ? "the \(perProblem) pairs of optimizers of each problem"
            : "the pairs of optimizers compared on each problem (at most \(perProblem))"
        document.paragraph(
            "Each cell counts, over the \(problems) problems, how often the row's optimizer won, tied and lost against "
                + "the column's: two-sided Wilcoxon signed-rank tests of their final values paired by repetition (the "
                + "runs of a repetition share the problem instance; repetitions where both runs are complete form the "
                + "pairs, and pairs with equal finals are dropped), as SciPy's `wilcoxon` computes them by default "
                + "(exact up to 50 pairs without ties or equal finals, exact given the ties up to 13, else the normal "
                + "approximation with the tie correction), Holm-corrected over \(family), so that the chance of any false win or loss on a problem is at most "
                + "\(tests.alpha); a win needs an adjusted p-value below \(tests.alpha) and lower values (`w-minus` "
                + "above `w-plus` in the file). Two optimizers with fewer than \(PairwiseTests.minimumPairs) such "
                + "repetitions are not tested. The column net, next to the names, sums wins minus losses.")
        // With few repetitions no p-value is small enough for Holm's first step; say so rather than show a matrix of
        // ties as if the optimizers were equal. Only when that holds on every problem: m · 2/2ⁿ ≥ alpha for its m
        // tests and the most pairs n of any of them.
        let pairs = tests.comparisons.map(\.pairs).max() ?? 0
        let smallest = PairwiseTests.minimumAttainableP(pairs)
        let hopeless = familySizes.allSatisfy { problem, size in
            Double(size) * PairwiseTests.minimumAttainableP(largestPairs[problem] ?? 0) >= tests.alpha
        }
        if pairs >= PairwiseTests.minimumPairs && hopeless {
            let advice = PairwiseTests.pairsNeeded(comparisons: perProblem, alpha: tests.alpha).map {
                "; from \($0) repetitions on, an optimizer that ends below another in every repetition would win"
                    + (uniform ? "." : " on the problems with the most tests.")
            }
            let reason =
                uniform
                ? "**With \(pairs) paired repetitions and \(perProblem) tests per problem, no difference can reach "
                    + "significance**: the smallest p-value the test can give \(pairs) pairs"
                    + (pairs <= WilcoxonSignedRank.exactLimit ? ", 2/2^\(pairs) = " : ", ")
                    + "\(NumberFormat.short(smallest)), times \(perProblem) is at least \(tests.alpha)."
                : "**With at most \(pairs) paired repetitions, no difference can reach significance on any "
                    + "problem**: on each, the smallest p-value the test can give its pairs, times its number of "
                    + "tests, is at least \(tests.alpha)."
            document.paragraph(
                reason + " A tie here means \"not enough repetitions\", not \"equal\"" + (advice ?? ".")
                    + " The p-values in `report/pairwise.csv` still rank the differences.")
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
