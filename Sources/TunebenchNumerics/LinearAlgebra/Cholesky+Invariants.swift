// Debug-only consistency checks. They cost O(n²) per factorisation or update and compile to nothing in release
// builds, where the documented complexities hold.

extension Cholesky {
    /// Checks that the factor is lower triangular with a finite, positive diagonal, that the spare columns of its
    /// storage are zero, and that the storage sizes match the order and stride.
    @inline(__always)
    func checkInvariants() {
        #if DEBUG
        let (n, s) = (order, stride)
        precondition(
            s >= n && lowerElements.count == s * s && matrixElements.count == s * s,
            "Cholesky: storage does not match order \(n) and stride \(s)"
        )
        precondition(jitter >= 0 && jitter.isFinite, "Cholesky: jitter \(jitter) is not a finite non-negative number")
        for i in 0..<n {
            let pivot = lowerElements[i * s + i]
            precondition(pivot > 0 && pivot.isFinite, "Cholesky: diagonal entry \(i) of the factor is \(pivot)")
            for j in (i + 1)..<Swift.max(i + 1, s) {
                precondition(
                    lowerElements[i * s + j] == 0,
                    "Cholesky: the factor has a non-zero above the diagonal at (\(i), \(j))"
                )
            }
        }
        #endif
    }

    /// Checks, in debug builds, that `matrix` is symmetric: `|A[i, j] − A[j, i]| <= 1e-8 · max(|A[i, j]|, |A[j, i]|)`
    /// for finite entries. The tolerance lets through kernel matrices whose two triangles were computed in different
    /// orders; a matrix that only has its lower triangle filled in fails.
    @inline(__always)
    static func assertSymmetric(_ matrix: Matrix) {
        #if DEBUG
        let n = matrix.rows
        for i in 0..<n {
            for j in 0..<i {
                let lower = matrix.storage[i * n + j]
                let upper = matrix.storage[j * n + i]
                guard lower.isFinite && upper.isFinite else { continue }
                let tolerance = 1e-8 * Swift.max(Swift.abs(lower), Swift.abs(upper))
                precondition(
                    Swift.abs(lower - upper) <= tolerance,
                    "Cholesky: the \(n) × \(n) matrix is not symmetric: (\(i), \(j)) = \(lower) but (\(j), \(i)) = \(upper)"
                )
            }
        }
        #endif
    }
}
