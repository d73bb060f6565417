import TunebenchCore

/// A problem that knows where its global minimum is attained.
///
/// Every built-in problem with a known ``Problem/optimum`` conforms, so that tests (and users checking a new
/// problem) can evaluate the objective at the published minimizers and compare with the optimum.
///
/// # Implementation requirements
/// - `optimum` is not `nil`.
/// - Every configuration in `minimizers` passes `space.validate(_:)`, and the noiseless value there equals
///   `optimum` to within rounding (the built-in problems are tested to 1e-6).
/// - `minimizers` lists at least one point; it need not list every global minimizer of a function with
///   infinitely many, but lists all of them when there are a few (Branin's three, the six-hump camel's two).
public protocol KnownMinimizers: Problem {
    /// Configurations at which the noiseless objective attains ``Problem/optimum``.
    var minimizers: [Configuration] { get }
}
