import Foundation
import Tunebench

/// The text and the CSV of `tunebench compare DIR --pair ...` (``HeadToHead``): a header saying what was tested and
/// how, a table of win, tie, loss and untested counts per pair and group with the median overhead ratio, then per
/// pair the problems it lost with their p-values, and the problems left out for the gradient track.
enum HeadToHeadTable {
    /// The table's columns, in the text.
    static let columns = [
        "built-in", "peer", "dimension", "problems", "wins", "ties", "losses", "untested", "median overhead ratio",
    ]

    /// The CSV's columns, the same as ``columns``.
    static let csvColumns = [
        "builtin", "peer", "dimension", "problems", "wins", "ties", "losses", "untested", "median_overhead_ratio",
    ]

    /// The whole text, ending with a newline.
    /// - Parameters:
    ///   - result: the analysis.
    ///   - folder: the result folder, as the user named it.
    ///   - metric: which final values were compared, for the header.
    static func render(_ result: HeadToHead, folder: String, metric: String) -> String {
        let alpha = "\(result.alpha)"
        var text = "Head to head in \(folder): for each pair BUILTIN=PEER and each problem, the two-sided Wilcoxon "
            + "signed-rank test of d = builtin - peer on the \(metric) of the repetitions complete for both (paired "
            + "by repetition, which share the problem instance), at alpha \(alpha) on each problem, without "
            + "correction for multiplicity across problems (up to alpha times the problems can be won or lost by "
            + "chance).\n"
        text += "win: p < \(alpha) and the built-in's values tend to be lower (the ranks of the negative differences "
            + "sum higher); loss: p < \(alpha) the other way; tie: anything else, non-significant differences and "
            + "equal values included; untested: fewer than \(HeadToHead.minimumPairs) complete pairs, or a side in "
            + "the gradient track.\n"
        text += "Overhead ratio: per problem, the built-in's median optimizer seconds per run (ask + tell, from "
            + "timings.json; a plugin's include its process as the harness times it) over the peer's; per row, the "
            + "median of its problems' ratios (below 1: the built-in is faster).\n\n"
        let rows = result.rows.map { cells($0, ratio: { String(format: "%.3g", $0) }, none: "–") }
        text += CompareCommand.table([columns] + rows, leftAligned: 2) + "\n"
        text += "\nProblems lost (p < \(alpha), the built-in's values higher):\n"
        for pair in result.pairs {
            let lost = result.results(of: pair).filter { $0.outcome == .loss }
            text += "  \(pair.builtin) vs \(pair.peer)"
            text += lost.isEmpty
                ? ": none\n"
                : " (\(lost.count)): "
                    + lost.map { "\($0.problem) (p=\(String(format: "%.3g", $0.p ?? 1)))" }.joined(separator: ", ")
                    + "\n"
        }
        let gradient = result.results.filter { !$0.gradientTrack.isEmpty }
        if !gradient.isEmpty {
            text += "\nUntested, gradient track (a side reads the problem's gradients, which the other cannot):\n"
            for pair in result.pairs {
                let mine = gradient.filter { $0.pair == pair }
                guard !mine.isEmpty else { continue }
                text += "  \(pair.builtin) vs \(pair.peer): "
                    + mine.map { "\($0.problem) (\($0.gradientTrack.joined(separator: ", ")))" }.joined(separator: ", ")
                    + "\n"
            }
        }
        return text
    }

    /// The table as CSV: a header row (``csvColumns``), then a row per table row; the dimension is `all` in the row
    /// of every problem, and the ratio in Swift's shortest round-trip form, empty when there is none.
    static func csv(_ result: HeadToHead) -> String {
        var text = csvColumns.joined(separator: ",") + "\n"
        for row in result.rows {
            text += cells(row, ratio: { "\($0)" }, none: "").joined(separator: ",") + "\n"
        }
        return text
    }

    /// A row's cells in column order, the ratio written by `ratio`, or `none` when there is no ratio.
    private static func cells(_ row: HeadToHead.Row, ratio: (Double) -> String, none: String) -> [String] {
        [
            row.pair.builtin, row.pair.peer, row.dimension.map(String.init) ?? "all", "\(row.problems)",
            "\(row.wins)", "\(row.ties)", "\(row.losses)", "\(row.untested)",
            row.medianOverheadRatio.map(ratio) ?? none,
        ]
    }
}
