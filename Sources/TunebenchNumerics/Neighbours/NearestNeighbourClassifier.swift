/// The k-nearest-neighbour classifier (E. Fix and J. L. Hodges, 1951; T. Cover and P. Hart, "Nearest neighbor pattern
/// classification", IEEE Transactions on Information Theory 13, 1967), by exhaustive search.
///
/// For a query `x` the `k` training rows nearest to `x` under the metric vote for their classes:
/// - distances: Euclidean `(Σ_j (x_j − y_j)²)^(1/2)`, Manhattan `Σ_j |x_j − y_j|`, Chebyshev `max_j |x_j − y_j|`;
/// - ties: rows are ordered by distance, then by row index, and the first `k` are the neighbours, so that of two rows
///   at the same distance the one that comes first in the training set is the nearer;
/// - weights: `uniform` gives each neighbour 1; `distance` gives it `1 / d`, except that when some neighbours are at
///   distance 0 they get 1 and the others 0 (scikit-learn's `KNeighborsClassifier` rule);
/// - probabilities: each class's weight over the total, the weights added in row order.
///
/// `k` larger than the training set is cut to its size.
///
/// **Computation.** The training features are stored by column, and a query's distances to every row are accumulated
/// one feature at a time over the columns (a loop the compiler vectorizes; each distance still sums its features in
/// order). Euclidean neighbours are found on squared distances. The `k`-th smallest distance `τ` is found by Hoare's
/// selection (C. A. R. Hoare, "Algorithm 65: Find", Communications of the ACM 4, 1961) with a median-of-three pivot;
/// the neighbours are the rows nearer than `τ`, then the rows at `τ` in row order until there are `k`: expected O(n)
/// per query instead of a heap's O(n log k).
public struct NearestNeighbourClassifier: Sendable, Hashable {
    /// How far apart two rows are.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The L2 norm of the difference.
        case euclidean
        /// The L1 norm of the difference.
        case manhattan
        /// The L∞ norm of the difference.
        case chebyshev
    }

    /// How much each neighbour's vote counts.
    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        /// Every neighbour counts 1.
        case uniform
        /// A neighbour counts the inverse of its distance.
        case distance
    }

    public let featureCount: Int
    public let classCount: Int
    /// Column-major training features: `columns[j * rowCount + row]`.
    let columns: [Double]
    /// The class of each training row.
    let labels: [Int32]

    /// Stores a training set.
    ///
    /// - Parameters:
    ///   - features: row-major features, `featureCount` per row.
    ///   - labels: one class per row, in `0..<classCount`.
    /// - Precondition: at least one row, matching shapes, labels in range.
    public init(features: [Double], labels: [Int], featureCount: Int, classCount: Int) {
        precondition(
            !labels.isEmpty && featureCount >= 1 && features.count == labels.count * featureCount,
            "bad training data shape"
        )
        precondition(classCount >= 1 && labels.allSatisfy { (0..<classCount).contains($0) }, "label out of range")
        self.featureCount = featureCount
        self.classCount = classCount
        let n = labels.count
        var columns = [Double](repeating: 0, count: features.count)
        for row in 0..<n {
            for j in 0..<featureCount { columns[j * n + row] = features[row * featureCount + j] }
        }
        self.columns = columns
        self.labels = labels.map { Int32($0) }
    }

    /// Training rows.
    public var rowCount: Int { labels.count }

    /// The `k` nearest training rows to each query and their distances, nearest first (ties by row index).
    ///
    /// - Parameter queries: row-major, `featureCount` numbers per row.
    /// - Complexity: expected O(q n d + q k log k) for `q` queries and `n` training rows.
    public func neighbours(of queries: [Double], k: Int, metric: Metric) -> [[(row: Int, distance: Double)]] {
        var search = Search(self, k: k)
        return (0..<queries.count / featureCount).map { q in
            search.run(query: queries[q * featureCount..<(q + 1) * featureCount], metric)
            let found = search.found.map { ($0, search.distance(of: $0, metric)) }
            return found.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        }
    }

    /// The class probabilities of each query, `classCount` per row.
    ///
    /// - Parameter queries: row-major, `featureCount` numbers per row.
    /// - Complexity: expected O(q n d) for `q` queries and `n` training rows.
    public func probabilities(of queries: [Double], k: Int, metric: Metric, weighting: Weighting) -> [Double] {
        precondition(queries.count % featureCount == 0, "ragged queries")
        let count = queries.count / featureCount
        var search = Search(self, k: k)
        var probabilities = [Double](repeating: 0, count: count * classCount)
        for q in 0..<count {
            search.run(query: queries[q * featureCount..<(q + 1) * featureCount], metric)
            let exact = weighting == .distance && search.found.contains { search.distances[$0] == 0 }
            let base = q * classCount
            for row in search.found {
                let weight: Double
                switch weighting {
                case .uniform: weight = 1
                case .distance:
                    let distance = search.distance(of: row, metric)
                    weight = exact ? (distance == 0 ? 1 : 0) : 1 / distance
                }
                probabilities[base + Int(labels[row])] += weight
            }
            var total = 0.0
            for c in 0..<classCount { total += probabilities[base + c] }
            for c in 0..<classCount { probabilities[base + c] /= total }
        }
        return probabilities
    }
}

/// The working storage of the searches of one call: the distances to every row, and the rows found.
private struct Search {
    let classifier: NearestNeighbourClassifier
    /// Neighbours per query: `k` cut to the training rows.
    let k: Int
    /// The distance (squared for Euclidean) from the query to each training row.
    var distances: [Double]
    /// A copy of `distances` that the selection reorders.
    var scratch: [Double]
    /// The neighbours of the last query, in row order.
    var found: [Int] = []

    init(_ classifier: NearestNeighbourClassifier, k: Int) {
        self.classifier = classifier
        self.k = min(max(k, 1), classifier.rowCount)
        distances = [Double](repeating: 0, count: classifier.rowCount)
        scratch = distances
        found.reserveCapacity(self.k)
    }

    /// The distance of training row `row` from the last query under `metric` (the root taken for Euclidean).
    func distance(of row: Int, _ metric: NearestNeighbourClassifier.Metric) -> Double {
        metric == .euclidean ? distances[row].squareRoot() : distances[row]
    }

    /// Fills `distances` and `found` for `query`.
    mutating func run(query: ArraySlice<Double>, _ metric: NearestNeighbourClassifier.Metric) {
        let n = classifier.rowCount
        classifier.columns.withUnsafeBufferPointer { columns in
            distances.withUnsafeMutableBufferPointer { distances in
                let distances = distances.baseAddress!
                distances.update(repeating: 0, count: n)
                for (j, x) in query.enumerated() {
                    let column = columns.baseAddress! + j * n
                    switch metric {
                    case .euclidean:
                        for row in 0..<n {
                            let difference = x - column[row]
                            distances[row] += difference * difference
                        }
                    case .manhattan:
                        for row in 0..<n { distances[row] += abs(x - column[row]) }
                    case .chebyshev:
                        for row in 0..<n { distances[row] = max(distances[row], abs(x - column[row])) }
                    }
                }
            }
        }
        scratch = distances
        let threshold = scratch.withUnsafeMutableBufferPointer { Statistics.select(rank: k - 1, in: $0) }
        found.removeAll(keepingCapacity: true)
        var atThreshold = k - distances.lazy.filter { $0 < threshold }.count
        for row in 0..<n {
            if distances[row] < threshold {
                found.append(row)
            } else if distances[row] == threshold, atThreshold > 0 {
                found.append(row)
                atThreshold -= 1
            }
        }
    }
}
