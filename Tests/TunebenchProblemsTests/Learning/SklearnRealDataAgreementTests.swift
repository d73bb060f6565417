import Foundation
import Testing
import TunebenchCore
import TunebenchTestSupport

@testable import TunebenchProblems

/// The native learners against scikit-learn on the real data sets (``RealDataset``), through
/// `Tests/Scripts/sklearn_agreement.py`, and bayesmark's split (``BayesmarkSplit``) against scikit-learn's own
/// `train_test_split` and `StratifiedKFold`/`KFold`.
///
/// - Split: the training rows, test rows and fold of every training row equal scikit-learn's, index for index, on
///   all five data sets.
/// - kNN on wine and breast cancer with `split=bayesmark`: the problem's value (mean error rate over the five folds)
///   equals one minus the mean of `cross_val_score(KNeighborsClassifier(...), cv=5, scoring="accuracy")` to 10⁻¹²,
///   and the validation probabilities of the first fold agree as on generated data (``SklearnAgreementTests``).
/// - Ridge on diabetes, bayesmark's folds: every fold's mean squared error equals scikit-learn's
///   (`neg_mean_squared_error`, Cholesky) to 10⁻¹⁰ relative.
/// - A tree (a forest of one tree without bootstrap) on breast cancer, bayesmark's first fold: for a shallow tree,
///   one of scikit-learn's trees over 100 random states (on these correlated features, radius, perimeter and area,
///   many splits tie: scikit-learn's trees differ among themselves by 1 to 13 of 91 rows, and the first to match
///   ours was the 10th, 36th and 3rd); for a grown tree, 80% of rows.
/// - Logistic regression on breast cancer and wine, standardized 5-fold split (SGD at learning rate 0.003, batches of
///   4, momentum 0.9, 81 epochs): validation log-loss within 0.004 of scikit-learn's L-BFGS solution to convergence at
///   λ = 0.01, 0.1, 0.3 (measured: at most 0.0031), while the strengths themselves move it by 0.06 to 0.16. For two
///   classes scikit-learn's `C` is `2 / (λ n)`, not `1 / (λ n)` (see the test); with the wrong factor breast cancer
///   misses by 0.037.
///
/// Skipped as ``SklearnAgreementTests`` is when NumPy or scikit-learn is missing.
@Suite(.python(.numpy, .sklearn))
struct SklearnRealDataAgreementTests {
    /// What the script's `--bayesmark` mode returns.
    struct BayesmarkAnswer {
        var train: [Int]
        var test: [Int]
        var folds: [Int]
        var scores: [String: [Double]]
    }

    @Test(arguments: RealDataset.allCases)
    func bayesmarkSplitIsScikitLearns(_ data: RealDataset) throws {
        let answer = try #require(try Self.bayesmark(data, cases: []))
        let (train, test) = BayesmarkSplit.holdout(rowCount: data.dataset.rowCount)
        #expect(train == answer.train)
        #expect(test == answer.test)
        let labels: [Int]? = data.task == .regression ? nil : train.map { data.dataset.label($0) }
        #expect(BayesmarkSplit.foldAssignment(labels: labels, rowCount: train.count) == answer.folds)
    }

    @Test(arguments: [RealDataset.wine, .breast])
    func knnCrossValidationIsScikitLearns(_ data: RealDataset) throws {
        let learner = NearestNeighboursLearner()
        let settings: [(k: Int, weights: String)] = [(1, "uniform"), (5, "distance"), (15, "uniform")]
        let answer = try #require(
            try Self.bayesmark(
                data,
                cases: settings.map { k, weights in
                    [
                        "name": "knn-\(k)-\(weights)", "model": "knn", "scoring": "accuracy",
                        "params": ["n_neighbors": k, "weights": weights],
                    ]
                }))
        let problem = try LearningProblem(
            learner: learner, data: data, resampling: .bayesmark, loss: .errorRate, seed: 4)
        #expect(problem.splits.count == 5)
        for (k, weights) in settings {
            let configuration = Configuration([
                .integer(k),
                .categorical(learner.space.parameters[1].choices!.firstIndex(of: weights)!),
                .categorical(learner.space.parameters[2].choices!.firstIndex(of: "euclidean")!),
            ])
            let theirs = try #require(answer.scores["knn-\(k)-\(weights)"])
            let theirError = 1 - theirs.reduce(0, +) / Double(theirs.count)
            let ours = try problem.evaluate(configuration).value
            #expect(abs(ours - theirError) <= 1e-12, "k \(k), \(weights): \(ours) against \(theirError)")
        }
        // Probabilities of the first fold, row by row; Chebyshev distances tie on these tables (a maximum over
        // features recorded to a few digits), and scikit-learn breaks ties in its own order.
        let split = problem.splits[0]
        let cases = try SklearnAgreementTests.knnCases(split).filter { !$0.name.hasSuffix("chebyshev") }
        let results = try SklearnAgreementTests.scikitLearn(
            split, cases: cases.map { ["name": $0.name, "model": $0.model, "params": $0.parameters] })
        for item in cases {
            let theirs = try #require(results[item.name]?.first?["probabilities"] as? [[Double]]).flatMap { $0 }
            #expect(theirs.count == item.probabilities.count)
            #expect(zip(theirs, item.probabilities).allSatisfy { abs($0 - $1) <= 1e-9 }, "\(data) \(item.name)")
        }
    }

    @Test func ridgeFoldsAreScikitLearns() throws {
        let alphas = [1e-3, 0.1, 1, 10]
        let answer = try #require(
            try Self.bayesmark(
                .diabetes,
                cases: alphas.map {
                    [
                        "name": "ridge-\($0)", "model": "ridge", "scoring": "neg_mean_squared_error",
                        "params": ["alpha": $0, "solver": "cholesky"],
                    ]
                }))
        let splits = BayesmarkSplit.splits(of: RealDataset.diabetes.dataset)
        for alpha in alphas {
            let theirs = try #require(answer.scores["ridge-\(alpha)"]).map { -$0 }
            let ours = try splits.map { split in
                LearningLoss.meanSquaredError.value(
                    .values(try RidgeRegression.fit(split.train, alpha: alpha).predict(split.validation)),
                    on: split.validation)
            }
            #expect(ours.count == theirs.count)
            #expect(zip(ours, theirs).allSatisfy { abs($0 - $1) <= 1e-10 * $1 }, "alpha \(alpha): \(ours) \(theirs)")
        }
    }

    @Test func treeOnBreastCancerIsOneOfScikitLearns() throws {
        let split = BayesmarkSplit.splits(of: RealDataset.breast.dataset)[0]
        let cases = try SklearnAgreementTests.forestCases(split)
        let results = try SklearnAgreementTests.scikitLearn(
            split,
            cases: cases.map {
                ["name": $0.name, "model": $0.model, "params": $0.parameters, "random_states": Array(0..<100)]
            })
        let classes = split.validation.classCount
        let rows = split.validation.rowCount
        for item in cases {
            let fits = try #require(results[item.name], "no result for \(item.name)")
            let differing = try fits.map { fit -> Int in
                let theirs = try #require(fit["probabilities"] as? [[Double]]).flatMap { $0 }
                return (0..<rows).filter { row in
                    (0..<classes).contains {
                        abs(theirs[row * classes + $0] - item.probabilities[row * classes + $0]) > 1e-9
                    }
                }.count
            }
            let nearest = try #require(differing.min())
            if item.exact {
                #expect(nearest == 0, "\(item.name): \(nearest) rows differ from the nearest fit")
            } else {
                #expect(nearest * 5 <= rows, "\(item.name): \(nearest) of \(rows) rows differ")
            }
        }
    }

    @Test(arguments: [RealDataset.breast, .wine])
    func logisticRegressionConvergesToScikitLearns(_ data: RealDataset) throws {
        let learner = LogisticRegression()
        let split = try LearningProblem(
            learner: learner, data: data, resampling: .folds(5), seed: 3
        ).splits[0]
        let strengths = [1e-2, 0.1, 0.3]
        let n = Double(split.train.rowCount)
        // Two classes: scikit-learn fits one weight vector w, Tunebench's softmax two, W₁ and W₂, with w = W₁ − W₂;
        // the penalty (λ/2)(‖W₁‖² + ‖W₂‖²) is least at W₁ = −W₂ = w/2, where it is (λ/4)‖w‖²: C = 2 / (λ n).
        let scale = split.train.classCount == 2 ? 2.0 : 1.0
        let results = try SklearnAgreementTests.scikitLearn(
            split,
            cases: strengths.map { strength -> [String: Any] in
                [
                    "name": "logreg-\(strength)", "model": "logreg",
                    "params": ["C": scale / (strength * n), "tol": 1e-10, "max_iter": 10_000],
                ]
            })
        for strength in strengths {
            let theirLoss = try #require(results["logreg-\(strength)"]?.first?["log_loss"] as? Double)
            let configuration = Configuration([
                .real(0.003), .categorical(LogisticRegression.penalties.firstIndex(of: "l2")!), .real(strength),
                .integer(4), .real(0.9),
            ])
            let predictions = try learner.predictions(
                configuration, fidelity: nil, train: split.train, predicting: [split.validation], seed: 7)
            let ourLoss = LearningLoss.logLoss.value(predictions[0], on: split.validation)
            #expect(
                abs(ourLoss - theirLoss) <= 0.004,
                "\(data), λ = \(strength): \(ourLoss) against scikit-learn's \(theirLoss)")
        }
    }

    // MARK: - Python

    /// Runs the script's `--bayesmark` mode on `data` with `cases`; `nil` after a recorded failure.
    static func bayesmark(_ data: RealDataset, cases: [[String: Any]]) throws -> BayesmarkAnswer? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-bayesmark-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: cases).write(to: file)
        let result = try PythonScript.run(SklearnAgreementTests.script, ["--bayesmark", data.rawValue, file.path])
        guard result.status == 0 else {
            Issue.record("sklearn_agreement.py --bayesmark failed (\(result.status)): \(result.errors)")
            return nil
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return BayesmarkAnswer(
            train: try #require(object["train"] as? [Int]),
            test: try #require(object["test"] as? [Int]),
            folds: try #require(object["folds"] as? [Int]),
            scores: try #require(object["cases"] as? [String: [Double]]))
    }
}
