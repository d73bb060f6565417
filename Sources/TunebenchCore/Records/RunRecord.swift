/// Everything recorded about one run (one optimizer on one problem instance for one repetition).
///
/// Stored as one JSON file per run by the runner (``jsonBytes()`` and ``init(json:)`` in `RunRecord+JSON.swift`
/// give the format); every aggregate is derived from these files. Fields that vary between executions (timings)
/// are kept here and never enter the files that must be byte-identical.
public struct RunRecord: Sendable, Hashable {
    /// The newest record format: 5, for runs on a multi-objective problem (``paretoReference``), whose best and regret
    /// are hypervolumes; 4, for runs on simulated workers (``simulation``), whose trials are in completion
    /// order with their simulated times; 3 for records of a constrained problem (``constraintCount``), whose regret
    /// older readers would compute without feasibility; 2 for `improvements` records (``TrialRecording``); other
    /// full records are written as 1.
    public static let currentFormat = 5

    public var format: Int
    /// The problem label.
    public var problem: String
    /// The optimizer label.
    public var optimizer: String
    public var repetition: Int
    /// The registry names and options of the two entries.
    public var problemSpec: SpecRecord
    public var optimizerSpec: SpecRecord
    /// Seeds in hexadecimal (JSON numbers cannot hold every 64-bit integer exactly).
    public var instanceSeed: String
    public var optimizerSeed: String
    public var budget: Int
    /// The known global minimum of the problem, if any.
    public var optimum: Double?
    /// The names of the problem's parameters, in space order; trial configurations are aligned with them.
    public var parameters: [String]
    public var status: RunStatus
    /// Why the run failed, when it did.
    public var failure: String?
    public var trials: [TrialRecord]
    /// Wall-clock seconds of the whole run (building the problem and optimizer included).
    public var wallSeconds: Double
    /// The run's cost budget, when the experiment had one (``Experiment/costBudget`` in the runner).
    public var costBudget: Double?
    /// The problem's fidelity levels (empty for a single-fidelity problem); a trial's `fidelity` indexes them.
    public var fidelities: [Fidelity] = []
    /// What the problem and the optimizer report of themselves (``Problem/metadata``, ``Optimizer/metadata``),
    /// such as a plugin's library and version; empty for most built-ins.
    public var problemMetadata: [String: String] = [:]
    public var optimizerMetadata: [String: String] = [:]
    /// Which trials the record holds: every one, or (``TrialRecording/improvements``) a subset from which the
    /// best-so-far trace at COCO's targets and COCO's logs are derived exactly.
    public var recording: TrialRecording = .all
    /// The number of black-box constraints of the problem (``Problem/constraintCount``); 0 when unconstrained. Each
    /// successful trial of a constrained problem records its constraint values (``TrialRecord/constraints``).
    public var constraintCount = 0
    /// A multi-objective problem's hypervolume reference (``Problem/paretoReference``; its point has one value per
    /// objective); `nil` for a single objective. Each successful trial then records its objective values
    /// (``TrialRecord/objectives``), and the run's best is the negated hypervolume of what it attained
    /// (``AttainedFront``), its ``optimum`` the negated front volume.
    public var paretoReference: ParetoReference?
    /// The simulated workers of a parallel run (``SimulationRecord``); `nil` for a sequential run. Its trials are in
    /// the order they completed, each with its worker and simulated start and end.
    public var simulation: SimulationRecord?

    public init(
        problem: String, optimizer: String, repetition: Int, problemSpec: SpecRecord, optimizerSpec: SpecRecord,
        instanceSeed: UInt64, optimizerSeed: UInt64, budget: Int, optimum: Double?, parameters: [String],
        status: RunStatus,
        failure: String? = nil, trials: [TrialRecord], wallSeconds: Double
    ) {
        self.format = 1
        self.problem = problem
        self.optimizer = optimizer
        self.repetition = repetition
        self.problemSpec = problemSpec
        self.optimizerSpec = optimizerSpec
        self.instanceSeed = Self.hex(instanceSeed)
        self.optimizerSeed = Self.hex(optimizerSeed)
        self.budget = budget
        self.optimum = optimum
        self.parameters = parameters
        self.status = status
        self.failure = failure
        self.trials = trials
        self.wallSeconds = wallSeconds
    }

    /// Whether `trial` ran at full fidelity: without a level, or at the last one (or, in a run file without
    /// `fidelities`, written before Tunebench recorded them, at any level). Only these count towards the best value
    /// and regret: a low-fidelity value estimates another objective.
    public func isFullFidelity(_ trial: TrialRecord) -> Bool {
        guard let level = trial.fidelity, !fidelities.isEmpty else { return true }
        return level == fidelities.count - 1
    }

    /// The trial's true (noiseless) value when it counts towards the run's best: a successful, feasible
    /// full-fidelity trial; `nil` otherwise. On a constrained problem the best value and regret are therefore the
    /// *feasible* ones, and a run without a feasible trial has none (`+inf`, as a run whose every trial failed; Optuna's
    /// `study.best_trial` likewise has no trial then).
    public func countedValue(_ trial: TrialRecord) -> Double? {
        isFullFidelity(trial) && trial.isFeasible ? trial.trueValue : nil
    }

    /// The record with its wall-clock timings (the run's and every trial's) set to zero: what two executions of the
    /// same run have in common.
    public var untimed: RunRecord {
        var record = self
        record.wallSeconds = 0
        record.trials = trials.map(\.untimed)
        return record
    }

    /// A seed as 16 hexadecimal digits.
    public static func hex(_ seed: UInt64) -> String {
        let digits = String(seed, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Where and when a trial ran on the simulated clock.
public struct SimulatedTimes: Sendable, Hashable {
    public var worker: Int
    public var start: Double
    public var end: Double

    public init(worker: Int, start: Double, end: Double) {
        self.worker = worker
        self.start = start
        self.end = end
    }
}

/// The simulated workers a parallel run's evaluations shared (the runner's `WorkerSettings`).
public struct SimulationRecord: Sendable, Hashable {
    public var workers: Int
    /// `asynchronous` or `synchronous`.
    public var mode: String
    /// The simulated seconds after which no trial started and no completion was seen, if any.
    public var timeBudget: Double?
    /// The simulated seconds each ask occupied its worker before the evaluation (0: none; then absent from the file).
    public var askCharge: Double

    public init(workers: Int, mode: String, timeBudget: Double?, askCharge: Double = 0) {
        self.workers = workers
        self.mode = mode
        self.timeBudget = timeBudget
        self.askCharge = askCharge
    }
}

/// Whether a run finished.
public enum RunStatus: String, Sendable, Hashable {
    /// The optimizer used its budget or stopped by itself; failed trials may be among its trials.
    case complete
    /// The run stopped on an error (optimizer or problem threw, a bad suggestion); `failure` says why.
    case failed
}

/// The registry name and the options (as given) of an entry.
public struct SpecRecord: Sendable, Hashable {
    public var name: String
    public var options: [String: OptionValue]

    public init(_ spec: EntrySpec) {
        name = spec.name
        options = spec.options
    }

    public init(name: String, options: [String: OptionValue]) {
        self.name = name
        self.options = options
    }
}

/// One evaluation of a run.
public struct TrialRecord: Sendable, Hashable {
    /// The trial's number, from 0, in the order the optimizer suggested it (``Observation/trial``): its position in
    /// the run, except on simulated workers (``RunRecord/simulation``), whose trials are listed in completion order.
    public var number: Int
    /// One value per parameter of the run (``RunRecord/parameters``), `nil` where inactive; categorical values
    /// as their choice.
    public var configuration: [RecordedValue?]
    /// The fidelity level the trial ran at, an index into ``RunRecord/fidelities``; `nil` for full fidelity as the
    /// optimizer asked for it without a level (every trial of a single-fidelity problem).
    public var fidelity: Int?
    /// The observed value; `nil` when it was not finite (the trial then has status `failed`).
    public var value: Double?
    /// The value without observation noise, when the problem is noisy and knows it.
    public var noiselessValue: Double?
    /// In a run with observation noise, the noiseless value of the optimizer's recommendation after this trial was
    /// told (``Optimizer/recommendation()``, or the default rule: the lowest observed value so far); `nil` in a
    /// noiseless run and before the first successful full-fidelity evaluation.
    public var recommended: Double?
    /// On a constrained problem, the constraint values of a successful trial (``Evaluation/constraints``); `nil`
    /// otherwise.
    public var constraints: [Double]?
    /// On a multi-objective problem, the objective values of a successful trial (``Evaluation/objectives``); `nil`
    /// otherwise.
    public var objectives: [Double]?
    /// In a run on simulated workers (``RunRecord/simulation``), the worker that evaluated the trial and the
    /// simulated seconds at which it started and completed; `nil` in a sequential run.
    public var simulated: SimulatedTimes?
    public var cost: Double
    public var status: TrialStatus
    /// Why the trial failed, when it did.
    public var failure: String?
    /// Extra numbers reported by the problem.
    public var info: [String: Double]?
    /// Wall-clock seconds spent in `ask`, in the evaluation and in `tell`.
    public var askSeconds: Double
    public var evaluationSeconds: Double
    public var tellSeconds: Double

    public init(
        number: Int, configuration: [RecordedValue?], fidelity: Int?, value: Double?, noiselessValue: Double?,
        cost: Double, status: TrialStatus, failure: String?, info: [String: Double]?, askSeconds: Double,
        evaluationSeconds: Double, tellSeconds: Double, recommended: Double? = nil, constraints: [Double]? = nil,
        simulated: SimulatedTimes? = nil, objectives: [Double]? = nil
    ) {
        self.objectives = objectives
        self.constraints = constraints
        self.simulated = simulated
        self.number = number
        self.configuration = configuration
        self.fidelity = fidelity
        self.value = value
        self.noiselessValue = noiselessValue
        self.recommended = recommended
        self.cost = cost
        self.status = status
        self.failure = failure
        self.info = info
        self.askSeconds = askSeconds
        self.evaluationSeconds = evaluationSeconds
        self.tellSeconds = tellSeconds
    }

    /// The value regret is measured on: noiseless when known, else observed; `nil` for a failed trial.
    /// The trial with its ask, evaluation and tell seconds set to zero.
    public var untimed: TrialRecord {
        var trial = self
        trial.askSeconds = 0
        trial.evaluationSeconds = 0
        trial.tellSeconds = 0
        return trial
    }

    public var trueValue: Double? {
        guard status == .ok else { return nil }
        return noiselessValue ?? value
    }

    /// Whether the trial satisfies its constraints (``Feasibility``): true without constraint values.
    public var isFeasible: Bool { Feasibility.holds(constraints) }
}

/// Whether an evaluation produced a usable value.
public enum TrialStatus: String, Sendable, Hashable {
    case ok
    case failed
}

/// A parameter value in a record: a number, or the name of a categorical choice.
public enum RecordedValue: Sendable, Hashable {
    case number(Double)
    case choice(String)
}

extension SearchSpace {
    /// The configuration as recorded in run files: numbers, categoricals by choice name, `nil` where inactive.
    public func record(_ configuration: Configuration) -> [RecordedValue?] {
        configuration.values.enumerated().map { index, value in
            switch value {
            case nil: return nil
            case .real(let x)?: return .number(x)
            case .integer(let k)?: return .number(Double(k))
            case .categorical?: return .choice(describe(value!, of: index))
            }
        }
    }
}

/// Which trials of a run its record keeps.
public enum TrialRecording: String, Sendable, Hashable, CaseIterable {
    /// Every trial, numbered 0, 1, 2, ...
    case all
    /// The trials COCO's bbob logger logs, and the last: the first; every improvement of the best value that reaches a
    /// new target (20 per decade of `best - optimum` down to 1e-8; every improvement when the optimum is unknown);
    /// the trials at COCO's evaluation counts (20 per decade and d·{1, 2, 5}·10^k) and, before each of them, the
    /// best trial so far when it was left out; and the last trial and the best. A kept trial's `cost` is the cost of
    /// the evaluations since the previous kept one, its own included, so that costs add up. Such records are
    /// written with format 2, which older readers refuse.
    case improvements
}
