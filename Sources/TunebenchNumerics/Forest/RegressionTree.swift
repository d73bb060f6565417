/// A binary regression tree on numeric features: each internal node sends a point left when `x[feature] <= threshold`,
/// each leaf holds the mean and variance of the training targets that reached it.
///
/// **Growth** (L. Breiman, J. Friedman, R. Olshen and C. Stone, *Classification and Regression Trees*, 1984): a node
/// of `n` rows is split when `n >= minSamplesSplit` and its targets are not all equal. At each split
/// `featuresPerSplit` features are drawn without replacement (Breiman, "Random forests", Machine Learning 45, 2001),
/// and for each of them a threshold is chosen
/// - `.best`: the one of the midpoints between consecutive distinct values that most reduces the sum of squared
///   errors, `SSE = Σ_left (y − ȳ_L)² + Σ_right (y − ȳ_R)²`, i.e. maximizes `S_L² / n_L + S_R² / n_R` for the sums
///   `S` of the targets on each side;
/// - `.random`: uniform between the node's smallest and largest value of the feature (extremely randomized trees:
///   P. Geurts, D. Ernst and L. Wehenkel, Machine Learning 63, 2006).
///
/// Splits that leave fewer than `minSamplesLeaf` rows on a side are not considered; the feature and threshold with the
/// largest reduction win (ties go to the feature drawn first). A node without a valid split becomes a leaf.
///
/// Nodes are stored in flat arrays (children of node `i` at `left[i]` and `left[i] + 1`), and growth reuses one
/// index buffer, partitioned in place.
public struct RegressionTree: Sendable, Hashable {
    /// How thresholds are chosen.
    public enum SplitRule: String, Sendable, Hashable, CaseIterable {
        /// The threshold that most reduces the squared error (CART).
        case best
        /// A uniform random threshold per feature (extra-trees).
        case random
    }

    /// How a tree is grown.
    public struct Settings: Sendable, Hashable {
        public var splitRule: SplitRule = .best
        /// Features considered at each split, at least 1 (capped at the dimension).
        public var featuresPerSplit = Int.max
        /// Rows a node needs to be split, at least 2.
        public var minSamplesSplit = 3
        /// Rows each child of a split must keep, at least 1.
        public var minSamplesLeaf = 3
        /// The deepest a leaf may be (the root is at depth 0).
        public var maxDepth = 64

        public init() {}
    }

    @usableFromInline
    var nodes: [TreeNode] = []
    /// The mean of the targets that reached each node.
    @usableFromInline
    var mean: [Double] = []
    /// The population variance of the targets that reached each node.
    @usableFromInline
    var variance: [Double] = []

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The number of leaves.
    public var leafCount: Int { nodes.lazy.filter { $0.feature < 0 }.count }

    /// Grows a tree on the rows `rows` (indices into `inputs`, repeats allowed, as in a bootstrap sample).
    ///
    /// - Parameters:
    ///   - inputs: the feature matrix, row by row, `dimension` numbers per row.
    ///   - targets: one target per row of `inputs`.
    ///   - rows: the training rows; at least one.
    /// - Precondition: `inputs.count == targets.count * dimension`, `rows` is not empty and every row index is valid.
    public init<G: RandomNumberGenerator>(
        inputs: [Double], targets: [Double], dimension: Int, rows: [Int], settings: Settings,
        using generator: inout G
    ) {
        precondition(dimension >= 1 && inputs.count == targets.count * dimension, "RegressionTree: bad matrix shape")
        precondition(!rows.isEmpty, "RegressionTree: no rows")
        var grower = Grower(
            inputs: inputs, targets: targets, dimension: dimension, rows: rows, settings: settings)
        grower.grow(into: &self, using: &generator)
    }

    /// The leaf mean and variance for `point` (`dimension` numbers).
    @inlinable
    public func leaf(for point: UnsafeBufferPointer<Double>) -> (mean: Double, variance: Double) {
        let node = leafIndex(for: point)
        return (leafMean(node), leafVariance(node))
    }

    @inlinable
    func leafIndex(for point: UnsafeBufferPointer<Double>) -> Int {
        nodes.leafIndex(for: point.baseAddress!)
    }

    @inlinable
    func leafMean(_ node: Int) -> Double { mean[node] }

    @inlinable
    func leafVariance(_ node: Int) -> Double { variance[node] }

    // MARK: - Growth

    fileprivate mutating func appendNode(mean: Double, variance: Double) -> Int {
        nodes.append(.leaf)
        self.mean.append(mean)
        self.variance.append(variance)
        return nodes.count - 1
    }

    fileprivate mutating func makeSplit(_ node: Int, feature: Int, threshold: Double, left: Int) {
        nodes[node] = TreeNode(feature: Int32(feature), left: Int32(left), threshold: threshold)
    }
}

/// The working state of one tree's growth.
///
/// Growth keeps, for every feature, the node's rows sorted by that feature (`order`, one list of the sample's
/// length per feature, each node occupying the same range `lower..<upper` in every list). A split partitions every
/// list stably, so a node's rows stay sorted without sorting again: O(d n) per level of the tree instead of
/// O(d n log n) per node.
private struct Grower {
    let inputs: [Double]
    let targets: [Double]
    let dimension: Int
    let settings: RegressionTree.Settings
    /// The sample's length (rows with repeats).
    let count: Int
    /// `order[f * count + i]`: the rows of the sample sorted by feature `f` (then by row index) within each node.
    var order: [Int]
    /// Scratch for the stable partition.
    var scratch: [Int]
    /// Whether each row (by index into `targets`) goes left at the split being made.
    var goesLeft: [Bool]
    /// Feature indices, shuffled partially at each split.
    var features: [Int]

    init(inputs: [Double], targets: [Double], dimension: Int, rows: [Int], settings: RegressionTree.Settings) {
        self.inputs = inputs
        self.targets = targets
        self.dimension = dimension
        self.settings = settings
        count = rows.count
        order = [Int](repeating: 0, count: dimension * rows.count)
        for f in 0..<dimension {
            let sorted = rows.sorted { a, b in
                let (x, y) = (inputs[a * dimension + f], inputs[b * dimension + f])
                return x != y ? x < y : a < b
            }
            order.replaceSubrange(f * count..<(f + 1) * count, with: sorted)
        }
        scratch = [Int](repeating: 0, count: rows.count)
        goesLeft = [Bool](repeating: false, count: targets.count)
        features = Array(0..<dimension)
    }

    mutating func grow<G: RandomNumberGenerator>(into tree: inout RegressionTree, using generator: inout G) {
        // An explicit stack of (node, lower, upper, depth) keeps deep trees off the call stack.
        var stack: [(node: Int, lower: Int, upper: Int, depth: Int)] = []
        let (rootMean, rootVariance) = moments(0, count)
        stack.append((tree.appendNode(mean: rootMean, variance: rootVariance), 0, count, 0))
        while let (node, lower, upper, depth) = stack.popLast() {
            let size = upper - lower
            guard size >= settings.minSamplesSplit, size >= 2 * settings.minSamplesLeaf, depth < settings.maxDepth,
                !Self.isPure(mean: tree.leafMean(node), variance: tree.leafVariance(node)),
                let (feature, threshold) = bestSplit(lower, upper, using: &generator)
            else { continue }
            let boundary = partition(lower, upper, feature: feature, threshold: threshold)
            let (leftMean, leftVariance) = moments(lower, boundary)
            let (rightMean, rightVariance) = moments(boundary, upper)
            let leftNode = tree.appendNode(mean: leftMean, variance: leftVariance)
            let rightNode = tree.appendNode(mean: rightMean, variance: rightVariance)
            tree.makeSplit(node, feature: feature, threshold: threshold, left: leftNode)
            stack.append((rightNode, boundary, upper, depth + 1))
            stack.append((leftNode, lower, boundary, depth + 1))
        }
    }

    /// Whether a node's targets are equal up to rounding, so that no split can reduce its error.
    static func isPure(mean: Double, variance: Double) -> Bool {
        variance <= 1e-24 * max(1, mean * mean)
    }

    /// Splits the node `lower..<upper` of every feature's list stably into `x[feature] <= threshold`, then the rest;
    /// returns where the right child begins.
    mutating func partition(_ lower: Int, _ upper: Int, feature: Int, threshold: Double) -> Int {
        let base = feature * count
        var boundary = lower
        for i in lower..<upper {
            let row = order[base + i]
            let left = inputs[row * dimension + feature] <= threshold
            goesLeft[row] = left
            if left { boundary += 1 }
        }
        for f in 0..<dimension where f != feature {
            let base = f * count
            var l = lower
            var r = 0
            for i in lower..<upper {
                let row = order[base + i]
                if goesLeft[row] {
                    order[base + l] = row
                    l += 1
                } else {
                    scratch[r] = row
                    r += 1
                }
            }
            for k in 0..<r { order[base + l + k] = scratch[k] }
        }
        // The split feature's own list is already in order: its left rows come first.
        return boundary
    }

    /// The mean and population variance of the node's targets (two passes, for accuracy).
    func moments(_ lower: Int, _ upper: Int) -> (Double, Double) {
        var sum = 0.0
        for i in lower..<upper { sum += targets[order[i]] }
        let mean = sum / Double(upper - lower)
        var squares = 0.0
        for i in lower..<upper {
            let d = targets[order[i]] - mean
            squares += d * d
        }
        return (mean, squares / Double(upper - lower))
    }

    /// The split of the node with the largest `S_L²/n_L + S_R²/n_R` over `featuresPerSplit` random features, or `nil`
    /// when none is valid.
    mutating func bestSplit<G: RandomNumberGenerator>(
        _ lower: Int, _ upper: Int, using generator: inout G
    ) -> (feature: Int, threshold: Double)? {
        let tried = min(max(settings.featuresPerSplit, 1), dimension)
        var total = 0.0
        for i in lower..<upper { total += targets[order[i]] }
        var best: (score: Double, feature: Int, threshold: Double)?
        for k in 0..<tried {
            // Partial Fisher–Yates: features[k] becomes a uniform draw from the features not yet tried.
            let pick = k + generator.nextIndex(below: dimension - k)
            features.swapAt(k, pick)
            let feature = features[k]
            let candidate: (score: Double, threshold: Double)?
            switch settings.splitRule {
            case .best: candidate = bestThreshold(feature, lower, upper, total: total)
            case .random: candidate = randomThreshold(feature, lower, upper, total: total, using: &generator)
            }
            if let candidate, best == nil || candidate.score > best!.score {
                best = (candidate.score, feature, candidate.threshold)
            }
        }
        return best.map { ($0.feature, $0.threshold) }
    }

    /// CART's threshold for one feature: a scan of the node's rows in the feature's order.
    func bestThreshold(_ feature: Int, _ lower: Int, _ upper: Int, total: Double) -> (score: Double, threshold: Double)? {
        let base = feature * count
        let n = upper - lower
        let minimum = settings.minSamplesLeaf
        var best: (score: Double, threshold: Double)?
        var leftSum = 0.0
        var value = inputs[order[base + lower] * dimension + feature]
        for i in lower..<(upper - 1) {
            leftSum += targets[order[base + i]]
            let next = inputs[order[base + i + 1] * dimension + feature]
            defer { value = next }
            let leftCount = i + 1 - lower
            guard leftCount >= minimum, n - leftCount >= minimum, value < next else { continue }
            let rightSum = total - leftSum
            let score = leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(n - leftCount)
            if best == nil || score > best!.score {
                // The midpoint, unless it rounds onto the upper value.
                var threshold = value + (next - value) / 2
                if threshold >= next { threshold = value }
                best = (score, threshold)
            }
        }
        return best
    }

    /// The extra-trees threshold for one feature: uniform in the node's range of the feature.
    func randomThreshold<G: RandomNumberGenerator>(
        _ feature: Int, _ lower: Int, _ upper: Int, total: Double, using generator: inout G
    ) -> (score: Double, threshold: Double)? {
        let base = feature * count
        let smallest = inputs[order[base + lower] * dimension + feature]
        let largest = inputs[order[base + upper - 1] * dimension + feature]
        guard smallest < largest else { return nil }
        var threshold = generator.nextUniform(smallest, largest)
        if threshold >= largest { threshold = smallest }
        var leftSum = 0.0
        var leftCount = 0
        for i in lower..<upper {
            let row = order[base + i]
            guard inputs[row * dimension + feature] <= threshold else { break }
            leftSum += targets[row]
            leftCount += 1
        }
        let n = upper - lower
        guard leftCount >= settings.minSamplesLeaf, n - leftCount >= settings.minSamplesLeaf else { return nil }
        let rightSum = total - leftSum
        return (leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(n - leftCount), threshold)
    }
}
