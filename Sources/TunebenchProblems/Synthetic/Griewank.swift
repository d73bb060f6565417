import Foundation

/// The Griewank function, `d`-dimensional: a wide bowl with a product of cosines adding many local minima.
///
/// ```
/// f(x) = Σ_{i=1}^{d} x_i² / 4000 - Π_{i=1}^{d} cos(x_i / √i) + 1
/// ```
///
/// - Domain: `[-600, 600]^d`.
/// - Minimum: `f* = 0`, exact (the product of cosines is at most 1, and the sum vanishes only at the origin).
/// - Minimizer: the origin.
///
/// Sources: A. O. Griewank, "Generalized descent for global optimization", J. Optim. Theory Appl. 34(1), 1981;
/// M. Jamil and X.-S. Yang, Int. J. Math. Model. Numer. Optim. 4(2), 2013; S. Surjanovic and
/// D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/griewank.html.
public struct Griewank: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Griewank function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "griewank")
        self.dimension = dimension
    }

    public var name: String { "griewank" }

    public var bounds: [ClosedRange<Double>] { cube(-600, 600, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted and rotated instance: the function is defined on all of R^d with its minimum 0 only at the origin, and not separable.
    public var instanceScheme: InstanceScheme { .shift(rotated: true) }

    public var minimizers: [[Double]] { [[Double](repeating: 0, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        var product = 1.0
        for (index, xi) in x.enumerated() {
            sum += xi * xi
            product *= cos(xi / Double(index + 1).squareRoot())
        }
        return sum / 4000 - product + 1
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = x_i / 2000 + sin(x_i / √i) / √i · Π_{j≠i} cos(x_j / √j)`.
    ///
    /// The products over `j ≠ i` are a prefix product (kept in `gradient` on the way up) times a suffix product
    /// (on the way down), so no cosine is divided by and a zero cosine is harmless.
    ///
    /// - Complexity: `2d` cosines and `d` sines, no allocation.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        var prefix = 1.0
        for index in x.indices {
            gradient[index] = prefix
            prefix *= cos(x[index] / Double(index + 1).squareRoot())
        }
        var suffix = 1.0
        for index in x.indices.reversed() {
            let root = Double(index + 1).squareRoot()
            let u = x[index] / root
            gradient[index] = x[index] / 2000 + sin(u) / root * gradient[index] * suffix
            suffix *= cos(u)
        }
        return true
    }
}
