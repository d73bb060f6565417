import Foundation
import Tunebench

/// The summary table printed at the end of a run: median final metric per problem (rows) and optimizer
/// (columns), the best black-box optimizer per problem marked with `*`; the gradient track in a table of its own; on
/// problems with observation noise, the median final recommended regret in a table of its own.
enum SummaryTable {
    /// Renders `aggregate` as aligned plain text. Optimizers of the gradient track (which read the problems'
    /// gradients) get a table of their own after the black-box methods', without `*`.
    static func render(_ aggregate: Aggregate, budget: String, repetitions: Int) -> String {
        guard let first = aggregate.problems.first else { return "No problems.\n" }
        let all = first.optimizers.map(\.optimizer)
        func isGradient(_ problem: ProblemSummary, _ optimizer: String) -> Bool {
            problem.optimizers.first { $0.optimizer == optimizer }?.track == .gradient
        }
        let gradientProblems = aggregate.problems.filter { problem in all.contains { isGradient(problem, $0) } }
        let gradient = all.filter { optimizer in gradientProblems.contains { isGradient($0, optimizer) } }
        let blackBox = all.filter { optimizer in aggregate.problems.contains { !isGradient($0, optimizer) } }
        var text = "Median final regret after \(budget) over \(repetitions) repetitions "
            + "(* = lowest per problem):\n\n"
        var anyUnknownOptimum = false
        text += table(
            aggregate.problems, optimizers: blackBox, shows: { !isGradient($0, $1) },
            anyUnknownOptimum: &anyUnknownOptimum)
        if !gradient.isEmpty {
            text += "\nGradient track (these read the problems' gradients, which the methods above cannot; not compared "
                + "with them):\n\n"
            text += table(gradientProblems, optimizers: gradient, shows: isGradient, anyUnknownOptimum: &anyUnknownOptimum)
        }
        let noisy = aggregate.problems.filter { $0.noisy == true }
        if !noisy.isEmpty {
            text += "\nOn the problems with observation noise, the regret above is the best-evaluated one (of the best "
                + "noiseless value among the points evaluated); the recommended one (of the configuration each "
                + "optimizer would return) is:\n\n"
            text += table(noisy, optimizers: blackBox, shows: { !isGradient($0, $1) }, anyUnknownOptimum: &anyUnknownOptimum) {
                summary, all in
                guard let median = summary.recommendedMedian else { return "-" }
                let lowest = all.filter { $0.track == nil }.compactMap(\.recommendedMedian).min()
                return format(median) + (median == lowest ? "*" : "")
            }
        }
        if anyUnknownOptimum { text += "\n(value): the optimum is unknown; the best value found is shown instead.\n" }
        text += "\nRuns: \(aggregate.complete) complete, \(aggregate.failed) failed, \(aggregate.missing) not run "
            + "of \(aggregate.planned).\n"
        return text
    }

    /// One aligned table: a row per problem, a column per optimizer of `optimizers`; a cell that `shows` refuses is
    /// `-` (its value is in the other table).
    /// Each cell is its final median (the best-evaluated metric) or what `metric` makes of its summary among the
    /// problem's (before the failed runs).
    private static func table(
        _ problems: [ProblemSummary], optimizers: [String], shows: (ProblemSummary, String) -> Bool,
        anyUnknownOptimum: inout Bool,
        metric: (OptimizerSummary, [OptimizerSummary]) -> String = { summary, _ in
            (summary.finalMedian.map(format) ?? "-") + (summary.best ? "*" : "")
        }
    ) -> String {
        var rows: [[String]] = [["problem"] + optimizers]
        for problem in problems {
            var row = [problem.problem + (problem.metric == "regret" ? "" : " (value)")]
            anyUnknownOptimum = anyUnknownOptimum || problem.metric != "regret"
            for optimizer in optimizers {
                guard shows(problem, optimizer), let summary = problem.optimizers.first(where: { $0.optimizer == optimizer })
                else {
                    row.append("-")
                    continue
                }
                var cell = metric(summary, problem.optimizers)
                if summary.failedRuns > 0 { cell += " (\(summary.failedRuns) failed)" }
                row.append(cell)
            }
            rows.append(row)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            text += cells.joined(separator: "  ") + "\n"
            if index == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return text
    }

    /// Three significant digits: `0.0123`, `1.23e-05`, `123`.
    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if !x.isFinite { return "\(x)" }
        return String(format: "%.3g", x)
    }
}
