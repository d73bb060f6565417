import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

@testable import TunebenchReport

/// The normalised score under bayesmark's rule (``NormalizedScore/Rule/bayesmark``) against bayesmark 0.0.8's own
/// analysis: the numbers below are what `Tests/Scripts/bayesmark_scoring_reference.py` prints, from bayesmark's
/// `experiment_baseline.compute_baseline` and `experiment_analysis.compute_aggregates` on the same evaluations (in the
/// environment of `Tests/Scripts/requirements-bayesmark.txt`): each problem's padded best and clip, each optimizer's
/// mean normalised loss per problem after the 6 evaluations, and the leaderboard figure `100 (1 − mean)`. bayesmark's
/// `RandomSearch` is the baseline `random` here; a failed evaluation (`inf` in bayesmark) is a run whose trace starts
/// later.
@Suite struct BayesmarkScoringTests {
    /// evaluations[problem][optimizer][study] = the 6 evaluations in order (the script's `EVALUATIONS`).
    static let evaluations: [String: [String: [[Double]]]] = [
        "p1": [
            "random": [[5.0, 3.0, 4.0, 2.5, 6.0, 3.5], [4.5, 5.5, 2.0, 3.0, 7.0, 1.5], [6.5, 4.0, 3.25, 5.0, 2.75, 4.25], [3.75, 8.0, 2.25, 6.25, 5.25, 4.75]],
            "a": [[4.0, 2.0, 1.0, 0.5, 0.75, 0.25], [.infinity, 3.0, 2.5, 1.25, 0.6, 0.4], [2.0, 1.5, 1.4, 1.3, 1.2, 1.1], [5.0, 4.0, 3.0, 2.0, 1.0, 0.9]],
            "b": [[3.0, 3.0, 3.0, 2.9, 2.8, 2.7], [6.0, 5.0, 4.0, 3.0, 2.0, 1.0], [.infinity, .infinity, 9.0, 8.0, 7.0, 0.3], [1.9, 1.8, 1.7, 1.6, 1.5, 1.45]],
        ],
        "p2": [
            "random": [[-0.5, -0.75, -0.6, -0.9, -0.55, -0.8], [-0.7, -0.65, -0.85, -0.5, -0.95, -0.6], [-0.4, -0.9, -0.7, -0.62, -0.58, -0.66], [-0.88, -0.52, -0.64, -0.72, -0.68, -0.5]],
            "a": [[-0.9, -0.95, -0.97, -0.97, -0.98, -0.99], [-0.6, -0.7, -0.8, -0.9, -0.91, -0.92], [-0.96, -0.96, -0.96, -0.96, -0.96, -0.96], [-0.5, -0.5, -0.5, -0.5, -0.5, -0.99]],
            "b": [[-0.4, -0.4, -0.4, -0.4, -0.4, -0.4], [-0.8, -0.85, -0.9, -0.93, -0.94, -0.94], [-0.3, -0.6, -0.9, -0.92, -0.93, -0.95], [-0.7, -0.75, -0.8, -0.85, -0.9, -0.975]],
        ],
        "p3": [
            "random": [[1200.0, 950.0, 3100.0, 2800.0, 1500.0, 2200.0], [4000.0, 1800.0, 2600.0, 990.0, 3300.0, 1250.0], [2750.0, 1900.0, 1100.0, 3600.0, 2050.0, 1700.0], [1600.0, 2400.0, 3900.0, 1300.0, 2900.0, 1000.0]],
            "a": [[900.0, 850.0, 800.0, 790.0, 780.0, 770.0], [2000.0, 1500.0, 1000.0, 950.0, 920.0, 910.0], [.infinity, 1000.0, 990.0, 980.0, 970.0, 960.0], [3000.0, 2500.0, 2000.0, 1500.0, 1000.0, 500.0]],
            "b": [[1000.0, 1000.0, 1000.0, 1000.0, 1000.0, 1000.0], [800.0, 800.0, 800.0, 800.0, 800.0, 800.0], [5000.0, 4000.0, 3000.0, 2000.0, 1500.0, 1200.0], [1900.0, 1800.0, 1700.0, 1600.0, 1500.0, 1400.0]],
        ],
    ]

    /// (problem, PERF_BEST, PERF_CLIP) as bayesmark computes them.
    static let scales: [(String, Double, Double)] = [
        ("p1", 0.2499999999994449, 4.0),
        ("p2", -0.9900000000011102, -0.66),
        ("p3", 499.99999999943157, 1900.0),
    ]

    /// (problem, optimizer, NORMED_MEAN at the last iteration).
    static let normed: [(String, String, Double)] = [
        ("p1", "random", 0.5333333333334024),
        ("p1", "a", 0.11000000000013177),
        ("p1", "b", 0.2966666666667708),
        ("p2", "random", 0.2500000000025232),
        ("p2", "a", 0.07575757576068519),
        ("p2", "b", 0.3295454545477102),
        ("p3", "random", 0.3642857142859724),
        ("p3", "a", 0.20357142857175195),
        ("p3", "b", 0.42857142857166064),
    ]

    /// bayesmark's `summary["mean"]` at each of the 6 iterations (one evaluation each): the mean normalised loss over
    /// problems, whose last point gives the leaderboard.
    static let meanCurves: [String: [Double]] = [
        "random": [0.8692640692643151, 0.7428751803757184, 0.5629329004335991, 0.44787157287242757, 0.4115079365088778, 0.38253968254063264],
        "a": [0.7596681096685992, 0.5788059163065266, 0.4573917748925091, 0.3408297258305657, 0.26415223665311255, 0.12977633477752296],
        "b": [0.7666089466091582, 0.7331818181821174, 0.6391486291492199, 0.5812770562777384, 0.5071717171724748, 0.3515945165953805],
    ]

    /// 100 (1 − summary mean) at the last iteration.
    static let leaderboard: [String: Double] = ["random": 61.74603174593673, "a": 87.02236652224771, "b": 64.84054834046195]

    static let problems: [ProblemRuns] = evaluations.keys.sorted().map { problem in
        ProblemRuns(
            problem: problem, metric: "best value", optimum: nil,
            optimizers: ["random", "a", "b"].map { label in
                let studies = evaluations[problem]![label]!
                let runs = studies.enumerated().map { study, values in
                    // The best-so-far trace: a step at each finite evaluation.
                    var best = Double.infinity
                    var steps: [(Int, Double)] = []
                    for (k, value) in values.enumerated() where value.isFinite {
                        best = min(best, value)
                        steps.append((k + 1, best))
                    }
                    return ReportFixtures.run(study, steps)
                }
                let pooled = studies.flatMap { $0 }.filter(\.isFinite)
                return OptimizerRuns(
                    optimizer: label, runs: runs, evaluationMedian: Statistics.median(pooled),
                    evaluationLowerMedian: Statistics.lowerMedian(pooled))
            },
            repetitions: 4)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func scalesAreBayesmarks() {
        let score = NormalizedScore.compute(Self.problems, axis: .evaluations(budget: 6), rule: .bayesmark)
        #expect(score.excluded.isEmpty)
        #expect(score.scales.map(\.problem) == Self.scales.map(\.0))
        for (scale, (problem, best, clip)) in zip(score.scales, Self.scales) {
            #expect(scale.optimum == best, "\(problem): best \(scale.optimum), bayesmark's \(best)")
            #expect(scale.clip == clip, "\(problem): clip \(scale.clip), bayesmark's \(clip)")
        }
    }

    @Test func lossesAndLeaderboardAreBayesmarks() {
        let score = NormalizedScore.compute(Self.problems, axis: .evaluations(budget: 6), rule: .bayesmark)
        for (problem, optimizer, expected) in Self.normed {
            let loss = score.losses.first { $0.problem == problem && $0.optimizer == optimizer }?.losses.last
            #expect(
                loss.map { Self.close($0, expected) } == true,
                "\(problem) \(optimizer): \(String(describing: loss)), bayesmark's \(expected)")
        }
        for result in score.scores {
            let expected = Self.leaderboard[result.optimizer]!
            #expect(
                result.finalScore.map { Self.close($0, expected) } == true,
                "\(result.optimizer): \(String(describing: result.finalScore)), bayesmark's \(expected)")
        }
        // The whole curve: after k evaluations the score is 100 (1 − bayesmark's mean at iteration k), a run whose
        // first evaluations failed counting 1 until its first finite one (bayesmark's inf, clipped).
        #expect(score.axis.points == [1, 2, 3, 4, 5, 6])
        for result in score.scores {
            let expected = Self.meanCurves[result.optimizer]!.map { 100 * (1 - $0) }
            #expect(result.score.count == expected.count)
            #expect(
                zip(result.score, expected).allSatisfy { Self.close($0, $1) },
                "\(result.optimizer): \(result.score), bayesmark's \(expected)")
        }
        // Tunebench's own rule takes the median (the mean of the two middle evaluations) and the unpadded best.
        let own = NormalizedScore.compute(Self.problems, axis: .evaluations(budget: 6))
        #expect(own.scales.map(\.clip) != score.scales.map(\.clip))
    }

    /// In the environment bayesmark runs in (`TUNEBENCH_BAYESMARK_PYTHON`, which .ci/run sets), the reference script
    /// prints the numbers above, bit for bit: they came from bayesmark, not from Tunebench.
    @Test(.bayesmark)
    func theNumbersAreWhatBayesmarkPrints() throws {
        let python = try #require(TestEnvironment.bayesmarkPython)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = try PythonScript.run(
            root.appendingPathComponent("Tests/Scripts/bayesmark_scoring_reference.py"), [],
            python: python)
        #expect(result.status == 0, "\(result.errors)")
        let words = result.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let scales = words.filter { $0.first == "problem" }.map { ($0[1], Double($0[3])!, Double($0[5])!) }
        #expect(scales.map(\.0) == Self.scales.map(\.0))
        #expect(scales.map(\.1) == Self.scales.map(\.1) && scales.map(\.2) == Self.scales.map(\.2))
        let names = ["RandomSearch_0_0": "random", "a_0_0": "a", "b_0_0": "b"]
        let normed = words.filter { $0.first == "normed" }.map { (names[$0[2]]!, Double($0.last!)!) }
        #expect(normed.map(\.1) == Self.normed.map(\.2))
        for line in words where line.first == "mean" {
            #expect(Self.meanCurves[names[line[1]]!] == line.dropFirst(2).map { Double($0)! })
        }
        for line in words where line.first == "leaderboard" {
            #expect(Self.leaderboard[names[line[1]]!] == Double(line[2])!)
        }
    }

    /// The lower median is the order statistic ⌈n/2⌉, bayesmark's `quantile(X, 0.5)`.
    @Test func theLowerMedianIsTheOrderStatisticOfRankHalfN() {
        #expect(Statistics.lowerMedian([4, 1, 3, 2]) == 2)
        #expect(Statistics.lowerMedian([5, 1, 3, 2, 4]) == 3)
        #expect(Statistics.lowerMedian([7]) == 7)
        #expect(Statistics.lowerMedian([2, .nan, 1, 3]) == 2)
        // Large samples, found by selection: the sorted sample's element ⌈n/2⌉.
        for count in [1000, 1001] {
            let sample = (0..<count).map { Double(($0 * 7919) % 1009) / 8 }
            #expect(Statistics.lowerMedian(sample) == sample.sorted()[(count + 1) / 2 - 1])
        }
    }
}
