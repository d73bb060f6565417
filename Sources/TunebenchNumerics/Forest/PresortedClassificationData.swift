/// A classification training set laid out for growing trees: the features by column, the labels as small integers,
/// and every feature's rows in ascending order, sorted once for all the trees of a forest.
///
/// A tree grown on a subset of the rows (a bootstrap sample) filters these orders instead of sorting again: O(d n)
/// per tree instead of O(d n log n).
public struct PresortedClassificationData: Sendable, Hashable {
    /// Rows of the training set.
    public let rowCount: Int
    /// Features per row.
    public let featureCount: Int
    /// Classes: labels lie in `0..<classCount`.
    public let classCount: Int
    /// `columns[f * rowCount + row]`: feature `f` of row `row`.
    let columns: [Double]
    /// The class of each row.
    let labels: [Int32]
    /// `ascending[f * rowCount + i]`: the `i`-th row in ascending order of feature `f`, equal values by row index.
    let ascending: [Int32]

    /// Lays out a training set.
    ///
    /// - Parameters:
    ///   - features: row-major features, `featureCount` per row.
    ///   - labels: one class per row, in `0..<classCount`.
    ///   - featureCount: features per row, at least 1.
    ///   - classCount: number of classes, at least 1.
    /// - Precondition: at least one row, `features.count == labels.count * featureCount`, finite features, labels in
    ///   range.
    /// - Complexity: O(d n log n) for `n` rows of `d` features.
    public init(features: [Double], labels: [Int], featureCount: Int, classCount: Int) {
        let n = labels.count
        precondition(n >= 1 && featureCount >= 1 && features.count == n * featureCount, "bad training data shape")
        precondition(classCount >= 1 && labels.allSatisfy { (0..<classCount).contains($0) }, "label out of range")
        precondition(features.allSatisfy(\.isFinite), "non-finite feature")
        rowCount = n
        self.featureCount = featureCount
        self.classCount = classCount
        self.labels = labels.map { Int32($0) }
        var columns = [Double](repeating: 0, count: n * featureCount)
        for row in 0..<n {
            for f in 0..<featureCount { columns[f * n + row] = features[row * featureCount + f] }
        }
        var ascending = [Int32](repeating: 0, count: n * featureCount)
        columns.withUnsafeBufferPointer { columns in
            for f in 0..<featureCount {
                let column = UnsafeBufferPointer(rebasing: columns[f * n..<(f + 1) * n])
                var rows = (0..<Int32(n)).map { $0 }
                rows.sort { a, b in
                    let (x, y) = (column[Int(a)], column[Int(b)])
                    return x != y ? x < y : a < b
                }
                ascending.replaceSubrange(f * n..<(f + 1) * n, with: rows)
            }
        }
        self.columns = columns
        self.ascending = ascending
    }

    /// Feature `feature` of row `row`.
    public subscript(row: Int, feature: Int) -> Double { columns[feature * rowCount + row] }

    /// The class of row `row`.
    public func label(_ row: Int) -> Int { Int(labels[row]) }
}
