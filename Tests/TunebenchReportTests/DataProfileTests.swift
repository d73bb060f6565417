import Testing
import TunebenchReport

/// Against `data_profile()` of `Tests/Scripts/report_statistics_reference.py` (NumPy 2.4.6).
@Suite struct DataProfileTests {
    let result = DataProfile.compute(ReportFixtures.problems, axis: ReportFixtures.axis)

    /// `sphere`: f_L = 0 (regret), f₀ = median(7, 5, 6.5); `svm`: f_L = 0.21 (tpe's final), f₀ = median(0.35, 0.33,
    /// 0.45); `flat` has f₀ = f_L = 0.
    @Test func targetsCloseTheGapByHalfDecades() {
        #expect(result.targets.map(\.problem) == ["sphere", "svm"])
        #expect(result.targets.map(\.lowest) == [0, 0.21])
        #expect(result.targets.map(\.reference) == [6.5, 0.35])
        #expect(close(result.targets[0].values, [
            2.0554804791094465, 0.65, 0.20554804791094464, 0.065, 0.020554804791094467, 0.006500000000000001,
            0.0020554804791094467, 0.0006500000000000001, 0.00020554804791094467, 6.500000000000001e-05,
            2.0554804791094464e-05, 6.5e-06,
        ], tolerance: 1e-15))
        #expect(close(result.targets[1].values, [
            0.2542718872423573, 0.22399999999999998, 0.21442718872423572, 0.2114, 0.21044271887242358, 0.21014,
            0.21004427188724234, 0.21001399999999998, 0.21000442718872422, 0.2100014, 0.21000044271887242, 0.21000014,
        ], tolerance: 1e-15))
        #expect(result.targets[0].target(2) == 0.65 && result.targets[0].target(13) == nil)
        #expect(result.excluded.map(\.problem) == ["flat"])
        #expect(
            result.excluded.map(\.reason) == ["the median single-evaluation regret 0.0 is not above the lowest 0.0"])
    }

    /// The denominator counts planned repetitions, (4 + 3) · 12 = 84 for every optimizer, so tpe's failed run on
    /// `sphere` counts as twelve unsolved triples.
    @Test func fractionsOfSolvedTriplesMatchNumPy() {
        #expect(result.curves.map(\.optimizer) == ReportFixtures.optimizers)
        #expect(result.curves.map(\.triples) == [84, 84, 84])
        let random: [Double] = [0, 0, 0, 1.0 / 42, 1.0 / 42, 1.0 / 42]
        #expect(close(result.curves[0].fractions, random))
        #expect(close(result.curves[1].fractions, [
            0, 0.011904761904761904, 0.047619047619047616, 0.10714285714285714, 0.27380952380952384,
            0.27380952380952384,
        ]))
        #expect(close(result.curves[2].fractions, [
            0.011904761904761904, 0.09523809523809523, 0.09523809523809523, 0.09523809523809523,
            0.09523809523809523, 0.10714285714285714,
        ]))
    }

    /// The same runs at a cost of 0.1 an evaluation give the same profile on a cost axis of tenths, where summed
    /// costs such as 0.1 · 3 are not exactly the axis points.
    @Test func onTheCostAxisTheProfileIsTheSame() {
        let scaled = ReportFixtures.problems.map { problem in
            var problem = problem
            for i in problem.optimizers.indices {
                problem.optimizers[i].runs = problem.optimizers[i].runs.map { run in
                    ReportFixtures.run(
                        run.repetition, run.steps.map { ($0.evaluation, $0.metric) }, costPerEvaluation: 0.1)
                }
            }
            return problem
        }
        let onCost = DataProfile.compute(scaled, axis: ReportAxis.cost(budget: 0.6, points: 6))
        for (a, b) in zip(onCost.curves, result.curves) { #expect(a.fractions == b.fractions) }
    }
}
