import TunebenchCore

/// A continuous test function on a box, with a known global minimum: the classic benchmarks of global
/// optimization (Branin, Hartmann, Rosenbrock, ...).
///
/// ``SyntheticProblem`` turns a function into a ``Problem`` whose space has one real parameter per coordinate,
/// named `x1` ... `xd`, with the function's bounds.
///
/// # Implementation requirements
/// - `bounds` has one finite, non-empty interval per coordinate; its count is the dimension.
/// - `value(_:)` takes exactly `dimension` coordinates inside the bounds, is deterministic and pure, and should
///   not allocate (it sits in the inner loop of every benchmark run).
/// - `minimum` is the global minimum over the box to full double precision, and every point of `minimizers`
///   lies in the box with `value(point)` equal to `minimum` to within rounding. Where a published value has
///   few digits, refine it (and say so, with the published value, in a comment next to the constant).
/// - The type's documentation gives the formula, the domain, the minimum, the minimizers and the source.
/// - `instanceScheme` says how the function's seeded instances move it (``InstanceScheme``): `shift` only for a
///   function defined on all of `R^d` whose minimum over `R^d` is `minimum` (rotated only if the function is not
///   separable), `symmetry` for a function defined only on a cube.
/// - A function with an analytic gradient sets `hasGradient` to `true` and implements `gradient(_:into:)`:
///   the derivative of the formula that `value(_:)` computes, exact to within rounding (not a finite
///   difference), written into the caller's buffer without allocating. Where the function is not
///   differentiable at isolated points (Ackley's cone at the origin), return an element of the subdifferential
///   there, such as 0, and say so in the method's documentation. The formula of the gradient goes in the
///   documentation of `gradient(_:into:)`. A function without one keeps the defaults (`false`).
public protocol SyntheticFunction: Sendable {
    /// The function's name in lower case with hyphens, as in the registry (`branin`, `styblinski-tang`).
    var name: String { get }

    /// The search box: one closed interval per coordinate.
    var bounds: [ClosedRange<Double>] { get }

    /// The global minimum of the function over `bounds`.
    var minimum: Double { get }

    /// Points of the box where the global minimum is attained.
    var minimizers: [[Double]] { get }

    /// How the function's seeded instances move it in its box.
    var instanceScheme: InstanceScheme { get }

    /// The function's value at `x`.
    ///
    /// - Parameter x: `dimension` coordinates inside `bounds`.
    /// - Returns: the value to minimize.
    func value(_ x: [Double]) -> Double

    /// Whether ``gradient(_:into:)`` provides the analytic gradient; `false` unless the function implements it.
    var hasGradient: Bool { get }

    /// Writes the gradient of the function at `x` into `gradient`.
    ///
    /// On success `gradient[i]` holds `∂f/∂x_i` at `x` for each of the `dimension` coordinates, exact to within
    /// rounding; at the isolated points where `f` is not differentiable it holds a subgradient, as each function
    /// documents.
    ///
    /// - Parameters:
    ///   - x: `dimension` coordinates inside `bounds`.
    ///   - gradient: a buffer of `dimension` elements, overwritten on success.
    /// - Returns: `true` when the gradient was written; `false`, with `gradient` unspecified, when the function
    ///   offers no analytic gradient (``hasGradient`` is `false`).
    /// - Complexity: about the cost of ``value(_:)``, no allocation.
    func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool
}

// MARK: - Default implementations

extension SyntheticFunction {
    /// The number of coordinates, `bounds.count`.
    public var dimension: Int { bounds.count }

    /// `false`: no analytic gradient unless the function provides one.
    public var hasGradient: Bool { false }

    /// Writes nothing and returns `false`: no analytic gradient unless the function provides one.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        false
    }
}

// MARK: - API

extension SyntheticFunction {
    /// The function's value at `x`; the same as ``value(_:)``.
    public func callAsFunction(_ x: [Double]) -> Double {
        value(x)
    }
}

/// The bounds `[lower, upper]` repeated for each of `dimension` coordinates.
func cube(_ lower: Double, _ upper: Double, dimension: Int) -> [ClosedRange<Double>] {
    [ClosedRange<Double>](repeating: lower...upper, count: dimension)
}
