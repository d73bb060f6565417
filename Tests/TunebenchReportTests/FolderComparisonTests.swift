import Testing
import Tunebench

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

    /// `a` rose from 1…10 to 11…20, `b` fell from 11…20 to 1…10, `c` is 1…10 in reverse, `d` has one baseline run,
    /// `e` is only in the new folder.
    static let baseline = problem(["a": Array(1...10).map(Double.init), "b": Array(11...20).map(Double.init),
        "c": Array(1...10).map(Double.init), "d": [1]])
    static let new = problem(["a": Array(11...20).map(Double.init), "b": Array(1...10).map(Double.init),
        "c": Array((1...10).reversed()).map(Double.init), "d": [1, 2], "e": Array(1...10).map(Double.init)])

    @Test func significantChangesAreBetterOrWorseAndTheRestSame() {
        let (baseline, new) = (Self.baseline, Self.new)
        let comparison = FolderComparison(baseline: baseline, new: new, alpha: 0.01, test: .unpaired)
        #expect(comparison.test == .unpaired)
        #expect(comparison.pairs.map(\.verdict) == [.worse, .better, .same, .untested])
        #expect(comparison.onlyInNew == ["p/e"])
        #expect(comparison.onlyInBaseline.isEmpty)
        // Two-sided p of two fully separated samples of 10 (SciPy: mannwhitneyu(range(11, 21), range(1, 11),
        // method="asymptotic").pvalue = 0.00018267179110955002), times 3 tests for Holm's first step.
        #expect(abs(comparison.pairs[0].p! - 0.00018267179110955002) < 1e-12)
        #expect(abs(comparison.pairs[0].adjustedP! - 3 * 0.00018267179110955002) < 1e-12)
        #expect(comparison.pairs.allSatisfy { $0.pairs == nil })
    }

    /// Paired by repetition: `a` rose by 10 in every repetition and `b` fell by 10, so each is one sign pattern of
    /// 2¹⁰ (SciPy: `wilcoxon(range(11, 21), range(1, 11)).pvalue = 0.001953125`, by the permutation distribution as
    /// the ten differences tie), times 3 tests for Holm's first step; `c` reversed has mixed signs; `d` has one pair.
    @Test func pairedRunsAreComparedRepetitionByRepetition() {
        let (baseline, new) = (Self.baseline, Self.new)
        let comparison = FolderComparison(baseline: baseline, new: new, alpha: 0.01, test: .paired)
        #expect(comparison.pairs.map(\.verdict) == [.worse, .better, .same, .untested])
        #expect(comparison.pairs.map(\.pairs) == [10, 10, 10, 1])
        #expect(comparison.pairs[0].p == 0.001953125 && comparison.pairs[0].adjustedP == 3 * 0.001953125)
        // Three tests of 10 pairs can pass Holm at 0.01 (3 · 2/1024 ≈ 0.0059), not at 0.005; unpaired samples of 10
        // reach 1.8e-4, and can.
        #expect(comparison.powerless.isEmpty)
        #expect(FolderComparison(baseline: baseline, new: new, alpha: 0.005, test: .paired).powerless == ["p"])
        #expect(FolderComparison(baseline: baseline, new: new, alpha: 0.005, test: .unpaired).powerless.isEmpty)
        // The same runs in both folders (the same code on the same instances) differ nowhere: p = 1, same.
        let same = FolderComparison(baseline: baseline, new: baseline, alpha: 0.01, test: .paired)
        #expect(same.pairs.map(\.verdict) == [.same, .same, .same, .untested])
        #expect(same.pairs.prefix(3).allSatisfy { $0.p == 1 })
    }

    /// Folders pair when they ran the same instances: same seed, and each shared problem label the same entry.
    @Test func foldersPairWhenTheyRanTheSameInstances() {
        let experiment = Experiment(
            name: "e", seed: 3, repetitions: 4, budget: 25, optimizers: [EntrySpec("random")],
            problems: [
                EntrySpec("branin"), EntrySpec("sphere", label: "sphere-3", options: ["dimension": .integer(3)]),
            ])
        var grown = experiment
        grown.repetitions = 10
        grown.optimizers.append(EntrySpec("sobol"))
        grown.problems.append(EntrySpec("hartmann3"))
        #expect(FolderComparison.pairingObstacle(baseline: experiment, new: grown) == nil)
        var reseeded = experiment
        reseeded.seed = 4
        #expect(FolderComparison.pairingObstacle(baseline: experiment, new: reseeded)?.contains("seeds differ") == true)
        var resized = experiment
        resized.problems[1].options["dimension"] = .integer(4)
        #expect(FolderComparison.pairingObstacle(baseline: experiment, new: resized)?.contains("sphere-3") == true)
    }

    @Test func aMinimumChangeKeepsSmallSignificantShiftsSame() {
        let baseline = Self.problem(["a": (1...10).map { 100 + Double($0) / 100 }])
        let new = Self.problem(["a": (1...10).map { 101 + Double($0) / 100 }])
        for test in FolderComparison.Test.allCases {
            #expect(FolderComparison(baseline: baseline, new: new, alpha: 0.01, test: test).pairs[0].verdict == .worse)
            let small = FolderComparison(baseline: baseline, new: new, alpha: 0.01, minimumChange: 0.05, test: test)
            #expect(small.pairs[0].verdict == .same)
        }
    }
}
