import TunebenchCore

/// The registry entries of the classic constrained problems (``ConstrainedFunction``) and their suite.
///
/// Each is the published problem (no instances: its optimum was computed on its box) with a `noise` option on the
/// objective; its evaluations report constraint values, and regret is feasible regret (``ConstrainedProblem``).
///
/// | name                 | d | constraints | optimum               |
/// |----------------------|---|-------------|-----------------------|
/// | `gardner`            | 2 | 1           | -2                    |
/// | `gramacy`            | 2 | 2           | 0.599788052010069     |
/// | `branin-constrained` | 2 | 2           | 0.8446741296445861    |
/// | `spring`             | 3 | 4           | 0.012665232788320626  |
/// | `pressure-vessel`    | 4 | 3           | 5885.332773616459     |
public enum ConstrainedProblems {
    /// Every constrained problem, smallest first.
    public static let entries: [ProblemEntry] = [
        entry(
            Gardner(),
            summary: "Gardner et al. 2014's simulation problem, 2-D, 1 constraint, inactive at the optimum (ICML 2014)"),
        entry(
            Gramacy(),
            summary: "Gramacy et al. 2016's toy problem, 2-D linear objective, 2 constraints, disconnected feasible set"),
        entry(
            ConstrainedBranin(),
            summary: "Branin with x1 <= x2 and x2 <= 10, 2-D, every unconstrained minimum cut away (Spearmint's example)"),
        entry(
            TensionSpring(),
            summary: "tension/compression spring design, 3-D, 4 constraints, under 1% feasible (Arora 1989; CEC 2020 RC17)"),
        entry(
            PressureVessel(),
            summary: "pressure vessel design, continuous variant, 4-D, 3 constraints (Sandgren 1990; CEC 2020 RC18)"),
    ]

    /// Every constrained problem with default options.
    public static let suite = Suite(
        name: "constrained",
        summary: "the classic constrained problems: gardner, gramacy, branin-constrained, spring, pressure-vessel",
        problems: entries.map { EntrySpec($0.name) })

    /// The entry of `function` as a ``ConstrainedProblem``, with the `noise` option.
    static func entry<Function: ConstrainedFunction>(_ function: Function, summary: String) -> ProblemEntry {
        ProblemEntry(
            name: function.name, summary: summary, options: [BuiltinProblems.noiseOption],
            details: [
                "constraints: \(function.constraintCount), feasible when every value is <= 0; regret is feasible regret",
                "instances: none; every repetition runs the published problem, whose optimum was computed on its box",
            ]
        ) { context in
            try BuiltinProblems.withNoise(ConstrainedProblem(function), context)
        }
    }
}
