import Testing
import TunebenchReport

@Suite struct FolderComparisonTests {
    static func problem(_ samples: [String: [Double]]) -> [ProblemRuns] {
        [
            ProblemRuns(
                problem: "p", metric: "regret", optimum: 0,
                optimizers: samples.keys.sorted().map { name in
                    OptimizerRuns(
                        optimizer: name,
                        runs: samples[name]!.enumerated().map { RunTrace(repetition: $0, steps: [.init(evaluation: 10, cost: 10, metric: $1)]) },
                        evaluationMedian: 1)
                }, repetitions: samples.values.map(\.count).max() ?? 0)
        ]
    }

    @Test func significantChangesAreBetterOrWorseAndTheRestSame() {
        let low = (1...10).map { Double($0) }
        let high = (11...20).map { Double($0) }
        let baseline = Self.problem(["a": low, "b": high, "c": low, "d": [1]])
        let new = Self.problem(["a": high, "b": low, "c": low.reversed(), "d": [1, 2], "e": low])
        let comparison = FolderComparison(baseline: baseline, new: new, alpha: 0.01)
        #expect(comparison.pairs.map(\.verdict) == [.worse, .better, .same, .untested])
        #expect(comparison.onlyInNew == ["p/e"])
        #expect(comparison.onlyInBaseline.isEmpty)
        // Two-sided p of two fully separated samples of 10 (SciPy: mannwhitneyu(range(11, 21), range(1, 11),
        // method="asymptotic").pvalue = 0.00018267179110955002), times 3 tests for Holm's first step.
        #expect(abs(comparison.pairs[0].p! - 0.00018267179110955002) < 1e-12)
        #expect(abs(comparison.pairs[0].adjustedP! - 3 * 0.00018267179110955002) < 1e-12)
    }

    @Test func aMinimumChangeKeepsSmallSignificantShiftsSame() {
        let baseline = Self.problem(["a": (1...10).map { 100 + Double($0) / 100 }])
        let new = Self.problem(["a": (1...10).map { 101 + Double($0) / 100 }])
        #expect(FolderComparison(baseline: baseline, new: new, alpha: 0.01).pairs[0].verdict == .worse)
        #expect(FolderComparison(baseline: baseline, new: new, alpha: 0.01, minimumChange: 0.05).pairs[0].verdict == .same)
    }
}
