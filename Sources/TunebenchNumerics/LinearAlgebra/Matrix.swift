/// A dense matrix of doubles, stored row-major.
///
/// Element `(i, j)` is `storage[i * columns + j]`, so a row is contiguous: the layout that the Cholesky kernels
/// (`Cholesky`) read with SIMD loads, and the one a Gaussian-process model fills naturally, one training point per
/// row. The type is a plain value (copy-on-write through its array); symmetric matrices are stored in full.
///
/// ```swift
/// var k = Matrix(rows: 2, columns: 2)
/// k[0, 0] = 2; k[1, 0] = 1; k[0, 1] = 1; k[1, 1] = 2
/// let same = Matrix([[2, 1], [1, 2]])
/// ```
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements, row after row: `rows * columns` values.
    public var storage: [Double]

    /// Creates a matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// Creates a matrix from its row-major elements.
    ///
    /// - Precondition: `storage.count == rows * columns`.
    @inlinable
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(
            rows >= 0 && columns >= 0 && storage.count == rows * columns,
            "Matrix: \(storage.count) elements cannot fill \(rows) × \(columns)"
        )
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix from an array of rows.
    ///
    /// - Precondition: every row has the same length. An empty array gives a 0 × 0 matrix.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "Matrix: rows of different lengths")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n {
            result.storage[i * n + i] = 1
        }
        return result
    }

    /// The element in row `row` and column `column` (both zero-based).
    ///
    /// - Precondition: `0 <= row < rows`, `0 <= column < columns`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            return storage[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix: index out of range")
            storage[row * columns + column] = newValue
        }
    }

    /// Whether the matrix has as many rows as columns.
    @inlinable
    public var isSquare: Bool { rows == columns }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix: row \(i) out of range 0..<\(rows)")
        return Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    /// The rows, as arrays.
    public var rowArrays: [[Double]] {
        (0..<rows).map(row)
    }

    /// The diagonal elements `(i, i)` for `i < min(rows, columns)`.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 * columns + $0] }
    }

    /// The transpose.
    ///
    /// - Complexity: O(rows · columns), in 32 × 32 tiles so that neither side is walked with a large stride.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let tile = 32
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for i0 in stride(from: 0, to: rows, by: tile) {
                    for j0 in stride(from: 0, to: columns, by: tile) {
                        for i in i0..<Swift.min(i0 + tile, rows) {
                            for j in j0..<Swift.min(j0 + tile, columns) {
                                target[j * rows + i] = source[i * columns + j]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

extension Matrix: CustomStringConvertible {
    /// The rows, one per line, for debugging.
    public var description: String {
        "Matrix \(rows) × \(columns)" + rowArrays.map { "\n  " + $0.map { "\($0)" }.joined(separator: ", ") }.joined()
    }
}
