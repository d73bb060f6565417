import TunebenchCore

/// A ``ConstrainedFunction`` as a ``TunebenchCore/Problem``: real parameters `x1` ... `xd` with the function's box,
/// every evaluation reporting the objective and the constraint values (``TunebenchCore/Evaluation/constraints``), the
/// constrained minimum as the optimum, so that regret is feasible regret.
///
/// The published problem is the only instance: its optimum lies where constraints and bounds meet, not at the centre
/// of the box, and it was computed for that box (`Tests/Scripts/constrained_optima.py`); repetitions differ by the
/// optimizer's seed alone.
///
/// A feasible value is floored at the minimum, `max(f(x), f*)`, as ``SyntheticProblem`` floors its values: at an
/// active constraint a point feasible to rounding can compute a value a few units in the last place below the
/// optimum, which would make regret negative. An infeasible value is reported as computed: only feasible values count
/// towards regret.
public struct ConstrainedProblem<Function: ConstrainedFunction>: Problem, Sendable {
    public let function: Function
    public let space: SearchSpace
    /// The constrained minimum.
    public var optimum: Double? { function.minimum }
    public var constraintCount: Int { function.constraintCount }

    /// - Throws: `CoreError` when the function's bounds do not make a valid search space.
    public init(_ function: Function) throws {
        self.function = function
        space = try SearchSpace(
            function.bounds.enumerated().map { index, range in
                .real("x\(index + 1)", lower: range.lowerBound, upper: range.upperBound)
            })
    }

    /// The objective and the constraint values at the configuration's coordinates.
    public func evaluate(_ configuration: Configuration) -> Evaluation {
        let x = (0..<space.dimension).map { configuration.real($0) }
        var c = [Double](repeating: 0, count: function.constraintCount)
        function.constraints(x, into: &c)
        let f = function.value(x)
        let feasible = Feasibility.holds(c)
        return Evaluation(value: feasible && f < function.minimum ? function.minimum : f, constraints: c)
    }
}
