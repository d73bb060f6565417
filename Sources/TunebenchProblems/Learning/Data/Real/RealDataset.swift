/// The real data sets that ship with Tunebench, as scikit-learn's loaders give them (`README.md` in this folder: their
/// sources and licences): four classification tables and one regression table, small enough to keep in the source
/// (about 0.5 MB together), so that a copied `tunebench` binary needs no resource files.
///
/// | name       | rows × features | task                         | scikit-learn loader  |
/// |------------|-----------------|------------------------------|----------------------|
/// | `iris`     | 150 × 4         | 3 classes                    | `load_iris`          |
/// | `wine`     | 178 × 13        | 3 classes                    | `load_wine`          |
/// | `breast`   | 569 × 30        | 2 classes                    | `load_breast_cancer` |
/// | `digits`   | 1797 × 64       | 10 classes                   | `load_digits`        |
/// | `diabetes` | 442 × 10        | regression (disease progression) | `load_diabetes` (scaled) |
///
/// Each is held as CSV text (`RealDataset+NAME.swift`, written by `Tests/Scripts/real_datasets.py`): one row per
/// line, the features then the target, in Python's shortest round-trip form, which `Double(_:)` reads back bit for
/// bit; `RealDatasetTests` compares every value with scikit-learn's loader.
public enum RealDataset: String, Sendable, CaseIterable {
    case iris
    case wine
    case breast
    case digits
    case diabetes

    /// The table, parsed once.
    public var dataset: Dataset {
        switch self {
        case .iris: Self.parsedIris
        case .wine: Self.parsedWine
        case .breast: Self.parsedBreast
        case .digits: Self.parsedDigits
        case .diabetes: Self.parsedDiabetes
        }
    }

    /// What the targets are: the classes of a classification table, or regression.
    public var task: Dataset.Task {
        switch self {
        case .iris, .wine: .classification(classes: 3)
        case .breast: .classification(classes: 2)
        case .digits: .classification(classes: 10)
        case .diabetes: .regression
        }
    }

    private static let parsedIris = parse(irisRows, task: RealDataset.iris.task)
    private static let parsedWine = parse(wineRows, task: RealDataset.wine.task)
    private static let parsedBreast = parse(breastRows, task: RealDataset.breast.task)
    private static let parsedDigits = parse(digitsRows, task: RealDataset.digits.task)
    private static let parsedDiabetes = parse(diabetesRows, task: RealDataset.diabetes.task)

    /// Parses rows of comma-separated numbers, the last one the target.
    /// - Precondition: every row has the same number of fields, all numbers (the embedded tables are checked by
    ///   `RealDatasetTests`).
    static func parse(_ text: String, task: Dataset.Task) -> Dataset {
        var features: [Double] = []
        var targets: [Double] = []
        var width: Int?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ",").map { field -> Double in
                guard let value = Double(field) else { preconditionFailure("not a number: \(field)") }
                return value
            }
            precondition(width == nil || width == fields.count, "ragged table")
            width = fields.count
            features += fields.dropLast()
            targets.append(fields.last!)
        }
        return Dataset(features: features, targets: targets, featureCount: (width ?? 1) - 1, task: task)
    }
}

extension RealDataset: DatasetGenerator {
    /// Nothing to check: the table is fixed.
    public func validate() throws {}

    /// The table, whatever the seed (the instance seed still splits its rows, ``Resampling``).
    public func dataset(seed: UInt64) -> Dataset {
        dataset
    }
}
