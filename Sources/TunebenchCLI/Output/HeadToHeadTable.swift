import Foundation
import Tunebench

/// The text and the CSV of `tunebench compare DIR --pair ...` (``HeadToHead``): a header saying what was tested and
/// how, a table of win, tie, loss and untested counts per pair and group with each side's failed runs and the median
/// overhead ratio, then per pair the problems it won and lost (with `n` and `p`), the problems untested for want of
/// pairs, the problems with failed runs, and the problems left out for the gradient track. The CSV has one row per
/// pair and problem: the detail behind the table.
enum HeadToHeadTable {
    /// The table's columns, in the text.
    static let columns = [
        "built-in", "peer", "dimension", "problems", "wins", "ties", "losses", "untested", "built-in failed",
        "peer failed", "median overhead ratio",
    ]

    /// The CSV's columns: one row per pair and problem.
    static let csvColumns = [
        "builtin", "peer", "problem", "dimension", "pairs", "builtin_failed", "peer_failed", "builtin_missing",
        "peer_missing", "p", "outcome", "builtin_median", "peer_median", "overhead_ratio",
    ]

    /// The whole text, ending with a newline.
    /// - Parameters:
    ///   - result: the analysis.
    ///   - folder: the result folder, as the user named it.
    ///   - metric: which final values were compared, for the header.
    static func render(_ result: HeadToHead, folder: String, metric: String) -> String {
        let alpha = "\(result.alpha)"
        let needed = HeadToHead.pairsNeeded(alpha: result.alpha).map { "at least \($0)" } ?? "more than 50"
        var text = "Head to head in \(folder): for each pair BUILTIN=PEER and each problem, the two-sided Wilcoxon "
            + "signed-rank test of d = builtin - peer on the \(metric) of the repetitions complete for both (paired "
            + "by repetition, which share the problem instance), at alpha \(alpha) on each problem, without "
            + "correction for multiplicity across problems (about alpha times the problems are expected to be won or "
            + "lost by chance when the two do not differ).\n"
        text += "win: p < \(alpha) and the built-in's values tend to be lower (the ranks of the negative differences "
            + "sum higher); loss: p < \(alpha) the other way; tie: anything else, non-significant differences and "
            + "equal values included; untested: too few complete pairs for any p-value to fall below \(alpha) (n "
            + "pairs cannot go below 2/2^n; \(needed) are needed), or a side in the gradient track. A repetition "
            + "that failed or is missing (not run yet) on either side is no pair; the failed columns count each "
            + "side's failed runs, and missing ones are listed below the table.\n"
        text += "Overhead ratio: per problem, the built-in's median optimizer seconds per complete run (ask + tell, "
            + "from timings.json) over the peer's, none where a side has no complete run; per row, the median of its "
            + "problems' ratios (below 1: the built-in is faster). Against a plugin the ratio mostly measures the "
            + "plugin's process and messaging, not the algorithm: a plugin's ask and tell include the round trips "
            + "to its process.\n\n"
        let rows = result.rows.map { cells($0) }
        text += CompareCommand.table([columns] + rows, leftAligned: 2) + "\n"
        for (outcome, title) in [
            (HeadToHead.Outcome.win, "won (p < \(alpha), the built-in's values lower)"),
            (.loss, "lost (p < \(alpha), the built-in's values higher)"),
        ] {
            text += "\nProblems \(title), with n complete pairs:\n"
            text += list(result, none: "none") { result in
                guard result.outcome == outcome else { return nil }
                return "\(result.problem) (n=\(result.pairs), p=\(String(format: "%.3g", result.p ?? 1)))"
            }
        }
        let few = result.results.filter(\.hasTooFewPairs)
        if !few.isEmpty {
            text += "\nUntested, too few complete pairs (\(needed) are needed at alpha \(alpha)):\n"
            text += list(result) { $0.hasTooFewPairs ? "\($0.problem) (n=\($0.pairs))" : nil }
        }
        if result.results.contains(where: { $0.builtinFailed + $0.peerFailed > 0 }) {
            text += "\nProblems with failed runs (the built-in's, the peer's):\n"
            text += list(result) { result in
                result.builtinFailed + result.peerFailed > 0
                    ? "\(result.problem) (\(result.builtinFailed), \(result.peerFailed))" : nil
            }
        }
        if result.results.contains(where: { $0.builtinMissing + $0.peerMissing > 0 }) {
            text += "\nProblems with missing runs, not run yet (the built-in's, the peer's); their n is lower:\n"
            text += list(result) { result in
                result.builtinMissing + result.peerMissing > 0
                    ? "\(result.problem) (\(result.builtinMissing), \(result.peerMissing))" : nil
            }
        }
        if result.results.contains(where: { !$0.gradientTrack.isEmpty }) {
            text += "\nUntested, gradient track (a side reads the problem's gradients, which the other cannot):\n"
            text += list(result) { result in
                result.gradientTrack.isEmpty
                    ? nil : "\(result.problem) (\(result.gradientTrack.joined(separator: ", ")))"
            }
        }
        return text
    }

    /// One line per pair, `  BUILTIN vs PEER (count): item, item, …`, of the items `item` gives for its problems;
    /// a pair without any has `: none` when `none` is given, else no line.
    private static func list(
        _ result: HeadToHead, none: String? = nil, item: (HeadToHead.ProblemResult) -> String?
    ) -> String {
        var text = ""
        for pair in result.pairs {
            let items = result.results(of: pair).compactMap(item)
            let name = "  \(pair.builtin) vs \(pair.peer)"
            if items.isEmpty {
                if let none { text += "\(name): \(none)\n" }
            } else {
                text += "\(name) (\(items.count)): " + items.joined(separator: ", ") + "\n"
            }
        }
        return text
    }

    /// The per-problem detail as CSV: a header row (``csvColumns``), then a row per pair and problem, pairs in the
    /// order given and problems in the experiment's. `dimension` is empty with `--group-by none`; `p` is empty when
    /// untested; `outcome` is `win`, `tie`, `loss`, `too-few-pairs` or `gradient-track`; the medians are over the
    /// pairs, empty without any; numbers are in Swift's shortest round-trip form, the ratio empty when there is none.
    static func csv(_ result: HeadToHead) -> String {
        var text = csvColumns.joined(separator: ",") + "\n"
        for problem in result.results {
            let outcome: String
            switch problem.outcome {
            case .untested: outcome = problem.hasTooFewPairs ? "too-few-pairs" : "gradient-track"
            default: outcome = problem.outcome.rawValue
            }
            let cells: [String] = [
                problem.pair.builtin, problem.pair.peer, problem.problem, number(problem.dimension),
                "\(problem.pairs)", "\(problem.builtinFailed)", "\(problem.peerFailed)", "\(problem.builtinMissing)",
                "\(problem.peerMissing)", number(problem.p), outcome,
                number(problem.builtinMedian), number(problem.peerMedian), number(problem.overheadRatio),
            ]
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    /// A CSV cell: `x` as `"\(x)"` writes it (Swift's shortest round-trip form for a `Double`), empty for `nil`.
    private static func number(_ x: (some CustomStringConvertible)?) -> String {
        x.map { "\($0)" } ?? ""
    }

    /// A row's cells in column order.
    private static func cells(_ row: HeadToHead.Row) -> [String] {
        [
            row.pair.builtin, row.pair.peer, row.dimension.map(String.init) ?? "all", "\(row.problems)",
            "\(row.wins)", "\(row.ties)", "\(row.losses)", "\(row.untested)", "\(row.builtinFailed)",
            "\(row.peerFailed)", row.medianOverheadRatio.map { String(format: "%.3g", $0) } ?? "–",
        ]
    }
}
