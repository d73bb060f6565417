import Foundation
import Testing
import TunebenchCore
import TunebenchTestSupport

@testable import TunebenchProblems

/// Tunebench's knn, random forest, ridge and logistic regression against scikit-learn's `KNeighborsClassifier`,
/// `RandomForestClassifier`, `Ridge` and `LogisticRegression` on the same split, through
/// `Tests/Scripts/sklearn_agreement.py` (ridge and logistic regression: see their tests).
///
/// The test exports the first split of a 500-row `ClassificationData` problem (standardized as every learning
/// problem's splits are) to CSV in a temporary folder, with the scikit-learn keyword arguments of each case, runs
/// `python3 sklearn_agreement.py FOLDER`, and compares the validation probabilities and log-losses:
/// - knn: exact agreement up to rounding (10⁻⁹): the same neighbours, the same votes (scikit-learn with
///   `algorithm="brute"`; its Euclidean distances come from `‖x‖² − 2 x·y + ‖y‖²` and differ in the last bits, which
///   moves weights, and could swap two neighbours whose distances agree to about 10⁻¹⁵, which continuous data do not
///   produce);
/// - random forest of one tree without bootstrap, every feature searched: the same tree up to tie-breaking.
///   scikit-learn visits the features in an order drawn from its `random_state` and keeps the first best split, as
///   Tunebench does with its own random order, so when two features give the same best score (frequent in small
///   nodes, where every feature that isolates the same few rows scores the same) the two may choose differently;
///   scikit-learn also rounds the features to 32-bit floats. So scikit-learn is fitted with 20 random states: for a
///   shallow tree with large leaves (`max_depth` ≤ 5, `min_samples_leaf` ≥ 5), which has few ties, Tunebench's tree
///   must be one of scikit-learn's (probabilities within 10⁻⁹ on every row and the same log-loss); for a fully grown
///   tree, whose ties are too many for 20 orders to cover, the nearest of scikit-learn's trees must agree on at least
///   80% of the validation rows.
///
/// Skipped before it runs, naming each missing module and the pip command, when python3, NumPy or scikit-learn is
/// missing, unless `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite(.python(.numpy, .sklearn))
struct SklearnAgreementTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/sklearn_agreement.py")

    /// One configuration of one model, in both vocabularies.
    struct Case {
        var name: String
        var model: String
        /// scikit-learn's keyword arguments.
        var parameters: [String: Any]
        /// Tunebench's validation probabilities.
        var probabilities: [Double]
        /// Whether the probabilities must agree on every row with one of scikit-learn's fits (else on most rows, see
        /// the type's documentation).
        var exact: Bool
    }

    @Test func knnAndForestAgreeWithScikitLearn() throws {
        let split = try LearningProblem(
            learner: NearestNeighboursLearner(),
            data: ClassificationData(samples: 500),
            seed: 1
        ).splits[0]
        let cases = try Self.knnCases(split) + Self.forestCases(split)
        let specification = cases.map { item -> [String: Any] in
            var entry: [String: Any] = ["name": item.name, "model": item.model, "params": item.parameters]
            if item.model == "random-forest" { entry["random_states"] = Array(0..<20) }
            return entry
        }
        let results = try Self.scikitLearn(split, cases: specification)
        let classes = split.validation.classCount
        let rows = split.validation.rowCount
        for item in cases {
            let fits = try #require(results[item.name], "no result for \(item.name)")
            let ourLoss = LearningLoss.logLoss.value(
                .probabilities(item.probabilities, classes: classes),
                on: split.validation
            )
            // For each of scikit-learn's fits: the rows whose probabilities differ, and whether the losses agree.
            let comparisons = try fits.map { fit -> (rows: [Int], sameLoss: Bool) in
                let theirs = try #require(fit["probabilities"] as? [[Double]]).flatMap { $0 }
                let theirLoss = try #require(fit["log_loss"] as? Double)
                try #require(theirs.count == item.probabilities.count, "\(item.name): shapes differ")
                let differing = (0..<rows).filter { row in
                    (0..<classes).contains {
                        abs(theirs[row * classes + $0] - item.probabilities[row * classes + $0]) > 1e-9
                    }
                }
                return (differing, abs(ourLoss - theirLoss) <= 1e-9 * max(1, theirLoss))
            }
            let nearest = try #require(comparisons.min { $0.rows.count < $1.rows.count })
            if item.exact {
                #expect(nearest.rows.isEmpty, "\(item.name): rows \(nearest.rows) differ from the nearest fit")
                #expect(nearest.sameLoss, "\(item.name): log-loss \(ourLoss) differs")
            } else {
                #expect(nearest.rows.count * 5 <= rows, "\(item.name): \(nearest.rows.count) of \(rows) rows differ")
            }
        }
    }

    /// Ridge regression against scikit-learn's `Ridge` (Cholesky solver, intercept fitted) on a Friedman #1 split with
    /// 100 features, at five strengths: the validation predictions agree to 10⁻⁹ relative and the mean squared errors
    /// to 10⁻¹⁰ relative (both solve the same normal equations exactly; the difference is rounding).
    @Test func ridgeAgreesWithScikitLearn() throws {
        let split = try LearningProblem(
            learner: RidgeRegression(), data: FriedmanData(samples: 200, features: 100), seed: 2
        ).splits[0]
        let alphas = [1e-3, 0.1, 10, 40, 1000]
        let results = try Self.scikitLearn(
            split,
            cases: alphas.map { ["name": "ridge-\($0)", "model": "ridge", "params": ["alpha": $0, "solver": "cholesky"]] })
        for alpha in alphas {
            let fit = try #require(results["ridge-\(alpha)"]?.first)
            let theirs = try #require(fit["predictions"] as? [Double])
            let theirLoss = try #require(fit["mse"] as? Double)
            let ours = try RidgeRegression.fit(split.train, alpha: alpha).predict(split.validation)
            let ourLoss = LearningLoss.meanSquaredError.value(.values(ours), on: split.validation)
            #expect(ours.count == theirs.count)
            #expect(zip(ours, theirs).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }, "alpha \(alpha)")
            #expect(abs(ourLoss - theirLoss) <= 1e-10 * theirLoss, "alpha \(alpha): \(ourLoss) against \(theirLoss)")
        }
    }

    /// Logistic regression with an L2 penalty against scikit-learn's `LogisticRegression` (L-BFGS to convergence)
    /// on the default classification data (600 training rows). Tunebench minimizes the mean cross-entropy plus
    /// `(λ/2)‖W‖²` by SGD, scikit-learn `C Σ cross-entropy + ½‖W‖²`: the same problem for `C = 1 / (λ n)`. After 81
    /// epochs of SGD with momentum (learning rate 0.003, batches of 16, `μ = 0.9`) the validation log-losses agree to
    /// 0.001 at `λ` = 0.01, 0.1 and 0.3 (measured: 1.8e-4, 1.9e-4 and 8.5e-5), while they differ by 0.05 between those
    /// strengths (0.755 to 0.806). At `λ = 1` SGD's answer is 0.0025 off: its steps are too long for the penalty.
    @Test func logisticRegressionAgreesWithScikitLearn() throws {
        let learner = LogisticRegression()
        let split = try LearningProblem(learner: learner, data: ClassificationData(), seed: 3).splits[0]
        let strengths = [1e-2, 0.1, 0.3]
        let n = Double(split.train.rowCount)
        let results = try Self.scikitLearn(
            split,
            cases: strengths.map { strength -> [String: Any] in
                [
                    "name": "logreg-\(strength)", "model": "logreg",
                    "params": ["C": 1 / (strength * n), "tol": 1e-10, "max_iter": 10_000],
                ]
            })
        for strength in strengths {
            let theirLoss = try #require(results["logreg-\(strength)"]?.first?["log_loss"] as? Double)
            let configuration = Configuration([
                .real(0.003), .categorical(LogisticRegression.penalties.firstIndex(of: "l2")!), .real(strength),
                .integer(16), .real(0.9),
            ])
            let predictions = try learner.predictions(
                configuration, fidelity: nil, train: split.train, predicting: [split.validation], seed: 7)
            let ourLoss = LearningLoss.logLoss.value(predictions[0], on: split.validation)
            #expect(abs(ourLoss - theirLoss) <= 0.001, "λ = \(strength): \(ourLoss) against scikit-learn's \(theirLoss)")
        }
    }

    // MARK: - Cases

    static func knnCases(_ split: DataSplit) throws -> [Case] {
        let learner = NearestNeighboursLearner()
        let settings: [(k: Int, weights: String, metric: String)] = [
            (1, "uniform", "euclidean"), (5, "distance", "manhattan"), (15, "uniform", "chebyshev"),
            (7, "distance", "euclidean"), (30, "distance", "chebyshev"), (60, "uniform", "manhattan"),
        ]
        return try settings.map { k, weights, metric in
            let configuration = Configuration([
                .integer(k),
                .categorical(learner.space.parameters[1].choices!.firstIndex(of: weights)!),
                .categorical(learner.space.parameters[2].choices!.firstIndex(of: metric)!),
            ])
            let predictions = try learner.predictions(
                configuration,
                fidelity: nil,
                train: split.train,
                predicting: [split.validation],
                seed: 0
            )
            guard case .probabilities(let p, _) = predictions[0] else { throw CocoaError(.coderInvalidValue) }
            return Case(
                name: "knn-\(k)-\(weights)-\(metric)",
                model: "knn",
                parameters: ["n_neighbors": k, "weights": weights, "metric": metric],
                probabilities: p,
                exact: true
            )
        }
    }

    static func forestCases(_ split: DataSplit) throws -> [Case] {
        let learner = RandomForestLearner()
        let settings: [(depth: Int, split: Int, leaf: Int, criterion: String, exact: Bool)] = [
            (3, 2, 5, "gini", true), (5, 10, 10, "entropy", true), (4, 20, 8, "gini", true),
            (20, 2, 1, "gini", false), (20, 4, 2, "entropy", false),
        ]
        return try settings.map { depth, minSplit, leaf, criterion, exact in
            let configuration = Configuration([
                .integer(depth), .integer(minSplit), .integer(leaf), .real(1), .categorical(1),
                .categorical(criterion == "gini" ? 0 : 1),
            ])
            let forest = try learner.forest(configuration, trees: 1, train: split.train, seed: 5)
            return Case(
                name: "forest-\(depth)-\(minSplit)-\(leaf)-\(criterion)",
                model: "random-forest",
                parameters: [
                    "n_estimators": 1, "bootstrap": false, "max_features": NSNull(), "max_depth": depth,
                    "min_samples_split": minSplit, "min_samples_leaf": leaf, "criterion": criterion,
                ],
                probabilities: forest.probabilities(
                    of: split.validation.features,
                    featureCount: split.validation.featureCount
                ),
                exact: exact
            )
        }
    }

    // MARK: - Python

    /// Exports the training and validation rows of `split` and `cases` (the script's `cases.json`) to a temporary
    /// folder, runs the script on it, and returns its answer by case name (empty after a recorded failure).
    static func scikitLearn(_ split: DataSplit, cases: [[String: Any]]) throws -> [String: [[String: Any]]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-sklearn-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try split.train.csv().write(to: folder.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try split.validation.csv().write(
            to: folder.appendingPathComponent("validation.csv"), atomically: true, encoding: .utf8)
        try JSONSerialization.data(withJSONObject: cases).write(to: folder.appendingPathComponent("cases.json"))
        let result = try PythonScript.run(script, [folder.path])
        guard result.status == 0 else {
            Issue.record("sklearn_agreement.py failed (\(result.status)): \(result.errors)")
            return [:]
        }
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [[String: Any]]])
    }
}
