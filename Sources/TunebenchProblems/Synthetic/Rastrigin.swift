import Foundation

/// The Rastrigin function, `d`-dimensional: a sphere modulated by a cosine, with a regular grid of local minima.
///
/// ```
/// f(x) = 10 d + Σ_{i=1}^{d} [x_i² - 10 cos(2π x_i)]
/// ```
///
/// - Domain: `[-5.12, 5.12]^d`.
/// - Minimum: `f* = 0`, exact (each term `x² + 10 (1 - cos 2πx)` is non-negative).
/// - Minimizer: the origin.
///
/// Sources: L. A. Rastrigin, *Systems of Extremal Control*, Nauka, Moscow, 1974 (two-dimensional);
/// H. Mühlenbein, M. Schomisch and J. Born, "The parallel genetic algorithm as function optimizer", Parallel
/// Computing 17, 1991 (`d`-dimensional); S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments,
/// https://www.sfu.ca/~ssurjano/rastr.html.
public struct Rastrigin: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Rastrigin function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "rastrigin")
        self.dimension = dimension
    }

    public var name: String { "rastrigin" }

    public var bounds: [ClosedRange<Double>] { cube(-5.12, 5.12, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted instance: the function is defined on all of R^d with its minimum 0 only at the origin, and separable (a rotation would change its character, COCO's f15 against f3).
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[Double](repeating: 0, count: dimension)] }

    /// Summed as `Σ [x_i² + 10 (1 - cos 2π x_i)]`, the same function written so that no term cancels `10 d`.
    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for xi in x {
            sum += xi * xi + 10 * (1 - cos(2 * Double.pi * xi))
        }
        return sum
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = 2 x_i + 20π sin(2π x_i)`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for (index, xi) in x.enumerated() {
            gradient[index] = 2 * xi + 20 * Double.pi * sin(2 * Double.pi * xi)
        }
        return true
    }
}
