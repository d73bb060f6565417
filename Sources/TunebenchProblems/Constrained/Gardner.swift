import Foundation

/// Gardner et al.'s simulation problem, 2-D with one constraint.
///
/// ```
/// f(x) = cos(2 x1) cos(x2) + sin(x1),
/// c(x) = cos(x1) cos(x2) - sin(x1) sin(x2) - 0.5 = cos(x1 + x2) - 0.5 <= 0,    x ∈ [0, 6]²
/// ```
///
/// - Minimum: `f* = -2` at `(3π/2, 0)`, on the edge `x2 = 0`, where `c = -0.5`. It is also the unconstrained minimum
///   (`f >= -2` everywhere, with equality only there in the box), so the constraint is inactive: the problem tests
///   whether an optimizer keeps to the feasible bands (two thirds of the box) while it searches, not whether it finds
///   a constraint boundary.
///
/// Source: J. R. Gardner, M. J. Kusner, Z. Xu, K. Q. Weinberger and J. P. Cunningham, "Bayesian optimization with
/// inequality constraints", ICML 2014, PMLR 32(2):937-945, section 5.1; the formula as transcribed by trieste's
/// "inequality constraints" notebook.
public struct Gardner: ConstrainedFunction {
    public init() {}

    public var name: String { "gardner" }
    public var bounds: [ClosedRange<Double>] { [0...6, 0...6] }
    public var constraintCount: Int { 1 }
    /// -2, exactly: `cos(2 x1) cos(x2) >= -1` and `sin(x1) >= -1`, both attained at `(3π/2, 0)` only.
    public var minimum: Double { -2 }
    public var minimizer: [Double] { [3 * Double.pi / 2, 0] }

    public func value(_ x: [Double]) -> Double {
        cos(2 * x[0]) * cos(x[1]) + sin(x[0])
    }

    public func constraints(_ x: [Double], into c: inout [Double]) {
        c[0] = cos(x[0]) * cos(x[1]) - sin(x[0]) * sin(x[1]) - 0.5
    }
}
