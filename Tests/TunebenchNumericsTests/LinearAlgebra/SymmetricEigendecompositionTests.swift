import Foundation
import Testing
import TunebenchNumerics

struct SymmetricEigendecompositionTests {
    /// Eigenvalues of a 3 × 3 matrix against NumPy's `eigh` (LAPACK `syevd`): 2.0965216…, 3.0722240…, 6.8312544….
    @Test func aSmallMatrixMatchesLAPACK() {
        let a = Matrix([[4, 1, 2], [1, 3, 0.5], [2, 0.5, 5]])
        let e = SymmetricEigendecomposition(a)
        let expected = [2.0965216172967187, 3.0722239520050754, 6.831254430698205]
        for (value, reference) in zip(e.values, expected) { #expect(abs(value - reference) < 1e-13) }
        expectReconstructs(a, e)
    }

    /// Random symmetric matrices up to 60 × 60: `V diag(λ) Vᵀ = A`, `VᵀV = I`, and the eigenvalues sum to the trace.
    @Test(arguments: [1, 2, 5, 17, 60]) func randomMatricesAreReconstructed(n: Int) {
        let g = LinearAlgebraFixtures.gaussianMatrix(rows: n, columns: n, seed: UInt64(n))
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { a[i, j] = g[i, j] + g[j, i] }
        }
        let e = SymmetricEigendecomposition(a)
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
        let trace = (0..<n).reduce(0) { $0 + a[$1, $1] }
        #expect(abs(e.values.reduce(0, +) - trace) < 1e-12 * Double(n) * 10)
        expectReconstructs(a, e)
    }

    /// A diagonal matrix needs no rotation; repeated eigenvalues and a tiny one are kept to full precision.
    @Test func diagonalRepeatedAndTinyEigenvalues() {
        let e = SymmetricEigendecomposition(Matrix([[2, 0, 0], [0, 1e-300, 0], [0, 0, 2]]))
        #expect(e.sweeps == 0 && e.values == [1e-300, 2, 2])
        // Jacobi keeps relative accuracy for small eigenvalues (Demmel and Veselić 1992): diag(1, 1e-20) rotated.
        let (c, s) = (cos(0.3), sin(0.3))
        let rotated = Matrix([[c * c + 1e-20 * s * s, c * s - 1e-20 * c * s], [c * s - 1e-20 * c * s, s * s + 1e-20 * c * c]])
        let r = SymmetricEigendecomposition(rotated)
        #expect(abs(r.values[1] - 1) < 1e-15)
    }

    private func expectReconstructs(_ a: Matrix, _ e: SymmetricEigendecomposition) {
        let n = a.rows
        var worst = 0.0
        var orthogonality = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                var o = 0.0
                for k in 0..<n {
                    s += e.vectors[i, k] * e.values[k] * e.vectors[j, k]
                    o += e.vectors[k, i] * e.vectors[k, j]
                }
                worst = max(worst, abs(s - a[i, j]))
                orthogonality = max(orthogonality, abs(o - (i == j ? 1 : 0)))
            }
        }
        #expect(worst < 1e-12 * Double(max(n, 1)), "reconstruction error \(worst)")
        #expect(orthogonality < 1e-13 * Double(max(n, 1)), "orthogonality error \(orthogonality)")
    }
}
