import TunebenchCore
import TunebenchNumerics

/// Gaussian clusters on the vertices of a hypercube, for classification: the design of I. Guyon, "Design of
/// experiments for the NIPS 2003 variable selection benchmark" (2003), as scikit-learn's `make_classification`
/// documents it.
///
/// With `i = informative`, `r = redundant`, `K = classes × clustersPerClass` and `n = samples`:
/// 1. `K` distinct vertices of the hypercube `{−s, +s}^i` are drawn uniformly, `s = classSeparation` (sides of
///    length `2s`); cluster `k` belongs to class `k mod classes`, so every class has `clustersPerClass` clusters.
/// 2. Cluster `k` gets `⌊n / K⌋` rows, the first `n mod K` clusters one more. Its informative features are
///    `x = z A_k + c_k`: `z ~ N(0, I_i)`, `A_k` an `i × i` matrix of independent uniforms on `[−1, 1]` (a random
///    linear covariance `A_kᵀ A_k`), `c_k` the cluster's vertex.
/// 3. The `r` redundant features are `x B` for one `i × r` matrix `B` of uniforms on `[−1, 1]`.
/// 4. The other `features − i − r` features are independent `N(0, 1)` noise.
/// 5. Each row's label is replaced, with probability `labelNoise`, by a class drawn uniformly (scikit-learn's
///    `flip_y`; the drawn class may be the true one). Every row draws its uniform and its class whatever
///    `labelNoise` is, so the features and the clean labels do not depend on it.
/// 6. Rows are shuffled, and columns are shuffled by one permutation shared by all rows.
///
/// scikit-learn's repeated features, class weights, shift and scale are left out (its defaults: none, balanced,
/// 0 and 1). Draws come from `Xoshiro256StarStar(seed:)` in the order above, so the same seed gives the same data.
public struct ClassificationData: DatasetGenerator, Hashable {
    /// Rows, `n`.
    public var samples: Int
    /// Columns: informative, redundant and noise features together.
    public var features: Int
    /// Features that carry the clusters, `i`.
    public var informative: Int
    /// Random linear combinations of the informative features, `r`.
    public var redundant: Int
    /// Number of classes, at least 2.
    public var classes: Int
    /// Gaussian clusters per class.
    public var clustersPerClass: Int
    /// Half the side of the hypercube, `s`: larger is easier.
    public var classSeparation: Double
    /// The probability that a row's label is redrawn uniformly.
    public var labelNoise: Double

    /// A recipe. The defaults, those of the registry options, make a 3-class problem that a linear model fits only in
    /// part (two clusters per class on a 6-D hypercube, plus 2 redundant and 12 noise features) and a small network
    /// fits much better, with scikit-learn's default 1% of random labels.
    public init(
        samples: Int = 3000,
        features: Int = 20,
        informative: Int = 6,
        redundant: Int = 2,
        classes: Int = 3,
        clustersPerClass: Int = 2,
        classSeparation: Double = 1,
        labelNoise: Double = 0.01
    ) {
        self.samples = samples
        self.features = features
        self.informative = informative
        self.redundant = redundant
        self.classes = classes
        self.clustersPerClass = clustersPerClass
        self.classSeparation = classSeparation
        self.labelNoise = labelNoise
    }

    /// The number of clusters, `classes × clustersPerClass`.
    public var clusterCount: Int { classes * clustersPerClass }

    public func validate() throws {
        func reject(_ argument: String, _ value: some CustomStringConvertible, _ expected: String) -> ProblemsError {
            .invalidArgument(problem: "classification data", argument: argument, value: "\(value)", expected: expected)
        }
        guard classes >= 2 else { throw reject("classes", classes, "at least 2") }
        guard clustersPerClass >= 1 else { throw reject("clusters", clustersPerClass, "at least 1") }
        guard samples >= clusterCount else {
            throw reject("samples", samples, "at least classes × clusters = \(clusterCount)")
        }
        guard informative >= 1 else { throw reject("informative", informative, "at least 1") }
        guard redundant >= 0 else { throw reject("redundant", redundant, "at least 0") }
        guard features >= informative + redundant else {
            throw reject("features", features, "at least informative + redundant = \(informative + redundant)")
        }
        // 2^informative vertices must hold the clusters; beyond 2^62 any count fits.
        guard informative >= 62 || clusterCount <= 1 << informative else {
            throw reject(
                "informative",
                informative,
                "at least log2(classes × clusters) = log2(\(clusterCount)), so that every cluster has its own vertex"
            )
        }
        guard classSeparation.isFinite, classSeparation >= 0 else {
            throw reject("class-sep", classSeparation, "a finite number >= 0")
        }
        guard labelNoise >= 0, labelNoise <= 1 else { throw reject("label-noise", labelNoise, "a number in [0, 1]") }
    }

    /// The dataset drawn with `seed`: `samples` rows of `features` columns, labels in `0..<classes`.
    /// - Complexity: O(n (i² + i r + features)).
    public func dataset(seed: UInt64) -> Dataset {
        var generator = Xoshiro256StarStar(seed: seed)
        let n = samples
        let i = informative
        let width = features

        // 1. Distinct vertices, each coordinate ±s.
        var vertices: [[Bool]] = []
        while vertices.count < clusterCount {
            let vertex = (0..<i).map { _ in generator.next() >> 63 == 1 }
            if !vertices.contains(vertex) { vertices.append(vertex) }
        }

        // 2. Informative features cluster by cluster; rows in cluster order before the shuffle.
        var rows = [Double](repeating: 0, count: n * width)
        var labels = [Double](repeating: 0, count: n)
        var row = 0
        var z = [Double](repeating: 0, count: i)
        for (k, vertex) in vertices.enumerated() {
            let size = n / clusterCount + (k < n % clusterCount ? 1 : 0)
            let a = (0..<i * i).map { _ in generator.nextUniform(-1, 1) }
            for _ in 0..<size {
                for j in 0..<i { z[j] = generator.nextGaussian() }
                for column in 0..<i {
                    var x = vertex[column] ? classSeparation : -classSeparation
                    for j in 0..<i { x += z[j] * a[j * i + column] }
                    rows[row * width + column] = x
                }
                labels[row] = Double(k % classes)
                row += 1
            }
        }

        // 3. Redundant features, x B.
        let b = (0..<i * redundant).map { _ in generator.nextUniform(-1, 1) }
        for row in 0..<n {
            for column in 0..<redundant {
                var x = 0.0
                for j in 0..<i { x += rows[row * width + j] * b[j * redundant + column] }
                rows[row * width + i + column] = x
            }
        }

        // 4. Noise features.
        for row in 0..<n {
            for column in (i + redundant)..<width { rows[row * width + column] = generator.nextGaussian() }
        }

        // 5. Label noise: two draws per row whatever the noise level, so that the rest of the data does not
        // depend on it.
        for row in 0..<n {
            let redraw = generator.nextUnit() < labelNoise
            let label = generator.nextIndex(below: classes)
            if redraw { labels[row] = Double(label) }
        }

        // 6. Shuffle rows, then columns.
        let rowOrder = generator.permutation(n)
        let columnOrder = generator.permutation(width)
        var shuffled = [Double](repeating: 0, count: n * width)
        for (target, source) in rowOrder.enumerated() {
            for (column, sourceColumn) in columnOrder.enumerated() {
                shuffled[target * width + column] = rows[source * width + sourceColumn]
            }
        }
        return Dataset(
            features: shuffled,
            targets: rowOrder.map { labels[$0] },
            featureCount: width,
            task: .classification(classes: classes)
        )
    }
}
