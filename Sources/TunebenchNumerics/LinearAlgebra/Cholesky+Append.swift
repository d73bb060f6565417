// Adding one observation to a factored kernel matrix in O(n²), the update a sequential Gaussian-process optimizer
// makes after each evaluation when its hyperparameters stay fixed.

extension Cholesky {
    /// How `append` brought the factor up to date.
    public enum Update: Sendable, Equatable {
        /// The factor was bordered with one row in O(n²); the jitter is unchanged.
        case extended
        /// The bordered pivot was not numerically positive, so the enlarged matrix was factored again from scratch
        /// with a larger jitter (now in `jitter`).
        case refactored
    }

    /// Extends the factorisation of `A` to that of the bordered matrix `[[A, a], [aᵀ, α]]`.
    ///
    /// With `L Lᵀ = A + δI`, the factor of the bordered matrix plus `δI` is (Golub and Van Loan, *Matrix
    /// Computations*, 4th ed., §4.2, the bordered, row-by-row form of Cholesky):
    ///
    ///     [[L, 0], [lᵀ, d]]   with   L l = a,   d = sqrt(α + δ − lᵀl),
    ///
    /// one forward substitution and one dot product; in row-major lower storage, `lᵀ` is simply the new last row.
    /// The new pivot `d²` is accepted under the same rule as in a full factorisation, `d² > (n + 1) · ε · (α + δ)`.
    /// A new point that duplicates an old one (or lies in the span of the old ones in feature space) makes `d²`
    /// cancel to rounding level; the enlarged matrix is then factored again with the jitter policy's first jitter
    /// larger than `δ` (and larger ones if needed), as a fresh factorisation of it would be.
    ///
    /// Rows are stored with spare capacity, grown by half when full, so that appending does not move the factor.
    ///
    /// - Parameters:
    ///   - column: The new off-diagonal column `a`: `n` elements, `a[j] = k(x_j, x_new)`.
    ///   - diagonal: The new diagonal element `α = k(x_new, x_new)` (plus the noise variance, if `A` has it).
    /// - Returns: `.extended`, or `.refactored` after the fallback.
    /// - Throws: `NumericsError.nonFiniteEntry` for a NaN or infinite element (row `n`), and
    ///   `NumericsError.notPositiveDefinite` if the enlarged matrix cannot be factored within the jitter policy. On a
    ///   throw the factorisation is left as it was.
    /// - Complexity: n² flops (n²/2 multiply-adds for `L⁻¹ a`) plus O(n) writes, amortised over the occasional
    ///   O(n²) growth of the storage; n³/3 flops when it falls back.
    @discardableResult
    public mutating func append(column: [Double], diagonal: Double) throws -> Update {
        let n = order
        precondition(column.count == n, "Cholesky: a new column of \(column.count) elements for order \(n)")
        for (j, value) in column.enumerated() where !value.isFinite {
            throw NumericsError.nonFiniteEntry(operation: "Cholesky.append", size: n + 1, row: n, column: j)
        }
        if !diagonal.isFinite {
            throw NumericsError.nonFiniteEntry(operation: "Cholesky.append", size: n + 1, row: n, column: n)
        }
        let l = solveLower(column)
        let squaredNorm =
            n == 0 ? 0 : l.withUnsafeBufferPointer { TriangularKernels.dot($0.baseAddress!, $0.baseAddress!, n) }
        let pivot = diagonal + jitter - squaredNorm
        let threshold = Swift.max(Double(n + 1) * Double.ulpOfOne * (diagonal + jitter), 0)
        guard pivot > threshold else {
            var bordered = Matrix(rows: n + 1, columns: n + 1)
            for i in 0..<n {
                bordered.storage.replaceSubrange(
                    (i * (n + 1))..<(i * (n + 1) + n),
                    with: matrixElements[(i * stride)..<(i * stride + n)]
                )
                bordered.storage[i * (n + 1) + n] = column[i]
            }
            bordered.storage.replaceSubrange((n * (n + 1))..<(n * (n + 1) + n), with: column)
            bordered.storage[n * (n + 1) + n] = diagonal
            let (lower, newJitter) = try Self.factorWithJitter(
                bordered,
                policy: jitterPolicy,
                above: n == 0 ? nil : jitter
            )
            lowerElements = lower.storage
            matrixElements = bordered.storage
            stride = n + 1
            order = n + 1
            jitter = newJitter
            checkInvariants()
            return .refactored
        }
        reserveCapacity(n + 1)
        let s = stride
        lowerElements.withUnsafeMutableBufferPointer { lower in
            let row = lower.baseAddress! + n * s
            for j in 0..<n {
                row[j] = l[j]
            }
            row[n] = pivot.squareRoot()
        }
        matrixElements.withUnsafeMutableBufferPointer { a in
            let base = a.baseAddress!
            for j in 0..<n {
                base[n * s + j] = column[j]
                base[j * s + n] = column[j]
            }
            base[n * s + n] = diagonal
        }
        order = n + 1
        checkInvariants()
        return .extended
    }

    /// Makes room for `count` rows and columns, moving the elements to a stride of about 1.5 times the order when the
    /// current stride is too small.
    mutating func reserveCapacity(_ count: Int) {
        guard count > stride else { return }
        let newStride = Swift.max(count, stride + stride / 2, 16)
        let n = order
        func restrided(_ elements: [Double]) -> [Double] {
            var result = [Double](repeating: 0, count: newStride * newStride)
            for i in 0..<n {
                result.replaceSubrange(
                    (i * newStride)..<(i * newStride + n),
                    with: elements[(i * stride)..<(i * stride + n)]
                )
            }
            return result
        }
        lowerElements = restrided(lowerElements)
        matrixElements = restrided(matrixElements)
        stride = newStride
    }
}
