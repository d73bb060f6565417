import Foundation

/// Gramacy et al.'s toy problem, 2-D with a linear objective and two constraints, one of them a sinusoidal ridge.
///
/// ```
/// f(x)  = x1 + x2,
/// c1(x) = 1.5 - x1 - 2 x2 - 0.5 sin(2π (x1² - 2 x2)) <= 0,
/// c2(x) = x1² + x2² - 1.5 <= 0,                                   x ∈ [0, 1]²
/// ```
///
/// - Minimum: `f* = 0.599788052010069` at `(0.19512268861, 0.40466536340)`, where `c1` is active and `c2 = -1.298`
///   (computed by `Tests/Scripts/constrained_optima.py`; published as 0.5998 at `(0.1954, 0.4044)`, a rounded point
///   that is feasible). The feasible region is disconnected: about 46% of the box.
///
/// Source: R. B. Gramacy, G. A. Gray, S. Le Digabel, H. K. H. Lee, P. Ranjan, G. Wells and S. M. Wild, "Modeling an
/// augmented Lagrangian for blackbox constrained optimization", Technometrics 58(1):1-11, 2016; the same constants
/// in BoTorch's `ConstrainedGramacy` and Spearmint's `examples/toy`.
public struct Gramacy: ConstrainedFunction {
    public init() {}

    public var name: String { "gramacy" }
    public var bounds: [ClosedRange<Double>] { [0...1, 0...1] }
    public var constraintCount: Int { 2 }
    public var minimum: Double { 0.599788052010069 }
    public var minimizer: [Double] { [0.1951226886147587, 0.40466536339531034] }

    public func value(_ x: [Double]) -> Double {
        x[0] + x[1]
    }

    public func constraints(_ x: [Double], into c: inout [Double]) {
        c[0] = 1.5 - x[0] - 2 * x[1] - 0.5 * sin(2 * Double.pi * (x[0] * x[0] - 2 * x[1]))
        c[1] = x[0] * x[0] + x[1] * x[1] - 1.5
    }
}
