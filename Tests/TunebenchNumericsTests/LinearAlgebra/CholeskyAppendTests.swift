import Foundation
import Testing
import TunebenchNumerics

struct CholeskyAppendTests {
    /// Bordering, one observation at a time, gives the factor of the whole matrix.
    @Test(arguments: [(0, 7), (1, 33), (40, 65), (63, 130)])
    func extensionEqualsTheFullFactor(start: Int, end: Int) throws {
        let a = LinearAlgebraFixtures.randomSPD(end, seed: UInt64(end))
        var cholesky = try Cholesky(LinearAlgebraFixtures.leading(a, start))
        for k in start..<end {
            let update = try cholesky.append(column: Array(a.row(k).prefix(k)), diagonal: a[k, k])
            #expect(update == .extended)
        }
        let full = try Cholesky(a)
        #expect(cholesky.order == end && cholesky.jitter == 0)
        #expect(cholesky.matrix == a)
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.factor, full.factor) <= 1e-10)
        #expect(abs(cholesky.logDeterminant - full.logDeterminant) <= 1e-10 * abs(full.logDeterminant))
        // The grown factor (stored with spare columns) solves and inverts like the full one.
        let b = LinearAlgebraFixtures.gaussianMatrix(rows: 3, columns: end, seed: 7)
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.solve(b.row(0)), full.solve(b.row(0))) <= 1e-9)
        #expect(
            LinearAlgebraFixtures.relativeDifference(cholesky.solve(eachRowOf: b), full.solve(eachRowOf: b)) <= 1e-9
        )
        let columns = b.transposed
        #expect(
            LinearAlgebraFixtures.relativeDifference(
                cholesky.solveLowerTransposed(columns),
                full.solveLowerTransposed(columns)
            ) <= 1e-9
        )
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.inverse(), full.inverse()) <= 1e-9)
    }

    /// A Gaussian process that evaluates the same point twice: the bordered pivot cancels to zero, so the
    /// enlarged matrix is factored again with jitter, exactly as a fresh factorisation would.
    @Test func duplicatePointFallsBackToRefactorisationWithJitter() throws {
        var points = LinearAlgebraFixtures.uniformPoints(count: 10, dimension: 3, seed: 21)
        points.append(points[4])
        let k = LinearAlgebraFixtures.kernelMatrix(points)
        var cholesky = try Cholesky(LinearAlgebraFixtures.leading(k, 10))
        #expect(cholesky.jitter == 0)
        let update = try cholesky.append(column: Array(k.row(10).prefix(10)), diagonal: k[10, 10])
        #expect(update == .refactored)
        let fresh = try Cholesky(k)
        #expect(cholesky.jitter > 0 && cholesky.jitter == fresh.jitter)
        #expect(LinearAlgebraFixtures.relativeDifference(cholesky.factor, fresh.factor) <= 1e-10)
        // With jitter in place, a further duplicate borders without refactorising.
        points.append(points[4])
        let k2 = LinearAlgebraFixtures.kernelMatrix(points)
        #expect(try cholesky.append(column: Array(k2.row(11).prefix(11)), diagonal: k2[11, 11]) == .extended)
        let l = cholesky.factor
        let reconstructed = LinearAlgebraFixtures.naiveProduct(l, LinearAlgebraFixtures.naiveTranspose(l))
        #expect(
            LinearAlgebraFixtures.relativeDifference(
                reconstructed,
                LinearAlgebraFixtures.addingToDiagonal(k2, cholesky.jitter)
            ) <= 1e-10
        )
    }

    @Test func nonFiniteObservationThrowsAndLeavesTheFactorUnchanged() throws {
        var cholesky = try Cholesky(Matrix([[2, 1], [1, 2]]))
        let before = cholesky.factor
        #expect(throws: NumericsError.nonFiniteEntry(operation: "Cholesky.append", size: 3, row: 2, column: 1)) {
            try cholesky.append(column: [0.5, .infinity], diagonal: 2)
        }
        #expect(throws: NumericsError.nonFiniteEntry(operation: "Cholesky.append", size: 3, row: 2, column: 2)) {
            try cholesky.append(column: [0.5, 0.5], diagonal: .nan)
        }
        #expect(cholesky.factor == before && cholesky.order == 2)
    }

    @Test func indefiniteExtensionThrowsAndLeavesTheFactorUnchanged() throws {
        var cholesky = try Cholesky(Matrix([[1]]))
        #expect(throws: NumericsError.self) {
            try cholesky.append(column: [2], diagonal: 1)
        }
        #expect(cholesky.factor == Matrix([[1]]) && cholesky.matrix == Matrix([[1]]))
    }
}
