import TunebenchCore
import TunebenchNumerics

/// How a learning problem cuts its dataset into training, validation and test rows.
///
/// Both schemes start from one random permutation of the rows, `Xoshiro256StarStar(seed:).permutation(n)`. The
/// last `round(test · n)` permuted rows are the test part, held out from every fit; the rest are the development
/// rows, used as follows.
/// - ``holdout(validation:test:)``: the last `round(validation · n)` development rows validate, the others train.
/// - ``crossValidation(folds:test:)``: the `m` development rows are cut into `k` consecutive blocks, block `f` being
///   rows `⌊f m / k⌋ ..< ⌊(f + 1) m / k⌋`; fold `f` validates on block `f` and trains on the other blocks. Every
///   development row validates exactly once.
///
/// Each split is standardized by its own training rows (``DataSplit/standardized()``).
///
/// ``bayesmark`` is the exception: bayesmark 0.0.8's fixed hold-out and five (stratified) folds, unstandardized, as its
/// scikit-learn problems use them (``BayesmarkSplit``), whatever the seed.
public enum Resampling: Sendable, Hashable {
    /// One split: fractions of the rows for validation and test, the rest for training.
    case holdout(validation: Double, test: Double)
    /// `folds` splits of the non-test rows (k-fold cross-validation), and a test fraction shared by every fold.
    case crossValidation(folds: Int, test: Double)
    /// bayesmark's split (``BayesmarkSplit``): 20% test by NumPy's `RandomState(0)`, then 5-fold cross-validation,
    /// stratified for classification, on raw features.
    case bayesmark

    /// 20% training, 60% validation, 20% test.
    ///
    /// The validation part is the large one because it is cheap (one prediction per row, against a training cost of
    /// epochs × rows) and because its size sets the noise of the objective: with few validation rows the best of many
    /// configurations is mostly the luckiest, which no optimizer can predict from a lower fidelity.
    public static let standard = Resampling.holdout(validation: 0.6, test: 0.2)

    /// The resampling for `folds` folds: ``standard`` for 1 fold, otherwise k-fold cross-validation of 80% of the rows
    /// with 20% for test (each fold trains on `(k − 1)/k` of the 80%, so a fit costs more than on the standard split).
    public static func folds(_ folds: Int) -> Resampling {
        folds == 1 ? .standard : .crossValidation(folds: folds, test: 0.2)
    }

    /// The number of splits: 1 for a holdout, `folds` for cross-validation.
    public var splitCount: Int {
        switch self {
        case .holdout: return 1
        case .crossValidation(let folds, _): return folds
        case .bayesmark: return BayesmarkSplit.folds
        }
    }

    /// Checks that every part of every split of `dataset` gets at least one row (``validate(rowCount:)``; for
    /// ``bayesmark``, ``BayesmarkSplit/validate(_:)``).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)``.
    public func validate(_ dataset: Dataset) throws {
        if case .bayesmark = self { return try BayesmarkSplit.validate(dataset) }
        try validate(rowCount: dataset.rowCount)
    }

    /// Checks that every part of every split of `rowCount` rows gets at least one row (for ``bayesmark``, that the
    /// rows suffice; its classes are checked by ``validate(_:)``).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` naming `folds`, `validation`,
    ///   `test` or `samples`.
    public func validate(rowCount: Int) throws {
        func reject(_ argument: String, _ value: some CustomStringConvertible, _ expected: String) -> ProblemsError {
            .invalidArgument(problem: "resampling", argument: argument, value: "\(value)", expected: expected)
        }
        let (validation, test, folds): (Double, Double, Int)
        switch self {
        case .holdout(let v, let t): (validation, test, folds) = (v, t, 1)
        case .crossValidation(let k, let t): (validation, test, folds) = (0, t, k)
        case .bayesmark:
            guard rowCount >= 3 * BayesmarkSplit.folds else {
                throw reject("samples", rowCount, "enough rows for bayesmark's 20% test and 5 folds")
            }
            return
        }
        guard test > 0, test < 1 else { throw reject("test", test, "a fraction in (0, 1)") }
        if case .holdout = self {
            guard validation > 0, validation < 1, validation + test < 1 else {
                throw reject("validation", validation, "a fraction in (0, 1 − test)")
            }
        } else {
            guard folds >= 2 else { throw reject("folds", folds, "at least 2 for cross-validation") }
        }
        let sizes = partSizes(rowCount: rowCount)
        // Cross-validation blocks hold ⌊m / k⌋ or ⌈m / k⌉ rows.
        let largestValidation = folds == 1 ? sizes.validation : (sizes.development + folds - 1) / folds
        let smallestValidation = folds == 1 ? sizes.validation : sizes.development / folds
        let smallestTrain = sizes.development - largestValidation
        guard sizes.test >= 1, smallestValidation >= 1, smallestTrain >= 1 else {
            throw reject(
                "samples",
                rowCount,
                "enough rows for at least one training, validation and test row in every split (\(folds) folds)"
            )
        }
    }

    /// The splits of `dataset`, each standardized by its training rows (``bayesmark``: as they are, seed unused).
    /// - Precondition: ``validate(_:)`` accepts `dataset`.
    public func splits(of dataset: Dataset, seed: UInt64) -> [DataSplit] {
        if case .bayesmark = self { return BayesmarkSplit.splits(of: dataset) }
        var generator = Xoshiro256StarStar(seed: seed)
        let order = generator.permutation(dataset.rowCount)
        let sizes = partSizes(rowCount: dataset.rowCount)
        let development = order[..<sizes.development]
        let test = dataset.rows(order[sizes.development...])
        switch self {
        case .holdout:
            let cut = development.endIndex - sizes.validation
            return [
                DataSplit(
                    train: dataset.rows(development[..<cut]),
                    validation: dataset.rows(development[cut...]),
                    test: test
                ).standardized()
            ]
        case .crossValidation(let folds, _):
            let m = sizes.development
            return (0..<folds).map { fold in
                let block = (fold * m / folds)..<((fold + 1) * m / folds)
                let train = development.indices.filter { !block.contains($0) }.map { development[$0] }
                return DataSplit(
                    train: dataset.rows(train),
                    validation: dataset.rows(development[block]),
                    test: test
                ).standardized()
            }
        case .bayesmark:
            preconditionFailure("handled above")
        }
    }

    /// Rows for development (training and validation), validation (holdout only) and test.
    private func partSizes(rowCount n: Int) -> (development: Int, validation: Int, test: Int) {
        switch self {
        case .holdout(let validation, let test):
            let testRows = Int((test * Double(n)).rounded())
            return (n - testRows, Int((validation * Double(n)).rounded()), testRows)
        case .crossValidation(_, let test):
            let testRows = Int((test * Double(n)).rounded())
            return (n - testRows, 0, testRows)
        case .bayesmark:
            let testRows = Int((BayesmarkSplit.testFraction * Double(n)).rounded(.up))
            return (n - testRows, 0, testRows)
        }
    }
}
