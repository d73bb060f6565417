import Testing
import TunebenchReport

/// Against `average_rank()` of `Tests/Scripts/report_statistics_reference.py` (SciPy 1.17.1
/// `rankdata(values, method="average")`, a missing run as `inf`).
@Suite struct AverageRankTests {
    let result = AverageRank.compute(ReportFixtures.problems, axis: ReportFixtures.axis)

    @Test func averagesMidRanksOverEveryRepetition() {
        #expect(result.curves.map(\.optimizer) == ReportFixtures.optimizers)
        #expect(result.pairs == 9)
        #expect(result.curves.allSatisfy { $0.pairs == 9 })
        #expect(close(result.curves[0].ranks, [
            1.9444444444444444, 2.0555555555555554, 2.2222222222222223, 2.2222222222222223, 2.2777777777777777, 2.5,
        ]))
        #expect(close(result.curves[1].ranks, [
            2.2222222222222223, 1.9444444444444444, 1.6666666666666667, 1.6666666666666667, 1.5555555555555556,
            1.5555555555555556,
        ]))
        #expect(close(result.curves[2].ranks, [
            1.8333333333333333, 2.0, 2.111111111111111, 2.111111111111111, 2.1666666666666665, 1.9444444444444444,
        ]))
    }

    /// tpe's failed repetition 2 of `sphere` is ranked, tpe last in it.
    @Test func aRepetitionWithAFailedRunIsRankedWithTheFailedRunLast() {
        #expect(result.leftOut.map(\.problem) == ["sphere"])
        #expect(result.leftOut.map(\.repetitions) == [[2]])
    }

    /// The ranks of k optimizers average to (k + 1)/2 at every point, ties (here `flat`, `+inf` at the first
    /// evaluation, and the failed run) included.
    @Test func ranksAverageToTheMiddleRank() {
        for k in ReportFixtures.axis.points.indices {
            #expect(abs(result.curves.map { $0.ranks[k] }.reduce(0, +) - 6) < 1e-12)
        }
    }

    /// One optimizer failing every run no longer empties the ranks: it is last (sharing with `+inf` runs at the
    /// start) in all four repetitions. `average_rank({"sphere": without(PROBLEMS, "sphere", "tpe", [0, 1, 3])})`.
    @Test func anOptimizerWithoutCompleteRunsIsRankedLastEverywhere() {
        var lonely = ReportFixtures.sphere
        lonely.optimizers[1].runs = []
        let ranked = AverageRank.compute([lonely], axis: ReportFixtures.axis)
        #expect(ranked.pairs == 4 && ranked.curves.allSatisfy { $0.pairs == 4 })
        #expect(ranked.leftOut.map(\.repetitions) == [[0, 1, 2, 3]])
        #expect(ranked.curves[0].ranks == [1.75, 1.625, 1.625, 1.75, 1.625, 1.875])
        #expect(ranked.curves[1].ranks == [2.75, 2.875, 3, 3, 3, 3])
        #expect(ranked.curves[2].ranks == [1.5, 1.5, 1.375, 1.25, 1.375, 1.125])
    }

    /// A run of repetition 4 on a problem that planned 3 extends the repetitions to 0..<5; in repetition 3 nobody
    /// has a run (all tie), in 4 only cmaes. `average_rank({"svm": extra["svm"]})`.
    @Test func repetitionsRunUpToTheHighestCarried() {
        var extra = ReportFixtures.svm
        extra.optimizers[2].runs.append(RunTrace(repetition: 4, steps: extra.optimizers[2].runs[0].steps))
        let ranked = AverageRank.compute([extra], axis: ReportFixtures.axis)
        #expect(ranked.pairs == 5 && ranked.curves.allSatisfy { $0.pairs == 5 })
        #expect(ranked.leftOut.map(\.problem) == ["svm"] && ranked.leftOut.map(\.repetitions) == [[3, 4]])
        #expect(close(ranked.curves[0].ranks, [2.0, 2.0, 2.2, 2.1, 2.3, 2.5]))
        #expect(close(ranked.curves[1].ranks, [2.3, 2.1, 1.7, 1.7, 1.5, 1.5]))
        #expect(close(ranked.curves[2].ranks, [1.7, 1.9, 2.1, 2.2, 2.2, 2.0]))
    }

    @Test func noProblemGivesEmptyCurves() {
        var empty = ReportFixtures.sphere
        empty.optimizers = []
        let none = AverageRank.compute([empty], axis: ReportFixtures.axis)
        #expect(none.pairs == 0 && none.curves.isEmpty && none.leftOut.isEmpty)
    }
}
