import Testing
import TunebenchReport

@Suite struct RunTraceTests {
    let trace = RunTrace(
        repetition: 0,
        steps: [
            .init(evaluation: 2, cost: 0.5, metric: 3),
            .init(evaluation: 5, cost: 1.5, metric: 1),
            .init(evaluation: 9, cost: 3, metric: 1),
        ])

    @Test func theMetricIsAStepFunctionOfEvaluations() {
        #expect(trace.metric(at: 1, on: .evaluations) == .infinity)
        #expect(trace.metric(at: 2, on: .evaluations) == 3)
        #expect(trace.metric(at: 4, on: .evaluations) == 3)
        #expect(trace.metric(at: 5, on: .evaluations) == 1)
        #expect(trace.metric(at: 100, on: .evaluations) == 1)
        #expect(trace.evaluations == 9)
        #expect(trace.final == 1)
    }

    @Test func onTheCostAxisRoundingInTheSumIsAbsorbed() {
        #expect(trace.metric(at: 0.5 * (1 - 1e-14), on: .cost) == 3)
        #expect(trace.metric(at: 0.49, on: .cost) == .infinity)
        #expect(trace.metric(at: 1.5, on: .cost) == 1)
    }

    @Test func firstReachIsWhereTheMetricFirstFallsToTheTarget() {
        #expect(trace.firstReach(3, on: .evaluations) == 2)
        #expect(trace.firstReach(2, on: .evaluations) == 5)
        #expect(trace.firstReach(1, on: .cost) == 1.5)
        #expect(trace.firstReach(0.5, on: .evaluations) == nil)
        #expect(trace.end(on: .cost) == 3)
    }

    @Test func longBudgetsAreSampledEndingAtTheBudget() {
        let axis = ReportAxis.evaluations(budget: 1000)
        #expect(axis.points.count == 300)
        #expect(axis.points.last == 1000)
        #expect(ReportAxis.evaluations(budget: 50).points == (1...50).map(Double.init))
        #expect(ReportAxis.cost(budget: 30).points.last == 30)
    }
}
