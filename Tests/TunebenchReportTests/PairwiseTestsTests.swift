import Testing
import TunebenchReport

/// Against `pairwise()` of `Tests/Scripts/report_statistics_reference.py`: SciPy 1.17.1
/// `mannwhitneyu(x, y, method="asymptotic", use_continuity=True)` and statsmodels 0.15.0
/// `multipletests(p, method="holm")`.
@Suite struct PairwiseTestsTests {
    /// Six repetitions, so that a win can survive the correction: a against c is separated (a win), a against b has
    /// a raw p-value of 0.030 but an adjusted one of 0.060 (Holm turns the win into a tie), b against c is a tie.
    static let separated = ProblemRuns(
        problem: "pairs", metric: "regret", optimum: 0,
        optimizers: [
            ("a", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
            ("b", [0.45, 0.5, 0.6, 0.8, 0.9, 1.0]),
            ("c", [0.65, 0.75, 0.85, 0.95, 1.05, 1.15]),
        ].map { label, finals in
            OptimizerRuns(
                optimizer: label,
                runs: finals.enumerated().map { ReportFixtures.run($0.offset, [(1, 2), (6, $0.element)]) },
                evaluationMedian: 2)
        },
        repetitions: 6)

    @Test func holmTurnsAWinIntoATie() {
        let result = PairwiseTests.compute([Self.separated])
        #expect(result.optimizers == ["a", "b", "c"])
        let rows = result.comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["a-b", "a-c", "b-c"])
        #expect(rows.map(\.statistic) == [4, 0, 9])
        #expect(close(rows.map(\.p), [0.030057756930680038, 0.005074868097940253, 0.1734854683214785]))
        #expect(close(rows.map(\.adjustedP), [0.060115513861360076, 0.015224604293820759, 0.1734854683214785]))
        #expect(rows.map(\.outcome) == [.tie, .win, .tie])
        #expect(rows[0].p < 0.05)
        #expect(abs(rows[1].firstMedian - 0.35) < 1e-15 && abs(rows[1].secondMedian - 0.9) < 1e-15)
        #expect(result.matrix[0][2] == PairwiseTests.Tally(wins: 1))
        #expect(result.matrix[2][0] == PairwiseTests.Tally(losses: 1))
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 1))
        #expect(result.matrix[1][1] == PairwiseTests.Tally())
        // Without the correction's cost (alpha above the adjusted p-value) a against b is a win again.
        #expect(PairwiseTests.compute([Self.separated], alpha: 0.07).comparisons[0].outcome == .win)
    }

    /// The whole matrix is one family: the nine comparisons of the fixtures together with the three above.
    @Test func theFamilyIsEveryComparisonOfEveryProblem() {
        let result = PairwiseTests.compute(ReportFixtures.problems + [Self.separated])
        #expect(result.optimizers == ReportFixtures.optimizers + ["a", "b", "c"])
        let rows = result.comparisons
        #expect(rows.count == 12)
        #expect(rows.map(\.problem) == Array(repeating: "sphere", count: 3) + Array(repeating: "svm", count: 3)
            + Array(repeating: "flat", count: 3) + Array(repeating: "pairs", count: 3))
        #expect(rows[0].firstRuns == 4 && rows[0].secondRuns == 3)
        #expect(rows.map(\.statistic) == [12, 9.5, 3, 9, 5.5, 0, 2, 2, 2, 4, 0, 9])
        #expect(close(rows.map(\.p), [
            0.05182992721790968, 0.7715034091403082, 0.376759117811582, 0.08085559837005224, 0.8247780950825133,
            0.08085559837005224, 1, 1, 1, 0.030057756930680038, 0.005074868097940253, 0.1734854683214785,
        ]))
        // statsmodels multipletests(p, method="holm")[1] over the twelve
        #expect(close(rows.map(\.adjustedP), [
            0.5182992721790968, 1, 1, 0.7277003853304702, 1, 0.7277003853304702, 1, 1, 1, 0.33063532623748043,
            0.060898417175283034, 1,
        ]))
        // a against c, a win in its own problem's family of three, is a tie in the family of twelve.
        #expect(rows.allSatisfy { $0.outcome == .tie })
        #expect(result.matrix[0][1] == PairwiseTests.Tally(ties: 3))
        #expect(result.matrix[0][3] == PairwiseTests.Tally())
    }

    @Test func optimizersWithFewerThanTwoRunsAreNotCompared() {
        var few = ReportFixtures.sphere
        few.optimizers[1].runs = [few.optimizers[1].runs[0]]
        let rows = PairwiseTests.compute([few]).comparisons
        #expect(rows.map { "\($0.first)-\($0.second)" } == ["random-cmaes"])
    }
}
