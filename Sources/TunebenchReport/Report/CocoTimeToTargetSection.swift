/// Expected running time to COCO's absolute targets on COCO's problems (``CocoTimeToTarget``): a table in each such
/// problem's section and `report/time-to-coco-targets.csv`; nothing for experiments without COCO problems.
enum CocoTimeToTargetSection {
    static func write(_ times: CocoTimeToTarget, output: inout ReportOutput) {
        guard !times.entries.isEmpty else { return }
        output.csv(
            "report/time-to-coco-targets.csv",
            header: ["problem", "optimizer", "delta-f", "ert", "successes", "runs", "planned-runs"],
            rows: times.entries.map {
                [
                    $0.problem, $0.optimizer, NumberFormat.csv($0.target), $0.ert.map(NumberFormat.csv) ?? "inf",
                    "\($0.successes)", "\($0.runs)", "\($0.plannedRuns)",
                ]
            })
    }

    static func add(_ times: CocoTimeToTarget, problem: String, to document: inout ReportDocument) {
        let entries = times.entries.filter { $0.problem == problem }
        guard !entries.isEmpty else { return }
        var optimizers: [String] = []
        for entry in entries where !optimizers.contains(entry.optimizer) { optimizers.append(entry.optimizer) }
        let targets = CocoTimeToTarget.targets
        let best = targets.map { t in entries.filter { $0.target == t }.compactMap(\.ert).min() }
        let rows: [[ReportDocument.Cell]] = optimizers.map { optimizer in
            [.init(optimizer)]
                + targets.enumerated().map { column, t in
                    guard let entry = entries.first(where: { $0.optimizer == optimizer && $0.target == t }) else {
                        return "–"
                    }
                    let text = "\(NumberFormat.short(entry.ert ?? .infinity)) (\(entry.successes)/\(entry.plannedRuns))"
                    return .init(text, strong: entry.ert != nil && entry.ert == best[column])
                }
        }
        document.paragraph(
            "Expected running time in evaluations to COCO's targets Δf = f − f_opt (the targets of cocopp's tables, "
                + "which computes the same numbers from `tunebench export coco`); in parentheses, runs that reached "
                + "the target of the planned runs.")
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    header: ["optimizer"] + targets.map { "ERT to Δf = \(NumberFormat.short($0))" }, rows: rows,
                    source: "report/time-to-coco-targets.csv")))
    }
}
