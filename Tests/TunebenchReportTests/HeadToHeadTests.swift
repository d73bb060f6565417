import Testing
import Tunebench

/// ``HeadToHead``: a built-in against its peer over hand-written finals of 10 repetitions, whose p-values are the
/// exact Wilcoxon signed-rank test's (every difference of one sign and distinct: `2/2¹⁰ = 2/1024`).
@Suite struct HeadToHeadTests {
    static let pair = HeadToHead.Pair(builtin: "builtin", peer: "peer")

    /// One problem: the finals of each optimizer by repetition (`nil`: no complete run in that repetition).
    static func problem(_ label: String, builtin: [Double?], peer: [Double?]) -> ProblemRuns {
        func runs(_ finals: [Double?]) -> [RunTrace] {
            finals.enumerated().compactMap { repetition, final in
                final.map { ReportFixtures.run(repetition, [(1, 100), (5, $0)]) }
            }
        }
        return ProblemRuns(
            problem: label, metric: "regret", optimum: 0,
            optimizers: [
                OptimizerRuns(optimizer: "builtin", runs: runs(builtin), evaluationMedian: nil),
                OptimizerRuns(optimizer: "peer", runs: runs(peer), evaluationMedian: nil),
            ],
            repetitions: builtin.count)
    }

    static let base: [Double] = (0..<10).map { 1 + 0.1 * Double($0) }
    /// `base` plus 1, 2, …, 10: every difference of one sign, of distinct sizes.
    static let raised: [Double] = base.enumerated().map { $0.element + Double($0.offset + 1) }

    /// `base` plus 1, −2, 3, …, −10: against `base`, the signed-rank sums are `W⁺ = 25` and `W⁻ = 30`.
    static let alternating: [Double] = base.enumerated().map {
        $0.element + Double(($0.offset % 2 == 0 ? 1 : -1) * ($0.offset + 1))
    }

    /// Two problems of dimension 2 (the built-in lower in every repetition, then higher), three of dimension 5
    /// (equal finals, mixed signs, a single complete pair).
    static let problems = [
        problem("win-2", builtin: base, peer: raised),
        problem("loss-2", builtin: raised, peer: base),
        problem("equal-5", builtin: base, peer: base),
        problem("mixed-5", builtin: alternating, peer: base),
        problem("few-5", builtin: [1] + [Double?](repeating: nil, count: 9), peer: base),
    ]

    static let dimensions = ["win-2": 2, "loss-2": 2, "equal-5": 5, "mixed-5": 5, "few-5": 5]

    /// Optimizer seconds per run: ratios 2, 4, 0.5, 3 and none (the built-in has no timing on few-5).
    static let timings: [TimingSummary] = [
        ("win-2", "builtin", 2.0), ("win-2", "peer", 1.0), ("loss-2", "builtin", 4.0), ("loss-2", "peer", 1.0),
        ("equal-5", "builtin", 0.5), ("equal-5", "peer", 1.0), ("mixed-5", "builtin", 0.3), ("mixed-5", "peer", 0.1),
        ("few-5", "peer", 1.0),
    ].map {
        TimingSummary(
            problem: $0.0, optimizer: $0.1, runs: 10, optimizerSeconds: $0.2, evaluationSeconds: 0, wallSeconds: 1)
    }

    static func compute(
        pairs: [HeadToHead.Pair] = [pair], dimensions: [String: Int]? = dimensions, gradientTrack: GradientTrack = .none,
        alpha: Double = HeadToHead.defaultAlpha
    ) -> HeadToHead {
        HeadToHead.compute(
            problems, pairs: pairs, dimensions: dimensions, timings: timings, gradientTrack: gradientTrack, alpha: alpha)
    }

    /// `(dimension, problems, wins, ties, losses, untested)` of each row.
    static func counts(_ result: HeadToHead) -> [[Int?]] {
        result.rows.map { [$0.dimension, $0.problems, $0.wins, $0.ties, $0.losses, $0.untested] }
    }

    @Test func clearlyLowerIsAWinHigherALossEqualATie() throws {
        let result = Self.compute()
        #expect(result.results.map(\.outcome) == [.win, .loss, .tie, .tie, .untested])
        #expect(result.results.map(\.pairs) == [10, 10, 10, 10, 1])
        let p = result.results.map(\.p)
        #expect(abs(p[0]! - 2.0 / 1024) < 1e-15 && abs(p[1]! - 2.0 / 1024) < 1e-15)
        #expect(p[2] == 1 && p[3]! > 0.05 && p[4] == nil)
        let win = try #require(result.results[0].test)
        #expect(win.negativeRankSum == 55 && win.positiveRankSum == 0)
        let mixed = try #require(result.results[3].test)
        #expect(mixed.positiveRankSum == 25 && mixed.negativeRankSum == 30)
    }

    @Test func rowsGroupByDimensionAscendingThenAll() {
        let result = Self.compute()
        #expect(Self.counts(result) == [[2, 2, 1, 0, 1, 0], [5, 3, 0, 2, 0, 1], [nil, 5, 1, 2, 1, 1]])
        #expect(result.results.map(\.dimension) == [2, 2, 5, 5, 5])
    }

    /// Per problem the built-in's seconds over the peer's; per row the median of those that have both.
    @Test func overheadRatioIsTheMedianOfTheProblemsRatios() throws {
        let result = Self.compute()
        let ratios = result.results.map(\.overheadRatio)
        #expect(ratios.count == 5 && ratios[4] == nil)
        for (ratio, expected) in zip(ratios.prefix(4), [2, 4, 0.5, 3]) {
            #expect(abs(try #require(ratio) - expected) < 1e-12)
        }
        let medians = result.rows.map(\.medianOverheadRatio)
        for (median, expected) in zip(medians, [3, 1.75, 2.5]) {
            #expect(abs(try #require(median) - expected) < 1e-12)
        }
    }

    /// Pairs come out in the order given; the reversed pair has the reversed outcomes and the inverse ratios.
    @Test func pairsKeepTheirOrderAndReversingOneSwapsWinsAndLosses() throws {
        let reversed = HeadToHead.Pair(builtin: "peer", peer: "builtin")
        let result = Self.compute(pairs: [reversed, Self.pair])
        #expect(result.pairs == [reversed, Self.pair])
        #expect(result.rows.map(\.pair) == [reversed, reversed, reversed, Self.pair, Self.pair, Self.pair])
        #expect(result.results(of: reversed).map(\.outcome) == [.loss, .win, .tie, .tie, .untested])
        let all = try #require(result.rows.first { $0.pair == reversed && $0.dimension == nil })
        #expect(all.wins == 1 && all.losses == 1)
        // The ratios 1/2, 1/4, 2 and 1/3: median (1/3 + 1/2)/2.
        #expect(abs(try #require(all.medianOverheadRatio) - 5.0 / 12) < 1e-12)
    }

    @Test func withoutGroupingOnlyTheRowOfEveryProblem() {
        let result = Self.compute(dimensions: nil)
        #expect(Self.counts(result) == [[nil, 5, 1, 2, 1, 1]])
        #expect(result.results.allSatisfy { $0.dimension == nil })
    }

    /// A problem where either side reads gradients is left out for that pair: untested, no test, no ratio.
    @Test func theGradientTrackIsUntested() {
        let result = Self.compute(gradientTrack: GradientTrack(["win-2": ["peer"], "few-5": ["builtin", "peer"]]))
        #expect(result.results.map(\.outcome) == [.untested, .loss, .tie, .tie, .untested])
        #expect(result.results[0].gradientTrack == ["peer"] && result.results[0].test == nil)
        #expect(result.results[4].gradientTrack == ["builtin", "peer"])
        #expect(result.results[0].overheadRatio == nil && result.rows[0].medianOverheadRatio == 4)
        #expect(Self.counts(result)[0] == [2, 2, 0, 0, 1, 1])
    }

    /// Each problem is tested at `alpha` alone: below 2/1024 nothing of 10 pairs is significant.
    @Test func aSmallerAlphaTurnsWinsAndLossesIntoTies() {
        let result = Self.compute(alpha: 0.001)
        #expect(result.alpha == 0.001)
        #expect(result.results.map(\.outcome) == [.tie, .tie, .tie, .tie, .untested])
    }

    /// The direction is that of the signed-rank sums, not of the medians; no difference is a tie.
    @Test func classifyFollowsTheRankSums() {
        let allZero = WilcoxonSignedRank.test(Self.base, Self.base)
        #expect(HeadToHead.classify(allZero, alpha: 0.05) == .tie)
        // Six small positive differences and four large negative ones: the median difference is positive (the first
        // higher in most repetitions), but the ranks of the negative ones sum higher.
        let d: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, -10, -20, -30, -40]
        let test = WilcoxonSignedRank.test(differences: d)
        #expect(Statistics.median(d) > 0)
        #expect(test.positiveRankSum == 21 && test.negativeRankSum == 34 && test.pTwoSided < 0.99)
        #expect(HeadToHead.classify(test, alpha: 0.99) == .win)
        #expect(HeadToHead.classify(WilcoxonSignedRank.test(differences: d.map { -$0 }), alpha: 0.99) == .loss)
        let lower = WilcoxonSignedRank.test(Self.base, Self.raised)
        #expect(HeadToHead.classify(lower, alpha: 0.05) == .win)
        #expect(HeadToHead.classify(lower, alpha: 2.0 / 1024) == .tie)
    }
}
