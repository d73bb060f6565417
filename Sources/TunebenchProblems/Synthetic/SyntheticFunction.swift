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
public protocol SyntheticFunction: Sendable {
    /// The function's name in lower case with hyphens, as in the registry (`branin`, `styblinski-tang`).
    var name: String { get }

    /// The search box: one closed interval per coordinate.
    var bounds: [ClosedRange<Double>] { get }

    /// The global minimum of the function over `bounds`.
    var minimum: Double { get }

    /// Points of the box where the global minimum is attained.
    var minimizers: [[Double]] { get }

    /// The function's value at `x`.
    ///
    /// - Parameter x: `dimension` coordinates inside `bounds`.
    /// - Returns: the value to minimize.
    func value(_ x: [Double]) -> Double
}

// MARK: - Default implementations

extension SyntheticFunction {
    /// The number of coordinates, `bounds.count`.
    public var dimension: Int { bounds.count }
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
