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
/// Classification only.
public struct RandomForestLearner: Learner {
    /// The fidelity levels: numbers of trees.
    public static let treeCounts = [4, 8, 16, 32, 64]
    /// The choices of `bootstrap`.
    public static let bootstrapChoices = ["true", "false"]

    /// The six parameters of the type's table.
    public let space: SearchSpace

    /// One level per entry of ``treeCounts``, cost proportional to the trees.
    public var fidelities: [Fidelity] {
        Self.treeCounts.map { Fidelity(steps: $0, cost: Double($0) / Double(Self.treeCounts.last!)) }
    }

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
    public func settings(_ configuration: Configuration, featureCount: Int, trees: Int) -> RandomForestClassifier.Settings {
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
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predicting targets: [Dataset], seed: UInt64
    ) throws -> [Predictions] {
        let classes = try ClassifierInput.classCount(of: train, learner: "random-forest")
        let trees = Self.treeCounts[fidelity ?? Self.treeCounts.count - 1]
        let data = PresortedClassificationData(
            features: train.features, labels: ClassifierInput.labels(of: train), featureCount: train.featureCount,
            classCount: classes)
        let forest = RandomForestClassifier(
            data: data, settings: settings(configuration, featureCount: train.featureCount, trees: trees)
        ) { t in
            Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["random-forest", "tree", String(t)]))
        }
        return targets.map {
            .probabilities(forest.probabilities(of: $0.features, featureCount: $0.featureCount), classes: classes)
        }
    }
}
