import Testing
import TunebenchNumerics

struct SobolSequenceTests {
    // MARK: - Agreement with SciPy

    // The first 64 points of the plain sequence times 64, one array per coordinate. The first 64 points use only the
    // direction numbers V_1 ... V_6, so every coordinate is an exact multiple of 1/64 and the comparison is exact.
    // Produced with SciPy 1.17.1:
    //   python3 -c "from scipy.stats import qmc; x = qmc.Sobol(8, scramble=False).random(64)
    //   for j in range(8): print([int(v) for v in x[:, j] * 64])"
    private static let firstEightCoordinates: [[Int]] = [
        // Coordinate 1.
        [
            0, 32, 48, 16, 24, 56, 40, 8, 12, 44, 60, 28, 20, 52, 36, 4, 6, 38, 54, 22, 30, 62, 46, 14, 10, 42, 58, 26,
            18, 50, 34, 2, 3, 35, 51, 19, 27, 59, 43, 11, 15, 47, 63, 31, 23, 55, 39, 7, 5, 37, 53, 21, 29, 61, 45, 13,
            9, 41, 57, 25, 17, 49, 33, 1,
        ],
        // Coordinate 2.
        [
            0, 32, 16, 48, 24, 56, 8, 40, 20, 52, 4, 36, 12, 44, 28, 60, 30, 62, 14, 46, 6, 38, 22, 54, 10, 42, 26, 58,
            18, 50, 2, 34, 17, 49, 1, 33, 9, 41, 25, 57, 5, 37, 21, 53, 29, 61, 13, 45, 15, 47, 31, 63, 23, 55, 7, 39,
            27, 59, 11, 43, 3, 35, 19, 51,
        ],
        // Coordinate 3.
        [
            0, 32, 16, 48, 40, 8, 56, 24, 60, 28, 44, 12, 20, 52, 4, 36, 30, 62, 14, 46, 54, 22, 38, 6, 34, 2, 50, 18,
            10, 42, 26, 58, 45, 13, 61, 29, 5, 37, 21, 53, 17, 49, 1, 33, 57, 25, 41, 9, 51, 19, 35, 3, 27, 59, 11, 43,
            15, 47, 31, 63, 39, 7, 55, 23,
        ],
        // Coordinate 4.
        [
            0, 32, 16, 48, 56, 24, 40, 8, 28, 60, 12, 44, 36, 4, 52, 20, 42, 10, 58, 26, 18, 50, 2, 34, 54, 22, 38, 6,
            14, 46, 30, 62, 35, 3, 51, 19, 27, 59, 11, 43, 63, 31, 47, 15, 7, 39, 23, 55, 9, 41, 25, 57, 49, 17, 33, 1,
            21, 53, 5, 37, 45, 13, 61, 29,
        ],
        // Coordinate 5.
        [
            0, 32, 48, 16, 24, 56, 40, 8, 36, 4, 20, 52, 60, 28, 12, 44, 18, 50, 34, 2, 10, 42, 58, 26, 54, 22, 6, 38,
            46, 14, 30, 62, 9, 41, 57, 25, 17, 49, 33, 1, 45, 13, 29, 61, 53, 21, 5, 37, 27, 59, 43, 11, 3, 35, 51, 19,
            63, 31, 15, 47, 39, 7, 23, 55,
        ],
        // Coordinate 6.
        [
            0, 32, 48, 16, 8, 40, 56, 24, 20, 52, 36, 4, 28, 60, 44, 12, 62, 30, 14, 46, 54, 22, 6, 38, 42, 10, 26, 58,
            34, 2, 18, 50, 59, 27, 11, 43, 51, 19, 3, 35, 47, 15, 31, 63, 39, 7, 23, 55, 5, 37, 53, 21, 13, 45, 61, 29,
            17, 49, 33, 1, 25, 57, 41, 9,
        ],
        // Coordinate 7.
        [
            0, 32, 16, 48, 24, 56, 8, 40, 28, 60, 12, 44, 4, 36, 20, 52, 34, 2, 50, 18, 58, 26, 42, 10, 62, 30, 46, 14,
            38, 6, 54, 22, 51, 19, 35, 3, 43, 11, 59, 27, 47, 15, 63, 31, 55, 23, 39, 7, 17, 49, 1, 33, 9, 41, 25, 57,
            13, 45, 29, 61, 21, 53, 5, 37,
        ],
        // Coordinate 8.
        [
            0, 32, 48, 16, 56, 24, 8, 40, 60, 28, 12, 44, 4, 36, 52, 20, 54, 22, 6, 38, 14, 46, 62, 30, 10, 42, 58, 26,
            50, 18, 2, 34, 43, 11, 27, 59, 19, 51, 35, 3, 23, 55, 39, 7, 47, 15, 31, 63, 29, 61, 45, 13, 37, 5, 21, 53,
            33, 1, 17, 49, 25, 57, 41, 9,
        ],
    ]

    // Coordinates 50, 1000 and 1111 (the last one shipped), as above, from
    //   python3 -c "from scipy.stats import qmc; x = qmc.Sobol(1111, scramble=False).random(64)
    //   for j in (49, 999, 1110): print([int(v) for v in x[:, j] * 64])"
    // Coordinates do not depend on the dimension of the sequence (SciPy's and this one's), so these are also the
    // last coordinates of `qmc.Sobol(50)` and `qmc.Sobol(1000)`.
    private static let highCoordinates: [Int: [Int]] = [
        50: [
            0, 32, 48, 16, 24, 56, 40, 8, 4, 36, 52, 20, 28, 60, 44, 12, 34, 2, 18, 50, 58, 26, 10, 42, 38, 6, 22, 54,
            62, 30, 14, 46, 5, 37, 53, 21, 29, 61, 45, 13, 1, 33, 49, 17, 25, 57, 41, 9, 39, 7, 23, 55, 63, 31, 15, 47,
            35, 3, 19, 51, 59, 27, 11, 43,
        ],
        1000: [
            0, 32, 48, 16, 8, 40, 56, 24, 60, 28, 12, 44, 52, 20, 4, 36, 34, 2, 18, 50, 42, 10, 26, 58, 30, 62, 46, 14,
            22, 54, 38, 6, 5, 37, 53, 21, 13, 45, 61, 29, 57, 25, 9, 41, 49, 17, 1, 33, 39, 7, 23, 55, 47, 15, 31, 63,
            27, 59, 43, 11, 19, 51, 35, 3,
        ],
        1111: [
            0, 32, 48, 16, 56, 24, 8, 40, 20, 52, 36, 4, 44, 12, 28, 60, 26, 58, 42, 10, 34, 2, 18, 50, 14, 46, 62, 30,
            54, 22, 6, 38, 39, 7, 23, 55, 31, 63, 47, 15, 51, 19, 3, 35, 11, 43, 59, 27, 61, 29, 13, 45, 5, 37, 53, 21,
            41, 9, 25, 57, 17, 49, 33, 1,
        ],
    ]

    @Test(arguments: 1...8)
    func plainPointsEqualSciPy(dimension: Int) throws {
        var sobol = try SobolSequence(dimension: dimension)
        let points = sobol.next(count: 64)
        for j in 0..<dimension {
            #expect(points.map { Int($0[j] * 64) } == Self.firstEightCoordinates[j], "coordinate \(j + 1)")
            #expect(points.allSatisfy { ($0[j] * 64).rounded(.down) == $0[j] * 64 }, "coordinate \(j + 1)")
        }
    }

    @Test(arguments: [50, 1000, 1111])
    func plainPointsEqualSciPyInHighDimensions(dimension: Int) throws {
        var sobol = try SobolSequence(dimension: dimension)
        let points = sobol.next(count: 64)
        #expect(points.map { Int($0[dimension - 1] * 64) } == Self.highCoordinates[dimension])
        #expect(points.map { Int($0[49] * 64) } == Self.highCoordinates[50])
    }

    /// Points far into the sequence exercise the recurrence up to V_53, the last direction number to reach a double.
    ///
    /// The expected values are `x * 2^53` of points 2^20 - 1, 2^20, 2^53 - 2 and 2^53 - 1, computed from SciPy's own
    /// 64-bit direction numbers (`qmc.Sobol(1111, scramble=False, bits=64)._sv`) as the exclusive or of the numbers
    /// selected by the Gray code `n ^ (n >> 1)`, shifted right by 11. That formula was first checked against SciPy's
    /// `fast_forward(2**20 - 3)` and `random(6)` in all 1111 coordinates (SciPy's `fast_forward` takes time linear in
    /// the number of points skipped, so 2^53 is out of its reach).
    @Test func distantPointsEqualSciPy() throws {
        let expected: [Int: [UInt64]] = [
            1: [0x2_0000_0000, 0x3_0000_0000, 0x10_0000_0000_0001, 0x1],
            2: [0x1e_001e_0000_0000, 0xf_000f_0000_0000, 0x1_0011_0011_0011, 0x11_0011_0011_0011],
            3: [0x18_b212_0000_0000, 0x15_bf0f_0000_0000, 0xd_0000_0010_0d1d, 0x1d_0000_0010_0d1d],
            8: [0x1c_6e72_0000_0000, 0x2_be73_0000_0000, 0xb_d190_ed00_1645, 0x1b_d190_ed00_1645],
            50: [0x1c_ee8e_0000_0000, 0x6_675d_0000_0000, 0x9_f9d2_9500_f903, 0x19_f9d2_9500_f903],
            1000: [0x1_8bce_0000_0000, 0x1f_bb0d_0000_0000, 0x4_5e07_07e3_3d31, 0x14_5e07_07e3_3d31],
            1111: [0x1b_200a_0000_0000, 0x9_50d7_0000_0000, 0x4_0709_45c1_c251, 0x14_0709_45c1_c251],
        ]
        var sobol = try SobolSequence(dimension: 1111)
        var points: [[Double]] = []
        for start in [(1 << 20) - 1, (1 << 53) - 2] {
            sobol.skip(start - sobol.index)
            points += sobol.next(count: 2)
        }
        for (coordinate, values) in expected {
            #expect(points.map { UInt64($0[coordinate - 1] * 0x1.0p53) } == values, "coordinate \(coordinate)")
        }
    }

    /// Every row of the table and the recurrence, in all 1111 coordinates: `sum_j j * floor(x_j 2^53) mod 2^64` of
    /// points 1000, 2^53 - 1 and 0x12_3456_789a_bcde (whose Gray code selects 30 of the 53 direction numbers),
    /// computed with SciPy's 64-bit direction numbers as in `distantPointsEqualSciPy`:
    ///   import functools, operator; from scipy.stats import qmc
    ///   sv = qmc.Sobol(1111, scramble=False, bits=64)._sv
    ///   def pt(n, j): g = n ^ (n >> 1); return functools.reduce(operator.xor,
    ///       [int(sv[j, c]) for c in range(64) if g >> c & 1], 0) >> 11
    ///   hex(sum((j + 1) * pt(n, j) for j in range(1111)) % 2**64)
    @Test func everyCoordinateAgreesWithSciPy() throws {
        let checksums: [(index: Int, checksum: UInt64)] = [
            (1000, 0xff79_9000_0000_0000),
            ((1 << 53) - 1, 0xbe50_ccb2_1d1b_4fb2),
            (0x12_3456_789a_bcde, 0xd849_df7b_d6d3_0202),
        ]
        for (index, checksum) in checksums {
            var sobol = try SobolSequence(dimension: 1111)
            sobol.skip(index)
            let point = sobol.next()
            let sum = point.indices.reduce(UInt64(0)) { $0 &+ UInt64($1 + 1) &* UInt64(point[$1] * 0x1.0p53) }
            #expect(sum == checksum, "point \(index)")
        }
    }

    @Test func tableCoversJoeKuoDimensionsUpTo1111() throws {
        #expect(SobolSequence.maximumDimension == 1111)
        #expect(try SobolSequence(dimension: 1111).dimension == 1111)
    }

    // MARK: - Errors

    @Test(arguments: [Int.min, -1, 0, 1112, Int.max])
    func dimensionOutsideTableThrows(dimension: Int) {
        var generator = SplitMix64(state: 1)
        let expected = NumericsError.dimensionOutOfRange(
            design: "SobolSequence",
            dimension: dimension,
            supported: 1...1111
        )
        #expect(throws: expected) { _ = try SobolSequence(dimension: dimension, scramble: true, using: &generator) }
        #expect(throws: NumericsError.self) { _ = try SobolSequence(dimension: dimension) }
    }

    @Test func errorMessageNamesTheDimensionAndTheRemedy() {
        let tooLarge = NumericsError.dimensionOutOfRange(design: "SobolSequence", dimension: 2000, supported: 1...1111)
        #expect(tooLarge.description.contains("dimension 2000"))
        #expect(tooLarge.description.contains("1...1111"))
        #expect(tooLarge.description.contains("new-joe-kuo-6.21201"))
        let tooSmall = NumericsError.dimensionOutOfRange(design: "SobolSequence", dimension: 0, supported: 1...1111)
        #expect(tooSmall.description.contains("at least 1 coordinate"))
    }

    // MARK: - Net properties

    @Test(arguments: [false, true])
    func everyCoordinateIsAZeroMOneNet(scrambled: Bool) throws {
        var generator = SplitMix64(state: 7)
        var sobol = try SobolSequence(dimension: 1111, scramble: scrambled, using: &generator)
        let m = 8
        let points = sobol.next(count: 1 << m)
        var failures: [String] = []
        for j in 0..<sobol.dimension {
            let xs = points.map { $0[j] }
            for k in 0...m {
                // Every aligned block of 2^k points is a (0, k, 1)-net.
                for block in stride(from: 0, to: 1 << m, by: 1 << k)
                where !Self.isOneDimensionalNet(Array(xs[block..<(block + (1 << k))]), m: k) {
                    failures.append("coordinate \(j + 1), points \(block)..<\(block + (1 << k))")
                }
            }
        }
        #expect(failures.isEmpty, "not a (0, m, 1)-net: \(failures.prefix(5))")
    }

    @Test(arguments: [false, true])
    func firstTwoCoordinatesFormZeroMTwoNets(scrambled: Bool) throws {
        var generator = SplitMix64(state: 11)
        var sobol = try SobolSequence(dimension: 2, scramble: scrambled, using: &generator)
        let m = 12
        let points = sobol.next(count: 1 << m)
        var failures: [String] = []
        for k in 0...m {
            // The first four aligned blocks of 2^k points are (0, k, 2)-nets.
            for block in stride(from: 0, to: min(1 << m, 4 << k), by: 1 << k) {
                let slice = points[block..<(block + (1 << k))]
                if !Self.isTwoDimensionalNet(slice.map { $0[0] }, slice.map { $0[1] }, m: k) {
                    failures.append("points \(block)..<\(block + (1 << k))")
                }
            }
        }
        #expect(failures.isEmpty, "not a (0, m, 2)-net: \(failures.prefix(5))")
    }

    @Test func extremeScramblingKeepsNetsAndStaysBelowOne() throws {
        // All-ones draws give the digital shift 1...1 and a lower-triangular matrix full of ones.
        var generator = Replay(words: [.max])
        var sobol = try SobolSequence(dimension: 3, scramble: true, using: &generator)
        let points = sobol.next(count: 1 << 10)
        #expect(points.allSatisfy { $0.allSatisfy { (0..<1).contains($0) } })
        let largest = 1 - 0x1.0p-53
        #expect(points[0] == [Double](repeating: largest, count: 3))
        for j in 0..<3 { #expect(Self.isOneDimensionalNet(points.map { $0[j] }, m: 10)) }
        #expect(Self.isTwoDimensionalNet(points.map { $0[0] }, points.map { $0[1] }, m: 10))
    }

    // MARK: - Seeds, ranges and navigation

    @Test func sameSeedGivesSamePoints() throws {
        var first = SplitMix64(state: 2024)
        var second = SplitMix64(state: 2024)
        var a = try SobolSequence(dimension: 20, scramble: true, using: &first)
        var b = try SobolSequence(dimension: 20, scramble: true, using: &second)
        #expect(Self.bits(a.next(count: 64)) == Self.bits(b.next(count: 64)))
    }

    @Test func differentSeedsGiveDifferentPoints() throws {
        var first = SplitMix64(state: 1)
        var second = SplitMix64(state: 2)
        var a = try SobolSequence(dimension: 20, scramble: true, using: &first)
        var b = try SobolSequence(dimension: 20, scramble: true, using: &second)
        var plain = try SobolSequence(dimension: 20)
        let pointsA = a.next(count: 64)
        let pointsB = b.next(count: 64)
        #expect(Self.bits(pointsA) != Self.bits(pointsB))
        #expect(Self.bits(pointsA) != Self.bits(plain.next(count: 64)))
        // Every coordinate is scrambled, not only the first.
        for j in 0..<20 { #expect(pointsA.map { $0[j].bitPattern } != pointsB.map { $0[j].bitPattern }) }
    }

    @Test func plainSequenceDrawsNothingFromTheGenerator() throws {
        var generator = SplitMix64(state: 5)
        var untouched = generator
        var sobol = try SobolSequence(dimension: 4, scramble: false, using: &generator)
        #expect(generator.next() == untouched.next())
        #expect(!sobol.isScrambled)
        #expect(sobol.next() == [0, 0, 0, 0])
    }

    @Test(arguments: [false, true])
    func pointsLieInTheHalfOpenUnitCube(scrambled: Bool) throws {
        var generator = SplitMix64(state: 3)
        var sobol = try SobolSequence(dimension: 64, scramble: scrambled, using: &generator)
        var points = sobol.next(count: 256)
        sobol.skip(Int.max - 300)
        points += sobol.next(count: 32)
        #expect(points.allSatisfy { $0.count == 64 && $0.allSatisfy { (0..<1).contains($0) } })
    }

    @Test(arguments: [false, true])
    func skipAndResetAgreeWithDrawing(scrambled: Bool) throws {
        var generator = SplitMix64(state: 9)
        var sobol = try SobolSequence(dimension: 10, scramble: scrambled, using: &generator)
        let drawn = sobol.next(count: 1000)
        #expect(sobol.index == 1000)
        sobol.reset()
        #expect(sobol.index == 0)
        #expect(Self.bits([sobol.next()]) == Self.bits([drawn[0]]))
        for target in [1, 2, 3, 255, 256, 257, 511, 999] {
            sobol.reset()
            sobol.skip(target)
            var point = [Double](repeating: -1, count: 10)
            sobol.next(into: &point)
            #expect(Self.bits([point]) == Self.bits([drawn[target]]), "point \(target)")
            #expect(sobol.index == target + 1)
        }
        sobol.reset()
        sobol.skip(100)
        sobol.skip(0)
        sobol.skip(200)
        #expect(Self.bits(sobol.next(count: 3)) == Self.bits(Array(drawn[300..<303])))
    }

    // MARK: - Helpers

    /// Whether each of the `2^m` intervals `[k 2^-m, (k + 1) 2^-m)` holds exactly one of the `2^m` values.
    private static func isOneDimensionalNet(_ xs: [Double], m: Int) -> Bool {
        // Coordinates are multiples of 2^-53, so x 2^m is exact and truncation gives the interval.
        xs.count == 1 << m && Set(xs.map { Int($0 * Double(1 << m)) }).count == 1 << m
    }

    /// Whether every elementary box `[a 2^-k, (a + 1) 2^-k) x [b 2^-(m-k), (b + 1) 2^-(m-k))` holds exactly one of
    /// the `2^m` points `(xs[i], ys[i])`, for every `k` in `0...m`: a (0, m, 2)-net in base 2.
    private static func isTwoDimensionalNet(_ xs: [Double], _ ys: [Double], m: Int) -> Bool {
        guard xs.count == 1 << m, ys.count == 1 << m else { return false }
        return (0...m).allSatisfy { k in
            let boxes = zip(xs, ys).map { x, y in Int(x * Double(1 << k)) << (m - k) | Int(y * Double(1 << (m - k))) }
            return Set(boxes).count == 1 << m
        }
    }

    private static func bits(_ points: [[Double]]) -> [[UInt64]] {
        points.map { $0.map(\.bitPattern) }
    }
}
