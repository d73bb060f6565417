/// What evaluating a configuration returns.
public struct Evaluation: Sendable, Hashable {
    /// The value the optimizer sees and minimizes. A non-finite value marks a failed evaluation: the runner
    /// records the trial as failed and tells the optimizer so.
    public var value: Double
    /// The value without observation noise, when the problem knows it; regret is computed on it. A noisy problem
    /// reports it on every evaluation: a run whose evaluations report it is a run with observation noise, whose trials
    /// also record the noiseless value of the optimizer's recommendation (``Optimizer/recommendation()``).
    public var noiselessValue: Double?
    /// The cost of the evaluation in the problem's cost unit (1 for a full-fidelity evaluation by default).
    public var cost: Double
    /// Extra named numbers worth recording, such as a test error.
    public var info: [String: Double]
    /// The gradient of the noiseless objective, when asked for (``Problem/evaluateWithGradient(_:)``): one partial
    /// derivative per parameter of the space, in order, with respect to the parameter's own value (for a log-scaled
    /// real, with respect to the value, not its logarithm). It is handed to the optimizer and not recorded.
    public var gradient: [Double]?
    /// The values `c_1(x) ... c_k(x)` of a constrained problem's black-box constraints (``Problem/constraintCount``),
    /// one per constraint in the problem's order; the configuration is feasible when every one is `<= 0`, Optuna's
    /// `constraints_func` convention. `nil` for an unconstrained problem and for a failed evaluation; a non-finite
    /// constraint value fails the trial, as a non-finite objective value does.
    public var constraints: [Double]?
    /// The values `f_1(x) ... f_m(x)` of a multi-objective problem's objectives (``Problem/objectiveCount``), all
    /// minimised; ``value`` is `f_1`. `nil` for a single-objective problem and for a failed evaluation; a non-finite
    /// value fails the trial.
    public var objectives: [Double]?
    /// The simulated seconds the evaluation occupies a worker in a parallel run (``RunRecord/simulation``); `nil`
    /// for its ``cost``, so that a built-in synthetic problem's evaluation takes one simulated second.
    public var duration: Double?

    public init(
        value: Double, noiselessValue: Double? = nil, cost: Double = 1, info: [String: Double] = [:],
        gradient: [Double]? = nil, constraints: [Double]? = nil, duration: Double? = nil, objectives: [Double]? = nil
    ) {
        self.objectives = objectives
        self.duration = duration
        self.value = value
        self.noiselessValue = noiselessValue
        self.cost = cost
        self.info = info
        self.gradient = gradient
        self.constraints = constraints
    }

    /// The value regret is measured on: the noiseless value when known, else the observed one.
    public var trueValue: Double { noiselessValue ?? value }

    /// Whether the evaluation satisfies its constraints (``Feasibility``); true for an unconstrained problem.
    public var isFeasible: Bool { Feasibility.holds(constraints) }
}

/// The feasibility rule for black-box constraint values `c_1 ... c_k` (``Evaluation/constraints``): feasible when
/// every `c_i <= 0`, as Optuna's constraints (`constraints_func`, `Trial.set_constraint`;
/// `optuna/study/_constrained_optimization.py`, Optuna 5.0.0) and COCO's bbob-constrained suite define it.
public enum Feasibility {
    /// Whether the values describe a feasible point: every `c_i <= 0`; true for `nil` (no constraints) and for no
    /// values, false when one is NaN.
    public static func holds(_ constraints: [Double]?) -> Bool {
        constraints?.allSatisfy { $0 <= 0 } ?? true
    }

    /// The total violation `Σ_i max(c_i, 0)` (`+∞` when a value is NaN, so that orders stay total): 0 exactly for a
    /// feasible point; COCO's bbob-constrained penalty
    /// (`logger_bbob.c`) and the score by which Optuna's TPE orders infeasible trials (`_tpe/sampler.py`,
    /// `_get_infeasible_trial_score`).
    public static func violation(_ constraints: [Double]) -> Double {
        constraints.reduce(0) { $0 + ($1.isNaN ? .infinity : max($1, 0)) }
    }
}

/// One fidelity level of a multi-fidelity problem: a number of steps (epochs, trees, ...) and its cost.
public struct Fidelity: Sendable, Hashable, Codable {
    /// The resource at this level, in the problem's own unit (for example epochs).
    public var steps: Int
    /// The cost of one evaluation at this level.
    public var cost: Double

    public init(steps: Int, cost: Double) {
        self.steps = steps
        self.cost = cost
    }
}

extension Fidelity {
    /// Fidelity levels for the resource counts `steps` (epochs, trees, a kurobako problem's steps), lowest first, each costing its share of the
    /// last level: `cost = steps / steps.last`, so that a full-fidelity evaluation costs 1.
    /// - Precondition: `steps` is not empty and strictly increasing from at least 1.
    public static func levels(steps: [Int]) -> [Fidelity] {
        precondition(
            !steps.isEmpty && steps[0] >= 1 && zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 },
            "Fidelity.levels: steps must increase from at least 1"
        )
        let last = Double(steps.last!)
        return steps.map { Fidelity(steps: $0, cost: Double($0) / last) }
    }
}
