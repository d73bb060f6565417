import TunebenchCore
import TunebenchNumerics

/// The k-nearest-neighbours classifier (T. Cover and P. Hart, "Nearest neighbor pattern
/// classification", IEEE Transactions on Information Theory 13, 1967; the maths: `TunebenchNumerics.
/// NearestNeighbourClassifier`).
///
/// Space, in order:
///
/// | parameter | domain                              | meaning                                          |
/// |-----------|-------------------------------------|--------------------------------------------------|
/// | `k`       | integer [1, 100], log               | neighbours that vote (cut to the training rows)  |
/// | `weights` | {uniform, distance}                 | each neighbour counts 1, or 1 / its distance     |
/// | `metric`  | {euclidean, manhattan, chebyshev}   | the L2, L1 or L∞ distance                        |
///
/// Distances are taken on the features as given. A ``LearningProblem`` hands every learner its splits standardized
/// by the training rows (``Standardization``: zero mean, unit population standard deviation per feature), so that
/// no feature dominates the distance by its units; the learner does not standardize again.
///
/// Ties: training rows at equal distance are ordered by row index, the earlier one nearer; with `distance` weights,
/// neighbours at distance 0 take all the weight (see the numerics type). No fidelity: there is no resource to cut.
/// Deterministic: no randomness at all.
///
/// Classification only.
public struct NearestNeighboursLearner: Learner {
    /// `k`, `weights`, `metric`.
    public let space: SearchSpace

    /// None.
    public var fidelities: [Fidelity] { [] }

    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .integer("k", lower: 1, upper: 100, scale: .log),
            .categorical("weights", choices: NearestNeighbourClassifier.Weighting.allCases.map(\.rawValue)),
            .categorical("metric", choices: NearestNeighbourClassifier.Metric.allCases.map(\.rawValue)),
        ])
    }

    public func predictions(
        _ configuration: Configuration,
        fidelity: Int?,
        train: Dataset,
        predicting targets: [Dataset],
        seed: UInt64
    ) throws -> [Predictions] {
        let classes = try train.classCount(requiredBy: "knn")
        let classifier = NearestNeighbourClassifier(
            features: train.features,
            labels: train.labels,
            featureCount: train.featureCount,
            classCount: classes
        )
        let k = configuration.integer(0)
        let weighting = NearestNeighbourClassifier.Weighting.allCases[configuration.choice(1)]
        let metric = NearestNeighbourClassifier.Metric.allCases[configuration.choice(2)]
        return targets.map {
            .probabilities(
                classifier.probabilities(of: $0.features, k: k, metric: metric, weighting: weighting),
                classes: classes
            )
        }
    }

    /// Distances to every training row (``TrainingOperations/nearestNeighbours(rows:features:k:predictedRows:)``).
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        TrainingOperations.nearestNeighbours(
            rows: train.rowCount, features: train.featureCount, k: configuration.integer(0),
            predictedRows: predictedRows)
    }
}
