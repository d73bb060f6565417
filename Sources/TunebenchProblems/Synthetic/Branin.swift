import Foundation

/// The Branin (Branin-Hoo) function, two-dimensional with three global minimizers.
///
/// ```
/// f(x) = a (x2 - b x1² + c x1 - r)² + s (1 - t) cos(x1) + s,
/// a = 1, b = 5.1 / (4π²), c = 5 / π, r = 6, s = 10, t = 1 / (8π)
/// ```
///
/// - Domain: `x1 ∈ [-5, 10]`, `x2 ∈ [0, 15]`.
/// - Minimum: `f* = 5 / (4π) = 0.397887357729738...` (published as 0.397887).
/// - Minimizers: `(-π, 12.275)`, `(π, 2.275)`, `(3π, 2.475)` (published as `(9.42478, 2.475)`).
///
/// The minimum is exact: at `x1 = π` the quadratic term vanishes for `x2 = 2.275` and `cos π = -1`, leaving
/// `10 t = 5 / (4π)`; the same holds at `-π` and `3π`.
///
/// Sources: F. H. Branin, "Widely convergent method for finding multiple solutions of simultaneous nonlinear
/// equations", IBM J. Res. Dev. 16(5), 1972; L. C. W. Dixon and G. P. Szegő, "The global optimisation problem:
/// an introduction", in *Towards Global Optimisation 2*, North-Holland, 1978; S. Surjanovic and D. Bingham,
/// Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/branin.html.
public struct Branin: SyntheticFunction {
    /// The Branin function with its usual constants and domain.
    public init() {}

    public var name: String { "branin" }

    public var bounds: [ClosedRange<Double>] { [-5...10, 0...15] }

    /// `5 / (4π)`, the exact minimum (published 0.397887).
    public var minimum: Double { 5 / (4 * Double.pi) }

    /// A shifted instance: the function is defined on all of R^2, whose minimum there is the box's (the first term vanishes on a curve, the cosine term is least at odd multiples of π).
    public var instanceScheme: InstanceScheme { .shift(rotated: false) }

    public var minimizers: [[Double]] { [[-Double.pi, 12.275], [Double.pi, 2.275], [3 * Double.pi, 2.475]] }

    public func value(_ x: [Double]) -> Double {
        Self.value(x[0], x[1])
    }

    public var hasGradient: Bool { true }

    /// The gradient `(2a q (c - 2b x1) - s (1 - t) sin x1, 2a q)` with `q = x2 - b x1² + c x1 - r`.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let t = 1 / (8 * Double.pi)
        let x1 = x[0]
        let q = x[1] - b * x1 * x1 + c * x1 - 6
        gradient[0] = 2 * q * (c - 2 * b * x1) - 10 * (1 - t) * sin(x1)
        gradient[1] = 2 * q
        return true
    }

    /// The Branin function of two coordinates, shared with ``BraninMixed``.
    @inline(__always)
    static func value(_ x1: Double, _ x2: Double) -> Double {
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let t = 1 / (8 * Double.pi)
        let q = x2 - b * x1 * x1 + c * x1 - 6
        return q * q + 10 * (1 - t) * cos(x1) + 10
    }
}
