/// A table of examples for a learning problem: `rowCount` rows of `featureCount` features, stored row-major, and one
/// target per row.
///
/// For classification the target is the class index (`0..<classCount`) stored as a `Double`; for regression it is
/// the value to predict. Datasets are built by the generators (`ClassificationData`, `FriedmanData`) from a seed and
/// are immutable afterwards; splitting and standardizing return new datasets.
public struct Dataset: Sendable, Hashable {
    /// What the targets are.
    public enum Task: Sendable, Hashable {
        /// Class indices in `0..<classes`.
        case classification(classes: Int)
        /// Real values.
        case regression
    }

    /// Row-major features: row `i` is `features[i * featureCount ..< (i + 1) * featureCount]`.
    public var features: [Double]
    /// One target per row.
    public var targets: [Double]
    /// Features per row.
    public var featureCount: Int
    public var task: Task

    /// - Precondition: `features.count == targets.count * featureCount`.
    public init(features: [Double], targets: [Double], featureCount: Int, task: Task) {
        precondition(featureCount > 0 && features.count == targets.count * featureCount, "ragged dataset")
        self.features = features
        self.targets = targets
        self.featureCount = featureCount
        self.task = task
    }

    /// Number of rows.
    public var rowCount: Int { targets.count }

    /// Number of classes (1 for regression).
    public var classCount: Int {
        if case .classification(let classes) = task { return classes }
        return 1
    }

    /// The class of row `row` (classification only).
    public func label(_ row: Int) -> Int { Int(targets[row]) }

    /// Feature `column` of row `row`.
    public subscript(row: Int, column: Int) -> Double { features[row * featureCount + column] }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: some Collection<Int>) -> Dataset {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * featureCount)
        var targets: [Double] = []
        targets.reserveCapacity(indices.count)
        for row in indices {
            selected.append(contentsOf: features[row * featureCount..<(row + 1) * featureCount])
            targets.append(self.targets[row])
        }
        return Dataset(features: selected, targets: targets, featureCount: featureCount, task: task)
    }
}

/// The three disjoint parts of a dataset a learning problem uses: the model is fitted on `train`, the objective is
/// the loss on `validation`, and the loss on `test` is recorded as extra information.
public struct DataSplit: Sendable, Hashable {
    public var train: Dataset
    public var validation: Dataset
    public var test: Dataset

    public init(train: Dataset, validation: Dataset, test: Dataset) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}
