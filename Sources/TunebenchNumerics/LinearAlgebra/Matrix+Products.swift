// Products of dense matrices and vectors, through the packed kernel of the Cholesky factorisation.

extension Matrix {
    /// The matrix product `lhs · rhs`.
    ///
    /// - Precondition: `lhs.columns == rhs.rows`.
    /// - Complexity: O(`lhs.rows` · `lhs.columns` · `rhs.columns`), blocked and packed (`PackedProduct`).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(
            lhs.columns == rhs.rows,
            "Matrix: cannot multiply \(lhs.rows) × \(lhs.columns) by \(rhs.rows) × \(rhs.columns)"
        )
        var result = Matrix(rows: lhs.rows, columns: rhs.columns)
        lhs.storage.withUnsafeBufferPointer { a in
            rhs.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    PackedProduct.accumulate(
                        alpha: 1,
                        StridedOperand(rowMajor: a, leadingDimension: lhs.columns),
                        StridedOperand(transposeOf: b, leadingDimension: rhs.columns),
                        into: c,
                        leadingDimension: rhs.columns,
                        rows: lhs.rows,
                        columns: rhs.columns,
                        depth: lhs.columns
                    )
                }
            }
        }
        return result
    }

    /// The product `self · otherᵀ`, without forming the transpose: element `(i, j)` is the dot product of row `i` of
    /// `self` with row `j` of `other` (for example `L Lᵀ`, or the Gram matrix of the rows when `other == self`).
    ///
    /// - Precondition: `columns == other.columns`.
    /// - Complexity: O(`rows` · `other.rows` · `columns`).
    public func multiplied(byTransposeOf other: Matrix) -> Matrix {
        precondition(
            columns == other.columns,
            "Matrix: cannot multiply \(rows) × \(columns) by the transpose of \(other.rows) × \(other.columns)"
        )
        var result = Matrix(rows: rows, columns: other.rows)
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    PackedProduct.accumulate(
                        alpha: 1,
                        StridedOperand(rowMajor: a, leadingDimension: columns),
                        StridedOperand(rowMajor: b, leadingDimension: other.columns),
                        into: c,
                        leadingDimension: other.rows,
                        rows: rows,
                        columns: other.rows,
                        depth: columns
                    )
                }
            }
        }
        return result
    }

    /// The matrix-vector product `lhs · rhs`: element `i` is the dot product of row `i` with `rhs`.
    ///
    /// - Precondition: `rhs.count == lhs.columns`.
    /// - Complexity: O(`rows` · `columns`).
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(
            lhs.columns == rhs.count,
            "Matrix: cannot multiply \(lhs.rows) × \(lhs.columns) by a vector of \(rhs.count)"
        )
        guard lhs.columns > 0 else { return [Double](repeating: 0, count: lhs.rows) }
        return lhs.storage.withUnsafeBufferPointer { a in
            rhs.withUnsafeBufferPointer { x in
                (0..<lhs.rows).map { i in
                    TriangularKernels.dot(a.baseAddress! + i * lhs.columns, x.baseAddress!, lhs.columns)
                }
            }
        }
    }
}
