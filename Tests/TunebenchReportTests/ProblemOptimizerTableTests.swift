import Testing

@testable import TunebenchReport

@Suite struct ProblemOptimizerTableTests {
    /// The table of `problems` × `optimizers` whose cells name their problem and optimizer.
    func table(problems: [String], optimizers: [String]) -> ReportDocument.Table {
        ProblemOptimizerTable.make(problems: problems, optimizers: optimizers, source: "s.csv") {
            .init("\($0)·\($1)")
        }
    }

    @Test func moreOptimizersThanProblemsRunDownTheRows() {
        let table = table(problems: ["p1", "p2"], optimizers: ["a", "b", "c"])
        #expect(table.header == ["optimizer", "p1", "p2"])
        #expect(
            table.rows.map { $0.map(\.text) } == [["a", "p1·a", "p2·a"], ["b", "p1·b", "p2·b"], ["c", "p1·c", "p2·c"]])
        #expect(table.source == "s.csv")
    }

    @Test func otherwiseProblemsRunDownTheRows() {
        for optimizers in [["a", "b"], ["a"]] {
            let table = table(problems: ["p1", "p2"], optimizers: optimizers)
            #expect(table.header == ["problem"] + optimizers)
            let expected = ["p1", "p2"].map { p in [p] + optimizers.map { "\(p)·\($0)" } }
            #expect(table.rows.map { $0.map(\.text) } == expected)
        }
    }
}
