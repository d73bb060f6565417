import TunebenchCore

/// The rows bayesmark 0.0.8's `SklearnModel` trains and validates on, so that a native learning problem can be run on
/// the same folds as bayesmark's scikit-learn problems (``Resampling/bayesmark``).
///
/// bayesmark (`sklearn_funcs.py`, `SklearnModel.__init__` and `evaluate`) holds out 20% of the rows once with
/// scikit-learn's `train_test_split(X, y, test_size=0.2, random_state=0, shuffle=True)` and scores a configuration by
/// `cross_val_score(model, X_train, y_train, cv=5)`, whose `cv=5` means, through scikit-learn's `check_cv`,
/// `StratifiedKFold(5)` for a classifier and `KFold(5)` for a regressor, neither shuffled. The features are used as
/// loaded: no standardization.
///
/// - **Hold-out** (`ShuffleSplit._iter_indices`): `p = RandomState(0).permutation(n)` (``MersenneTwister``); the
///   first `⌈0.2 n⌉` entries of `p` are the test rows, the rest the training rows, both in the order of `p`.
/// - **K-fold** (`KFold._iter_test_indices`): the `m` training rows in order are cut into `k` consecutive blocks, the
///   first `m mod k` of `⌊m / k⌋ + 1` rows and the others of `⌊m / k⌋`.
/// - **Stratified k-fold** (`StratifiedKFold._make_test_folds`, scikit-learn ≥ 0.22): classes are numbered in the
///   order of their first appearance; with the labels so numbered and sorted, `a[f][c]` counts class `c` among sorted
///   positions `f, f + k, f + 2k, …`; then the rows of class `c`, in order, go `a[0][c]` to fold 0, the next `a[1][c]`
///   to fold 1, and so on.
///
/// In each fold the validation rows are that fold's rows and the training rows the others, both in row order, as
/// scikit-learn indexes them.
public enum BayesmarkSplit {
    /// bayesmark's `CV_SPLITS` (`sklearn_funcs.py`).
    public static let folds = 5
    /// bayesmark's `test_size` (`sklearn_funcs.py`).
    public static let testFraction = 0.2
    /// bayesmark's default `shuffle_seed` (`SklearnModel`).
    public static let seed: UInt32 = 0

    /// The training and test rows of `train_test_split` on `rowCount` rows.
    public static func holdout(rowCount n: Int) -> (train: [Int], test: [Int]) {
        var generator = MersenneTwister(seed: seed)
        let permutation = generator.legacyPermutation(n)
        let testRows = Int((testFraction * Double(n)).rounded(.up))
        return (Array(permutation[testRows...]), Array(permutation[..<testRows]))
    }

    /// The fold of each of the rows whose targets are `targets`: stratified for classification labels, consecutive
    /// blocks for regression (`labels == nil`).
    public static func foldAssignment(labels: [Int]?, rowCount m: Int, folds k: Int = folds) -> [Int] {
        guard let labels else {
            var assignment: [Int] = []
            assignment.reserveCapacity(m)
            for fold in 0..<k {
                let size = m / k + (fold < m % k ? 1 : 0)
                assignment += repeatElement(fold, count: size)
            }
            return assignment
        }
        // Classes numbered by first appearance.
        var code: [Int: Int] = [:]
        for label in labels where code[label] == nil { code[label] = code.count }
        let encoded = labels.map { code[$0]! }
        let sorted = encoded.sorted()
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: code.count), count: k)
        for (position, label) in sorted.enumerated() { allocation[position % k][label] += 1 }
        var assignment = [Int](repeating: 0, count: m)
        var nextFold = [Int](repeating: 0, count: code.count)
        var usedInFold = [Int](repeating: 0, count: code.count)
        for (row, label) in encoded.enumerated() {
            while allocation[nextFold[label]][label] == usedInFold[label] {
                nextFold[label] += 1
                usedInFold[label] = 0
            }
            assignment[row] = nextFold[label]
            usedInFold[label] += 1
        }
        return assignment
    }

    /// The five splits of `dataset`, unstandardized, with bayesmark's test rows as every split's test part.
    public static func splits(of dataset: Dataset) -> [DataSplit] {
        let (trainRows, testRows) = holdout(rowCount: dataset.rowCount)
        let train = dataset.rows(trainRows)
        let test = dataset.rows(testRows)
        let labels: [Int]? =
            if case .classification = dataset.task { (0..<train.rowCount).map(train.label) } else { nil }
        let assignment = foldAssignment(labels: labels, rowCount: train.rowCount)
        return (0..<folds).map { fold in
            DataSplit(
                train: train.rows(assignment.indices.filter { assignment[$0] != fold }),
                validation: train.rows(assignment.indices.filter { assignment[$0] == fold }),
                test: test
            )
        }
    }

    /// Checks that every fold has training and validation rows, and, for classification, that some class has at least
    /// as many training rows as there are folds (scikit-learn's `StratifiedKFold` refuses otherwise).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` naming `samples`.
    public static func validate(_ dataset: Dataset) throws {
        let (trainRows, _) = holdout(rowCount: dataset.rowCount)
        var counts: [Int: Int] = [:]
        if case .classification = dataset.task {
            for row in trainRows { counts[dataset.label(row), default: 0] += 1 }
        }
        let enoughRows = trainRows.count >= 2 * folds && dataset.rowCount - trainRows.count >= 1
        let enoughPerClass = counts.isEmpty || counts.values.contains { $0 >= folds }
        guard enoughRows, enoughPerClass else {
            throw ProblemsError.invalidArgument(
                problem: "resampling", argument: "samples", value: "\(dataset.rowCount)",
                expected: "enough rows for bayesmark's split: 20% test, then \(folds) folds of at least 2 rows"
                    + " and a class with \(folds) training rows")
        }
    }
}
