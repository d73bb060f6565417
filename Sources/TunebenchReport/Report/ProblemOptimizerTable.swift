import TunebenchRunner

/// A table of one cell per (problem, optimizer), whichever list is longer running down the rows: problems are rows
/// and optimizers columns unless there are more optimizers than problems. A report of many optimizers on few problems
/// (or of many problems) thus gets a table as narrow as its shorter list.
enum ProblemOptimizerTable {
    /// The table.
    ///
    /// - Parameters:
    ///   - problems: The problems, in report order.
    ///   - optimizers: The optimizers, in report order.
    ///   - source: The file the numbers come from.
    ///   - cell: The cell of a problem and an optimizer.
    static func make(
        problems: [String],
        optimizers: [String],
        source: String,
        cell: (_ problem: String, _ optimizer: String) -> ReportDocument.Cell
    ) -> ReportDocument.Table {
        guard optimizers.count > problems.count else {
            return ReportDocument.Table(
                header: ["problem"] + optimizers,
                rows: problems.map { problem in [.init(problem)] + optimizers.map { cell(problem, $0) } },
                source: source)
        }
        return ReportDocument.Table(
            header: ["optimizer"] + problems,
            rows: optimizers.map { optimizer in [.init(optimizer)] + problems.map { cell($0, optimizer) } },
            source: source)
    }
}

extension ProblemOptimizerTable {
    /// The table of one cell per problem summary and optimizer of `input`'s experiment: `cell` of the optimizer's
    /// summary when it has trials, "–" otherwise (for the failed- and infeasible-trial sections).
    static func trialCounts(
        _ problems: [ProblemSummary], _ input: ReportInput, source: String,
        cell: @escaping (_ summary: OptimizerSummary, _ trials: Int) -> String
    ) -> ReportDocument.Table {
        make(problems: problems.map(\.problem), optimizers: input.experiment.optimizers.map(\.label), source: source) {
            problem, optimizer in
            guard
                let summary = problems.first(where: { $0.problem == problem })?.optimizers
                    .first(where: { $0.optimizer == optimizer }),
                let trials = summary.trials, trials > 0
            else { return "–" }
            return .init(cell(summary, trials))
        }
    }
}
