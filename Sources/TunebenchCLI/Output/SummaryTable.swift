import Foundation
import Tunebench

/// The summary table printed at the end of a run: median final metric per problem (rows) and optimizer
/// (columns), the best per problem marked with `*`.
enum SummaryTable {
    /// Renders `aggregate` as aligned plain text.
    static func render(_ aggregate: Aggregate, budget: String, repetitions: Int) -> String {
        guard let first = aggregate.problems.first else { return "No problems.\n" }
        let optimizers = first.optimizers.map(\.optimizer)
        var rows: [[String]] = [["problem"] + optimizers]
        var anyUnknownOptimum = false
        for problem in aggregate.problems {
            var row = [problem.problem + (problem.metric == "regret" ? "" : " (value)")]
            anyUnknownOptimum = anyUnknownOptimum || problem.metric != "regret"
            for summary in problem.optimizers {
                var cell = summary.finalMedian.map(format) ?? "-"
                if summary.best { cell += "*" }
                if summary.failedRuns > 0 { cell += " (\(summary.failedRuns) failed)" }
                row.append(cell)
            }
            rows.append(row)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = "Median final regret after \(budget) over \(repetitions) repetitions "
            + "(* = lowest per problem):\n\n"
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            text += cells.joined(separator: "  ") + "\n"
            if index == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        if anyUnknownOptimum { text += "\n(value): the optimum is unknown; the best value found is shown instead.\n" }
        text += "\nRuns: \(aggregate.complete) complete, \(aggregate.failed) failed, \(aggregate.missing) not run "
            + "of \(aggregate.planned).\n"
        return text
    }

    /// Three significant digits: `0.0123`, `1.23e-05`, `123`.
    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if !x.isFinite { return "\(x)" }
        return String(format: "%.3g", x)
    }
}
