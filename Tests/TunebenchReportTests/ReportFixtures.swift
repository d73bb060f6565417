import TunebenchReport

/// The hand-written runs that `Tests/Scripts/report_statistics_reference.py` recomputes independently: three
/// optimizers on three problems, six evaluations a run, costs equal to evaluation numbers.
///
/// - `sphere` (regret, 4 repetitions): tpe's repetition 2 failed; random's repetition 2 ends at 9/7 of the clip;
///   cmaes reaches the `τ = 10^−3` target in one run out of four.
/// - `svm` (best value, 3 repetitions): ties in final values across optimizers.
/// - `flat` (regret, 2 repetitions): every evaluation at the optimum, so no scale and no targets.
enum ReportFixtures {
    static let optimizers = ["random", "tpe", "cmaes"]
    static let axis = ReportAxis.evaluations(budget: 6)

    /// A run whose steps are (evaluation, metric), at a cost of `costPerEvaluation` an evaluation.
    static func run(_ repetition: Int, _ steps: [(Int, Double)], costPerEvaluation: Double = 1) -> RunTrace {
        RunTrace(
            repetition: repetition,
            steps: steps.map { .init(evaluation: $0.0, cost: Double($0.0) * costPerEvaluation, metric: $0.1) })
    }

    static let sphere = ProblemRuns(
        problem: "sphere", metric: "regret", optimum: 0.5,
        optimizers: [
            OptimizerRuns(
                optimizer: "random",
                runs: [
                    run(0, [(1, 8), (3, 4), (6, 4)]),
                    run(1, [(2, 6), (5, 3), (6, 3)]),
                    run(2, [(1, 9), (6, 9)]),
                    run(3, [(1, 5), (4, 2), (6, 2)]),
                ],
                evaluationMedian: 7),
            OptimizerRuns(
                optimizer: "tpe",
                runs: [
                    run(0, [(1, 8), (2, 3), (5, 0.5), (6, 0.5)]),
                    run(1, [(1, 6), (3, 1), (6, 1)]),
                    run(3, [(2, 4), (4, 0.02), (6, 0.02)]),
                ],
                evaluationMedian: 5),
            OptimizerRuns(
                optimizer: "cmaes",
                runs: [
                    run(0, [(1, 8), (4, 4), (6, 4)]),
                    run(1, [(3, 6), (6, 2.5)]),
                    run(2, [(1, 7), (6, 7)]),
                    run(3, [(1, 5), (2, 0.001), (6, 0.001)]),
                ],
                evaluationMedian: 6.5),
        ],
        repetitions: 4)

    static let svm = ProblemRuns(
        problem: "svm", metric: "best value", optimum: nil,
        optimizers: [
            OptimizerRuns(
                optimizer: "random",
                runs: [
                    run(0, [(1, 0.30), (4, 0.25), (6, 0.25)]),
                    run(1, [(1, 0.28), (6, 0.28)]),
                    run(2, [(2, 0.40), (3, 0.26), (6, 0.26)]),
                ],
                evaluationMedian: 0.35),
            OptimizerRuns(
                optimizer: "tpe",
                runs: [
                    run(0, [(1, 0.31), (3, 0.22), (6, 0.22)]),
                    run(1, [(1, 0.29), (5, 0.21), (6, 0.21)]),
                    run(2, [(1, 0.27), (2, 0.235), (6, 0.235)]),
                ],
                evaluationMedian: 0.33),
            OptimizerRuns(
                optimizer: "cmaes",
                runs: [
                    run(0, [(1, 0.30), (6, 0.24)]),
                    run(1, [(2, 0.33), (6, 0.30)]),
                    run(2, [(1, 0.25), (6, 0.25)]),
                ],
                evaluationMedian: 0.45),
        ],
        repetitions: 3)

    static let flat = ProblemRuns(
        problem: "flat", metric: "regret", optimum: 1,
        optimizers: optimizers.map { label in
            OptimizerRuns(
                optimizer: label, runs: [run(0, [(1, 0), (6, 0)]), run(1, [(1, 0), (6, 0)])], evaluationMedian: 0)
        },
        repetitions: 2)

    static let problems = [sphere, svm, flat]
}

/// `actual` equals `expected` element by element to `tolerance`.
func close(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
}
