import TunebenchRunner

/// Constrained problems (``TunebenchRunner/ProblemSummary/constrained``): per problem and optimizer, the share of the
/// complete runs' trials that broke a constraint and the runs that found no feasible point, from `summary.json`
/// (``TunebenchRunner/OptimizerSummary/infeasibleTrials``, ``TunebenchRunner/OptimizerSummary/infeasibleRuns``);
/// `report/infeasible-trials.csv`. The section appears only when the experiment has a constrained problem.
enum InfeasibleTrialSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        let problems = input.aggregate.problems.filter { $0.constrained == true }
        guard !problems.isEmpty else { return }
        output.csv(
            "report/infeasible-trials.csv",
            header: ["problem", "optimizer", "runs", "trials", "infeasible", "share", "runs-without-feasible"],
            rows: problems.flatMap { problem in
                problem.optimizers.map { summary in
                    let trials = summary.trials ?? 0
                    let infeasible = summary.infeasibleTrials ?? 0
                    return [
                        problem.problem, summary.optimizer, "\(summary.runs)", "\(trials)", "\(infeasible)",
                        trials > 0 ? NumberFormat.csv(Double(infeasible) / Double(trials)) : "",
                        "\(summary.infeasibleRuns ?? 0)",
                    ]
                }
            })
        document.heading("Infeasible trials")
        document.paragraph(
            "On a constrained problem an evaluation returns constraint values c_i(x) with the objective, and the point "
                + "is feasible when every c_i(x) <= 0. Regret there is feasible regret: the best value among the "
                + "feasible evaluations minus the constrained optimum; a run that found no feasible point has none "
                + "(`inf`, as Optuna's `study.best_trial` has no trial then), which ranks it last and makes means "
                + "infinite, so read medians. Each cell is the share of the complete runs' trials that were infeasible, "
                + "then, in brackets, the runs that found no feasible point (`summary.json`).")
        document.blocks.append(
            .table(
                ProblemOptimizerTable.trialCounts(problems, input, source: "report/infeasible-trials.csv") {
                    summary, trials in
                    let share = Double(summary.infeasibleTrials ?? 0) / Double(trials)
                    return NumberFormat.fixed(100 * share, 1) + "% (\(summary.infeasibleRuns ?? 0) of \(summary.runs))"
                }))
    }
}
