/// The Styblinski-Tang function, `d`-dimensional and separable, with `2^d` local minima.
///
/// ```
/// f(x) = ½ Σ_{i=1}^{d} (x_i⁴ - 16 x_i² + 5 x_i)
/// ```
///
/// - Domain: `[-5, 5]^d`.
/// - Minimum: `f* = -39.16616570377141546... d` (published as `-39.16599 d` by SFU VLSE, a slight overestimate,
///   and as `-39.166166 d` by BoTorch).
/// - Minimizer: `x_i = -2.90353402777117709...` for every `i` (published as -2.903534).
///
/// The function is a sum of one-dimensional terms, so its minimizer is the smaller root of the derivative of one
/// term, `4x³ - 32x + 5 = 0`.
///
/// Sources: M. A. Styblinski and T.-S. Tang, "Experiments in nonconvex optimization: stochastic approximation
/// with function smoothing and simulated annealing", Neural Networks 3(4), 1990; S. Surjanovic and D. Bingham,
/// Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/stybtang.html.
public struct StyblinskiTang: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The minimizer of one term: the root of `4x³ - 32x + 5` near -2.9, found with mpmath 1.3 `findroot` in
    /// 40-digit arithmetic (-2.9035340277711770951...) and rounded to the nearest double.
    public static let coordinateMinimizer = -2.903534027771177

    /// The minimum of one term, `½ (x⁴ - 16x² + 5x)` at ``coordinateMinimizer``, computed in 40-digit arithmetic
    /// (mpmath 1.3): -39.166165703771415463893...
    public static let coordinateMinimum = -39.166165703771415

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Styblinski-Tang function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "styblinski-tang")
        self.dimension = dimension
    }

    public var name: String { "styblinski-tang" }

    public var bounds: [ClosedRange<Double>] { cube(-5, 5, dimension: dimension) }

    /// `d` times ``coordinateMinimum``.
    public var minimum: Double { Self.coordinateMinimum * Double(dimension) }

    /// A shifted instance: the function is defined on all of R^d, minimised coordinate by coordinate at -2.903534..., and separable.
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[Double](repeating: Self.coordinateMinimizer, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for xi in x {
            let square = xi * xi
            sum += square * square - 16 * square + 5 * xi
        }
        return sum / 2
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = 2 x_i³ - 16 x_i + 5/2`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for (index, xi) in x.enumerated() {
            gradient[index] = (2 * xi * xi - 16) * xi + 2.5
        }
        return true
    }
}
