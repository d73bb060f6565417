/// Expected running time to three targets per problem (``TimeToTarget``): a table in each problem's section and
/// `report/time-to-target.csv`.
enum TimeToTargetSection {
    static func write(_ times: TimeToTarget, output: inout ReportOutput) {
        output.csv(
            "report/time-to-target.csv",
            header: ["problem", "optimizer", "k", "tau", "target", "ert", "successes", "runs", "planned-runs"],
            rows: times.entries.map {
                [
                    $0.problem, $0.optimizer, "\($0.exponent)", NumberFormat.csv(DataProfile.fraction($0.exponent)),
                    NumberFormat.csv($0.target), $0.ert.map(NumberFormat.csv) ?? "inf", "\($0.successes)", "\($0.runs)",
                    "\($0.plannedRuns)",
                ]
            })
    }

    static func add(_ times: TimeToTarget, problem: String, to document: inout ReportDocument) {
        let entries = times.entries.filter { $0.problem == problem }
        guard !entries.isEmpty else {
            if let reason = times.excluded.first(where: { $0.problem == problem })?.reason {
                document.paragraph("No time to target: \(reason).")
            }
            return
        }
        let exponents = TimeToTarget.exponents
        var optimizers: [String] = []
        for entry in entries where !optimizers.contains(entry.optimizer) { optimizers.append(entry.optimizer) }
        let unit = times.kind == .evaluations ? "evaluations" : times.kind == .cost ? "cost" : "simulated seconds"
        let best = exponents.map { k in entries.filter { $0.exponent == k }.compactMap(\.ert).min() }
        let rows: [[ReportDocument.Cell]] = optimizers.map { optimizer in
            [.init(optimizer)]
                + exponents.enumerated().map { column, k in
                    guard let entry = entries.first(where: { $0.optimizer == optimizer && $0.exponent == k }) else {
                        return "–"
                    }
                    let text = "\(NumberFormat.short(entry.ert ?? .infinity)) (\(entry.successes)/\(entry.plannedRuns))"
                    return .init(text, strong: entry.ert != nil && entry.ert == best[column])
                }
        }
        let header = exponents.map { k -> String in
            let target = entries.first { $0.exponent == k }?.target
            return "ERT to τ = \(NumberFormat.short(DataProfile.fraction(k))) (\(NumberFormat.short(target)))"
        }
        document.paragraph(
            "Expected running time in \(unit) to close the starting gap to the fraction τ (target in parentheses): the "
                + "\(unit) of all runs until they reach the target or end, divided by the runs that reach it (COCO's "
                + "ERT; ∞ when none does); in parentheses, runs that reached it of the planned runs.")
        document.blocks.append(
            .table(ReportDocument.Table(header: ["optimizer"] + header, rows: rows, source: "report/time-to-target.csv")))
    }
}
