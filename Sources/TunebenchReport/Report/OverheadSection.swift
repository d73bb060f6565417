import TunebenchRunner

/// The optimizers' own time (ask + tell, the objective's evaluation excluded) per evaluation, from `timings.json`.
enum OverheadSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument, output: inout ReportOutput) {
        document.heading("Optimizer overhead")
        guard let timings = input.timings, !timings.isEmpty else {
            document.paragraph(
                "`timings.json` is not in this folder (it is not committed where wall-clock times would change the "
                    + "files on every run); `tunebench aggregate` writes it from the run files.")
            return
        }
        document.paragraph(
            "Median over runs of the time spent in the optimizer's ask and tell per run, divided by the median "
                + "number of evaluations of a run; the objective's own evaluation time is excluded. Wall-clock times: they depend on the "
                + "machine and its load, unlike every other number in this report.")
        let problems = input.experiment.problems.map(\.label)
        let optimizers = input.experiment.optimizers.map(\.label)
        /// The optimizer's seconds per run, the evaluations per run and their quotient, `nil` without a timing.
        func overhead(_ problem: String, _ optimizer: String) -> (run: Double, evaluations: Int, evaluation: Double)? {
            guard let timing = timings.first(where: { $0.problem == problem && $0.optimizer == optimizer }) else {
                return nil
            }
            let evaluations = Self.evaluationsPerRun(input, problem: problem, optimizer: optimizer)
            return (timing.optimizerSeconds, evaluations, timing.optimizerSeconds / Double(max(evaluations, 1)))
        }
        output.csv(
            "report/overhead.csv",
            header: ["problem", "optimizer", "optimizer-seconds-per-run", "evaluations-per-run", "seconds-per-evaluation"],
            rows: problems.flatMap { problem in
                optimizers.compactMap { optimizer in
                    overhead(problem, optimizer).map {
                        [problem, optimizer, NumberFormat.csv($0.run), "\($0.evaluations)", NumberFormat.csv($0.evaluation)]
                    }
                }
            })
        document.blocks.append(
            .table(
                ProblemOptimizerTable.make(problems: problems, optimizers: optimizers, source: "report/overhead.csv") {
                    overhead($0, $1).map { .init(NumberFormat.seconds($0.evaluation)) } ?? "–"
                }))
    }

    /// The median number of evaluations of the optimizer's complete runs on the problem (the budget when none).
    static func evaluationsPerRun(_ input: ReportInput, problem: String, optimizer: String) -> Int {
        let runs = input.problems.first { $0.problem == problem }?.optimizers.first { $0.optimizer == optimizer }?.runs
        guard let runs, !runs.isEmpty else { return input.experiment.budget }
        let counts = runs.map(\.evaluations).sorted()
        return counts[counts.count / 2]
    }
}
