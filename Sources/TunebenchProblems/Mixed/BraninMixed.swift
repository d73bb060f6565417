import TunebenchCore

/// The Branin function with its second coordinate restricted to the integers: a mixed real-integer problem.
///
/// ```
/// f(x1, x2) = Branin(x1, x2),   x1 ∈ [-5, 10] real,   x2 ∈ {0, 1, ..., 15} integer
/// ```
///
/// None of Branin's three continuous minimizers has an integer `x2` (12.275, 2.275, 2.475), so the optimum is
/// `min over x2 ∈ {0...15} of min over x1 of f(x1, x2)`: `f* = 0.43233595324928718947...` at
/// `(x1, x2) = (-3.07916516570837983, 12)`. Runner-up: `x2 = 2`, `x1 = 3.1808...`, `f = 0.46510677680009436`.
///
/// How the optimum was computed: for each integer `x2`, `f(·, x2)` was scanned on 1,500,001 equally spaced points
/// of `[-5, 10]` (numpy), every local minimum of the scan and both end points were refined by solving
/// `∂f/∂x1 = 0` in 50-digit arithmetic (mpmath 1.3 `findroot`), and the smallest value was kept.
///
/// Source: the Branin function of F. H. Branin (IBM J. Res. Dev. 16(5), 1972) as given by S. Surjanovic and
/// D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/branin.html; the integer
/// restriction and its optimum are Tunebench's.
public struct BraninMixed: KnownMinimizers, Sendable {
    /// The exact optimum rounded to double (0.43233595324928718947...; see the type's documentation).
    public static let minimum = 0.43233595324928719

    /// `x1` real in `[-5, 10]`, `x2` integer in `[0, 15]`.
    public let space: SearchSpace

    /// ``minimum``.
    public var optimum: Double? { Self.minimum }

    /// `(x1, x2) = (-3.0791651657083796, 12)`, computed as described in the type's documentation.
    public var minimizers: [Configuration] { [Configuration([.real(-3.0791651657083796), .integer(12)])] }

    /// The mixed Branin problem.
    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([.real("x1", lower: -5, upper: 10), .integer("x2", lower: 0, upper: 15)])
    }

    /// The Branin function at `(x1, x2)`, floored at ``minimum``.
    ///
    /// The floor removes rounding error only: near the minimizer the sum `s (1 - t) cos x1 + s` cancels to about
    /// 0.43, and the computed value can fall up to a few units in the last place below the exact minimum (by
    /// 1.3e-15 at points 1e-8 from it), which would make regret negative.
    public func evaluate(_ configuration: Configuration) -> Evaluation {
        let y = Branin.value(configuration.real(0), Double(configuration.integer(1)))
        return Evaluation(value: y < Self.minimum ? Self.minimum : y)
    }
}
