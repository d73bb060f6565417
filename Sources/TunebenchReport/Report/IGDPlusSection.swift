import TunebenchRunner

/// Multi-objective problems whose Pareto front is known: each optimizer's median final IGD+
/// (``TunebenchRunner/OptimizerSummary/igdPlusMedian``: the mean distance from the front's sample to the run's final
/// attained front, counting only the ways the front is better; Ishibuchi, Masuda, Tanigaki and Nojima, "Modified
/// distance calculation in generational distance and inverted generational distance", EMO 2015), lowest in bold;
/// `report/igd-plus.csv`. Only in a report with such a problem.
enum IGDPlusSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        let problems = input.aggregate.problems.filter { problem in
            problem.optimizers.contains { $0.igdPlusMedian != nil }
        }
        guard !problems.isEmpty else { return }
        let optimizers = input.experiment.optimizers.map(\.label)
        func median(_ problem: String, _ optimizer: String) -> Double? {
            problems.first { $0.problem == problem }?.optimizers.first { $0.optimizer == optimizer }?.igdPlusMedian
        }
        let labels = problems.map(\.problem)
        output.csv(
            "report/igd-plus.csv", header: ["problem", "optimizer", "runs", "igd-plus-median"],
            rows: problems.flatMap { problem in
                optimizers.map { optimizer in
                    let found = problem.optimizers.first { $0.optimizer == optimizer }
                    return [problem.problem, optimizer, "\(found?.runs ?? 0)", NumberFormat.csv(found?.igdPlusMedian)]
                }
            })
        document.heading("Final IGD+")
        document.paragraph(
            "On the multi-objective problems whose Pareto front is known: the median over the complete runs of the "
                + "IGD+ of each run's final attained front (its non-dominated points inside the reference box; inf "
                + "when there are none) against a sample of the front (about 1,000 points for two objectives, 5,000 "
                + "beyond): "
                + "the mean distance from the front's points to the attained ones, counting only the objectives where "
                + "the front is better (Ishibuchi et al. 2015). Lower is better; the lowest of each problem in bold.")
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(problems: labels, optimizers: optimizers, source: "report/igd-plus.csv") {
                    problem, optimizer in
                    guard let value = median(problem, optimizer) else { return "–" }
                    let lowest = optimizers.compactMap { median(problem, $0) }.min()
                    return .init(NumberFormat.short(value), strong: value == lowest)
                }))
    }
}
