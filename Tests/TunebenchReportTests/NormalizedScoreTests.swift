import Testing
import TunebenchReport

/// Against `normalized_score()` of `Tests/Scripts/report_statistics_reference.py` (NumPy 2.4.6).
@Suite struct NormalizedScoreTests {
    let result = NormalizedScore.compute(ReportFixtures.problems, axis: ReportFixtures.axis)

    @Test func scalesComeFromTheOptimumAndTheBaselinesSingleEvaluations() {
        #expect(result.baselinePresent && result.baseline == "random")
        #expect(result.scales.map(\.problem) == ["sphere", "svm"])
        #expect(result.scales.map(\.optimum) == [0, 0.21])
        #expect(result.scales.map(\.clip) == [7, 0.35])
        #expect(result.excluded.map(\.problem) == ["flat"])
    }

    /// random's repetition 2 on `sphere` sits at 9/7 of the clip and counts as 1; a run still at `+inf` (svm,
    /// random, repetition 2, first evaluation) too; so does tpe's failed repetition 2 on `sphere`, one of its four.
    @Test func perProblemMeansOfClippedLossesWithFailedRunsAtOne() {
        #expect(result.losses.map(\.optimizer) == ReportFixtures.optimizers + ReportFixtures.optimizers)
        #expect(result.losses.map(\.runs) == [4, 3, 4, 3, 3, 3])
        #expect(result.losses.map(\.missing) == [0, 1, 0, 0, 0, 0])
        let expected: [[Double]] = [
            [0.9285714285714286, 0.8928571428571429, 0.7857142857142857, 0.6785714285714285, 0.5714285714285714,
             0.5714285714285714],
            [0.9642857142857143, 0.7142857142857142, 0.5357142857142857, 0.39357142857142857, 0.30428571428571427,
             0.30428571428571427],
            [0.9285714285714286, 0.7500357142857143, 0.7143214285714286, 0.6071785714285713, 0.6071785714285713,
             0.48217857142857146],
            [0.7142857142857144, 0.7142857142857144, 0.5000000000000001, 0.38095238095238115, 0.38095238095238115,
             0.38095238095238115],
            [0.5714285714285715, 0.48809523809523814, 0.2738095238095238, 0.2738095238095238, 0.08333333333333336,
             0.08333333333333336],
            [0.6428571428571429, 0.5952380952380955, 0.5952380952380955, 0.5952380952380955, 0.5952380952380955,
             0.380952380952381],
        ]
        for (loss, values) in zip(result.losses, expected) { #expect(close(loss.losses, values), "\(loss)") }
    }

    @Test func lossIsClippedToPlusMinusOne() {
        #expect(NormalizedScore.loss(9, optimum: 0, clip: 7) == 1)
        #expect(NormalizedScore.loss(.infinity, optimum: 0, clip: 7) == 1)
        #expect(NormalizedScore.loss(-20, optimum: 0, clip: 7) == -1)
        #expect(NormalizedScore.loss(3.5, optimum: 0, clip: 7) == 0.5)
    }

    @Test func scoresAndNormedMeansOverProblems() {
        #expect(result.scores.map(\.optimizer) == ReportFixtures.optimizers)
        #expect(result.scores.map(\.problems) == [2, 2, 2])
        let meanLoss: [[Double]] = [
            [0.8214285714285715, 0.8035714285714286, 0.6428571428571429, 0.5297619047619049, 0.4761904761904763,
             0.4761904761904763],
            [0.7678571428571429, 0.6011904761904762, 0.40476190476190477, 0.3336904761904762, 0.19380952380952382,
             0.19380952380952382],
            [0.7857142857142858, 0.6726369047619049, 0.654779761904762, 0.6012083333333333, 0.6012083333333333,
             0.43156547619047625],
        ]
        let score: [[Double]] = [
            [17.85714285714285, 19.64285714285714, 35.71428571428571, 47.02380952380951, 52.38095238095237,
             52.38095238095237],
            [23.214285714285708, 39.88095238095239, 59.523809523809526, 66.63095238095238, 80.6190476190476,
             80.6190476190476],
            [21.42857142857142, 32.73630952380952, 34.5220238095238, 39.87916666666666, 39.87916666666666,
             56.84345238095238],
        ]
        let normed: [[Double]] = [
            [1, 1, 1, 1, 1, 1],
            [0.9347826086956521, 0.7481481481481481, 0.6296296296296295, 0.6298876404494381, 0.407, 0.407],
            [0.9565217391304348, 0.8370592592592594, 1.0185462962962963, 1.1348651685393256, 1.2625374999999999,
             0.9062874999999999],
        ]
        for (i, s) in result.scores.enumerated() {
            #expect(close(s.meanLoss, meanLoss[i]))
            #expect(close(s.score, score[i], tolerance: 1e-10))
            #expect(close(s.normedMean.compactMap { $0 }, normed[i]))
        }
        #expect(abs((result.scores[1].finalScore ?? 0) - 80.6190476190476) < 1e-10)
        #expect(abs((result.scores[2].finalNormedMean ?? 0) - 0.9062874999999999) < 1e-12)
    }

    /// cmaes's worst `sphere` run (repetition 2, at the clip throughout) failing leaves its losses as they were
    /// (`normalized_score(without(PROBLEMS, "sphere", "cmaes", [2]))`): a crash scores the clip, not better.
    @Test func aCrashOnTheHardestProblemScoresNoBetter() {
        var crashed = ReportFixtures.problems
        crashed[0].optimizers[2].runs.remove(at: 2)
        let after = NormalizedScore.compute(crashed, axis: ReportFixtures.axis)
        #expect(after.losses[2].runs == 3 && after.losses[2].missing == 1)
        #expect(close(after.losses[2].losses, result.losses[2].losses))
        #expect(close(after.scores[2].score, result.scores[2].score, tolerance: 1e-10))
        #expect(abs((after.scores[2].finalScore ?? 0) - 56.84345238095238) < 1e-10)
    }

    /// tpe failing every run of `svm` still averages over both problems, `svm` at loss 1 (and the optimum estimate
    /// moves from tpe's 0.21 to cmaes's 0.24): `normalized_score(without(PROBLEMS, "svm", "tpe", [0, 1, 2]))`.
    @Test func anOptimizerWithoutCompleteRunsIsScoredOnEveryProblem() {
        var failed = ReportFixtures.problems
        failed[1].optimizers[1].runs = []
        let after = NormalizedScore.compute(failed, axis: ReportFixtures.axis)
        #expect(after.scales.map(\.optimum) == [0, 0.24])
        #expect(after.losses.map(\.optimizer) == ReportFixtures.optimizers + ReportFixtures.optimizers)
        #expect(after.losses[4].runs == 0 && after.losses[4].missing == 3)
        #expect(after.losses[4].losses.allSatisfy { $0 == 1 })
        #expect(after.scores.map(\.problems) == [2, 2, 2])
        #expect(close(after.scores[1].meanLoss, [
            0.9821428571428572, 0.8571428571428571, 0.7678571428571428, 0.6967857142857143, 0.6521428571428571,
            0.6521428571428571,
        ]))
        #expect(close(after.scores[0].meanLoss, [
            0.7824675324675325, 0.7646103896103897, 0.5746753246753248, 0.4453463203463204, 0.39177489177489183,
            0.39177489177489183,
        ]))
        #expect(abs((after.scores[1].finalNormedMean ?? 0) - 1.6645856353591157) < 1e-12)
    }

    /// An optimizer the problem does not list, on a problem that plans no repetition, counts one run at the clip.
    @Test func anUnlistedOptimizerCountsOneMissingRun() {
        var plannedNone = ReportFixtures.sphere
        plannedNone.repetitions = 0
        var other = ReportFixtures.svm
        other.optimizers.append(OptimizerRuns(optimizer: "grid", runs: [], evaluationMedian: nil))
        let after = NormalizedScore.compute([other, plannedNone], axis: ReportFixtures.axis)
        let grid = after.losses.filter { $0.optimizer == "grid" }
        #expect(grid.map(\.problem) == ["svm", "sphere"] && grid.map(\.missing) == [3, 1])
        #expect(grid.allSatisfy { $0.runs == 0 && $0.losses.allSatisfy { $0 == 1 } })
        #expect(after.losses.filter { $0.problem == "sphere" }.map(\.missing) == [0, 0, 0, 1])
    }

    @Test func excludedProblemsSayWhy() {
        #expect(result.excluded.map(\.reason) == [
            "the baseline's median single-evaluation regret 0.0 is not above the optimum 0.0"
        ])
        var noMedian = ReportFixtures.svm
        noMedian.optimizers[0].evaluationMedian = nil
        let without = NormalizedScore.compute([noMedian], axis: ReportFixtures.axis)
        #expect(without.scales.isEmpty && without.scores.allSatisfy { $0.problems == 0 && $0.score.isEmpty })
        #expect(
            without.excluded.map(\.reason) == ["the baseline \"random\" has no finite median single-evaluation metric"])
    }

    @Test func aMissingBaselineIsReportedNotThrown() {
        let other = NormalizedScore.compute(ReportFixtures.problems, axis: ReportFixtures.axis, baseline: "grid")
        #expect(!other.baselinePresent && other.scores.isEmpty && other.scales.isEmpty)
        #expect(other.excluded.map(\.problem) == ["sphere", "svm", "flat"])
        let tpe = NormalizedScore.compute(ReportFixtures.problems, axis: ReportFixtures.axis, baseline: "tpe")
        #expect(tpe.baselinePresent && tpe.scales.map(\.clip) == [5, 0.33])
        #expect(tpe.scores[1].normedMean.allSatisfy { $0 == 1 })
    }
}
