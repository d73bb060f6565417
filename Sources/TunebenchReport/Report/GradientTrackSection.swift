import TunebenchRunner

/// The gradient track: optimizers that read the problems' exact gradients, which no black-box method sees. They are
/// left out of every comparison of the report (ranks, scores, profiles, pairwise tests, the problems' tables and
/// plots; the cross-problem ones on every problem) and shown here alone, each problem's lowest black-box median beside them for scale and never a mark of best.
/// The numbers also go to `report/gradient-track.csv`.
enum GradientTrackSection {
    static func add(
        _ input: ReportInput, track: GradientTrack, to document: inout ReportDocument, output: inout ReportOutput
    ) {
        guard !track.isEmpty else { return }
        let labels = track.pairs.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        let order = input.experiment.optimizers.map(\.label).filter(labels.contains)
        document.heading("Gradient track")
        document.paragraph(
            "These optimizers read the problems' exact gradients, which the black-box methods above cannot see: "
                + order.map { "`\($0)`" }.joined(separator: ", ")
                + ", on the problems that provide gradients (elsewhere they estimate them from evaluations and are "
                + "compared like the others). Here they take no part in the ranks, scores, profiles, pairwise tests or "
                + "problem tables above, and no value is marked best; an optimizer in this track on any problem is left "
                + "out of the ranks, scores, profile and pairwise tests, which tally across problems, altogether. The "
                + "last column gives the lowest median final metric of a black-box method on the same problem, for "
                + "scale only.")
        var rows: [[ReportDocument.Cell]] = []
        var csvRows: [[String]] = []
        for problem in input.aggregate.problems {
            let blackBox = problem.optimizers.filter { !track.contains(problem: problem.problem, optimizer: $0.optimizer) }
                .compactMap(\.finalMedian).min()
            for label in order where track.contains(problem: problem.problem, optimizer: label) {
                guard let entry = problem.optimizers.first(where: { $0.optimizer == label }) else { continue }
                let median = entry.finalMedian.map {
                    "\(NumberFormat.short($0)) [\(NumberFormat.short(entry.finalQ25)), \(NumberFormat.short(entry.finalQ75))]"
                } ?? "–"
                let runs = entry.failedRuns > 0 ? "\(entry.runs) (\(entry.failedRuns) failed)" : "\(entry.runs)"
                rows.append([.init(problem.problem), .init(label), .init(runs), .init(median), .init(NumberFormat.short(blackBox))])
                csvRows.append([
                    problem.problem, label, "\(entry.runs)", NumberFormat.csv(entry.finalMedian),
                    NumberFormat.csv(entry.finalQ25), NumberFormat.csv(entry.finalQ75), NumberFormat.csv(blackBox),
                ])
            }
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["problem", "optimizer", "runs", "final metric: median [q25, q75]", "lowest black-box median"],
                    rows: rows, source: "summary.json, report/gradient-track.csv")))
        output.csv(
            "report/gradient-track.csv",
            header: ["problem", "optimizer", "runs", "median", "q25", "q75", "black-box-lowest-median"], rows: csvRows)
    }
}
