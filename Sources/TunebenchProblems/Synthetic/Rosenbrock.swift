/// The Rosenbrock function ("banana valley"), `d`-dimensional, unimodal for `d ≤ 3` with a long curved valley.
///
/// ```
/// f(x) = Σ_{i=1}^{d-1} [100 (x_{i+1} - x_i²)² + (x_i - 1)²]
/// ```
///
/// - Domain: `[-5, 10]^d`.
/// - Minimum: `f* = 0`, exact.
/// - Minimizer: `(1, ..., 1)`.
///
/// Sources: H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a function",
/// The Computer Journal 3(3), 1960; M. Jamil and X.-S. Yang, "A literature survey of benchmark functions for
/// global optimization problems", Int. J. Math. Model. Numer. Optim. 4(2), 2013; S. Surjanovic and
/// D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/rosen.html.
public struct Rosenbrock: SyntheticFunction {
    /// The dimensions the function is defined for: at least two (with one coordinate the sum is empty).
    public static let dimensions: ClosedRange<Int> = 2...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Rosenbrock function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "rosenbrock")
        self.dimension = dimension
    }

    public var name: String { "rosenbrock" }

    public var bounds: [ClosedRange<Double>] { cube(-5, 10, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted and rotated instance: the function is defined on all of R^d with its minimum 0 at (1, ..., 1), and not separable (COCO's f9 rotates it).
    public var instanceScheme: InstanceScheme { .shift(rotated: true) }

    public var minimizers: [[Double]] { [[Double](repeating: 1, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<(x.count - 1) {
            let valley = x[i + 1] - x[i] * x[i]
            let offset = x[i] - 1
            sum += 100 * valley * valley + offset * offset
        }
        return sum
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_k = -400 x_k (x_{k+1} - x_k²) + 2 (x_k - 1) + 200 (x_k - x_{k-1}²)`, where the first
    /// two terms are absent for `k = d` and the last for `k = 1`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for k in x.indices {
            gradient[k] = 0
        }
        for i in 0..<(x.count - 1) {
            let valley = x[i + 1] - x[i] * x[i]
            gradient[i] += -400 * x[i] * valley + 2 * (x[i] - 1)
            gradient[i + 1] += 200 * valley
        }
        return true
    }
}
