/// Spearmint's constrained Branin: the Branin function (``Branin``) on its usual box, with the part below the
/// diagonal (`x2 < x1`) and the part above the line `x2 = 10` cut away.
///
/// ```
/// f(x)  = Branin(x1, x2),
/// c1(x) = x1 - x2 <= 0,
/// c2(x) = x2 - 10 <= 0,                x1 ∈ [-5, 10], x2 ∈ [0, 15]
/// ```
///
/// - Minimum: `f* = 0.8446741296445861` at `(2.9451328162514, 2.9451328162514)`, on the diagonal (`c1` active); each
///   of Branin's three unconstrained minimizers breaks a constraint (computed by
///   `Tests/Scripts/constrained_optima.py`; Spearmint's file gives 0.8447 at `(2.945, 2.945)`). About 44% of the box
///   is feasible.
///
/// Source: HIPS/Spearmint, `examples/constrained/branin_con.py` and its `config.json`, the constrained example of
/// Spearmint (Snoek, Larochelle and Adams' Bayesian optimization package).
public struct ConstrainedBranin: ConstrainedFunction {
    public init() {}

    public var name: String { "branin-constrained" }
    public var bounds: [ClosedRange<Double>] { [-5...10, 0...15] }
    public var constraintCount: Int { 2 }
    public var minimum: Double { 0.8446741296445861 }
    public var minimizer: [Double] { [2.9451328162513577, 2.9451328162513613] }

    public func value(_ x: [Double]) -> Double {
        Branin.value(x[0], x[1])
    }

    public func constraints(_ x: [Double], into c: inout [Double]) {
        c[0] = x[0] - x[1]
        c[1] = x[1] - 10
    }
}
