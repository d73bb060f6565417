import TunebenchRunner

/// Failed and missing runs, each failed one with its reason: nothing is left out of a report silently.
enum FailureSection {
    static func add(_ input: ReportInput, to document: inout ReportDocument) {
        let aggregate = input.aggregate
        document.heading("Failed and missing runs")
        guard aggregate.failed > 0 || aggregate.missing > 0 else {
            document.paragraph(
                "None: all \(aggregate.planned) planned runs are complete (`summary.json`).")
            return
        }
        document.paragraph(
            "\(aggregate.complete) of \(aggregate.planned) planned runs are complete; \(aggregate.failed) failed and "
                + "\(aggregate.missing) have no run file yet (`summary.json`). Failed and missing runs are left out of "
                + "the curves, the final-value tables, the pairwise tests and the expected running times (which count "
                + "complete runs only); they rank last in the average ranks, count as loss 1 (a random point) in the "
                + "normalised score, and as unsolved in the data profile.")
        if !aggregate.failures.isEmpty {
            document.blocks.append(
                .table(
                    ReportDocument.Table(
                        header: ["problem", "optimizer", "repetition", "reason"],
                        rows: aggregate.failures.map {
                            [.init($0.problem), .init($0.optimizer), .init("\($0.repetition)"), .init(Self.oneLine($0.reason))]
                        },
                        source: "summary.json")))
        }
    }

    /// The reason on one line, shortened to 300 characters.
    static func oneLine(_ reason: String) -> String {
        let flat = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(299)) + "…" : flat
    }
}
