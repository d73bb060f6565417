/// A test problem: a search space and an objective to minimize.
///
/// A problem instance is built by its registry factory from an instance seed (``ProblemContext``), so that
/// repetition k of an experiment gives every optimizer the same instance. The runner builds one instance per
/// run and calls it from one thread at a time.
///
/// # Implementation requirements
/// - `space` and `optimum` never change during the life of an instance.
/// - `evaluate` is deterministic for a given instance and sequence of calls: the same seed and the same calls
///   give the same values (a noisy problem draws its noise from a generator seeded by the instance seed).
/// - A configuration passed to `evaluate` has been checked against `space` by the caller.
/// - A failed evaluation is reported by a non-finite `value` (it fails that trial); throwing an error fails
///   the whole run, and is meant for problems that cannot go on (a crashed plugin, a missing file).
/// - `optimum`, when given, is the global minimum of the noiseless objective, verified in a test; regret is
///   measured against it.
/// - A problem with black-box constraints declares how many (``constraintCount``, `k > 0`) and returns exactly `k`
///   values with every evaluation whose value is finite (``Evaluation/constraints``); a point is feasible when every
///   value is `<= 0`. Its `optimum` is then the constrained minimum, the least value over the feasible points, and
///   regret is *feasible* regret: only feasible evaluations count towards a run's best value.
/// - A multi-objective problem declares its objectives (``objectiveCount``, `m > 1`) and its ``paretoReference``,
///   and returns exactly `m` values with every evaluation whose value is finite (``Evaluation/objectives``), every
///   one minimised; its ``Evaluation/value`` is the first. Its `optimum` is `nil`: its runs are measured by the
///   hypervolume of what they attained (``ParetoReference``).
/// - A problem that sets `providesGradient` implements `evaluateWithGradient(_:)`, returning the same evaluation as
///   `evaluate(_:)` plus the gradient (``Evaluation/gradient``), exact to rounding and verified against finite
///   differences in a test. Only problems whose parameters are all real can provide one. The runner asks for it only
///   when the optimizer's suggestion does (``Suggestion/wantsGradient``).
///
/// `TunebenchConformance.ProblemConformance` checks these rules for any problem.
public protocol Problem {
    /// The search space of the problem.
    var space: SearchSpace { get }

    /// The known global minimum of the noiseless objective, if any.
    var optimum: Double? { get }

    /// Fidelity levels from lowest to highest for multi-fidelity problems; empty for single-fidelity ones.
    var fidelities: [Fidelity] { get }

    /// Evaluates a configuration at full fidelity.
    /// - Throws: an error that makes the whole run fail.
    mutating func evaluate(_ configuration: Configuration) throws -> Evaluation

    /// Evaluates a configuration at fidelity level `fidelity` (an index into `fidelities`), or at full fidelity
    /// when `fidelity` is `nil`.
    mutating func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation

    /// Facts worth recording with each run, such as the library and version behind a plugin problem.
    var metadata: [String: String] { get }

    /// Whether `evaluateWithGradient(_:)` returns the gradient of the objective.
    var providesGradient: Bool { get }

    /// The number of black-box constraints each evaluation reports (``Evaluation/constraints``); 0 for an
    /// unconstrained problem.
    var constraintCount: Int { get }

    /// The number of objectives, all minimised (``Evaluation/objectives``); 1 for a single-objective problem.
    var objectiveCount: Int { get }

    /// A multi-objective problem's hypervolume reference point and front volume; `nil` for a single objective.
    var paretoReference: ParetoReference? { get }

    /// A multi-objective problem's sample of its Pareto front, which the summaries' IGD+ measures against; `nil`
    /// where the front is unknown (and for a single objective). Asked once per aggregation, never per evaluation.
    var referenceFront: [[Double]]? { get }

    /// Evaluates a configuration at full fidelity, with the gradient when ``providesGradient`` is true.
    /// - Throws: an error that makes the whole run fail.
    mutating func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation
}

// MARK: - Default implementations

extension Problem {
    public var optimum: Double? { nil }

    public var fidelities: [Fidelity] { [] }

    public var metadata: [String: String] { [:] }

    public var providesGradient: Bool { false }

    public var constraintCount: Int { 0 }

    public var objectiveCount: Int { 1 }

    public var paretoReference: ParetoReference? { nil }

    public var referenceFront: [[Double]]? { nil }

    /// Without a gradient: the plain evaluation.
    public mutating func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation {
        try evaluate(configuration)
    }

    /// Single-fidelity problems ignore the fidelity level.
    public mutating func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        try evaluate(configuration)
    }
}

/// What a problem factory receives.
public struct ProblemContext: Sendable {
    /// The instance seed, derived from the experiment seed, the problem's seed label (``EntrySpec/seedLabel``) and
    /// the repetition.
    public var seed: UInt64
    /// The entry's options, checked against its ``OptionSpec``s and completed with defaults.
    public var options: Options
    /// The repetition of the experiment this instance is built for (0 for the first), the same for every optimizer.
    /// Most problems derive everything from ``seed``; a suite with numbered instances (COCO's bbob) uses it to
    /// pick the repetition's instance.
    public var repetition: Int

    public init(seed: UInt64, options: Options, repetition: Int = 0) {
        self.seed = seed
        self.options = options
        self.repetition = repetition
    }
}
