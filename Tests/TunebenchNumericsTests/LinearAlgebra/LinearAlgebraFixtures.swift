import Foundation
import TunebenchNumerics

/// Seeded test matrices and textbook reference computations, written independently of the blocked kernels: plain
/// triple loops, and Gaussian elimination with partial pivoting for determinants.
enum LinearAlgebraFixtures {
    /// A standard normal variate by the Box-Muller transform.
    static func gaussian(_ generator: inout SplitMix64) -> Double {
        let u1 = (Double(generator.next() >> 12) + 0.5) * 0x1.0p-52
        let u2 = Double(generator.next() >> 11) * 0x1.0p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An `rows × columns` matrix of standard normal entries.
    static func gaussianMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var generator = SplitMix64(state: seed)
        return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in gaussian(&generator) })
    }

    /// `G Gᵀ / n + ridge · I` for a Gaussian `n × n` matrix `G`: symmetric positive definite, eigenvalues between
    /// `ridge` and about `4 + ridge` (Marchenko-Pastur).
    static func randomSPD(_ n: Int, seed: UInt64, ridge: Double = 0.01) -> Matrix {
        let g = gaussianMatrix(rows: n, columns: n, seed: seed)
        var a = naiveProduct(g, naiveTranspose(g))
        for i in 0..<n {
            for j in 0..<n {
                a[i, j] /= Double(n)
            }
            a[i, i] += ridge
        }
        return a
    }

    /// The squared-exponential kernel matrix `exp(−‖xᵢ − xⱼ‖² / (2 ℓ²)) + noise · δᵢⱼ` of the given points.
    static func kernelMatrix(_ points: [[Double]], lengthScale: Double = 0.5, noise: Double = 0) -> Matrix {
        let n = points.count
        var k = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n {
                let squared = zip(points[i], points[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                k[i, j] = exp(-squared / (2 * lengthScale * lengthScale)) + (i == j ? noise : 0)
            }
        }
        return k
    }

    /// `count` points uniform in `[0, 1]^dimension`.
    static func uniformPoints(count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
        var generator = SplitMix64(state: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Double(generator.next() >> 11) * 0x1.0p-53 } }
    }

    static func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for p in 0..<a.columns {
                let aip = a.storage[i * a.columns + p]
                for j in 0..<b.columns {
                    c.storage[i * b.columns + j] += aip * b.storage[p * b.columns + j]
                }
            }
        }
        return c
    }

    static func naiveTranspose(_ a: Matrix) -> Matrix {
        var t = Matrix(rows: a.columns, columns: a.rows)
        for i in 0..<a.rows {
            for j in 0..<a.columns {
                t[j, i] = a[i, j]
            }
        }
        return t
    }

    static func naiveProduct(_ a: Matrix, _ x: [Double]) -> [Double] {
        (0..<a.rows).map { i in (0..<a.columns).reduce(0) { $0 + a[i, $1] * x[$1] } }
    }

    /// `log |det A|` by Gaussian elimination with partial pivoting: `Σ log |U[i, i]|`.
    static func logAbsDeterminantByElimination(_ a: Matrix) -> Double {
        var u = a
        let n = a.rows
        var sum = 0.0
        for k in 0..<n {
            let pivotRow = (k..<n).max { abs(u[$0, k]) < abs(u[$1, k]) }!
            if pivotRow != k {
                for j in 0..<n {
                    let t = u[k, j]
                    u[k, j] = u[pivotRow, j]
                    u[pivotRow, j] = t
                }
            }
            let pivot = u[k, k]
            sum += log(abs(pivot))
            for i in (k + 1)..<max(k + 1, n) {
                let factor = u[i, k] / pivot
                for j in k..<n {
                    u[i, j] -= factor * u[k, j]
                }
            }
        }
        return sum
    }

    /// `max |aᵢⱼ − bᵢⱼ| / max(max |bᵢⱼ|, tiny)`.
    static func relativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
        precondition(a.rows == b.rows && a.columns == b.columns)
        let scale = b.storage.reduce(0) { max($0, abs($1)) }
        let difference = zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return difference / max(scale, .leastNormalMagnitude)
    }

    /// `max |aᵢ − bᵢ| / max(max |bᵢ|, tiny)`.
    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        let scale = b.reduce(0) { max($0, abs($1)) }
        let difference = zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return difference / max(scale, .leastNormalMagnitude)
    }

    /// `A + δI`.
    static func addingToDiagonal(_ a: Matrix, _ delta: Double) -> Matrix {
        var result = a
        for i in 0..<a.rows {
            result[i, i] += delta
        }
        return result
    }

    /// The leading `k × k` block.
    static func leading(_ a: Matrix, _ k: Int) -> Matrix {
        Matrix((0..<k).map { Array(a.row($0).prefix(k)) })
    }
}
