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
    /// random, repetition 2, first evaluation) too.
    @Test func perProblemMeansOfClippedLosses() {
        #expect(result.losses.map(\.optimizer) == ReportFixtures.optimizers + ReportFixtures.optimizers)
        #expect(result.losses.map(\.runs) == [4, 3, 4, 3, 3, 3])
        let expected: [[Double]] = [
            [0.9285714285714286, 0.8928571428571429, 0.7857142857142857, 0.6785714285714285, 0.5714285714285714,
             0.5714285714285714],
            [0.9523809523809524, 0.619047619047619, 0.38095238095238093, 0.19142857142857142, 0.07238095238095238,
             0.07238095238095238],
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
            [0.761904761904762, 0.5535714285714286, 0.32738095238095233, 0.23261904761904761, 0.07785714285714287,
             0.07785714285714287],
            [0.7857142857142858, 0.6726369047619049, 0.654779761904762, 0.6012083333333333, 0.6012083333333333,
             0.43156547619047625],
        ]
        let score: [[Double]] = [
            [17.85714285714285, 19.64285714285714, 35.71428571428571, 47.02380952380951, 52.38095238095237,
             52.38095238095237],
            [23.809523809523803, 44.64285714285714, 67.26190476190477, 76.73809523809524, 92.21428571428572,
             92.21428571428572],
            [21.42857142857142, 32.73630952380952, 34.5220238095238, 39.87916666666666, 39.87916666666666,
             56.84345238095238],
        ]
        let normed: [[Double]] = [
            [1, 1, 1, 1, 1, 1],
            [0.927536231884058, 0.6888888888888889, 0.5092592592592592, 0.4391011235955055, 0.1635, 0.1635],
            [0.9565217391304348, 0.8370592592592594, 1.0185462962962963, 1.1348651685393256, 1.2625374999999999,
             0.9062874999999999],
        ]
        for (i, s) in result.scores.enumerated() {
            #expect(close(s.meanLoss, meanLoss[i]))
            #expect(close(s.score, score[i], tolerance: 1e-10))
            #expect(close(s.normedMean.compactMap { $0 }, normed[i]))
        }
        #expect(abs((result.scores[1].finalScore ?? 0) - 92.21428571428572) < 1e-10)
        #expect(abs((result.scores[2].finalNormedMean ?? 0) - 0.9062874999999999) < 1e-12)
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
