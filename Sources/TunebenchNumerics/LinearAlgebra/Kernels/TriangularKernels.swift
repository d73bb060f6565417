/// Blocked Cholesky factorisation and triangular solves on row-major storage, in place.
///
/// Storage convention: a lower-triangular `L` is kept row-major, so row `i` of `L` (`L[i, 0...i]`) is contiguous.
/// Row-major lower is column-major upper: everything here is LAPACK's `uplo = 'U'` algorithm for `U = Lᵀ`, and the
/// inner loops read `L` by rows (`Σ_p L[i, p] L[j, p]`, contiguous).
///
/// The blocked routines spend all but O(n² · block) of their O(n³) work in `PackedProduct`; the diagonal blocks go to
/// the unblocked factorisation and to substitutions on strips of eight right-hand sides.
enum TriangularKernels {
    /// Columns per step of the blocked factorisation (`nb`).
    static let factorBlock = 64
    /// Columns (or rows) per step of the blocked triangular solves with many right-hand sides: large enough that the
    /// packed product dominates (the strip substitutions run at about half its speed).
    static let solveBlock = 96
    /// Columns per step when solving against a 64-wide diagonal block inside the factorisation and the inverse.
    static let panelSolveBlock = 32

    // MARK: - Level-1 helpers

    /// `Σ_{p < count} x[p] · y[p]`, with eight partial sums in two SIMD4 accumulators.
    ///
    /// The summation order is fixed by `count` alone, so results are reproducible.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD4<Double>.zero
        var s1 = SIMD4<Double>.zero
        var p = 0
        while p + 8 <= count {
            s0 += VectorMemory.load(x + p) * VectorMemory.load(y + p)
            s1 += VectorMemory.load(x + p + 4) * VectorMemory.load(y + p + 4)
            p += 8
        }
        if p + 4 <= count {
            s0 += VectorMemory.load(x + p) * VectorMemory.load(y + p)
            p += 4
        }
        var sum = (s0 + s1).sum()
        while p < count {
            sum += x[p] * y[p]
            p += 1
        }
        return sum
    }

    /// `y[p] += alpha · x[p]` for `p < count`.
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        var p = 0
        while p + 4 <= count {
            VectorMemory.store(VectorMemory.load(y + p) + alpha * VectorMemory.load(x + p), to: y + p)
            p += 4
        }
        while p < count {
            y[p] += alpha * x[p]
            p += 1
        }
    }

    // MARK: - Factorisation

    /// Overwrites the lower triangle of the `n × n` row-major block at `a` with its Cholesky factor `L`
    /// (`A = L Lᵀ`), reading only the lower triangle; entries above the diagonal are left unspecified.
    ///
    /// Right-looking blocked algorithm (Golub and Van Loan, *Matrix Computations*, 4th ed., §4.2): for each block
    /// column `k` of width `nb`,
    ///
    ///     L11 = chol(A11)                 unblocked, dot-product form
    ///     L21 = A21 L11⁻ᵀ                 a forward substitution per row of the panel (`solveRowsLowerTransposed`)
    ///     A22 = A22 - L21 L21ᵀ            lower triangle only, in `PackedProduct`
    ///
    /// - Parameters:
    ///   - threshold: `threshold[j]` is the smallest acceptable squared pivot `L[j, j]²`; a pivot at or below it (or
    ///     NaN) stops the factorisation.
    /// - Returns: `nil` on success, or the index of the first rejected pivot.
    /// - Complexity: n³/3 flops (n³/6 multiply-adds).
    static func factorLower(
        _ a: UnsafeMutablePointer<Double>,
        order n: Int,
        leadingDimension lda: Int,
        threshold: UnsafePointer<Double>
    ) -> Int? {
        var k = 0
        while k < n {
            let kb = min(factorBlock, n - k)
            let diagonal = a + (k * lda + k)
            if let failed = factorUnblocked(diagonal, order: kb, leadingDimension: lda, threshold: threshold + k) {
                return k + failed
            }
            let m = n - k - kb
            if m > 0 {
                let panel = a + ((k + kb) * lda + k)
                solveRowsLowerTransposed(
                    diagonal,
                    order: kb,
                    leadingDimension: lda,
                    panel,
                    rows: m,
                    leadingDimension: lda,
                    block: panelSolveBlock
                )
                let view = StridedOperand(rowMajor: panel, leadingDimension: lda)
                PackedProduct.accumulate(
                    alpha: -1,
                    view,
                    view,
                    into: panel + kb,
                    leadingDimension: lda,
                    rows: m,
                    columns: m,
                    depth: kb,
                    shape: .lowerTriangle
                )
            }
            k += kb
        }
        return nil
    }

    /// The unblocked dot-product (Cholesky-Crout) form, row by row:
    /// `L[i, j] = (A[i, j] - Σ_{p<j} L[i, p] L[j, p]) / L[j, j]`, then `L[i, i] = sqrt(A[i, i] - Σ_{p<i} L[i, p]²)`.
    static func factorUnblocked(
        _ a: UnsafeMutablePointer<Double>,
        order n: Int,
        leadingDimension lda: Int,
        threshold: UnsafePointer<Double>
    ) -> Int? {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { reciprocals in
            let inverse = reciprocals.baseAddress!
            for i in 0..<n {
                let row = a + i * lda
                for j in 0..<i {
                    row[j] = (row[j] - dot(row, a + j * lda, j)) * inverse[j]
                }
                let pivot = row[i] - dot(row, row, i)
                // `!(pivot > threshold)` also rejects NaN.
                guard pivot > threshold[i] else { return i }
                let root = pivot.squareRoot()
                row[i] = root
                inverse[i] = 1 / root
            }
            return nil
        }
    }

    // MARK: - Substitution on strips of eight right-hand sides

    /// Right-hand sides per strip: two SIMD4 registers' worth, so that a strip's row is four SSE2 registers.
    static let stripWidth = 8

    /// Forward substitution `L Y = R` on an `n × 8` strip `y` (holding `R`, rows `stride` elements apart), in place:
    /// `y[i] = (y[i] − Σ_{p<i} L[i, p] y[p]) · inverse[i]`, with `inverse[i] = 1 / L[i, i]`.
    ///
    /// The eight right-hand sides run side by side in SIMD4 registers, and the sum over `p` is split into even and
    /// odd terms, so that four independent accumulators hide the adders' latency; `L` is read by rows.
    @inline(__always)
    static func forwardStrip(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        inverse: UnsafePointer<Double>,
        _ y: UnsafeMutablePointer<Double>,
        stride: Int
    ) {
        for i in 0..<n {
            let factorRow = l + i * ldl
            let target = y + i * stride
            var even0 = VectorMemory.load(target)
            var even1 = VectorMemory.load(target + 4)
            var odd0 = SIMD4<Double>.zero
            var odd1 = SIMD4<Double>.zero
            var p = 0
            while p + 2 <= i {
                let source = y + p * stride
                let l0 = factorRow[p]
                let l1 = factorRow[p + 1]
                even0 -= VectorMemory.load(source) * l0
                even1 -= VectorMemory.load(source + 4) * l0
                odd0 -= VectorMemory.load(source + stride) * l1
                odd1 -= VectorMemory.load(source + stride + 4) * l1
                p += 2
            }
            if p < i {
                let source = y + p * stride
                even0 -= VectorMemory.load(source) * factorRow[p]
                even1 -= VectorMemory.load(source + 4) * factorRow[p]
            }
            VectorMemory.store((even0 + odd0) * inverse[i], to: target)
            VectorMemory.store((even1 + odd1) * inverse[i], to: target + 4)
        }
    }

    /// Back substitution `Lᵀ Y = R` on an `n × 8` strip `y` (holding `R`, rows `stride` elements apart), in place:
    /// `y[i] = (y[i] − Σ_{p>i} L[p, i] y[p]) · inverse[i]` for `i` from `n − 1` down (`L` read by columns; the block
    /// is small enough to stay in the level-1 cache).
    @inline(__always)
    static func backwardStrip(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        inverse: UnsafePointer<Double>,
        _ y: UnsafeMutablePointer<Double>,
        stride: Int
    ) {
        var i = n - 1
        while i >= 0 {
            let factorColumn = l + i
            let target = y + i * stride
            var even0 = VectorMemory.load(target)
            var even1 = VectorMemory.load(target + 4)
            var odd0 = SIMD4<Double>.zero
            var odd1 = SIMD4<Double>.zero
            var p = i + 1
            while p + 2 <= n {
                let source = y + p * stride
                let l0 = factorColumn[p * ldl]
                let l1 = factorColumn[(p + 1) * ldl]
                even0 -= VectorMemory.load(source) * l0
                even1 -= VectorMemory.load(source + 4) * l0
                odd0 -= VectorMemory.load(source + stride) * l1
                odd1 -= VectorMemory.load(source + stride + 4) * l1
                p += 2
            }
            if p < n {
                let source = y + p * stride
                even0 -= VectorMemory.load(source) * factorColumn[p * ldl]
                even1 -= VectorMemory.load(source + 4) * factorColumn[p * ldl]
            }
            VectorMemory.store((even0 + odd0) * inverse[i], to: target)
            VectorMemory.store((even1 + odd1) * inverse[i], to: target + 4)
            i -= 1
        }
    }

    /// Unblocked substitution with the `n × n` triangle `l` for the `m` right-hand sides held as the *rows* of the
    /// `m × n` block `x`: eight rows at a time are copied transposed into an `n × 8` strip, solved by
    /// `forwardStrip` (`L xᵢ = bᵢ`) or `backwardStrip` (`Lᵀ xᵢ = bᵢ`), and copied back.
    static func substituteRows(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        rows m: Int,
        leadingDimension ldx: Int,
        forward: Bool
    ) {
        let width = stripWidth
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n * (width + 1)) { workspace in
            let inverse = workspace.baseAddress!
            let strip = inverse + n
            for j in 0..<n {
                inverse[j] = 1 / l[j * ldl + j]
            }
            var r0 = 0
            while r0 < m {
                let height = min(width, m - r0)
                for r in 0..<width {
                    if r < height {
                        let row = x + (r0 + r) * ldx
                        for j in 0..<n {
                            strip[j * width + r] = row[j]
                        }
                    } else {
                        for j in 0..<n {
                            strip[j * width + r] = 0
                        }
                    }
                }
                if forward {
                    forwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, strip, stride: width)
                } else {
                    backwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, strip, stride: width)
                }
                for r in 0..<height {
                    let row = x + (r0 + r) * ldx
                    for j in 0..<n {
                        row[j] = strip[j * width + r]
                    }
                }
                r0 += width
            }
        }
    }

    /// Unblocked substitution with the `n × n` triangle `l` for the `m` right-hand sides held as the *columns* of the
    /// `n × m` block `x`: strips of eight columns are solved in place by `forwardStrip` (`L X = B`) or
    /// `backwardStrip` (`Lᵀ X = B`); a last, narrower strip goes through a zero-padded copy.
    static func substituteColumns(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        columns m: Int,
        leadingDimension ldx: Int,
        forward: Bool
    ) {
        let width = stripWidth
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n * (width + 1)) { workspace in
            let inverse = workspace.baseAddress!
            let strip = inverse + n
            for j in 0..<n {
                inverse[j] = 1 / l[j * ldl + j]
            }
            var c0 = 0
            while c0 + width <= m {
                if forward {
                    forwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, x + c0, stride: ldx)
                } else {
                    backwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, x + c0, stride: ldx)
                }
                c0 += width
            }
            let rest = m - c0
            guard rest > 0 else { return }
            for i in 0..<n {
                for c in 0..<width {
                    strip[i * width + c] = c < rest ? x[i * ldx + c0 + c] : 0
                }
            }
            if forward {
                forwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, strip, stride: width)
            } else {
                backwardStrip(l, order: n, leadingDimension: ldl, inverse: inverse, strip, stride: width)
            }
            for i in 0..<n {
                for c in 0..<rest {
                    x[i * ldx + c0 + c] = strip[i * width + c]
                }
            }
        }
    }

    // MARK: - Blocked solves with many right-hand sides held as rows: X Lᵀ = B and X L = B

    /// Overwrites the `m × n` row-major block `x` (holding `B`) with `X = B L⁻ᵀ`: row by row, the solution of
    /// `L xᵢ = bᵢ` (forward substitution).
    ///
    /// Blocked by columns: `X[:, J] = (B[:, J] − X[:, :J] L[J, :J]ᵀ) L[J, J]⁻ᵀ`, the product in `PackedProduct`, the
    /// diagonal blocks by `substituteRows`.
    /// - Complexity: m n² / 2 multiply-adds.
    static func solveRowsLowerTransposed(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        rows m: Int,
        leadingDimension ldx: Int,
        block: Int = solveBlock
    ) {
        guard m > 0 else { return }
        var j0 = 0
        while j0 < n {
            let jb = min(block, n - j0)
            if j0 > 0 {
                PackedProduct.accumulate(
                    alpha: -1,
                    StridedOperand(rowMajor: x, leadingDimension: ldx),
                    StridedOperand(rowMajor: l + j0 * ldl, leadingDimension: ldl),
                    into: x + j0,
                    leadingDimension: ldx,
                    rows: m,
                    columns: jb,
                    depth: j0
                )
            }
            substituteRows(
                l + (j0 * ldl + j0),
                order: jb,
                leadingDimension: ldl,
                x + j0,
                rows: m,
                leadingDimension: ldx,
                forward: true
            )
            j0 += jb
        }
    }

    /// Overwrites the `m × n` row-major block `x` (holding `B`) with `X = B L⁻¹`: row by row, the solution of
    /// `Lᵀ xᵢ = bᵢ` (back substitution).
    ///
    /// Blocked by columns from the right: `X[:, J] = (B[:, J] − X[:, J'] L[J', J]) L[J, J]⁻¹` with `J'` the columns
    /// after `J`.
    /// - Complexity: m n² / 2 multiply-adds.
    static func solveRowsLower(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        rows m: Int,
        leadingDimension ldx: Int,
        block: Int = solveBlock
    ) {
        guard m > 0 else { return }
        var j1 = n
        while j1 > 0 {
            let jb = min(block, j1)
            let j0 = j1 - jb
            if j1 < n {
                PackedProduct.accumulate(
                    alpha: -1,
                    StridedOperand(rowMajor: x + j1, leadingDimension: ldx),
                    StridedOperand(transposeOf: l + (j1 * ldl + j0), leadingDimension: ldl),
                    into: x + j0,
                    leadingDimension: ldx,
                    rows: m,
                    columns: jb,
                    depth: n - j1
                )
            }
            substituteRows(
                l + (j0 * ldl + j0),
                order: jb,
                leadingDimension: ldl,
                x + j0,
                rows: m,
                leadingDimension: ldx,
                forward: false
            )
            j1 = j0
        }
    }

    // MARK: - Blocked solves with many right-hand sides held as columns: L X = B and Lᵀ X = B

    /// Overwrites the `n × m` row-major block `x` (holding `B`) with `X = L⁻¹ B` (forward substitution).
    ///
    /// Blocked by rows: `X[I, :] = L[I, I]⁻¹ (B[I, :] − L[I, :I] X[:I, :])`, the diagonal blocks by
    /// `substituteColumns`.
    /// - Complexity: n² m / 2 multiply-adds.
    static func solveColumnsLower(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        columns m: Int,
        leadingDimension ldx: Int,
        block: Int = solveBlock
    ) {
        guard m > 0 else { return }
        var i0 = 0
        while i0 < n {
            let ib = min(block, n - i0)
            if i0 > 0 {
                PackedProduct.accumulate(
                    alpha: -1,
                    StridedOperand(rowMajor: l + i0 * ldl, leadingDimension: ldl),
                    StridedOperand(transposeOf: x, leadingDimension: ldx),
                    into: x + i0 * ldx,
                    leadingDimension: ldx,
                    rows: ib,
                    columns: m,
                    depth: i0
                )
            }
            substituteColumns(
                l + (i0 * ldl + i0),
                order: ib,
                leadingDimension: ldl,
                x + i0 * ldx,
                columns: m,
                leadingDimension: ldx,
                forward: true
            )
            i0 += ib
        }
    }

    /// Overwrites the `n × m` row-major block `x` (holding `B`) with `X = L⁻ᵀ B` (back substitution).
    ///
    /// Blocked by rows from the bottom: `X[I, :] = L[I, I]⁻ᵀ (B[I, :] − L[I', I]ᵀ X[I', :])` with `I'` the rows after
    /// `I`.
    /// - Complexity: n² m / 2 multiply-adds.
    static func solveColumnsLowerTransposed(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>,
        columns m: Int,
        leadingDimension ldx: Int,
        block: Int = solveBlock
    ) {
        guard m > 0 else { return }
        var i1 = n
        while i1 > 0 {
            let ib = min(block, i1)
            let i0 = i1 - ib
            if i1 < n {
                PackedProduct.accumulate(
                    alpha: -1,
                    StridedOperand(transposeOf: l + (i1 * ldl + i0), leadingDimension: ldl),
                    StridedOperand(transposeOf: x + i1 * ldx, leadingDimension: ldx),
                    into: x + i0 * ldx,
                    leadingDimension: ldx,
                    rows: ib,
                    columns: m,
                    depth: n - i1
                )
            }
            substituteColumns(
                l + (i0 * ldl + i0),
                order: ib,
                leadingDimension: ldl,
                x + i0 * ldx,
                columns: m,
                leadingDimension: ldx,
                forward: false
            )
            i1 = i0
        }
    }

    // MARK: - Single right-hand side

    /// Overwrites `x` (holding `b`, `n` elements) with `L⁻¹ b`: `x[i] = (b[i] - Σ_{p<i} L[i, p] x[p]) / L[i, i]`.
    /// - Complexity: n² / 2 multiply-adds, each row of `L` read once, contiguously.
    static func solveLower(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<n {
            let row = l + i * ldl
            x[i] = (x[i] - dot(row, x, i)) / row[i]
        }
    }

    /// Overwrites `x` (holding `b`, `n` elements) with `L⁻ᵀ b`, column-oriented so that `L` is read by rows:
    /// `x[i] /= L[i, i]`, then `x[:i] -= x[i] L[i, :i]`, for `i` from `n - 1` down.
    /// - Complexity: n² / 2 multiply-adds.
    static func solveLowerTransposed(
        _ l: UnsafePointer<Double>,
        order n: Int,
        leadingDimension ldl: Int,
        _ x: UnsafeMutablePointer<Double>
    ) {
        var i = n - 1
        while i >= 0 {
            let row = l + i * ldl
            let value = x[i] / row[i]
            x[i] = value
            axpy(-value, row, x, i)
            i -= 1
        }
    }
}
