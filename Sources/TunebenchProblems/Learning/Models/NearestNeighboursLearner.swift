import TunebenchCore
import TunebenchNumerics

/// The k-nearest-neighbours classifier on standardized features (T. Cover and P. Hart, "Nearest neighbor pattern
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
/// Before the search every feature is standardized with the training set's statistics, `(x − μ_j) / σ_j` with the
/// mean `μ_j` and population standard deviation `σ_j` of column `j` (`σ_j = 1` for a constant column), as
/// scikit-learn's `StandardScaler` does, so that no feature dominates the distance by its units.
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
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predicting targets: [Dataset], seed: UInt64
    ) throws -> [Predictions] {
        let classes = try ClassifierInput.classCount(of: train, learner: "knn")
        let scaling = ColumnScaling(train)
        let classifier = NearestNeighbourClassifier(
            features: scaling.apply(train.features), labels: ClassifierInput.labels(of: train),
            featureCount: train.featureCount, classCount: classes)
        let k = configuration.integer(0)
        let weighting = NearestNeighbourClassifier.Weighting.allCases[configuration.choice(1)]
        let metric = NearestNeighbourClassifier.Metric.allCases[configuration.choice(2)]
        return targets.map {
            .probabilities(
                classifier.probabilities(of: scaling.apply($0.features), k: k, metric: metric, weighting: weighting),
                classes: classes)
        }
    }
}

/// Per-column standardization with a training set's mean and population standard deviation.
struct ColumnScaling {
    var means: [Double]
    var scales: [Double]

    init(_ data: Dataset) {
        let d = data.featureCount
        let n = Double(data.rowCount)
        means = [Double](repeating: 0, count: d)
        scales = [Double](repeating: 0, count: d)
        for row in 0..<data.rowCount {
            for j in 0..<d { means[j] += data[row, j] }
        }
        for j in 0..<d { means[j] /= n }
        for row in 0..<data.rowCount {
            for j in 0..<d {
                let deviation = data[row, j] - means[j]
                scales[j] += deviation * deviation
            }
        }
        for j in 0..<d {
            let deviation = (scales[j] / n).squareRoot()
            scales[j] = deviation > 0 ? deviation : 1
        }
    }

    /// Row-major features, standardized.
    func apply(_ features: [Double]) -> [Double] {
        let d = means.count
        return features.indices.map { (features[$0] - means[$0 % d]) / scales[$0 % d] }
    }
}
