/// A binary classification tree (CART: L. Breiman, J. Friedman, R. Olshen and C. Stone, *Classification and
/// Regression Trees*, 1984) on numeric features: each internal node sends a point left when
/// `x[feature] <= threshold`, each leaf holds the class frequencies of the training rows that reached it.
///
/// **Sample.** Each training row carries an integer weight, its number of copies (a bootstrap sample gives the
/// counts of a draw with replacement, as scikit-learn's `RandomForestClassifier` passes them to its trees); rows of
/// weight 0 are left out. Class counts `c_k` and node weights `W = Σ_k c_k` are weighted; the size rules
/// (`minSamplesSplit`, `minSamplesLeaf`) count distinct rows, as scikit-learn's do.
///
/// **Growth.** A node of `n` distinct rows becomes a leaf when its depth is `maxDepth`, `n < minSamplesSplit`,
/// `n < 2 minSamplesLeaf`, it holds a single class, or no split is valid. Otherwise features are drawn at random
/// without replacement until `featuresPerSplit` features that are not constant in the node have been searched, or
/// none is left (features constant in the node do not count, as in scikit-learn's best splitter; Breiman,
/// "Random forests", Machine Learning 45, 2001, draws the candidate features per node). For each feature every
/// threshold between consecutive distinct values is tried that leaves at least `minSamplesLeaf` distinct rows on each
/// side, and the split that maximizes the criterion's score wins, the first one found on ties (in drawing order, then
/// in ascending threshold order). The threshold is the midpoint `a/2 + b/2` of the two values, or `a` when that
/// rounds up onto `b` (scikit-learn's rule).
///
/// **Criteria** (impurity decreases written as scores to maximize; `c_Lk`, `W_L` for the left child, `c_Rk`, `W_R`
/// for the right):
/// - Gini: `W_L G_L + W_R G_R` with `G = 1 − Σ_k (c_k / W)²` is smallest where
///   `score = Σ_k c_Lk² / W_L + Σ_k c_Rk² / W_R` is largest. The sums of squares are integers updated exactly as
///   the scan moves one row left.
/// - Entropy: `W_L H_L + W_R H_R` with `H = −Σ_k (c_k / W) ln(c_k / W)` is smallest where
///   `score = Σ_k c_Lk ln c_Lk − W_L ln W_L + Σ_k c_Rk ln c_Rk − W_R ln W_R` is largest (`0 ln 0 = 0`), read from a
///   table of `x ln x` for the integers up to the sample's weight.
///
/// Rows are kept sorted by every feature within each node (``PresortedClassificationData`` sorts once, a split
/// partitions every feature's list stably), so that growing costs O(d n) per level of the tree. Nodes are stored in
/// flat arrays; the children of node `i` are `left[i]` and `left[i] + 1`.
public struct ClassificationTree: Sendable, Hashable {
    /// The impurity a split reduces.
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        /// Gini impurity, `1 − Σ_k p_k²`.
        case gini
        /// Shannon entropy, `−Σ_k p_k ln p_k`.
        case entropy
    }

    /// How a tree is grown.
    public struct Settings: Sendable, Hashable {
        public var criterion = Criterion.gini
        /// Non-constant features searched at each node, at least 1 (capped at the feature count).
        public var featuresPerSplit = Int.max
        /// Distinct rows a node needs to be split, at least 2.
        public var minSamplesSplit = 2
        /// Distinct rows each child of a split must keep, at least 1.
        public var minSamplesLeaf = 1
        /// The deepest a leaf may be (the root is at depth 0).
        public var maxDepth = Int.max

        public init() {}
    }

    /// Classes predicted.
    public let classCount: Int
    @usableFromInline
    var nodes: [TreeNode] = []
    /// `frequencies[i * classCount + k]`: the weighted fraction of node `i`'s rows in class `k`.
    @usableFromInline
    var frequencies: [Double] = []
    /// Distinct training rows that reached each node.
    var sampleCounts: [Int] = []
    /// The depth of each node.
    var depths: [Int] = []

    /// Grows a tree on `data` with one weight per row.
    ///
    /// - Parameters:
    ///   - data: the training set.
    ///   - weights: copies of each row in the sample (0 leaves a row out); `nil` gives every row weight 1.
    ///   - settings: how to grow.
    ///   - generator: draws the features searched at each node.
    /// - Precondition: `weights` has one non-negative entry per row, and some row has a positive weight.
    public init<G: RandomNumberGenerator>(
        data: PresortedClassificationData,
        weights: [Int]? = nil,
        settings: Settings,
        using generator: inout G
    ) {
        let weights = weights ?? [Int](repeating: 1, count: data.rowCount)
        precondition(weights.count == data.rowCount && weights.allSatisfy { $0 >= 0 }, "bad row weights")
        precondition(weights.contains { $0 > 0 }, "ClassificationTree: empty sample")
        classCount = data.classCount
        data.columns.withUnsafeBufferPointer { columns in
            data.labels.withUnsafeBufferPointer { labels in
                var grower = ClassificationTreeGrower(
                    data: data,
                    columns: columns.baseAddress!,
                    labels: labels.baseAddress!,
                    weights: weights,
                    settings: settings
                )
                grower.grow(into: &self, using: &generator)
            }
        }
    }

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The number of leaves.
    public var leafCount: Int { nodes.lazy.filter { $0.feature < 0 }.count }

    /// The depth of the deepest leaf (0 for a tree that is a single leaf).
    public var depth: Int { depths.max() ?? 0 }

    /// The index of the leaf that `point` (one value per feature) reaches.
    @inlinable
    public func leaf(for point: UnsafePointer<Double>) -> Int {
        nodes.leafIndex(for: point)
    }

    /// Adds the class frequencies of the leaf that `point` reaches to `sums[0..<classCount]`.
    @inlinable
    public func accumulateProbabilities(of point: UnsafePointer<Double>, into sums: UnsafeMutablePointer<Double>) {
        let base = leaf(for: point) * classCount
        frequencies.withUnsafeBufferPointer { frequencies in
            for k in 0..<classCount { sums[k] += frequencies[base + k] }
        }
    }

    /// The class frequencies of the leaf that `point` reaches.
    public func probabilities(of point: [Double]) -> [Double] {
        let base = point.withUnsafeBufferPointer { leaf(for: $0.baseAddress!) } * classCount
        return Array(frequencies[base..<base + classCount])
    }

    // MARK: - Structure, for tests and diagnostics

    /// One node as seen from outside: its depth, its distinct training rows, and its test (`nil` at a leaf).
    public struct NodeSummary: Sendable, Hashable {
        public var depth: Int
        public var sampleCount: Int
        /// The feature tested, `nil` at a leaf.
        public var feature: Int?
        /// The threshold of the test, `nil` at a leaf.
        public var threshold: Double?
    }

    /// Every node in storage order (the root first).
    public var nodeSummaries: [NodeSummary] {
        nodes.indices.map { i in
            let node = nodes[i]
            let isLeaf = node.feature < 0
            return NodeSummary(
                depth: depths[i],
                sampleCount: sampleCounts[i],
                feature: isLeaf ? nil : Int(node.feature),
                threshold: isLeaf ? nil : node.threshold
            )
        }
    }

    // MARK: - Growth

    mutating func appendNode(depth: Int) -> Int {
        nodes.append(.leaf)
        frequencies.append(contentsOf: repeatElement(0, count: classCount))
        sampleCounts.append(0)
        depths.append(depth)
        return nodes.count - 1
    }

    mutating func setLeafValues(_ node: Int, counts: [Int], total: Int, sampleCount: Int) {
        for k in 0..<classCount { frequencies[node * classCount + k] = Double(counts[k]) / Double(total) }
        sampleCounts[node] = sampleCount
    }

    mutating func makeSplit(_ node: Int, feature: Int, threshold: Double, left: Int) {
        nodes[node] = TreeNode(feature: Int32(feature), left: Int32(left), threshold: threshold)
    }
}
