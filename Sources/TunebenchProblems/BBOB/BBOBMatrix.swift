/// A square matrix of a bbob instance, stored by rows, with the products COCO forms from its rotations.
///
/// Every sum runs in the index order COCO's C code uses, starting from `0.0` (or from the offset `b`), because the
/// values must agree with COCO's bit for bit, and floating-point addition is not associative.
struct BBOBMatrix: Sendable {
    /// The number of rows and columns `d`.
    let dimension: Int
    /// `entries[i * d + j]` is the entry of row `i` and column `j`.
    private(set) var entries: [Double]

    /// The `d × d` matrix whose entry `(i, j)` is `entry(i, j)`, computed row by row.
    init(dimension: Int, entry: (Int, Int) -> Double) {
        self.dimension = dimension
        entries = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension {
            for j in 0..<dimension {
                entries[i * dimension + j] = entry(i, j)
            }
        }
    }

    /// The entry of row `i` and column `j`.
    subscript(i: Int, j: Int) -> Double {
        entries[i * dimension + j]
    }

    /// COCO's random rotation for `seed` (`bbob2009_compute_rotation`): a `d × d` matrix of Gaussian numbers drawn
    /// column by column, made orthonormal by classical Gram–Schmidt on its columns, left to right.
    ///
    /// Column `i` loses its projection on each earlier column `j` (`b_i ← b_i − ⟨b_i, b_j⟩ b_j`, the product taken
    /// before the column changes) and is then divided by its norm. (Hansen et al., RR-6829, §0.2; coco-experiment
    /// 2.8.2 `src/suite_bbob_legacy_code.c`.)
    static func rotation(seed: Int, dimension d: Int) -> BBOBMatrix {
        let gaussians = BBOBLegacyRandom.gaussian(count: d * d, seed: seed)
        var matrix = BBOBMatrix(dimension: d) { i, j in gaussians[j * d + i] }
        matrix.entries.withUnsafeMutableBufferPointer { b in
            for i in 0..<d {
                for j in 0..<i {
                    var product = 0.0
                    for k in 0..<d { product += b[k * d + i] * b[k * d + j] }
                    for k in 0..<d { b[k * d + i] -= product * b[k * d + j] }
                }
                var squares = 0.0
                for k in 0..<d { squares += b[k * d + i] * b[k * d + i] }
                for k in 0..<d { b[k * d + i] /= squares.squareRoot() }
            }
        }
        return matrix
    }

    /// `R · diag(λ) · Q`, entry `(i, j)` summed over `k` in order as `Σ_k (R_ik λ_k) Q_kj`: COCO's one matrix for
    /// a rotation, a scaling and another rotation (f6, f13, f15, f16, f23).
    static func product(_ r: BBOBMatrix, scaling lambda: [Double], _ q: BBOBMatrix) -> BBOBMatrix {
        let d = r.dimension
        return r.entries.withUnsafeBufferPointer { r in
            q.entries.withUnsafeBufferPointer { q in
                BBOBMatrix(dimension: d) { i, j in
                    var sum = 0.0
                    for k in 0..<d { sum += r[i * d + k] * lambda[k] * q[k * d + j] }
                    return sum
                }
            }
        }
    }

    /// `diag(λ) · Q`, entry `(i, j)` = `Q_ij λ_i` (f17, f18).
    static func product(scaling lambda: [Double], _ q: BBOBMatrix) -> BBOBMatrix {
        BBOBMatrix(dimension: q.dimension) { i, j in q[i, j] * lambda[i] }
    }

    /// Writes `y_i = offset + Σ_j x_j M_ij` (summed over `j` in order, from `offset`) for every row `i`: COCO's
    /// affine transformation of the variables (`transform_vars_affine`, `b_i = offset`).
    ///
    /// - Parameters:
    ///   - x: `d` values, not overlapping `y`.
    ///   - y: `d` places, overwritten.
    ///   - offset: the offset `b_i`, the same for every row; 0 except in f9 (½).
    /// - Complexity: `d²` multiply-adds, no allocation.
    func apply(
        _ x: UnsafeMutableBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, offset: Double = 0
    ) {
        // Walking pointers, eight terms per statement: the same additions in the same order as one term per step,
        // but five times faster in debug builds, where every statement goes through memory and a buffer's subscript
        // or a range's iterator is a function call (the agreement test runs this 2·10⁹ times), and about as fast in
        // release builds.
        let d = dimension
        guard let x = x.baseAddress, let y = y.baseAddress else { return }
        entries.withUnsafeBufferPointer { entries in
            var row = entries.baseAddress!
            let end = x + d
            let endOfOctets = x + d - d % 8
            for i in 0..<d {
                var sum = offset
                var xj = x
                while xj < endOfOctets {
                    sum = sum + xj[0] * row[0] + xj[1] * row[1] + xj[2] * row[2] + xj[3] * row[3] + xj[4] * row[4]
                        + xj[5] * row[5] + xj[6] * row[6] + xj[7] * row[7]
                    xj += 8
                    row += 8
                }
                while xj < end {
                    sum += xj.pointee * row.pointee
                    xj += 1
                    row += 1
                }
                y[i] = sum
            }
        }
    }
}
