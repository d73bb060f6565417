import Testing
import TunebenchNumerics

struct MatrixTests {
    @Test func elementsAreRowMajor() {
        var m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3 && m.storage == [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4 && m.row(1) == [4, 5, 6] && m.diagonal == [1, 5])
        m[0, 2] = 9
        #expect(m.storage[2] == 9)
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).storage == [7, 7, 7, 7])
        #expect(Matrix.identity(2) == Matrix([[1, 0], [0, 1]]))
        #expect(m.transposed == Matrix([[1, 4], [2, 5], [9, 6]]))
        #expect(!m.isSquare && Matrix.identity(3).isSquare)
    }

    /// Shapes that cross the packed product's blocks: rows of 4 and 96, depth 256, columns 4 and 4096.
    @Test(arguments: [(1, 1, 1), (5, 3, 7), (97, 13, 260), (3, 4101, 2), (130, 65, 300)])
    func productsMatchTripleLoops(m: Int, n: Int, k: Int) {
        let a = LinearAlgebraFixtures.gaussianMatrix(rows: m, columns: k, seed: UInt64(m * 1000 + k))
        let b = LinearAlgebraFixtures.gaussianMatrix(rows: k, columns: n, seed: UInt64(n * 1000 + k))
        let expected = LinearAlgebraFixtures.naiveProduct(a, b)
        #expect(LinearAlgebraFixtures.relativeDifference(a * b, expected) <= 1e-13)
        let bt = LinearAlgebraFixtures.naiveTranspose(b)
        #expect(bt == b.transposed)
        #expect(LinearAlgebraFixtures.relativeDifference(a.multiplied(byTransposeOf: bt), expected) <= 1e-13)
        let x = a.row(0)
        #expect(LinearAlgebraFixtures.relativeDifference(bt * x, LinearAlgebraFixtures.naiveProduct(bt, x)) <= 1e-13)
    }
}
