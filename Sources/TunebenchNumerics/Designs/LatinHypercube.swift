/// Latin hypercube designs in `[0, 1)^d`: every coordinate puts exactly one point in each of `n` equal strata.
///
/// Point `i` (of `n`) has coordinates
///
///     x_(i,j) = (pi_j(i) + u_(i,j)) / n,
///
/// where `pi_1, ..., pi_d` are independent uniform random permutations of `0..<n` and `u_(i,j)` is uniform in
/// `[0, 1)` (a jitter inside the stratum), or `1/2` for a centred design (M. D. McKay, R. J. Beckman and W. J.
/// Conover, "A comparison of three methods for selecting values of input variables in the analysis of output from
/// a computer code", Technometrics 21(2), 1979, 239-245). Each point is uniform in the cube, and each
/// one-dimensional projection is stratified, which makes averages over the design at least as accurate as over `n`
/// independent points for functions monotone in each coordinate. Rounding is guarded so that `x_(i,j)` always lies in
/// `[pi_j(i) / n, (pi_j(i) + 1) / n)` as computed in floating point.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 42)
/// let design = try LatinHypercube(dimension: 3).points(count: 10, using: &generator)
/// ```
public struct LatinHypercube: Sendable, Equatable {
    /// The number of coordinates of each point.
    public let dimension: Int

    /// Whether points sit at the centres of their strata (`u = 1/2`) instead of uniformly inside them.
    public let isCentered: Bool

    /// Creates a Latin hypercube design.
    ///
    /// - Parameters:
    ///   - dimension: The number of coordinates, at least 1.
    ///   - centered: Whether to place each point at the centre of its strata rather than at a uniform position.
    /// - Throws: `NumericsError.dimensionOutOfRange` for a dimension below 1.
    public init(dimension: Int, centered: Bool = false) throws {
        guard dimension >= 1 else {
            throw NumericsError.dimensionOutOfRange(
                design: "LatinHypercube",
                dimension: dimension,
                supported: 1...Int.max
            )
        }
        self.dimension = dimension
        self.isCentered = centered
    }

    /// Draws a design of `count` points.
    ///
    /// For each coordinate in turn, the draws are the permutation `generator.permutation(count)`, then (unless the
    /// design is centred) the jitters `generator.nextUnit()` for points `0..<count`.
    ///
    /// - Parameters:
    ///   - count: The number of points `n`, at least 1; it is also the number of strata per coordinate.
    ///   - generator: The source of the permutations and jitters; the same generator state gives the same design.
    /// - Returns: `count` arrays of `dimension` coordinates, each in `[0, 1)`.
    /// - Throws: `NumericsError.pointCountOutOfRange` for a count below 1.
    /// - Complexity: O(`count` `dimension`).
    public func points(count: Int, using generator: inout some RandomNumberGenerator) throws -> [[Double]] {
        guard count >= 1 else {
            throw NumericsError.pointCountOutOfRange(design: "LatinHypercube", count: count, supported: 1...Int.max)
        }
        let n = Double(count)
        var points = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
        for j in 0..<dimension {
            let strata = generator.permutation(count)
            for i in 0..<count {
                let stratum = Double(strata[i])
                let jitter = isCentered ? 0.5 : generator.nextUnit()
                // (k + u) can round up to k + 1 when u is within an ulp of 1; keep the point inside its stratum.
                let upper = (stratum + 1) / n
                let x = (stratum + jitter) / n
                points[i][j] = x < upper ? x : upper.nextDown
            }
        }
        return points
    }
}
