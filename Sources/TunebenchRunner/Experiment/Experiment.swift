import TunebenchCore

/// An experiment: which optimizers run on which problems, how often, with what budget, from which seed.
///
/// Experiments come from JSON files (``ExperimentFile``), from command-line flags, or from
/// ``defaultExperiment(registry:)``. Every seed of every run derives from `seed` and the labels
/// (``TunebenchCore/SeedDerivation``), so the same experiment gives the same results.
public struct Experiment: Sendable, Hashable {
    /// A short name; it names the default output folder.
    public var name: String
    /// A free-text description, kept in the stored experiment.
    public var description: String?
    /// The experiment seed.
    public var seed: UInt64
    /// Runs per optimizer and problem; repetition k of every optimizer shares the problem instance k.
    public var repetitions: Int
    /// Evaluations per run: the most suggestions a run evaluates; per variable when ``budgetPerDimension``.
    public var budget: Int
    /// Whether ``budget`` counts evaluations per variable, as COCO's budgets do: a run of a problem with `d`
    /// parameters then makes up to `budget · d` evaluations.
    public var budgetPerDimension: Bool
    /// Which trials the run files keep: every one (the default), or the `improvements` COCO's logger logs, for
    /// budgets of millions of evaluations (``TunebenchCore/TrialRecording``).
    public var recording: TrialRecording
    /// The cost per run, in the problems' cost unit (a full-fidelity evaluation of a built-in problem costs 1), or
    /// `nil` for none. A run evaluates a suggestion only when its cost (the cost of its fidelity level) fits in
    /// what is left; the first one that does not ends the run. `budget` still caps the number of evaluations.
    public var costBudget: Double?
    /// The simulated workers a run's evaluations share (``WorkerSettings``): one by default, the sequential run;
    /// more, or a time budget, run each run on ``WorkerSimulation``'s clock.
    public var workers: WorkerSettings
    public var optimizers: [EntrySpec]
    public var problems: [EntrySpec]

    public init(
        name: String, description: String? = nil, seed: UInt64 = 0, repetitions: Int = 10, budget: Int = 100,
        budgetPerDimension: Bool = false, recording: TrialRecording = .all, costBudget: Double? = nil,
        workers: WorkerSettings = .init(), optimizers: [EntrySpec], problems: [EntrySpec]
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.repetitions = repetitions
        self.budget = budget
        self.budgetPerDimension = budgetPerDimension
        self.recording = recording
        self.costBudget = costBudget
        self.workers = workers
        self.optimizers = optimizers
        self.problems = problems
    }

    /// The built-in default experiment: every optimizer of `registry` included by default (plugins are not) with
    /// default options on the `classic`
    /// suite (or every problem when there is no such suite), 10 repetitions of 100 evaluations, seed 0.
    public static func defaultExperiment(registry: Registry) -> Experiment {
        let problems = (try? registry.suite(named: "classic").problems) ?? registry.problems.map { EntrySpec($0.name) }
        return Experiment(
            name: "default",
            description: "Every built-in optimizer on the classic suite of synthetic functions.",
            seed: 0, repetitions: 10, budget: 100,
            optimizers: registry.optimizers.filter(\.includedByDefault).map { EntrySpec($0.name) }, problems: problems)
    }

    /// The repetitions an experiment may have.
    public static let repetitionRange = 1...100_000
    /// The budgets (evaluations per run) an experiment may have.
    public static let budgetRange = 1...100_000_000
    /// The evaluation budget of an experiment that gives a cost budget and no evaluation budget.
    public static let defaultBudgetWithCost = 100_000

    /// The most evaluations a run of a problem with `dimension` parameters and levels `fidelities` makes: `budget`
    /// (times `dimension` when ``budgetPerDimension``), or fewer when the cost budget cannot pay for that many at the
    /// cheapest level (1 for a single-fidelity problem). Optimizers are given this budget, and curves over
    /// evaluations end there; 0 when the cost budget cannot pay for one evaluation.
    public func evaluationBudget(fidelities: [Fidelity], dimension: Int) -> Int {
        let scaled = budget.multipliedReportingOverflow(by: budgetPerDimension ? max(dimension, 1) : 1)
        let cap = scaled.overflow ? Int.max : scaled.partialValue
        guard let costBudget else { return cap }
        let cheapest = fidelities.map(\.cost).min() ?? 1
        guard cheapest > 0 else { return cap }
        let affordable = BudgetTolerance.limit(costBudget / cheapest).rounded(.down)
        return affordable < Double(cap) ? Int(affordable) : cap
    }

    /// The budget in words for tables: "100 evaluations", "10000 evaluations per dimension", or "a cost of 33.5"
    /// with a cost budget.
    public var budgetDescription: String {
        guard let costBudget else { return "\(budget) evaluations" + (budgetPerDimension ? " per dimension" : "") }
        let shown = costBudget == costBudget.rounded() && abs(costBudget) < 1e15 ? "\(Int(costBudget))" : "\(costBudget)"
        return "a cost of \(shown)"
    }

    /// The number of runs: problems x optimizers x repetitions.
    public var runCount: Int { problems.count * optimizers.count * repetitions }
}
