import Testing
import Tunebench

/// ``HeadToHead``: a built-in against its peer over hand-written finals of 10 repetitions, whose p-values are the
/// exact Wilcoxon signed-rank test's (every difference of one sign and distinct: `2/2¹⁰ = 2/1024`).
@Suite struct HeadToHeadTests {
    static let pair = HeadToHead.Pair(builtin: "builtin", peer: "peer")

    /// One problem: the finals of each optimizer by repetition (`nil`: no complete run in that repetition), and the
    /// failed runs of each (as `summary.json` counts them).
    static func problem(
        _ label: String, builtin: [Double?], peer: [Double?], builtinFailed: Int = 0, peerFailed: Int = 0
    ) -> ProblemRuns {
        func runs(_ finals: [Double?]) -> [RunTrace] {
            finals.enumerated().compactMap { repetition, final in
                final.map { ReportFixtures.run(repetition, [(1, 100), (5, $0)]) }
            }
        }
        return ProblemRuns(
            problem: label, metric: "regret", optimum: 0,
            optimizers: [
                OptimizerRuns(
                    optimizer: "builtin", runs: runs(builtin), evaluationMedian: nil, failedRuns: builtinFailed),
                OptimizerRuns(optimizer: "peer", runs: runs(peer), evaluationMedian: nil, failedRuns: peerFailed),
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

    /// Each problem is tested at `alpha` alone. 10 pairs cannot go below `p = 2/1024 ≈ 0.00195`: at 0.001 no
    /// problem of 10 pairs can be significant, and all are untested (too few pairs), not tied; at 0.002 they are
    /// tested again.
    @Test func anAlphaThatTenPairsCannotReachLeavesThemUntested() {
        let strict = Self.compute(alpha: 0.001)
        #expect(strict.alpha == 0.001)
        #expect(strict.results.map(\.outcome) == [.untested, .untested, .untested, .untested, .untested])
        #expect(strict.results.allSatisfy { $0.test == nil && $0.hasTooFewPairs })
        #expect(Self.counts(strict).last == [nil, 5, 0, 0, 0, 5])
        let looser = Self.compute(alpha: 0.002)
        #expect(looser.results.map(\.outcome) == [.win, .loss, .tie, .tie, .untested])
        #expect(HeadToHead.pairsNeeded(alpha: 0.001) == 11 && HeadToHead.pairsNeeded(alpha: 0.002) == 10)
    }

    /// With `n` pairs all of one sign the smallest two-sided p is `2/2ⁿ`: 5 pairs give `1/16 = 0.0625`, never below
    /// 0.05, so the problem is untested (too few pairs) rather than a tie; 6 give `1/32 ≈ 0.031`, a win.
    @Test func fivePairsAreTooFewAtTheFivePercentLevelAndSixAreEnough() throws {
        let problems = [
            Self.problem("five", builtin: Array(Self.base.prefix(5)), peer: Array(Self.raised.prefix(5))),
            Self.problem("six", builtin: Array(Self.base.prefix(6)), peer: Array(Self.raised.prefix(6))),
        ]
        let result = HeadToHead.compute(problems, pairs: [Self.pair], dimensions: nil, timings: [])
        #expect(result.results.map(\.pairs) == [5, 6])
        #expect(result.results.map(\.outcome) == [.untested, .win])
        #expect(result.results[0].test == nil && result.results[0].hasTooFewPairs)
        #expect(abs(try #require(result.results[1].p) - 1.0 / 32) < 1e-15)
        #expect(!HeadToHead.canReject(pairs: 5, alpha: 0.05) && HeadToHead.canReject(pairs: 6, alpha: 0.05))
        #expect(HeadToHead.pairsNeeded(alpha: 0.05) == 6 && HeadToHead.pairsNeeded(alpha: 0.01) == 8)
        #expect(Self.counts(result) == [[nil, 2, 1, 0, 0, 1]])
    }

    /// A built-in that fails in 4 repetitions where its peer completes: only 6 pairs are tested, and its 4 failed
    /// runs (and the peer's 1 elsewhere) are counted per problem and summed per row; the medians are over the pairs.
    @Test func failedRunsOfEachSideAreCountedPerProblemAndRow() throws {
        let failing: [Double?] = Array(Self.base.prefix(6)) + [nil, nil, nil, nil]
        let problems = [
            Self.problem("fails-2", builtin: failing, peer: Self.raised, builtinFailed: 4),
            Self.problem("peer-fails-2", builtin: Self.base, peer: Self.base, peerFailed: 1),
            Self.problem("clean-3", builtin: Self.base, peer: Self.base),
        ]
        let result = HeadToHead.compute(
            problems, pairs: [Self.pair], dimensions: ["fails-2": 2, "peer-fails-2": 2, "clean-3": 3], timings: [])
        #expect(result.results.map(\.pairs) == [6, 10, 10])
        #expect(result.results.map(\.builtinFailed) == [4, 0, 0])
        #expect(result.results.map(\.peerFailed) == [0, 1, 0])
        #expect(result.rows.map(\.builtinFailed) == [4, 0, 4])
        #expect(result.rows.map(\.peerFailed) == [1, 0, 1])
        // The medians of the 6 paired finals: base[2], base[3] and raised[2], raised[3] halfway.
        let fails = result.results[0]
        #expect(abs(try #require(fails.builtinMedian) - 1.25) < 1e-12)
        #expect(abs(try #require(fails.peerMedian) - (1.25 + 3.5)) < 1e-12)
    }

    /// A side with no complete run on a problem has no ratio there, whatever `timings.json` says (it then times the
    /// failed runs, which may stop early).
    @Test func noOverheadRatioWithoutACompleteRunOnASide() {
        let none = [Double?](repeating: nil, count: 10)
        let problems = [Self.problem("all-failed", builtin: none, peer: Self.base, builtinFailed: 10)]
        let timings = [("builtin", 0.01), ("peer", 1.0)].map {
            TimingSummary(
                problem: "all-failed", optimizer: $0.0, runs: 10, optimizerSeconds: $0.1, evaluationSeconds: 0,
                wallSeconds: 1)
        }
        let result = HeadToHead.compute(problems, pairs: [Self.pair], dimensions: nil, timings: timings)
        #expect(result.results[0].overheadRatio == nil && result.rows[0].medianOverheadRatio == nil)
        #expect(result.results[0].pairs == 0 && result.results[0].builtinFailed == 10)
        #expect(result.results[0].builtinMedian == nil && result.results[0].outcome == .untested)
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
