/// A random forest of classification trees that predicts class probabilities (L. Breiman, "Random forests", Machine
/// Learning 45, 2001).
///
/// Tree `t` is grown (``ClassificationTree``) from the generator `generator(t)`: first, when `bootstrap` is on, the
/// weights of its sample, the counts of `n` rows drawn uniformly with replacement; then the features searched at
/// each node. Because each tree has its own generator, the first `T` trees of a forest do not depend on how many
/// trees follow them.
///
/// The forest's probabilities for a point are the mean of its trees' leaf class frequencies,
/// `p_k(x) = (1/T) Σ_t f_tk(x)`, summed tree by tree in order, as scikit-learn's `RandomForestClassifier` averages
/// its trees' `predict_proba`.
public struct RandomForestClassifier: Sendable, Hashable {
    /// How the forest is grown.
    public struct Settings: Sendable, Hashable {
        /// The number of trees, at least 1.
        public var trees = 64
        /// Whether each tree sees a bootstrap sample (`n` rows drawn with replacement) rather than every row once.
        public var bootstrap = true
        /// How each tree grows.
        public var tree = ClassificationTree.Settings()

        public init() {}
    }

    /// The trees, in growing order.
    public let trees: [ClassificationTree]

    /// Grows a forest on `data`.
    ///
    /// - Parameters:
    ///   - data: the training set.
    ///   - settings: how to grow.
    ///   - generator: the generator of tree `t`, called once per tree in order.
    public init<G: RandomNumberGenerator>(
        data: PresortedClassificationData,
        settings: Settings,
        generator: (Int) -> G
    ) {
        precondition(settings.trees >= 1, "RandomForestClassifier: \(settings.trees) trees; at least 1 is needed")
        let n = data.rowCount
        var weights = [Int](repeating: 0, count: n)
        trees = (0..<settings.trees).map { t in
            var random = generator(t)
            guard settings.bootstrap else {
                return ClassificationTree(data: data, settings: settings.tree, using: &random)
            }
            for i in 0..<n { weights[i] = 0 }
            for _ in 0..<n { weights[random.nextIndex(below: n)] += 1 }
            return ClassificationTree(data: data, weights: weights, settings: settings.tree, using: &random)
        }
    }

    /// The class probabilities of `points` (row-major, `featureCount` numbers per row): `classCount` per row.
    /// - Complexity: O(rows × trees × depth).
    public func probabilities(of points: [Double], featureCount: Int) -> [Double] {
        precondition(featureCount >= 1 && points.count % featureCount == 0, "ragged points")
        let classCount = trees[0].classCount
        let rows = points.count / featureCount
        var sums = [Double](repeating: 0, count: rows * classCount)
        points.withUnsafeBufferPointer { points in
            sums.withUnsafeMutableBufferPointer { sums in
                for tree in trees {
                    for row in 0..<rows {
                        tree.accumulateProbabilities(
                            of: points.baseAddress! + row * featureCount,
                            into: sums.baseAddress! + row * classCount
                        )
                    }
                }
                let count = Double(trees.count)
                for i in sums.indices { sums[i] /= count }
            }
        }
        return sums
    }
}
