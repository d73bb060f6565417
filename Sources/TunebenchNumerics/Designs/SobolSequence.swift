/// Sobol's low-discrepancy sequence in `[0, 1)^d`, plain or scrambled.
///
/// Point `n` (counting from 0) of coordinate `j` is the binary fraction
///
///     x_(n,j) = g_1(n) V_(j,1) xor g_2(n) V_(j,2) xor ... xor g_64(n) V_(j,64),
///
/// where `g(n) = n xor (n >> 1)` is the Gray code of `n` with bits `g_1, g_2, ...` from the least significant, and
/// `V_(j,k)` are the direction numbers of `SobolDirectionNumbers` (Joe and Kuo's D(6) set). Consecutive Gray codes
/// differ in one bit, the lowest set bit `c(n)` of `n`, so each point costs one exclusive or per coordinate,
/// `x_n = x_(n-1) xor V_(c(n))` (Antonov and Saleev 1979). The points come in the same order as SciPy's
/// `scipy.stats.qmc.Sobol`, and without scrambling they are equal to SciPy's, starting with the origin.
///
/// Coordinates are computed with 64 binary digits and returned as the top 53, `floor(x 2^53) 2^-53`, a double in
/// `[0, 1)`. For every `m`, the first `2^m` points (and every later block of `2^m` points starting at a multiple of
/// `2^m`) put exactly one point in each of the intervals `[k 2^-m, (k + 1) 2^-m)` of every coordinate, and the first
/// two coordinates form a `(0, m, 2)`-net (one point in each dyadic box of area `2^-m`). Draw a power of two
/// points and keep the first one: dropping points spoils these properties (A. B. Owen, "On dropping the first Sobol'
/// point", in Monte Carlo and Quasi-Monte Carlo Methods 2020, Springer, 2022, 71-86). Points stay distinct as
/// doubles up to `2^53` of them.
///
/// With scrambling, each coordinate's generator matrix `C_j` (column `k` holds the digits of `V_(j,k)`) is replaced
/// by `L_j C_j` and the point is shifted by a random digit vector `e_j`,
///
///     x'_(n,j) = L_j C_j g(n) xor e_j,
///
/// where `L_j` is a random lower-triangular binary matrix with unit diagonal, so that digit `i` of the result depends
/// only on digits `1 ... i` of the plain point (Matoušek's linear matrix scrambling with a digital shift; J.
/// Matoušek, "On the L2-discrepancy for anchored boxes", J. Complexity 14(4), 1998, 527-556; SciPy's
/// `scramble=True`). `L_j` is invertible and triangular, so the net properties above still hold, while each point
/// is uniformly distributed in the cube and estimates built on the points are unbiased. Since the scrambling is
/// linear it is applied once to the direction numbers, and the recursion starts at `e_j` instead of the origin.
///
/// References: I. M. Sobol', "On the distribution of points in a cube and the approximate evaluation of
/// integrals", USSR Comput. Math. Math. Phys. 7(4), 1967, 86-112; I. A. Antonov and V. M. Saleev, "An economic
/// method of computing LP_tau-sequences", USSR Comput. Math. Math. Phys. 19(1), 1979, 252-256; S. Joe and F. Y. Kuo,
/// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30(5), 2008,
/// 2635-2654.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 42)
/// var sobol = try SobolSequence(dimension: 3, scramble: true, using: &generator)
/// let design = sobol.next(count: 16)   // 16 points in [0, 1)^3
/// ```
public struct SobolSequence: Sendable {
    /// The largest dimension with direction numbers: the number of coordinates of Joe and Kuo's table shipped here.
    public static var maximumDimension: Int { SobolDirectionNumbers.maximumDimension }

    /// The number of coordinates of each point.
    public let dimension: Int

    /// Whether the sequence is scrambled (linear matrix scrambling plus a digital shift).
    public let isScrambled: Bool

    /// The index of the point that `next()` returns next, equal to the number of points drawn or skipped so far.
    public private(set) var index: Int = 0

    /// The (scrambled) direction numbers, bit-major: element `c * dimension + j` is `V_(j+1, c+1)`.
    private let directions: [UInt64]

    /// Point 0 as integers: zero, or the digital shift `e` when scrambled.
    private let origin: [UInt64]

    /// Point `index` as integers, most significant digit first.
    private var state: [UInt64]

    /// Creates the plain (unscrambled) sequence, whose points equal SciPy's `qmc.Sobol(d, scramble=False)`.
    ///
    /// - Parameter dimension: The number of coordinates, in `1...SobolSequence.maximumDimension`.
    /// - Throws: `NumericsError.dimensionOutOfRange` for any other dimension.
    /// - Complexity: O(64 `dimension`).
    public init(dimension: Int) throws {
        try Self.validate(dimension)
        self.init(
            dimension: dimension,
            isScrambled: false,
            directions: Self.plainDirections(dimension: dimension),
            origin: [UInt64](repeating: 0, count: dimension)
        )
    }

    /// Creates the sequence, scrambled with random draws from `generator` or plain.
    ///
    /// For each coordinate in turn, the scrambling draws the digital shift (64 random bits), then the rows 2 to 64
    /// of `L_j` below the diagonal (one 64-bit word per row, of which row `i` keeps `i - 1` bits). Each 64-bit word
    /// is one output of the generator's `next()`. A plain sequence draws nothing.
    ///
    /// - Parameters:
    ///   - dimension: The number of coordinates, in `1...SobolSequence.maximumDimension`.
    ///   - scramble: Whether to apply linear matrix scrambling and a digital shift.
    ///   - generator: The source of the scrambling; the same generator state gives the same points.
    /// - Throws: `NumericsError.dimensionOutOfRange` for a dimension outside `1...maximumDimension`.
    /// - Complexity: O(64 `dimension`), and O(64^2 `dimension`) when scrambling.
    public init(dimension: Int, scramble: Bool, using generator: inout some RandomNumberGenerator) throws {
        guard scramble else {
            try self.init(dimension: dimension)
            return
        }
        try Self.validate(dimension)
        let bits = SobolDirectionNumbers.bitCount
        var directions = Self.plainDirections(dimension: dimension)
        var origin = [UInt64](repeating: 0, count: dimension)
        var lower = [UInt64](repeating: 0, count: bits)
        for j in 0..<dimension {
            origin[j] = generator.next()
            // Row i of L (digit i + 1 of the result, counting from the most significant) as a bit mask over the input
            // digits: random bits above the diagonal bit position, the diagonal set, nothing below.
            for i in 0..<bits {
                let diagonal: UInt64 = 1 << UInt64(bits - 1 - i)
                let above = i == 0 ? 0 : generator.next() & ~(diagonal << 1 &- 1)
                lower[i] = above | diagonal
            }
            for c in 0..<bits {
                let v = directions[c * dimension + j]
                var scrambled: UInt64 = 0
                for i in 0..<bits where (lower[i] & v).nonzeroBitCount & 1 == 1 {
                    scrambled |= 1 << UInt64(bits - 1 - i)
                }
                directions[c * dimension + j] = scrambled
            }
        }
        self.init(dimension: dimension, isScrambled: true, directions: directions, origin: origin)
    }

    private init(dimension: Int, isScrambled: Bool, directions: [UInt64], origin: [UInt64]) {
        self.dimension = dimension
        self.isScrambled = isScrambled
        self.directions = directions
        self.origin = origin
        self.state = origin
    }

    /// Writes the next point into `point` and advances the sequence.
    ///
    /// - Parameter point: An array of `dimension` elements, overwritten with the coordinates of point `index`.
    /// - Precondition: `point.count == dimension`, and fewer than `Int.max` points drawn.
    /// - Complexity: O(`dimension`).
    public mutating func next(into point: inout [Double]) {
        precondition(point.count == dimension, "SobolSequence.next(into:) needs \(dimension) elements")
        precondition(index < Int.max, "SobolSequence is exhausted after Int.max points")
        let dimension = self.dimension
        index += 1
        let base = index.trailingZeroBitCount * dimension
        directions.withUnsafeBufferPointer { directions in
            state.withUnsafeMutableBufferPointer { state in
                point.withUnsafeMutableBufferPointer { point in
                    for j in 0..<dimension {
                        point[j] = Double(state[j] >> 11) * 0x1.0p-53
                        state[j] ^= directions[base + j]
                    }
                }
            }
        }
    }

    /// Returns the next point and advances the sequence.
    ///
    /// - Returns: The `dimension` coordinates of point `index`, each in `[0, 1)`.
    /// - Complexity: O(`dimension`).
    public mutating func next() -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        next(into: &point)
        return point
    }

    /// Returns the next `count` points and advances the sequence past them.
    ///
    /// Take `count` a power of two, starting from a multiple of it, to keep the net properties.
    ///
    /// - Parameter count: The number of points, at least 0.
    /// - Returns: `count` arrays of `dimension` coordinates.
    /// - Complexity: O(`count` `dimension`).
    public mutating func next(count: Int) -> [[Double]] {
        precondition(count >= 0, "SobolSequence.next(count:) needs a count of at least 0, got \(count)")
        var points: [[Double]] = []
        points.reserveCapacity(count)
        var point = [Double](repeating: 0, count: dimension)
        for _ in 0..<count {
            next(into: &point)
            points.append(point)
        }
        return points
    }

    /// Skips `count` points, so that the next point returned is point `index + count`.
    ///
    /// Point `n` is computed directly from the Gray code `n xor (n >> 1)`, so skipping costs no more than one point
    /// per set bit of the code.
    ///
    /// - Parameter count: The number of points to skip, at least 0.
    /// - Precondition: `index + count` does not overflow `Int`.
    /// - Complexity: O(64 `dimension`).
    public mutating func skip(_ count: Int) {
        precondition(count >= 0, "SobolSequence.skip(_:) needs a count of at least 0, got \(count)")
        let (target, overflow) = index.addingReportingOverflow(count)
        precondition(!overflow, "SobolSequence.skip(_:) past Int.max points")
        moveTo(target)
    }

    /// Rewinds the sequence to its first point; a scrambled sequence keeps its scrambling.
    public mutating func reset() {
        moveTo(0)
    }

    /// Sets `state` to point `target`.
    private mutating func moveTo(_ target: Int) {
        index = target
        state = origin
        var gray = UInt64(target ^ (target >> 1))
        while gray != 0 {
            let base = gray.trailingZeroBitCount * dimension
            for j in 0..<dimension { state[j] ^= directions[base + j] }
            gray &= gray - 1
        }
    }

    private static func validate(_ dimension: Int) throws {
        guard (1...maximumDimension).contains(dimension) else {
            throw NumericsError.dimensionOutOfRange(
                design: "SobolSequence",
                dimension: dimension,
                supported: 1...maximumDimension
            )
        }
    }

    /// The unscrambled direction numbers of coordinates `1...dimension`, bit-major.
    private static func plainDirections(dimension: Int) -> [UInt64] {
        let bits = SobolDirectionNumbers.bitCount
        var directions = [UInt64](repeating: 0, count: bits * dimension)
        for j in 0..<dimension {
            let v = SobolDirectionNumbers.directionNumbers(coordinate: j + 1)
            for c in 0..<bits { directions[c * dimension + j] = v[c] }
        }
        return directions
    }
}
