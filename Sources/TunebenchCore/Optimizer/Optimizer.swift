/// An optimizer in ask/tell form.
///
/// One instance serves one run and is used by one thread at a time. A sequential run alternates `ask` and `tell`:
/// each suggestion is evaluated and the result told back before the next `ask`.
///
/// # Trials and pending suggestions
/// The suggestions an optimizer returns are its run's trials, numbered from 0 in the order of the asks that returned
/// them; ``Observation/trial`` names the trial an observation reports. With several workers (a parallel run) the
/// runner may ask again while earlier trials are still pending (suggested, not yet told), and tells the results in
/// the order in which the evaluations complete, which need not be the order of the asks. So an optimizer keeps
/// what it needs per pending trial (``PendingTrials`` does the bookkeeping), and it may use the pending suggestions
/// when it makes the next one (a constant liar, a batch acquisition). `ask` returning `nil` while trials are pending
/// means "not before a pending trial is told": the runner asks again after the next tell. `nil` with no trial
/// pending means the optimizer is done. An optimizer that can only work sequentially returns `nil` from `ask` while
/// a trial is pending.
///
/// # Implementation requirements
/// - Every suggestion passes `context.space.validate(_:)`: values of the right kind inside the bounds, inactive
///   conditional parameters without a value.
/// - The trace depends only on the context (space, seed, budget, cost budget and levels, options) and on what was
///   told: the same seed gives the same suggestions, and randomness comes from a generator seeded with `context.seed`.
/// - `ask` returns `nil` once it has made `context.budget` suggestions, or earlier when it has nothing left to
///   suggest (an exhausted grid); after `nil` with no trial pending, every later `ask` returns `nil` too.
/// - `tell` accepts failed evaluations: `value` may be `nil` or not finite, and the optimizer goes on.
/// - `tell` accepts the pending trials in any order; each trial is told once. An observation whose
///   ``Observation/trial`` is `nil` reports the earliest pending trial (what a sequential caller means).
/// - On a constrained problem (``OptimizerContext/constraintCount``), an infeasible observation's
///   ``Observation/finiteValue`` is `nil`: an optimizer that does not read ``Observation/constraints`` treats it as a
///   failure, which ranks it last. One that models the constraints reads ``Observation/objectiveValue`` and
///   ``Observation/constraints``.
/// - Errors thrown from `ask` or `tell` fail the run; use them for states the optimizer cannot recover from.
/// - `recommendation()` (optional: the default answers `nil`) returns `nil` or a configuration that the optimizer
///   suggested at full fidelity and was told a finite value for (and, on a constrained problem, feasible
///   constraint values); it depends only on what the optimizer has been told
///   (the same trace gives the same recommendations), and asking for it never changes later suggestions.
///
/// `TunebenchConformance.OptimizerConformance` checks these rules for any optimizer.
///
/// # Recommendations
/// Under observation noise the best *observed* value is not the best *true* one, so the point an optimizer would hand
/// to its user is part of its result. The runner asks for ``recommendation()`` after every `tell` of a run whose
/// problem reports noiseless values (``Evaluation/noiselessValue``), and records the noiseless value of the answer
/// (the "recommended" regret, beside the "best evaluated" regret of the best noiseless value among all points
/// evaluated, which no optimizer could have identified from noisy values). A `nil` answer asks for the **default
/// rule**, which the runner applies from what it told the optimizer: the configuration of the lowest observed value
/// among the successful (on a constrained problem, feasible) full-fidelity observations (the earliest on ties), as
/// Optuna's `study.best_trial` and SMAC's
/// incumbent without repeated evaluations are. An optimizer that models the objective may do better, as BoTorch's
/// "best posterior mean among the evaluated points" does; it then returns one of its evaluated configurations
/// itself. The runner looks the answer up among the run's evaluations: a configuration that was not evaluated at full
/// fidelity with a finite (and feasible) value fails the run, since no noiseless value is known for it.
public protocol Optimizer {
    /// The next configuration to evaluate, or `nil` when the optimizer is done.
    mutating func ask() throws -> Suggestion?

    /// Reports the result of evaluating a suggestion.
    mutating func tell(_ observation: Observation) throws

    /// Facts worth recording with each run, such as the library and version behind a plugin solver. The runner reads
    /// them when the optimizer is built and again when the run completes, so they may also say what happened (how
    /// many times the GP restarted).
    var metadata: [String: String] { get }

    /// The configuration the optimizer would return to a user now, or `nil` for the default rule (the successful
    /// full-fidelity observation of lowest observed value, which the runner applies; see "Recommendations" above).
    ///
    /// Called only after a `tell`, and only when the runner needs it (runs with observation noise), so it may cost
    /// a model prediction at the evaluated points; it must not change what the optimizer suggests next.
    ///
    /// - Returns: a configuration the optimizer suggested at full fidelity and was told a finite (and feasible) value
    ///   for, or `nil`.
    func recommendation() -> Configuration?
}

// MARK: - Default implementations

extension Optimizer {
    public var metadata: [String: String] { [:] }

    /// `nil`: the runner applies the default rule (the lowest observed value among the successful full-fidelity
    /// observations).
    public func recommendation() -> Configuration? { nil }
}

/// A configuration to evaluate, and for multi-fidelity optimizers the fidelity level to evaluate it at.
public struct Suggestion: Sendable, Hashable {
    public var configuration: Configuration
    /// An index into the problem's fidelity levels, or `nil` for full fidelity.
    public var fidelity: Int?
    /// Whether the optimizer wants the objective's gradient at this point (honoured at full fidelity when the problem
    /// provides gradients, ``OptimizerContext/gradients``; the evaluation costs one evaluation of the budget either
    /// way).
    public var wantsGradient: Bool

    public init(_ configuration: Configuration, fidelity: Int? = nil, wantsGradient: Bool = false) {
        self.configuration = configuration
        self.fidelity = fidelity
        self.wantsGradient = wantsGradient
    }
}

/// The result of evaluating a suggestion, as the optimizer sees it.
public struct Observation: Sendable, Hashable {
    public var suggestion: Suggestion
    /// The observed value, or `nil` when the evaluation failed. It may also be non-finite; treat that as a
    /// failure too.
    public var value: Double?
    /// The objective's gradient at the suggestion, when the suggestion asked for it and the problem provides it: one
    /// partial derivative per parameter, with respect to the parameter's own value (``Evaluation/gradient``).
    public var gradient: [Double]?
    /// On a constrained problem, the constraint values of a successful evaluation (``Evaluation/constraints``;
    /// feasible when every one is `<= 0`); `nil` for an unconstrained problem and for a failed evaluation.
    public var constraints: [Double]?
    /// On a multi-objective problem, the objective values of a successful evaluation (``Evaluation/objectives``, all
    /// minimised; ``value`` is the first); `nil` otherwise.
    public var objectives: [Double]?
    /// The trial this observation reports: the index, from 0, of the `ask` that returned ``suggestion`` among the
    /// asks that returned one. `nil` means the earliest pending trial, which is the only one in a sequential run.
    public var trial: Int?

    public init(
        _ suggestion: Suggestion, value: Double?, gradient: [Double]? = nil, constraints: [Double]? = nil,
        trial: Int? = nil, objectives: [Double]? = nil
    ) {
        self.objectives = objectives
        self.suggestion = suggestion
        self.value = value
        self.gradient = gradient
        self.constraints = constraints
        self.trial = trial
    }

    /// The observed value when it is usable: present, finite and feasible (every constraint value `<= 0`). An
    /// infeasible observation has none, so an optimizer that ignores constraints treats it as a failure.
    public var finiteValue: Double? {
        guard isFeasible else { return nil }
        return objectiveValue
    }

    /// The observed objective value when it is present and finite, feasible or not: what a constraint-aware
    /// optimizer models.
    public var objectiveValue: Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// Whether the observation satisfies its constraints (``Feasibility``): true without constraints.
    public var isFeasible: Bool { Feasibility.holds(constraints) }
}

/// What an optimizer factory receives.
public struct OptimizerContext: Sendable {
    /// The space to search.
    public var space: SearchSpace
    /// The optimizer seed, derived from the experiment seed, the optimizer label, the problem's seed label
    /// (``EntrySpec/seedLabel``) and the repetition.
    public var seed: UInt64
    /// The largest number of suggestions the optimizer may make.
    public var budget: Int
    /// The problem's fidelity levels (empty for single-fidelity problems).
    public var fidelities: [Fidelity]
    /// The entry's options, checked against its ``OptionSpec``s and completed with defaults.
    public var options: Options
    /// The label of the problem being optimized, for messages and for plugins that report it.
    public var problem: String
    /// Whether the problem provides gradients (``Problem/providesGradient``): a suggestion with
    /// ``Suggestion/wantsGradient`` then comes back with ``Observation/gradient``.
    public var gradients: Bool
    /// The run's cost budget in the problem's cost unit, when the experiment has one: the run ends before the first
    /// suggestion whose fidelity level's cost does not fit in what is left.
    public var costBudget: Double?
    /// The evaluations a run can make at full fidelity, to which rules that size a design by the budget fit it
    /// (Latin hypercube, grid, annealing's cooling, GA's population, SMAC's and ParEGO's initial designs, and a
    /// plugin's `TUNEBENCH_BUDGET`): ``budget``, or with a cost budget `B` and a full-fidelity cost `c` (the last
    /// level's, 1 without levels) `min(budget, ⌊B (1 + 10⁻¹²) / c⌋)`, with the runner's tolerance on the cost
    /// budget (``BudgetTolerance``).
    /// The budget itself counts evaluations at the cheapest level (3,240 for a cost of 40 on 81 epochs whose lowest
    /// level costs 1/81), the cap on suggestions; a cost budget of 40 sizes an LHS to 40 points.
    public var fullFidelityBudget: Int {
        guard let costBudget, costBudget.isFinite else { return budget }
        let cost = fidelities.last?.cost ?? 1
        guard cost > 0 else { return budget }
        let count = BudgetTolerance.limit(costBudget / cost).rounded(.down)
        guard count > 0 else { return 0 }
        return count < Double(budget) ? Int(count) : budget
    }
    /// The number of black-box constraints the problem reports with each evaluation (``Problem/constraintCount``,
    /// ``Observation/constraints``); 0 for an unconstrained problem.
    public var constraintCount: Int
    /// The number of objectives the problem reports (``Problem/objectiveCount``, ``Observation/objectives``); 1 for a
    /// single-objective problem.
    public var objectiveCount: Int

    public init(
        space: SearchSpace, seed: UInt64, budget: Int, fidelities: [Fidelity] = [], options: Options = .init(),
        problem: String = "problem", gradients: Bool = false, costBudget: Double? = nil, constraintCount: Int = 0,
        objectiveCount: Int = 1
    ) {
        self.objectiveCount = objectiveCount
        self.constraintCount = constraintCount
        self.space = space
        self.seed = seed
        self.budget = budget
        self.fidelities = fidelities
        self.options = options
        self.problem = problem
        self.gradients = gradients
        self.costBudget = costBudget
    }
}
