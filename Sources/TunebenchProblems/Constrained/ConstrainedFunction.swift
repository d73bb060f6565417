/// A classic constrained test problem: minimize `f(x)` over a box subject to black-box constraints `c_i(x) <= 0`,
/// with a known constrained optimum.
///
/// Conformers are values (no state): the constants of the published problem. ``ConstrainedProblem`` makes one a
/// ``TunebenchCore/Problem``.
///
/// # Requirements
/// - `bounds` has one finite, non-empty interval per coordinate.
/// - `constraints(_:into:)` writes exactly ``constraintCount`` values, finite everywhere in the box.
/// - `minimum` is the least value of `f` over the feasible points of the box, to rounding, and `minimizer` a point of
///   the box that is feasible in double precision (every `c_i <= 0` exactly) where `f` equals `minimum`: both from
///   `Tests/Scripts/constrained_optima.py` (SciPy's SLSQP from 512 starts, polished, then moved a few units in the
///   last place into the feasible set), beside the published figure, and checked in `ConstrainedProblemTests`. The
///   true minimum may lie a few units in the last place below `minimum`, which ``ConstrainedProblem``'s floor
///   absorbs.
public protocol ConstrainedFunction: Sendable {
    /// The registry name.
    var name: String { get }
    /// The box, one interval per coordinate.
    var bounds: [ClosedRange<Double>] { get }
    /// The number of constraints.
    var constraintCount: Int { get }
    /// The constrained minimum `min { f(x) : x in the box, c_i(x) <= 0 for every i }`.
    var minimum: Double { get }
    /// A point where ``minimum`` is attained (its active constraints hold to rounding).
    var minimizer: [Double] { get }
    /// `f(x)`.
    func value(_ x: [Double]) -> Double
    /// Writes `c_1(x) ... c_k(x)` into `c`, which has ``constraintCount`` elements.
    func constraints(_ x: [Double], into c: inout [Double])
}
