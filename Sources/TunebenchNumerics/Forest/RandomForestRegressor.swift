/// A random forest of regression trees that predicts a mean and a variance, the surrogate of SMAC (F. Hutter,
/// H. H. Hoos and K. Leyton-Brown, "Sequential model-based optimization for general algorithm configuration",
/// LION 5, 2011).
///
/// Each of the `trees` trees is grown (``RegressionTree``) on a bootstrap sample of the rows (`bootstrap`, Breiman
/// 2001) or on all of them. For a point `x` whose leaf in tree `t` has mean `μ_t` and variance `σ_t²`, the forest
/// predicts the mixture's moments (the law of total variance, as in F. Hutter, L. Xu, H. H. Hoos and
/// K. Leyton-Brown, "Algorithm runtime prediction: methods and evaluation", Artificial Intelligence 206, 2014,
/// section 4.3.2):
///
/// ```
/// μ(x)  = (1/T) Σ_t μ_t
/// σ²(x) = (1/T) Σ_t (σ_t² + μ_t²) − μ(x)²
/// ```
///
/// that is the spread of the trees' predictions plus the average spread within their leaves. Growth draws from the
/// generator passed to ``fit(inputs:targets:using:)`` only, so a fit is reproducible.
public struct RandomForestRegressor: Sendable, Hashable {
    /// How the forest is grown.
    public struct Settings: Sendable, Hashable {
        /// The number of trees, at least 1.
        public var trees = 24
        /// Whether each tree sees a bootstrap sample (`n` rows drawn with replacement) rather than every row.
        public var bootstrap = true
        /// The fraction of the features drawn at each split (at least one feature).
        public var featureFraction = 1.0
        /// How each tree grows.
        public var tree = RegressionTree.Settings()

        public init() {}
    }

    public let dimension: Int
    public let settings: Settings
    public private(set) var trees: [RegressionTree] = []

    /// An unfitted forest on `dimension` features.
    public init(dimension: Int, settings: Settings) {
        precondition(dimension >= 1, "RandomForestRegressor: dimension \(dimension) must be at least 1")
        precondition(settings.trees >= 1, "RandomForestRegressor: \(settings.trees) trees; at least 1 is needed")
        self.dimension = dimension
        self.settings = settings
    }

    /// Grows the trees afresh on `inputs` (row by row, `dimension` numbers per row) and `targets`.
    /// - Precondition: at least one row, `inputs.count == targets.count * dimension`.
    public mutating func fit<G: RandomNumberGenerator>(inputs: [Double], targets: [Double], using generator: inout G) {
        let n = targets.count
        precondition(n >= 1 && inputs.count == n * dimension, "RandomForestRegressor: bad training data shape")
        var treeSettings = settings.tree
        // ⌈f d⌉, less a rounding margin so that 0.07 × 100 = 7.000000000000001 gives 7.
        treeSettings.featuresPerSplit = max(1, Int((settings.featureFraction * Double(dimension) - 1e-9).rounded(.up)))
        var rows = Array(0..<n)
        trees.removeAll(keepingCapacity: true)
        for _ in 0..<settings.trees {
            if settings.bootstrap {
                for i in 0..<n { rows[i] = generator.nextIndex(below: n) }
            }
            trees.append(
                RegressionTree(
                    inputs: inputs, targets: targets, dimension: dimension, rows: rows, settings: treeSettings,
                    using: &generator))
        }
    }

    /// The predicted mean and variance at `point` (`dimension` numbers).
    /// - Precondition: the forest is fitted.
    public func meanAndVariance(at point: [Double]) -> (mean: Double, variance: Double) {
        point.withUnsafeBufferPointer { meanAndVariance(at: $0) }
    }

    /// The predicted mean and variance at `point`.
    public func meanAndVariance(at point: UnsafeBufferPointer<Double>) -> (mean: Double, variance: Double) {
        precondition(!trees.isEmpty, "RandomForestRegressor: predicting before fit")
        var sum = 0.0
        var second = 0.0
        for tree in trees {
            let (mean, variance) = tree.leaf(for: point)
            sum += mean
            second += variance + mean * mean
        }
        let count = Double(trees.count)
        let mean = sum / count
        return (mean, max(second / count - mean * mean, 0))
    }

    /// Means and variances for `points`, row by row.
    public func meanAndVariance(points: [Double]) -> (means: [Double], variances: [Double]) {
        let count = points.count / dimension
        var means = [Double](repeating: 0, count: count)
        var variances = [Double](repeating: 0, count: count)
        points.withUnsafeBufferPointer { buffer in
            for c in 0..<count {
                let row = UnsafeBufferPointer(rebasing: buffer[c * dimension..<(c + 1) * dimension])
                (means[c], variances[c]) = meanAndVariance(at: row)
            }
        }
        return (means, variances)
    }
}
