import Foundation

/// The eigendecomposition `A = V diag(λ) Vᵀ` of a real symmetric matrix, by the cyclic Jacobi method.
///
/// Each rotation `J(p, q, θ)` zeroes the off-diagonal element `a_pq`: with `ϑ = (a_qq − a_pp) / (2 a_pq)`,
/// `t = tan θ = sign(ϑ) / (|ϑ| + √(ϑ² + 1))` (the smaller root, so that the rotation angle is at most π/4),
/// `c = 1/√(t² + 1)`, `s = t c`, the diagonal becomes `a_pp − t a_pq` and `a_qq + t a_pq`, and rows and columns
/// `p`, `q` of `A` and columns `p`, `q` of `V` are rotated. Sweeps over all pairs repeat until the off-diagonal
/// Frobenius norm falls below `1e-15` times the matrix's (quadratic convergence: a handful of sweeps). The method is
/// accurate to high relative precision for small eigenvalues (J. Demmel and K. Veselić, "Jacobi's method is more
/// accurate than QR", SIAM J. Matrix Anal. Appl. 13, 1992), costs about `n³` operations per sweep, and is meant for
/// the small matrices of CMA-ES (`n` up to a few hundred); G. H. Golub and C. F. Van Loan, *Matrix Computations*,
/// 4th ed., §8.5.
public struct SymmetricEigendecomposition: Sendable {
    /// The eigenvalues, ascending.
    public let values: [Double]
    /// The orthonormal eigenvectors: column `k` belongs to `values[k]`.
    public let vectors: Matrix
    /// The number of sweeps taken.
    public let sweeps: Int

    /// Decomposes the symmetric part `(A + Aᵀ)/2` of a square matrix.
    ///
    /// - Precondition: `matrix` is square with finite elements.
    public init(_ matrix: Matrix, maxSweeps: Int = 64) {
        precondition(matrix.isSquare, "SymmetricEigendecomposition: the matrix is not square")
        let n = matrix.rows
        var a = matrix.storage
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let mean = 0.5 * (a[i * n + j] + a[j * n + i])
                a[i * n + j] = mean
                a[j * n + i] = mean
            }
        }
        precondition(a.allSatisfy(\.isFinite), "SymmetricEigendecomposition: non-finite element")
        var v = Matrix.identity(n).storage
        let scale = a.reduce(0) { $0 + $1 * $1 }
        var sweep = 0
        while sweep < maxSweeps {
            var off = 0.0
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) { off += 2 * a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-30 * scale || off == 0 { break }
            sweep += 1
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    // Rotate rows and columns p and q of A (A ← Jᵀ A J).
                    for k in 0..<n {
                        let akp = a[k * n + p]
                        let akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k]
                        let aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    a[p * n + q] = 0
                    a[q * n + p] = 0
                    // Accumulate V ← V J.
                    for k in 0..<n {
                        let vkp = v[k * n + p]
                        let vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        sweeps = sweep
        let order = (0..<n).sorted { a[$0 * n + $0] != a[$1 * n + $1] ? a[$0 * n + $0] < a[$1 * n + $1] : $0 < $1 }
        values = order.map { a[$0 * n + $0] }
        var sorted = Matrix(rows: n, columns: n)
        for (column, k) in order.enumerated() {
            for i in 0..<n { sorted.storage[i * n + column] = v[i * n + k] }
        }
        vectors = sorted
    }
}
