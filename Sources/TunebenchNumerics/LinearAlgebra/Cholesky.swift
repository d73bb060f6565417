import Foundation

/// The Cholesky factorisation `A + δI = L Lᵀ` of a symmetric positive-definite matrix, with jitter escalation.
///
/// Notation, as in a Gaussian-process model: `A` is `n × n` (a kernel matrix `K + σ²I`), `L` is lower triangular
/// with a positive diagonal, and `δ ≥ 0` is the *jitter*, a multiple of the mean diagonal added only when `A` is not
/// numerically positive definite. Everything the factor offers (`solve`, `logDeterminant`, `inverse`, `append`)
/// refers to `A + δI`.
///
/// **Algorithm.** Right-looking blocked Cholesky on the lower triangle stored row-major (Golub and Van Loan,
/// *Matrix Computations*, 4th ed., 2013, §4.2, block Cholesky): per block column of width 64, the diagonal block
/// is factored by the dot-product (Cholesky-Crout) form, the panel below it by a blocked triangular solve, and the
/// trailing matrix updated by `A22 −= L21 L21ᵀ` in a packed, register-tiled product (`PackedProduct`), which does all
/// but O(64 n²) of the n³/3 flops. Only the lower triangle of `A` is read. Row-major lower storage makes every inner
/// loop contiguous. See `CholeskyBenchmark` for timings against LAPACK.
///
/// **Numerical positive definiteness.** In floating point the factorisation of a positive semi-definite `A` (a kernel
/// matrix with duplicate points, or with more points than its rank) may end on a pivot that is positive only through
/// rounding, and a factor built on it amplifies rounding by `1 / L[j, j]`. A pivot `d_j = A[j, j] − Σ_p L[j, p]²` is
/// therefore accepted only if `d_j > n · ε · (A[j, j] + δ)` (`ε` the machine epsilon): below that level it is not
/// distinguishable from rounding, whose backward error in Cholesky is of order `n ε |A|` (N. J. Higham, *Accuracy and
/// Stability of Numerical Algorithms*, 2nd ed., 2002, chapter 10).
///
/// **Jitter escalation.** When a pivot is rejected, the factorisation restarts on `A + δI` with
/// `δ = r · mean(diag A)` for `r` = `initial`, `initial · growth`, … up to `maximum` (`JitterPolicy`; by default
/// 1e-10, ×10, up to 1e-2), as GPyTorch's `psd_safe_cholesky` does for the `K + σ²I` of Rasmussen and Williams,
/// *Gaussian Processes for Machine Learning*, 2006, Algorithm 2.1. The jitter
/// used is `jitter`; if the largest allowed jitter fails too, the initialiser throws
/// `NumericsError.notPositiveDefinite`, naming the size, the row and the last jitter.
///
/// ```swift
/// let k = Matrix([[4, 2], [2, 3]])
/// let cholesky = try Cholesky(k)          // L = [[2, 0], [1, √2]], jitter 0
/// let alpha = cholesky.solve([1, 2])      // K⁻¹ y (Rasmussen and Williams, Algorithm 2.1, line 3)
/// let logDet = cholesky.logDeterminant    // log |K| = 2 Σ log L[i, i]
/// ```
public struct Cholesky: Sendable {
    /// How much jitter the factorisation may add to the diagonal of a matrix that is not numerically positive
    /// definite, relative to the mean of its diagonal.
    public struct JitterPolicy: Sendable, Equatable {
        /// The first relative jitter tried after the jitter-free attempt fails.
        public var initial: Double
        /// The factor between successive relative jitters, greater than 1.
        public var growth: Double
        /// The largest relative jitter tried; `0` allows none.
        public var maximum: Double

        /// Creates a policy.
        ///
        /// - Parameters:
        ///   - initial: The first relative jitter, positive (ignored when `maximum` is 0).
        ///   - growth: The factor between successive jitters, greater than 1.
        ///   - maximum: The largest relative jitter, at least 0.
        public init(initial: Double = 1e-10, growth: Double = 10, maximum: Double = 1e-2) {
            precondition(
                maximum >= 0 && (maximum == 0 || (initial > 0 && growth > 1)),
                "JitterPolicy: invalid \(initial), \(growth), \(maximum)"
            )
            self.initial = initial
            self.growth = growth
            self.maximum = maximum
        }

        /// 1e-10, 1e-9, …, 1e-2 times the mean diagonal: nine retries at most.
        public static let standard = JitterPolicy()

        /// No jitter: a matrix that is not numerically positive definite throws at once.
        public static let none = JitterPolicy(initial: 1, growth: 2, maximum: 0)

        /// The relative jitters to try after a jitter-free attempt, in order.
        public var relativeJitters: [Double] {
            guard maximum > 0 else { return [] }
            var result: [Double] = []
            var r = initial
            // A relative slack so that 1e-10 · 10⁸, which rounds just above 1e-2, still counts as reaching it.
            while r <= maximum * (1 + 1e-9) {
                result.append(Swift.min(r, maximum))
                r *= growth
            }
            return result
        }
    }

    /// The elements of `L`, row-major with rows `stride` apart; zero above the diagonal and beyond column `order`.
    var lowerElements: [Double]

    /// The elements of `A` as given (without jitter), row-major with rows `stride` apart; only the first `order`
    /// columns of the first `order` rows are meaningful.
    var matrixElements: [Double]

    /// The distance between rows in `lowerElements` and `matrixElements`, at least `order`; the spare columns let
    /// `append` add a row without moving the others.
    var stride: Int

    /// The order `n` of the factored `n × n` matrix.
    public internal(set) var order: Int

    /// The jitter `δ` added to the diagonal of `A` before factoring: `0` unless `A` was not numerically positive
    /// definite.
    public internal(set) var jitter: Double

    /// The policy the jitter was chosen by, also used when `append` has to refactorise.
    public let jitterPolicy: JitterPolicy

    /// The lower-triangular factor `L` of `A + jitter · I`, with a positive diagonal and zeros above it.
    ///
    /// - Complexity: O(n²): a copy (the factor is stored with spare columns for `append`).
    public var factor: Matrix {
        Self.compact(lowerElements, order: order, stride: stride)
    }

    /// The matrix `A` as given, without jitter (with its upper triangle as given, although only the lower one is
    /// read).
    ///
    /// - Complexity: O(n²): a copy.
    public var matrix: Matrix {
        Self.compact(matrixElements, order: order, stride: stride)
    }

    /// Factors a symmetric positive-definite matrix, adding jitter to its diagonal if needed.
    ///
    /// - Parameters:
    ///   - matrix: The symmetric matrix `A`; only its lower triangle (`j <= i`) is read. Debug builds check that it is
    ///     symmetric to a relative 1e-8.
    ///   - jitterPolicy: How much jitter may be added when `A` is not numerically positive definite.
    /// - Throws: `NumericsError.nonFiniteEntry` for a NaN or infinite entry in the lower triangle;
    ///   `NumericsError.notPositiveDefinite` when the largest jitter allowed does not make `A` numerically positive
    ///   definite (or when the mean diagonal is not positive, so no jitter can be scaled).
    /// - Complexity: n³/3 flops (n³/6 multiply-adds) per attempt; one attempt when `A` is numerically positive
    ///   definite, at most `1 + jitterPolicy.relativeJitters.count` otherwise. Memory: `A` and `L`, n² doubles each.
    public init(_ matrix: Matrix, jitterPolicy: JitterPolicy = .standard) throws {
        precondition(matrix.isSquare, "Cholesky: the matrix is \(matrix.rows) × \(matrix.columns), not square")
        Self.assertSymmetric(matrix)
        let (lower, jitter) = try Self.factorWithJitter(matrix, policy: jitterPolicy, above: nil)
        self.lowerElements = lower.storage
        self.matrixElements = matrix.storage
        self.stride = matrix.rows
        self.order = matrix.rows
        self.jitter = jitter
        self.jitterPolicy = jitterPolicy
        checkInvariants()
    }

    /// The natural logarithm of the determinant of `A + jitter · I`: `log |A + δI| = 2 Σ_i log L[i, i]`.
    ///
    /// Summing logarithms avoids the overflow and underflow of the product of the diagonal (the determinant of a
    /// 1000 × 1000 kernel matrix is typically below the smallest double). The log marginal likelihood of a
    /// Gaussian process uses it as `-½ log |K| = −Σ_i log L[i, i]` (Rasmussen and Williams, Algorithm 2.1).
    /// - Complexity: O(n).
    public var logDeterminant: Double {
        var sum = 0.0
        let (n, stride) = (order, stride)
        lowerElements.withUnsafeBufferPointer { l in
            for i in 0..<n {
                sum += Foundation.log(l[i * stride + i])
            }
        }
        return 2 * sum
    }

    /// The leading `order × order` block of row-major elements whose rows are `stride` apart, as a matrix.
    static func compact(_ elements: [Double], order n: Int, stride: Int) -> Matrix {
        if stride == n { return Matrix(rows: n, columns: n, storage: elements) }
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n {
            result.storage.replaceSubrange((i * n)..<((i + 1) * n), with: elements[(i * stride)..<(i * stride + n)])
        }
        return result
    }

    // MARK: - Factoring with jitter

    /// Factors `matrix + δI` for the smallest `δ` in `0, r₁ s, r₂ s, …` (`s` the mean diagonal, `rₖ` the policy's
    /// relative jitters) that is greater than `above` (when given) and succeeds.
    static func factorWithJitter(
        _ matrix: Matrix,
        policy: JitterPolicy,
        above lowerBound: Double?
    ) throws -> (factor: Matrix, jitter: Double) {
        let n = matrix.rows
        if n == 0 { return (Matrix(rows: 0, columns: 0), 0) }
        if let (row, column) = firstNonFiniteEntry(matrix) {
            throw NumericsError.nonFiniteEntry(operation: "Cholesky", size: n, row: row, column: column)
        }
        let diagonalSum = matrix.storage.withUnsafeBufferPointer { a in
            (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }
        }
        let scale = diagonalSum / Double(n)
        var jitters: [Double] = [0]
        if scale > 0 && scale.isFinite {
            jitters += policy.relativeJitters.map { $0 * scale }
        }
        if let lowerBound {
            jitters.removeAll { $0 <= lowerBound }
        }
        var lastPivot = 0
        var lastJitter = 0.0
        for jitter in jitters {
            var work = matrix
            if let pivot = factorInPlace(&work.storage, order: n, jitter: jitter) {
                lastPivot = pivot
                lastJitter = jitter
                continue
            }
            return (work, jitter)
        }
        if jitters.isEmpty { lastJitter = lowerBound ?? 0 }
        throw NumericsError.notPositiveDefinite(size: n, pivot: lastPivot, jitter: lastJitter)
    }

    /// Adds `jitter` to the diagonal of the row-major `n × n` matrix in `storage` and overwrites it with its factor
    /// (zeros above the diagonal); returns the first rejected pivot, or `nil`.
    static func factorInPlace(_ storage: inout [Double], order n: Int, jitter: Double) -> Int? {
        let relativeTolerance = Double(n) * Double.ulpOfOne
        return storage.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { thresholds in
                for i in 0..<n {
                    a[i * n + i] += jitter
                    thresholds[i] = Swift.max(relativeTolerance * a[i * n + i], 0)
                }
                if let pivot = TriangularKernels.factorLower(
                    a,
                    order: n,
                    leadingDimension: n,
                    threshold: thresholds.baseAddress!
                ) {
                    return pivot
                }
                for i in 0..<(n - 1) {
                    (a + (i * n + i + 1)).update(repeating: 0, count: n - i - 1)
                }
                return nil
            }
        }
    }

    /// The first NaN or infinite entry of the lower triangle, row by row, or `nil`.
    ///
    /// A vectorised pass accumulates `x − x`, which is 0 for every finite `x` and NaN otherwise; only when the sum is
    /// not 0 is the lower triangle searched entry by entry.
    static func firstNonFiniteEntry(_ matrix: Matrix) -> (row: Int, column: Int)? {
        let n = matrix.rows
        return matrix.storage.withUnsafeBufferPointer { buffer -> (row: Int, column: Int)? in
            let a = buffer.baseAddress!
            var probe = SIMD4<Double>.zero
            var scalarProbe = 0.0
            for i in 0..<n {
                let row = a + i * n
                var j = 0
                while j + 4 <= i + 1 {
                    let v = VectorMemory.load(row + j)
                    probe += v - v
                    j += 4
                }
                while j <= i {
                    scalarProbe += row[j] - row[j]
                    j += 1
                }
            }
            if probe.sum() + scalarProbe == 0 { return nil }
            for i in 0..<n {
                for j in 0...i where !a[i * n + j].isFinite {
                    return (i, j)
                }
            }
            return nil
        }
    }
}
