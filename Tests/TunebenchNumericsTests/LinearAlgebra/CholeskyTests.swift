import Foundation
import Testing
import TunebenchNumerics

struct CholeskyTests {
    /// Golub and Van Loan's textbook example: an integer factor, so every value is exact.
    @Test func integerExampleHasItsExactFactor() throws {
        let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let cholesky = try Cholesky(a)
        #expect(cholesky.factor == Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
        #expect(cholesky.jitter == 0)
        #expect(abs(cholesky.logDeterminant - 2 * log(6.0)) <= 1e-15)
    }

    /// Reference values from NumPy 2.4 (OpenBLAS 0.3.31), generated once with
    ///
    ///     A = np.array([[6.25, 1.5, -0.75, 2.0], [1.5, 5.0, 0.5, -1.0], [-0.75, 0.5, 3.0, 0.25],
    ///                   [2.0, -1.0, 0.25, 4.5]]); b = np.array([1.0, -2.0, 3.0, 0.5]); L = np.linalg.cholesky(A)
    ///     L, np.linalg.slogdet(A)[1], np.linalg.inv(A), np.linalg.solve(A, b), np.linalg.solve(L, b),
    ///     np.linalg.solve(L.T, b)
    static let a = Matrix([
        [6.25, 1.5, -0.75, 2.0], [1.5, 5.0, 0.5, -1.0], [-0.75, 0.5, 3.0, 0.25], [2.0, -1.0, 0.25, 4.5],
    ])
    static let b = [1.0, -2.0, 3.0, 0.5]

    @Test func factorMatchesNumPy() throws {
        let expected = Matrix([
            [2.5, 0, 0, 0],
            [0.6000000000000001, 2.1540659228538015, 0, 0],
            [-0.30000000000000004, 0.3156820749009882, 1.6764083117147226, 0],
            [0.8, -0.6870727512550919, 0.4216732563208812, 1.791681528449323],
        ])
        let cholesky = try Cholesky(Self.a)
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.factor, expected) <= 1e-15)
        #expect(abs(cholesky.logDeterminant - 5.566912180766163) <= 1e-14)
    }

    @Test func solvesMatchNumPy() throws {
        let cholesky = try Cholesky(Self.a)
        let solution = [0.656473960821787, -0.8179646440516006, 1.336837075967511, -0.43669374104156716]
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.solve(Self.b), solution) <= 1e-14)
        let lower = [0.4, -1.0398938937914906, 2.0569427137603964, -0.7824161094136081]
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.solveLower(Self.b), lower) <= 1e-14)
        let upper = [0.7789646836178922, -1.0914368117343722, 1.719345280258289, 0.27906745259172455]
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.solveLowerTransposed(Self.b), upper) <= 1e-14)
    }

    @Test func inverseMatchesNumPy() throws {
        let expected = Matrix([
            [0.24008600095556623, -0.10809842331581461, 0.08934543717152411, -0.1356903965599618],
            [-0.10809842331581465, 0.26260152890587674, -0.08002866698518872, 0.11084567606306737],
            [0.08934543717152414, -0.08002866698518872, 0.3755375059722886, -0.07835642618251314],
            [-0.1356903965599618, 0.11084567606306736, -0.07835642618251314, 0.3115145723841376],
        ])
        let inverse = try Cholesky(Self.a).inverse()
        #expect(LinearAlgebraFixtures.relativeDifference(inverse, expected) <= 1e-14)
        #expect(inverse == LinearAlgebraFixtures.naiveTranspose(inverse))
    }

    @Test func onlyTheLowerTriangleIsRead() throws {
        // In release builds nothing checks symmetry; the factor depends on the lower triangle alone. (Debug builds
        // would stop on an asymmetric matrix, so the upper triangle here is perturbed by less than the tolerance.)
        var perturbed = Self.a
        perturbed[0, 3] += 1e-9
        #expect(try Cholesky(perturbed).factor == Cholesky(Self.a).factor)
    }

    @Test func emptyMatrixHasAnEmptyFactor() throws {
        let cholesky = try Cholesky(Matrix(rows: 0, columns: 0))
        #expect(cholesky.order == 0 && cholesky.logDeterminant == 0 && cholesky.inverse().storage.isEmpty)
        #expect(cholesky.solve([Double]()).isEmpty)
    }

    // MARK: - Random symmetric positive-definite matrices, across block boundaries (64 for the factor, 32 for solves)

    static let sizes = [1, 2, 7, 33, 64, 65, 200]

    @Test(arguments: sizes)
    func factorReconstructsTheMatrix(n: Int) throws {
        let a = LinearAlgebraFixtures.randomSPD(n, seed: UInt64(n))
        let cholesky = try Cholesky(a)
        #expect(cholesky.jitter == 0)
        let l = cholesky.factor
        for i in 0..<n {
            #expect(l[i, i] > 0)
            for j in (i + 1)..<max(i + 1, n) {
                #expect(l[i, j] == 0)
            }
        }
        let reconstructed = LinearAlgebraFixtures.naiveProduct(l, LinearAlgebraFixtures.naiveTranspose(l))
        #expect(LinearAlgebraFixtures.relativeDifference(reconstructed, a) <= 1e-10)
    }

    @Test(arguments: sizes)
    func logDeterminantMatchesGaussianElimination(n: Int) throws {
        let a = LinearAlgebraFixtures.randomSPD(n, seed: UInt64(n) + 100)
        let expected = LinearAlgebraFixtures.logAbsDeterminantByElimination(a)
        let logDeterminant = try Cholesky(a).logDeterminant
        #expect(abs(logDeterminant - expected) <= 1e-10 * max(1, abs(expected)))
    }

    @Test(arguments: sizes)
    func solveLeavesSmallResiduals(n: Int) throws {
        let a = LinearAlgebraFixtures.randomSPD(n, seed: UInt64(n) + 200)
        let b = LinearAlgebraFixtures.gaussianMatrix(rows: 1, columns: n, seed: UInt64(n) + 300).storage
        let cholesky = try Cholesky(a)
        let x = cholesky.solve(b)
        let residual = zip(LinearAlgebraFixtures.naiveProduct(a, x), b).map { $0 - $1 }
        // Normwise backward error ‖Ax − b‖ / (‖A‖ ‖x‖), in the max norm.
        let normA = a.storage.reduce(0) { max($0, abs($1)) } * Double(n)
        let normX = x.reduce(0) { max($0, abs($1)) }
        #expect(residual.reduce(0) { max($0, abs($1)) } <= 1e-13 * normA * normX)
        // The two triangular halves compose to the full solve.
        let l = cholesky.factor
        #expect(
            LinearAlgebraFixtures.relativeDifference(LinearAlgebraFixtures.naiveProduct(l, cholesky.solveLower(b)), b)
                <= 1e-12
        )
        let lt = LinearAlgebraFixtures.naiveTranspose(l)
        #expect(
            LinearAlgebraFixtures.relativeDifference(
                LinearAlgebraFixtures.naiveProduct(lt, cholesky.solveLowerTransposed(b)),
                b
            ) <= 1e-12
        )
    }

    /// The blocked solves with many right-hand sides agree with one vector solve per right-hand side.
    @Test(arguments: sizes)
    func blockedSolvesAgreeWithVectorSolves(n: Int) throws {
        let cholesky = try Cholesky(LinearAlgebraFixtures.randomSPD(n, seed: UInt64(n) + 400))
        let m = 37
        let columns = LinearAlgebraFixtures.gaussianMatrix(rows: n, columns: m, seed: UInt64(n) + 500)
        let rows = LinearAlgebraFixtures.naiveTranspose(columns)
        let cases: [(Matrix, Matrix, ([Double]) -> [Double])] = [
            (cholesky.solveLower(columns), cholesky.solveLower(eachRowOf: rows), cholesky.solveLower),
            (
                cholesky.solveLowerTransposed(columns), cholesky.solveLowerTransposed(eachRowOf: rows),
                cholesky.solveLowerTransposed
            ),
            (cholesky.solve(columns), cholesky.solve(eachRowOf: rows), cholesky.solve),
        ]
        for (byColumns, byRows, vectorSolve) in cases {
            let expected = LinearAlgebraFixtures.naiveTranspose(Matrix(rows.rowArrays.map(vectorSolve)))
            #expect(LinearAlgebraFixtures.relativeDifference(byColumns, expected) <= 1e-12)
            #expect(
                LinearAlgebraFixtures.relativeDifference(LinearAlgebraFixtures.naiveTranspose(byRows), expected)
                    <= 1e-12
            )
        }
    }

    @Test(arguments: sizes)
    func inverseTimesMatrixIsTheIdentity(n: Int) throws {
        let a = LinearAlgebraFixtures.randomSPD(n, seed: UInt64(n) + 600)
        let inverse = try Cholesky(a).inverse()
        #expect(inverse == LinearAlgebraFixtures.naiveTranspose(inverse))
        let product = LinearAlgebraFixtures.naiveProduct(inverse, a)
        #expect(LinearAlgebraFixtures.relativeDifference(product, Matrix.identity(n)) <= 1e-10)
    }

    /// A Gaussian-process kernel matrix with little noise (condition number near 10⁸) still solves to a small
    /// backward error; this is the regime of the optimizer's late iterations.
    @Test func illConditionedKernelMatrixSolvesAccurately() throws {
        let points = LinearAlgebraFixtures.uniformPoints(count: 150, dimension: 3, seed: 9)
        let k = LinearAlgebraFixtures.kernelMatrix(points, lengthScale: 0.3, noise: 1e-6)
        let cholesky = try Cholesky(k)
        #expect(cholesky.jitter == 0)
        let y = points.map { sin(6 * $0[0]) + $0[1] * $0[2] }
        let alpha = cholesky.solve(y)
        let residual = zip(LinearAlgebraFixtures.naiveProduct(k, alpha), y).map { $0 - $1 }
        let normK = k.storage.reduce(0) { max($0, abs($1)) } * 150
        let normAlpha = alpha.reduce(0) { max($0, abs($1)) }
        #expect(residual.reduce(0) { max($0, abs($1)) } <= 1e-13 * normK * normAlpha)
    }
}
