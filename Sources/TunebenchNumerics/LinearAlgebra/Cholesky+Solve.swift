// Triangular solves with the factor, and solves of (A + δI) x = b through both triangles.
//
// Three shapes of right-hand side:
// - a vector `b` (n elements);
// - a matrix `B` (n × m) whose *columns* are right-hand sides, as in the textbook `L X = B`;
// - a matrix `B` (m × n) whose *rows* are right-hand sides (`eachRowOf:`), the natural shape of a Gaussian process's
//   cross-covariances `K*` (one candidate point per row): `solveLower(eachRowOf: kStar)` is `(L⁻¹ K*ᵀ)ᵀ`, whose
//   squared row norms give the predictive variances `k** − ‖L⁻¹ k*‖²` (Rasmussen and Williams, Algorithm 2.1,
//   lines 5–6) without transposing anything.
// The matrix forms are blocked (`TriangularKernels`, blocks of 96), so that all but O(96 n m) of their n² m / 2
// multiply-adds run in the packed product, and the rest in register-blocked substitutions on strips of eight
// right-hand sides.

extension Cholesky {
    // MARK: - One right-hand side

    /// Solves `L x = b` by forward substitution, `x[i] = (b[i] − Σ_{p<i} L[i, p] x[p]) / L[i, i]`.
    ///
    /// - Parameter b: `n` elements.
    /// - Returns: `x = L⁻¹ b`; `‖x‖²` is the quadratic form `bᵀ (A + δI)⁻¹ b`.
    /// - Complexity: n²/2 multiply-adds.
    public func solveLower(_ b: [Double]) -> [Double] {
        precondition(b.count == order, "Cholesky: right-hand side of \(b.count) elements for order \(order)")
        var x = b
        let (n, stride) = (order, stride)
        lowerElements.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                guard n > 0 else { return }
                TriangularKernels.solveLower(l.baseAddress!, order: n, leadingDimension: stride, x.baseAddress!)
            }
        }
        return x
    }

    /// Solves `Lᵀ x = b` by back substitution, reading `L` by rows (column-oriented: `x[i] /= L[i, i]`, then
    /// `x[:i] −= x[i] L[i, :i]`).
    ///
    /// - Parameter b: `n` elements.
    /// - Returns: `x = L⁻ᵀ b`.
    /// - Complexity: n²/2 multiply-adds.
    public func solveLowerTransposed(_ b: [Double]) -> [Double] {
        precondition(b.count == order, "Cholesky: right-hand side of \(b.count) elements for order \(order)")
        var x = b
        let (n, stride) = (order, stride)
        lowerElements.withUnsafeBufferPointer { l in
            x.withUnsafeMutableBufferPointer { x in
                guard n > 0 else { return }
                TriangularKernels.solveLowerTransposed(
                    l.baseAddress!,
                    order: n,
                    leadingDimension: stride,
                    x.baseAddress!
                )
            }
        }
        return x
    }

    /// Solves `(A + δI) x = b` as `Lᵀ x = L⁻¹ b` (Rasmussen and Williams, Algorithm 2.1, line 3:
    /// `α = Lᵀ \ (L \ y)`).
    ///
    /// - Parameter b: `n` elements.
    /// - Returns: `x = (A + δI)⁻¹ b`.
    /// - Complexity: n² multiply-adds.
    public func solve(_ b: [Double]) -> [Double] {
        solveLowerTransposed(solveLower(b))
    }

    // MARK: - Right-hand sides as columns

    /// Solves `L X = B` for an `n × m` matrix `B` whose columns are right-hand sides.
    ///
    /// - Returns: `X = L⁻¹ B`, `n × m`.
    /// - Complexity: n² m / 2 multiply-adds, blocked.
    public func solveLower(_ b: Matrix) -> Matrix {
        precondition(b.rows == order, "Cholesky: right-hand sides of \(b.rows) rows for order \(order)")
        return withSolution(of: b, count: b.columns) { l, ldl, n, x, m in
            TriangularKernels.solveColumnsLower(l, order: n, leadingDimension: ldl, x, columns: m, leadingDimension: m)
        }
    }

    /// Solves `Lᵀ X = B` for an `n × m` matrix `B` whose columns are right-hand sides.
    ///
    /// - Returns: `X = L⁻ᵀ B`, `n × m`.
    /// - Complexity: n² m / 2 multiply-adds, blocked.
    public func solveLowerTransposed(_ b: Matrix) -> Matrix {
        precondition(b.rows == order, "Cholesky: right-hand sides of \(b.rows) rows for order \(order)")
        return withSolution(of: b, count: b.columns) { l, ldl, n, x, m in
            TriangularKernels.solveColumnsLowerTransposed(
                l,
                order: n,
                leadingDimension: ldl,
                x,
                columns: m,
                leadingDimension: m
            )
        }
    }

    /// Solves `(A + δI) X = B` for an `n × m` matrix `B` whose columns are right-hand sides.
    ///
    /// - Returns: `X = (A + δI)⁻¹ B`, `n × m`.
    /// - Complexity: n² m multiply-adds, blocked.
    public func solve(_ b: Matrix) -> Matrix {
        precondition(b.rows == order, "Cholesky: right-hand sides of \(b.rows) rows for order \(order)")
        return withSolution(of: b, count: b.columns) { l, ldl, n, x, m in
            TriangularKernels.solveColumnsLower(l, order: n, leadingDimension: ldl, x, columns: m, leadingDimension: m)
            TriangularKernels.solveColumnsLowerTransposed(
                l,
                order: n,
                leadingDimension: ldl,
                x,
                columns: m,
                leadingDimension: m
            )
        }
    }

    // MARK: - Right-hand sides as rows

    /// Solves `L xᵢ = bᵢ` for every row `bᵢ` of an `m × n` matrix `B`.
    ///
    /// For a Gaussian process with cross-covariances `K*` (`m` candidates × `n` observations), the rows of the
    /// result are `vᵢ = L⁻¹ k*ᵢ`, and the predictive variances are `k(xᵢ, xᵢ) − ‖vᵢ‖²`.
    /// - Returns: `X = B L⁻ᵀ`, `m × n`, row `i` solving `L xᵢ = bᵢ`.
    /// - Complexity: m n² / 2 multiply-adds, blocked by columns.
    public func solveLower(eachRowOf b: Matrix) -> Matrix {
        precondition(b.columns == order, "Cholesky: right-hand sides of \(b.columns) columns for order \(order)")
        return withSolution(of: b, count: b.rows) { l, ldl, n, x, m in
            TriangularKernels.solveRowsLowerTransposed(
                l,
                order: n,
                leadingDimension: ldl,
                x,
                rows: m,
                leadingDimension: n
            )
        }
    }

    /// Solves `Lᵀ xᵢ = bᵢ` for every row `bᵢ` of an `m × n` matrix `B`.
    ///
    /// - Returns: `X = B L⁻¹`, `m × n`, row `i` solving `Lᵀ xᵢ = bᵢ`.
    /// - Complexity: m n² / 2 multiply-adds, blocked by columns.
    public func solveLowerTransposed(eachRowOf b: Matrix) -> Matrix {
        precondition(b.columns == order, "Cholesky: right-hand sides of \(b.columns) columns for order \(order)")
        return withSolution(of: b, count: b.rows) { l, ldl, n, x, m in
            TriangularKernels.solveRowsLower(l, order: n, leadingDimension: ldl, x, rows: m, leadingDimension: n)
        }
    }

    /// Solves `(A + δI) xᵢ = bᵢ` for every row `bᵢ` of an `m × n` matrix `B`.
    ///
    /// - Returns: `X = B (A + δI)⁻¹`, `m × n`, row `i` solving `(A + δI) xᵢ = bᵢ`.
    /// - Complexity: m n² multiply-adds, blocked by columns.
    public func solve(eachRowOf b: Matrix) -> Matrix {
        precondition(b.columns == order, "Cholesky: right-hand sides of \(b.columns) columns for order \(order)")
        return withSolution(of: b, count: b.rows) { l, ldl, n, x, m in
            TriangularKernels.solveRowsLowerTransposed(
                l,
                order: n,
                leadingDimension: ldl,
                x,
                rows: m,
                leadingDimension: n
            )
            TriangularKernels.solveRowsLower(l, order: n, leadingDimension: ldl, x, rows: m, leadingDimension: n)
        }
    }

    /// Copies `b`, then lets `body` overwrite the copy in place given the factor and its stride, `n`, the copy and the
    /// number of right-hand sides `count`.
    private func withSolution(
        of b: Matrix,
        count m: Int,
        _ body: (UnsafePointer<Double>, Int, Int, UnsafeMutablePointer<Double>, Int) -> Void
    ) -> Matrix {
        var x = b
        let (n, stride) = (order, stride)
        guard n > 0, m > 0 else { return x }
        lowerElements.withUnsafeBufferPointer { l in
            x.storage.withUnsafeMutableBufferPointer { x in
                body(l.baseAddress!, stride, n, x.baseAddress!, m)
            }
        }
        return x
    }
}
