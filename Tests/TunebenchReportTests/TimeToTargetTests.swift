import Testing
import TunebenchReport

/// Against `time_to_target()` of `Tests/Scripts/report_statistics_reference.py`.
@Suite struct TimeToTargetTests {
    let result = TimeToTarget.compute(ReportFixtures.problems, on: .evaluations)

    private func entry(_ problem: String, _ k: Int, _ optimizer: String) -> TimeToTarget.Entry? {
        result.entries.first { $0.problem == problem && $0.exponent == k && $0.optimizer == optimizer }
    }

    @Test func entriesCoverEachProblemTargetAndOptimizer() {
        #expect(result.entries.count == 2 * 3 * 3)
        #expect(result.targets.map(\.problem) == ["sphere", "svm"])
        #expect(result.excluded.map(\.problem) == ["flat"])
        #expect(result.entries.prefix(3).map(\.optimizer) == ReportFixtures.optimizers)
        #expect(result.entries.map(\.exponent).prefix(9) == [2, 2, 2, 6, 6, 6, 10, 10, 10])
        #expect(entry("sphere", 2, "tpe")?.target == 0.65)
    }

    /// tpe on `sphere`, target 0.65: reached at 5 and 4, not in a run that ends at 6 → (5 + 6 + 4) / 2; its failed
    /// repetition is not a run but is planned.
    @Test func ertWithOneFailureAndWithAMissingRun() {
        let tpe = entry("sphere", 2, "tpe")
        #expect(tpe?.ert == 7.5 && tpe?.successes == 2 && tpe?.runs == 3 && tpe?.plannedRuns == 4)
        let cmaes = entry("sphere", 2, "cmaes")
        #expect(cmaes?.ert == 20 && cmaes?.successes == 1 && cmaes?.runs == 4)
        #expect(entry("sphere", 6, "cmaes")?.ert == 20)
        #expect(entry("svm", 2, "tpe")?.ert == 7)
        #expect(entry("svm", 6, "tpe")?.ert == 17)
        #expect(entry("svm", 10, "tpe")?.ert == 17)
    }

    @Test func aTargetNeverReachedHasNoERT() {
        for (problem, k, optimizer) in [
            ("sphere", 2, "random"), ("sphere", 6, "tpe"), ("sphere", 10, "cmaes"), ("svm", 2, "cmaes"),
            ("svm", 10, "random"),
        ] {
            let e = entry(problem, k, optimizer)
            #expect(e != nil && e?.ert == nil && e?.successes == 0, "\(problem) \(k) \(optimizer)")
        }
    }

    @Test func onTheCostAxisRunningTimesAreCosts() {
        let runs = ReportFixtures.sphere.optimizers[1].runs.map { run in
            ReportFixtures.run(run.repetition, run.steps.map { ($0.evaluation, $0.metric) }, costPerEvaluation: 2)
        }
        let (ert, successes) = TimeToTarget.expectedRunningTime(runs, target: 0.65, on: .cost)
        #expect(ert == 15 && successes == 2)
        #expect(TimeToTarget.expectedRunningTime([], target: 1, on: .cost) == (nil, 0))
    }

    /// On the time axis a run that reaches the target spends its first reach; one that does not spends its last
    /// completion when it made its whole evaluation budget, else the whole time budget, which cut it.
    @Test func onTheTimeAxisARunCutByTheTimeBudgetSpendsAllOfIt() {
        func run(_ repetition: Int, _ steps: [(evaluation: Int, metric: Double, time: Double)]) -> RunTrace {
            RunTrace(
                repetition: repetition,
                steps: steps.map {
                    RunTrace.Step(
                        evaluation: $0.evaluation, cost: Double($0.evaluation), metric: $0.metric, time: $0.time)
                })
        }
        let reaches = run(0, [(1, 2, 0.5), (4, 0.5, 3)])
        let stoppedEarly = run(1, [(1, 3, 1), (10, 1, 6)])
        let cut = run(2, [(1, 3, 1), (7, 2, 9.5)])
        let (ert, successes) = TimeToTarget.expectedRunningTime(
            [reaches, stoppedEarly, cut], target: 0.5, on: .time, budget: 10, timeBudget: 12)
        #expect(successes == 1 && ert == 3 + 6 + 12)
        // Without the budgets, every unsuccessful run spends its last completion.
        let unbudgeted = TimeToTarget.expectedRunningTime([reaches, stoppedEarly, cut], target: 0.5, on: .time)
        #expect(unbudgeted.ert == 3 + 6 + 9.5)
    }

}
