import Foundation

/// The Ackley function, `d`-dimensional: a nearly flat outer region and a deep funnel of many regular local
/// minima around the origin.
///
/// ```
/// f(x) = -a exp(-b sqrt(Σ x_i² / d)) - exp(Σ cos(c x_i) / d) + a + e,   a = 20, b = 0.2, c = 2π
/// ```
///
/// - Domain: `[-32.768, 32.768]^d`.
/// - Minimum: `f* = 0`, exact (computed as `0` up to rounding of `e - e`).
/// - Minimizer: the origin.
///
/// Sources: D. H. Ackley, *A Connectionist Machine for Genetic Hillclimbing*, Kluwer, 1987; M. Jamil and
/// X.-S. Yang, Int. J. Math. Model. Numer. Optim. 4(2), 2013; S. Surjanovic and D. Bingham, Virtual
/// Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/ackley.html.
public struct Ackley: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Ackley function with the usual constants `a = 20`, `b = 0.2`, `c = 2π`.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "ackley")
        self.dimension = dimension
    }

    public var name: String { "ackley" }

    public var bounds: [ClosedRange<Double>] { cube(-32.768, 32.768, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted and rotated instance: the function is defined on all of R^d with its minimum 0 only at the origin, and not separable.
    public var instanceScheme: InstanceScheme { .shift(rotated: true) }

    public var minimizers: [[Double]] { [[Double](repeating: 0, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        let (squares, cosines) = Self.sums(x)
        let d = Double(x.count)
        return -20 * exp(-0.2 * (squares / d).squareRoot()) - exp(cosines / d) + 20 + M_E
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = 4 exp(-b r) x_i / (d r) + (c / d) exp(Σ_j cos(c x_j) / d) sin(c x_i)` with
    /// `r = sqrt(Σ_j x_j² / d)` (`a b = 4`).
    ///
    /// At the origin the first term is the tip of a cone, `-a exp(-b r) ≈ -a + 4r`, and has no derivative; the
    /// subgradient 0 is used there (the cone's subdifferential is the ball of radius `4 / √d`), so the gradient at
    /// the minimizer is 0.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        let (squares, cosines) = Self.sums(x)
        let d = Double(x.count)
        let r = (squares / d).squareRoot()
        let radial = r > 0 ? 4 * exp(-0.2 * r) / (d * r) : 0
        let periodic = 2 * Double.pi / d * exp(cosines / d)
        for i in x.indices {
            gradient[i] = radial * x[i] + periodic * sin(2 * Double.pi * x[i])
        }
        return true
    }

    /// `Σ x_i²` and `Σ cos(2π x_i)`.
    private static func sums(_ x: [Double]) -> (squares: Double, cosines: Double) {
        var squares = 0.0
        var cosines = 0.0
        for xi in x {
            squares += xi * xi
            cosines += cos(2 * Double.pi * xi)
        }
        return (squares, cosines)
    }
}
