import TunebenchCore
import TunebenchNumerics

/// A random forest classifier of CART trees (L. Breiman, "Random forests", Machine Learning 45, 2001), grown as
/// scikit-learn's `RandomForestClassifier` grows them: Gini or entropy impurity, the best split over a random subset
/// of the features at each node, class probabilities the mean of the trees' leaf class frequencies (the maths:
/// `TunebenchNumerics.RandomForestClassifier` and `ClassificationTree`).
///
/// Space, in order:
///
/// | parameter           | domain                   | meaning                                                      |
/// |---------------------|--------------------------|--------------------------------------------------------------|
/// | `max-depth`         | integer [1, 20], log     | the deepest a leaf may be                                    |
/// | `min-samples-split` | integer [2, 64], log     | distinct rows a node needs to be split                       |
/// | `min-samples-leaf`  | integer [1, 32], log     | distinct rows each child of a split keeps                    |
/// | `max-features`      | real [0.05, 1]           | fraction `f` of the `d` features searched per node           |
/// | `bootstrap`         | {true, false}            | each tree on a bootstrap sample, or on every row once         |
/// | `criterion`         | {gini, entropy}          | the impurity a split reduces                                 |
///
/// `max-features` is a fraction, as scikit-learn's real-valued `max_features`: `max(1, ⌊f d⌋)` features per node
/// (a fraction rather than the choices sqrt/log2/all, so that the parameter is ordered and works for any `d`;
/// `f = 1` is "all", `f ≈ 1/√d` is scikit-learn's default for classifiers).
///
/// **Fidelity**: the number of trees, ``treeCounts`` (4, 8, 16, 32, 64), cost `trees / 64`. Tree `t` is grown from
/// a generator seeded with `derive(seed, ["random-forest", "tree", t])`, so a forest of 8 trees is the first 8 trees
/// of the forest of 64 and low fidelities are the prefixes high ones pass through.
///
/// **Objective.** The `random-forest` problem keeps the learning problems' default loss, the log-loss (the `loss`
/// option gives the error rate instead), so that it compares with the other models and with `cash`. A tree with pure
/// leaves predicts probabilities 0 and 1, and a forest gives a class probability 0 when every tree agrees on another
/// class; ``LearningLoss`` clips it to 10⁻¹⁵, a cost of about 34.5 for the row. On the default data (3000 rows,
/// 3 classes, 1% label noise, 1800 validation rows) such rows weigh at low fidelity, where a deep forest of 4 trees
/// scores 0.85–1.6 against 0.57–0.6 with 64 trees, and hardly at full fidelity, where random configurations score
/// 0.54–1.17. The log-loss also separates configurations that the error rate ranks alike: it prefers the forest whose
/// probabilities are calibrated, not only the one whose most probable class is right. Low fidelities are pessimistic
/// for deep, unregularized forests.
///
/// Classification only.
public struct RandomForestLearner: Learner {
    /// The fidelity levels: numbers of trees.
    public static let treeCounts = [4, 8, 16, 32, 64]
    /// The choices of `bootstrap`.
    public static let bootstrapChoices = ["true", "false"]

    /// The six parameters of the type's table.
    public let space: SearchSpace

    /// One level per entry of ``treeCounts``, cost proportional to the trees (``Fidelity/levels(steps:)``).
    public var fidelities: [Fidelity] { Fidelity.levels(steps: Self.treeCounts) }

    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .integer("max-depth", lower: 1, upper: 20, scale: .log),
            .integer("min-samples-split", lower: 2, upper: 64, scale: .log),
            .integer("min-samples-leaf", lower: 1, upper: 32, scale: .log),
            .real("max-features", lower: 0.05, upper: 1),
            .categorical("bootstrap", choices: Self.bootstrapChoices),
            .categorical("criterion", choices: ClassificationTree.Criterion.allCases.map(\.rawValue)),
        ])
    }

    /// The forest settings a configuration describes, for `featureCount` features and `trees` trees.
    public func settings(
        _ configuration: Configuration,
        featureCount: Int,
        trees: Int
    ) -> RandomForestClassifier.Settings {
        var settings = RandomForestClassifier.Settings()
        settings.trees = trees
        settings.bootstrap = configuration.choice(4) == 0
        settings.tree.maxDepth = configuration.integer(0)
        settings.tree.minSamplesSplit = configuration.integer(1)
        settings.tree.minSamplesLeaf = configuration.integer(2)
        settings.tree.featuresPerSplit = max(1, Int(configuration.real(3) * Double(featureCount)))
        settings.tree.criterion = ClassificationTree.Criterion.allCases[configuration.choice(5)]
        return settings
    }

    public func predictions(
        _ configuration: Configuration,
        fidelity: Int?,
        train: Dataset,
        predicting targets: [Dataset],
        seed: UInt64
    ) throws -> [Predictions] {
        let forest = try forest(
            configuration,
            trees: Self.treeCounts[fidelity ?? Self.treeCounts.count - 1],
            train: train,
            seed: seed
        )
        let classes = train.classCount
        return targets.map {
            .probabilities(forest.probabilities(of: $0.features, featureCount: $0.featureCount), classes: classes)
        }
    }

    /// The forest of `trees` trees that `configuration` grows on `train` from the training seed `seed`.
    /// - Throws: ``ProblemsError`` for a regression dataset.
    func forest(
        _ configuration: Configuration,
        trees: Int,
        train: Dataset,
        seed: UInt64
    ) throws
        -> RandomForestClassifier
    {
        let data = PresortedClassificationData(
            features: train.features,
            labels: train.labels,
            featureCount: train.featureCount,
            classCount: try train.classCount(requiredBy: "random-forest")
        )
        return RandomForestClassifier(
            data: data,
            settings: settings(configuration, featureCount: train.featureCount, trees: trees)
        ) { t in
            Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["random-forest", "tree", String(t)]))
        }
    }

    /// A forest of the level's trees
    /// (``TrainingOperations/forest(trees:featuresPerSplit:features:rows:depth:predictedRows:)``).
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        let trees = Self.treeCounts[fidelity ?? Self.treeCounts.count - 1]
        let tree = settings(configuration, featureCount: train.featureCount, trees: trees).tree
        let depth = TrainingOperations.treeDepth(
            rows: train.rowCount, maxDepth: tree.maxDepth, minSamplesSplit: tree.minSamplesSplit,
            minSamplesLeaf: tree.minSamplesLeaf)
        return TrainingOperations.forest(
            trees: trees, featuresPerSplit: min(tree.featuresPerSplit, train.featureCount),
            features: train.featureCount, rows: train.rowCount, depth: depth, predictedRows: predictedRows)
    }
}
