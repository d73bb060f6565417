import Testing
import TunebenchReport

/// Against `average_rank()` of `Tests/Scripts/report_statistics_reference.py` (SciPy 1.17.1 `rankdata`).
@Suite struct AverageRankTests {
    let result = AverageRank.compute(ReportFixtures.problems, axis: ReportFixtures.axis)

    @Test func averagesMidRanksOverCompleteRepetitions() {
        #expect(result.curves.map(\.optimizer) == ReportFixtures.optimizers)
        #expect(result.pairs == 8)
        #expect(result.curves.allSatisfy { $0.pairs == 8 })
        #expect(result.curves[0].ranks == [1.9375, 2.0625, 2.25, 2.25, 2.3125, 2.5625])
        #expect(result.curves[1].ranks == [2.125, 1.8125, 1.5, 1.5, 1.375, 1.375])
        #expect(result.curves[2].ranks == [1.9375, 2.125, 2.25, 2.25, 2.3125, 2.0625])
    }

    @Test func aRepetitionWithAFailedRunIsLeftOut() {
        #expect(result.leftOut.map(\.problem) == ["sphere"])
        #expect(result.leftOut.map(\.repetitions) == [[2]])
    }

    /// The ranks of k optimizers average to (k + 1)/2 at every point, ties (here `flat`, and `+inf` at the first
    /// evaluation) included.
    @Test func ranksAverageToTheMiddleRank() {
        for k in ReportFixtures.axis.points.indices {
            #expect(abs(result.curves.map { $0.ranks[k] }.reduce(0, +) - 6) < 1e-12)
        }
    }

    @Test func noUsableRepetitionGivesEmptyCurves() {
        var lonely = ReportFixtures.sphere
        lonely.optimizers[1].runs = []
        let empty = AverageRank.compute([lonely], axis: ReportFixtures.axis)
        #expect(empty.pairs == 0 && empty.curves.allSatisfy { $0.ranks.isEmpty && $0.pairs == 0 })
        #expect(empty.leftOut.map(\.repetitions) == [[0, 1, 2, 3]])
    }
}
