/// The sphere function, `d`-dimensional: the convex quadratic baseline.
///
/// ```
/// f(x) = Σ_{i=1}^{d} x_i²
/// ```
///
/// - Domain: `[-5.12, 5.12]^d`.
/// - Minimum: `f* = 0`, exact.
/// - Minimizer: the origin.
///
/// Sources: K. A. De Jong, *An Analysis of the Behavior of a Class of Genetic Adaptive Systems*, PhD thesis,
/// University of Michigan, 1975 (function F1); M. Jamil and X.-S. Yang, Int. J. Math. Model. Numer. Optim. 4(2),
/// 2013; S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments,
/// https://www.sfu.ca/~ssurjano/spheref.html.
public struct Sphere: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional sphere function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "sphere")
        self.dimension = dimension
    }

    public var name: String { "sphere" }

    public var bounds: [ClosedRange<Double>] { cube(-5.12, 5.12, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted instance: the function is defined on all of R^d; a rotation would not change it.
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[Double](repeating: 0, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for xi in x {
            sum += xi * xi
        }
        return sum
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = 2 x_i`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for (index, xi) in x.enumerated() {
            gradient[index] = 2 * xi
        }
        return true
    }
}
