/// The k-nearest-neighbour classifier (E. Fix and J. L. Hodges, 1951; T. Cover and P. Hart, "Nearest neighbor pattern
/// classification", IEEE Transactions on Information Theory 13, 1967), by exhaustive search.
///
/// For a query `x` the `k` training rows nearest to `x` under the metric vote for their classes:
/// - distances: Euclidean `(Σ_j (x_j − y_j)²)^(1/2)`, Manhattan `Σ_j |x_j − y_j|`, Chebyshev `max_j |x_j − y_j|`;
/// - ties: rows are ordered by distance, then by row index, and the first `k` are the neighbours, so that of two rows
///   at the same distance the one that comes first in the training set is the nearer;
/// - weights: `uniform` gives each neighbour 1; `distance` gives it `1 / d`, except that when some neighbours are at
///   distance 0 they get 1 and the others 0 (scikit-learn's `KNeighborsClassifier` rule);
/// - probabilities: each class's weight over the total, the weights added neighbour by neighbour from the nearest.
///
/// `k` larger than the training set is cut to its size.
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
    /// Row-major training features.
    let features: [Double]
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
            "bad training data shape")
        precondition(classCount >= 1 && labels.allSatisfy { (0..<classCount).contains($0) }, "label out of range")
        self.features = features
        self.labels = labels.map { Int32($0) }
        self.featureCount = featureCount
        self.classCount = classCount
    }

    /// Training rows.
    public var rowCount: Int { labels.count }

    /// The `k` nearest training rows to each query and their distances, nearest first (ties by row index).
    ///
    /// - Parameter queries: row-major, `featureCount` numbers per row.
    /// - Complexity: O(q n d + q n log k) for `q` queries and `n` training rows.
    public func neighbours(of queries: [Double], k: Int, metric: Metric) -> [[(row: Int, distance: Double)]] {
        var selection = Selection(capacity: min(max(k, 1), rowCount))
        return (0..<queries.count / featureCount).map { q in
            queries.withUnsafeBufferPointer { select(query: $0.baseAddress! + q * featureCount, metric, &selection) }
            return selection.sortedNeighbours(metric)
        }
    }

    /// The class probabilities of each query, `classCount` per row.
    ///
    /// - Parameter queries: row-major, `featureCount` numbers per row.
    /// - Complexity: O(q n d + q n log k) for `q` queries and `n` training rows.
    public func probabilities(of queries: [Double], k: Int, metric: Metric, weighting: Weighting) -> [Double] {
        precondition(queries.count % featureCount == 0, "ragged queries")
        let count = queries.count / featureCount
        var selection = Selection(capacity: min(max(k, 1), rowCount))
        var probabilities = [Double](repeating: 0, count: count * classCount)
        queries.withUnsafeBufferPointer { queries in
            for q in 0..<count {
                select(query: queries.baseAddress! + q * featureCount, metric, &selection)
                let neighbours = selection.sortedNeighbours(metric)
                let exact = weighting == .distance && neighbours[0].distance == 0
                let base = q * classCount
                for (row, distance) in neighbours {
                    let weight: Double
                    switch weighting {
                    case .uniform: weight = 1
                    case .distance: weight = exact ? (distance == 0 ? 1 : 0) : 1 / distance
                    }
                    probabilities[base + Int(labels[row])] += weight
                }
                var total = 0.0
                for c in 0..<classCount { total += probabilities[base + c] }
                for c in 0..<classCount { probabilities[base + c] /= total }
            }
        }
        return probabilities
    }

    /// Fills `selection` with the `capacity` nearest rows to `query`, by exhaustive search.
    ///
    /// Rows are visited in index order and enter only when strictly nearer than the farthest kept, so that on equal
    /// distances the earlier row stays. A row's distance is abandoned as soon as its partial sum (or maximum) passes
    /// the farthest kept distance: every metric only grows as coordinates are added.
    private func select(query: UnsafePointer<Double>, _ metric: Metric, _ selection: inout Selection) {
        selection.removeAll()
        let d = featureCount
        features.withUnsafeBufferPointer { features in
            for row in 0..<rowCount {
                let y = features.baseAddress! + row * d
                let bound = selection.isFull ? selection.farthest : .infinity
                var distance = 0.0
                switch metric {
                case .euclidean:
                    // Squared, compared with squared distances; the root is taken when the neighbours are read.
                    for j in 0..<d {
                        let difference = query[j] - y[j]
                        distance += difference * difference
                        if distance > bound { break }
                    }
                case .manhattan:
                    for j in 0..<d {
                        distance += abs(query[j] - y[j])
                        if distance > bound { break }
                    }
                case .chebyshev:
                    for j in 0..<d {
                        distance = max(distance, abs(query[j] - y[j]))
                        if distance > bound { break }
                    }
                }
                if distance < bound { selection.insert(distance, row: row) }
            }
        }
    }
}

/// The `capacity` smallest (distance, row) pairs seen so far, in a binary max-heap ordered by distance, then row.
private struct Selection {
    let capacity: Int
    var distances: [Double] = []
    var rows: [Int] = []

    init(capacity: Int) {
        self.capacity = capacity
        distances.reserveCapacity(capacity)
        rows.reserveCapacity(capacity)
    }

    var isFull: Bool { distances.count == capacity }

    /// The largest kept distance.
    var farthest: Double { distances[0] }

    mutating func removeAll() {
        distances.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// Whether entry `a` comes after entry `b` (farther, or as far with a larger row).
    private func isAfter(_ a: Int, _ b: Int) -> Bool {
        distances[a] != distances[b] ? distances[a] > distances[b] : rows[a] > rows[b]
    }

    /// Adds a pair, dropping the farthest when full. Precondition: when full, the pair comes before the farthest.
    mutating func insert(_ distance: Double, row: Int) {
        if !isFull {
            distances.append(distance)
            rows.append(row)
            var child = distances.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard isAfter(child, parent) else { break }
                swapAt(child, parent)
                child = parent
            }
            return
        }
        distances[0] = distance
        rows[0] = row
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < capacity else { break }
            var largest = left
            if left + 1 < capacity, isAfter(left + 1, left) { largest = left + 1 }
            guard isAfter(largest, parent) else { break }
            swapAt(largest, parent)
            parent = largest
        }
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        distances.swapAt(i, j)
        rows.swapAt(i, j)
    }

    /// The kept rows, nearest first (ties by row), with their distances under `metric` (Euclidean roots taken).
    func sortedNeighbours(_ metric: NearestNeighbourClassifier.Metric) -> [(row: Int, distance: Double)] {
        let order = distances.indices.sorted { a, b in
            distances[a] != distances[b] ? distances[a] < distances[b] : rows[a] < rows[b]
        }
        return order.map { i in (rows[i], metric == .euclidean ? distances[i].squareRoot() : distances[i]) }
    }
}
