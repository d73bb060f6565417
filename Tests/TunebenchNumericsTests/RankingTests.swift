import Testing
import TunebenchNumerics

struct RankingTests {
    /// `scipy.stats.rankdata([3.0, 1.0, inf, 2.0, 1.0, inf, -inf, 2.0, 2.0], method="average")` (SciPy 1.17.1).
    @Test func tiesGetTheirMeanRankAndInfinitiesTieAtTheEnds() {
        let ranks = Ranking.midRanks([3, 1, .infinity, 2, 1, .infinity, -.infinity, 2, 2])
        #expect(ranks == [7, 2.5, 8.5, 5, 2.5, 8.5, 1, 5, 5])
    }

    @Test func smallSamples() {
        #expect(Ranking.midRanks([]) == [])
        #expect(Ranking.midRanks([0.5]) == [1])
        #expect(Ranking.midRanks([2, 2, 2]) == [2, 2, 2])
        #expect(Ranking.midRanks([0.3, 0.1, 0.2]) == [3, 1, 2])
    }

    @Test func nanRanksAfterInfinity() {
        #expect(Ranking.midRanks([.nan, .infinity, 1, .nan]) == [3.5, 2, 1, 3.5])
    }
}
