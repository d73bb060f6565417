import Foundation

/// The Levy function, `d`-dimensional, with many local minima on a bowl.
///
/// ```
/// f(x) = sin²(π w_1) + Σ_{i=1}^{d-1} (w_i - 1)² [1 + 10 sin²(π w_i + 1)] + (w_d - 1)² [1 + sin²(2π w_d)],
/// w_i = 1 + (x_i - 1) / 4
/// ```
///
/// - Domain: `[-10, 10]^d`.
/// - Minimum: `f* = 0`, exact (every term is non-negative and vanishes at `w = 1`).
/// - Minimizer: `(1, ..., 1)`.
///
/// Sources: A. V. Levy and A. Montalvo, "The tunneling algorithm for the global minimization of functions",
/// SIAM J. Sci. Stat. Comput. 6(1), 1985; S. Surjanovic and D. Bingham, Virtual Library of Simulation
/// Experiments, https://www.sfu.ca/~ssurjano/levy.html (the form used here).
public struct Levy: SyntheticFunction {
    /// The dimensions the function is offered in.
    public static let dimensions: ClosedRange<Int> = 1...1000

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Levy function.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is outside
    ///   ``dimensions``.
    public init(dimension: Int) throws {
        try ProblemsError.checkDimension(dimension, in: Self.dimensions, problem: "levy")
        self.dimension = dimension
    }

    public var name: String { "levy" }

    public var bounds: [ClosedRange<Double>] { cube(-10, 10, dimension: dimension) }

    public var minimum: Double { 0 }

    /// A shifted instance: the function is defined on all of R^d with its minimum 0 at (1, ..., 1), and separable.
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[Double](repeating: 1, count: dimension)] }

    public func value(_ x: [Double]) -> Double {
        let d = x.count
        let w1 = 1 + (x[0] - 1) / 4
        let first = sin(Double.pi * w1)
        var sum = first * first
        for i in 0..<(d - 1) {
            let w = 1 + (x[i] - 1) / 4
            let s = sin(Double.pi * w + 1)
            sum += (w - 1) * (w - 1) * (1 + 10 * s * s)
        }
        let wd = 1 + (x[d - 1] - 1) / 4
        let s = sin(2 * Double.pi * wd)
        return sum + (wd - 1) * (wd - 1) * (1 + s * s)
    }

    public var hasGradient: Bool { true }

    /// The gradient by the chain rule, `∂f/∂x_i = (1/4) ∂f/∂w_i`, where `∂f/∂w_i` sums the derivatives of the
    /// terms containing `w_i`:
    ///
    /// ```
    /// first term (i = 1):      π sin(2π w_1)
    /// sum term (i < d):        2 (w_i - 1) [1 + 10 sin²(π w_i + 1)] + 10π (w_i - 1)² sin(2π w_i + 2)
    /// last term (i = d):       2 (w_d - 1) [1 + sin²(2π w_d)] + 2π (w_d - 1)² sin(4π w_d)
    /// ```
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        let d = x.count
        for i in 0..<d {
            let w = 1 + (x[i] - 1) / 4
            let square = (w - 1) * (w - 1)
            var derivative = 0.0
            if i == 0 {
                derivative += Double.pi * sin(2 * Double.pi * w)
            }
            if i < d - 1 {
                let s = sin(Double.pi * w + 1)
                derivative += 2 * (w - 1) * (1 + 10 * s * s) + 10 * Double.pi * square * sin(2 * Double.pi * w + 2)
            }
            if i == d - 1 {
                let s = sin(2 * Double.pi * w)
                derivative += 2 * (w - 1) * (1 + s * s) + 2 * Double.pi * square * sin(4 * Double.pi * w)
            }
            gradient[i] = derivative / 4
        }
        return true
    }
}
