import Foundation
import Testing
import TunebenchNumerics

struct CholeskyJitterTests {
    /// `X Xᵀ` for a 30 × 4 Gaussian `X`: positive semi-definite of rank 4.
    @Test func rankDeficientMatrixSucceedsWithJitter() throws {
        let x = LinearAlgebraFixtures.gaussianMatrix(rows: 30, columns: 4, seed: 11)
        let a = LinearAlgebraFixtures.naiveProduct(x, LinearAlgebraFixtures.naiveTranspose(x))
        let cholesky = try Cholesky(a)
        let meanDiagonal = a.diagonal.reduce(0, +) / 30
        #expect(cholesky.jitter > 0)
        #expect(cholesky.jitter <= 1e-2 * meanDiagonal * (1 + 1e-12))
        let l = cholesky.factor
        let reconstructed = LinearAlgebraFixtures.naiveProduct(l, LinearAlgebraFixtures.naiveTranspose(l))
        let expected = LinearAlgebraFixtures.addingToDiagonal(a, cholesky.jitter)
        #expect(LinearAlgebraFixtures.relativeDifference(reconstructed, expected) <= 1e-10)
    }

    /// A noise-free Gaussian-process kernel matrix with a duplicated point: two identical rows.
    @Test func kernelMatrixWithDuplicatePointsSucceedsWithTheFirstJitter() throws {
        var points = LinearAlgebraFixtures.uniformPoints(count: 12, dimension: 2, seed: 5)
        points[9] = points[3]
        let k = LinearAlgebraFixtures.kernelMatrix(points)
        let cholesky = try Cholesky(k)
        // The diagonal is 1, so the jitter is 1e-10 · 10^j; two equal rows need only a little.
        #expect(cholesky.jitter > 0 && cholesky.jitter <= 1e-6)
        let l = cholesky.factor
        let reconstructed = LinearAlgebraFixtures.naiveProduct(l, LinearAlgebraFixtures.naiveTranspose(l))
        #expect(
            LinearAlgebraFixtures.relativeDifference(
                reconstructed,
                LinearAlgebraFixtures.addingToDiagonal(k, cholesky.jitter)
            ) <= 1e-10
        )
        #expect(cholesky.logDeterminant.isFinite)
    }

    @Test func positiveDefiniteMatrixGetsNoJitter() throws {
        #expect(try Cholesky(Matrix([[2, 1], [1, 2]])).jitter == 0)
    }

    @Test func indefiniteMatrixThrowsWithTheLastJitter() {
        // Eigenvalues 3 and -1: no jitter up to 1e-2 of the mean diagonal (1) helps.
        let a = Matrix([[1, 2], [2, 1]])
        #expect(throws: NumericsError.notPositiveDefinite(size: 2, pivot: 1, jitter: 1e-2)) {
            try Cholesky(a)
        }
        do {
            _ = try Cholesky(a)
        } catch {
            let message = String(describing: error)
            #expect(message.contains("2 × 2") && message.contains("0.01") && message.contains("JitterPolicy"))
        }
    }

    @Test func matrixWithNonPositiveMeanDiagonalThrowsWithoutJitter() {
        #expect(throws: NumericsError.notPositiveDefinite(size: 1, pivot: 0, jitter: 0)) {
            try Cholesky(Matrix([[-1]]))
        }
    }

    @Test func noJitterPolicyThrowsOnASingularMatrix() {
        let a = Matrix([[1, 1], [1, 1]])
        #expect(throws: NumericsError.notPositiveDefinite(size: 2, pivot: 1, jitter: 0)) {
            try Cholesky(a, jitterPolicy: .none)
        }
        #expect(throws: Never.self) { try Cholesky(a) }
    }

    @Test func nonFiniteEntryThrowsNamingItsPlace() {
        var a = Matrix.identity(3)
        a[2, 1] = .nan
        a[1, 2] = .nan
        #expect(throws: NumericsError.nonFiniteEntry(operation: "Cholesky", size: 3, row: 2, column: 1)) {
            try Cholesky(a)
        }
    }

    @Test func policyListsItsRelativeJitters() {
        let jitters = Cholesky.JitterPolicy.standard.relativeJitters
        #expect(jitters.count == 9)
        #expect(jitters.first == 1e-10 && jitters.last == 1e-2)
        #expect(Cholesky.JitterPolicy.none.relativeJitters.isEmpty)
        let custom = Cholesky.JitterPolicy(initial: 1e-6, growth: 100, maximum: 1e-3).relativeJitters
        #expect(custom.count == 2 && zip(custom, [1e-6, 1e-4]).allSatisfy { abs($0 / $1 - 1) <= 1e-15 })
    }
}
