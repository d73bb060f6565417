/// The tension/compression spring design problem: the weight of a spring under four constraints (shear stress,
/// surge frequency, deflection, outer diameter).
///
/// With `x = (d, D, N)`: wire diameter, mean coil diameter, number of active coils,
/// ```
/// f(x)  = (N + 2) D d²,
/// c1(x) = 1 - D³ N / (71785 d⁴) <= 0,
/// c2(x) = (4 D² - d D) / (12566 (D d³ - d⁴)) + 1 / (5108 d²) - 1 <= 0,
/// c3(x) = 1 - 140.45 d / (D² N) <= 0,
/// c4(x) = (d + D) / 1.5 - 1 <= 0,                 d ∈ [0.05, 2], D ∈ [0.25, 1.3], N ∈ [2, 15]
/// ```
/// (the parameters are `x1 = d`, `x2 = D`, `x3 = N`; `N` is treated as continuous, as in the CEC 2020 suite).
///
/// - Minimum: `f* = 0.012665232788320626` at `(0.0516890602, 0.3567177189, 11.2889669785)`, `c1` and `c2` active
///   (computed by `Tests/Scripts/constrained_optima.py`; the CEC 2020 real-world suite's best known value for RC17 is
///   0.01266523278). Less than 1% of the box is feasible.
///
/// Sources: J. S. Arora, *Introduction to Optimum Design*, McGraw-Hill 1989; C. A. Coello Coello, "Use of a
/// self-adaptive penalty approach for engineering optimization problems", Computers in Industry 41(2), 2000;
/// A. Kumar et al., "A test-suite of non-convex constrained optimization problems from the real-world and some
/// baseline results", Swarm and Evolutionary Computation 56, 2020 (problem RC17).
public struct TensionSpring: ConstrainedFunction {
    public init() {}

    public var name: String { "spring" }
    public var bounds: [ClosedRange<Double>] { [0.05...2, 0.25...1.3, 2...15] }
    public var constraintCount: Int { 4 }
    public var minimum: Double { 0.012665232788320626 }
    public var minimizer: [Double] { [0.051689060212850545, 0.3567177188716026, 11.288966978548219] }

    public func value(_ x: [Double]) -> Double {
        (x[2] + 2) * x[1] * x[0] * x[0]
    }

    public func constraints(_ x: [Double], into c: inout [Double]) {
        let (d, D, N) = (x[0], x[1], x[2])
        let d2 = d * d
        c[0] = 1 - D * D * D * N / (71785 * d2 * d2)
        c[1] = (4 * D * D - d * D) / (12566 * (D * d2 * d - d2 * d2)) + 1 / (5108 * d2) - 1
        c[2] = 1 - 140.45 * d / (D * D * N)
        c[3] = (d + D) / 1.5 - 1
    }
}
