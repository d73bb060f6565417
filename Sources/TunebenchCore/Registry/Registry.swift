/// The named optimizers, problems and suites that experiments can use.
///
/// A registry is a value: there is no global mutable registry. `Registry.builtin` (in the `Tunebench` module)
/// holds every built-in entry; a package that depends on Tunebench copies it, registers its own entries and
/// passes the result to the command-line entry point:
///
/// ```swift
/// var registry = Registry.builtin
/// try registry.register(OptimizerEntry(name: "my-search", summary: "...") { MySearch(context: $0) })
/// ```
///
/// Entries keep their registration order, which is the order of listings and of the default experiment.
public struct Registry: Sendable {
    public private(set) var optimizers: [OptimizerEntry] = []
    public private(set) var problems: [ProblemEntry] = []
    public private(set) var suites: [Suite] = []

    public init() {}

    // MARK: - Registration

    /// Adds an optimizer.
    /// - Throws: ``CoreError/duplicateEntry(kind:name:)`` if the name is taken, ``CoreError/invalidName(kind:name:)``
    ///   if it cannot name files (see ``EntrySpec/isValidLabel(_:)``), or an option error if a default is invalid.
    public mutating func register(_ entry: OptimizerEntry) throws {
        try checkName(entry.name, kind: .optimizer, taken: optimizers.map(\.name))
        try checkDefaults(entry.options, entry: entry.name)
        optimizers.append(entry)
    }

    /// Adds a problem.
    public mutating func register(_ entry: ProblemEntry) throws {
        try checkName(entry.name, kind: .problem, taken: problems.map(\.name))
        try checkDefaults(entry.options, entry: entry.name)
        problems.append(entry)
    }

    /// Adds a suite; every problem it names must already be registered, with valid options.
    public mutating func register(_ suite: Suite) throws {
        try checkName(suite.name, kind: .suite, taken: suites.map(\.name))
        for spec in suite.problems {
            _ = try problemOptions(spec)
        }
        suites.append(suite)
    }

    private func checkName(_ name: String, kind: EntryKind, taken: [String]) throws {
        guard EntrySpec.isValidLabel(name) else {
            throw CoreError.invalidName(kind: kind, name: name)
        }
        guard !taken.contains(name) else { throw CoreError.duplicateEntry(kind: kind, name: name) }
    }

    private func checkDefaults(_ specs: [OptionSpec], entry: String) throws {
        for spec in specs {
            _ = try spec.coerce(spec.defaultValue, entry: entry)
        }
    }

    // MARK: - Lookup

    /// The optimizer called `name`.
    /// - Throws: ``CoreError/unknownEntry(kind:name:suggestion:)`` with the nearest registered name.
    public func optimizer(named name: String) throws -> OptimizerEntry {
        guard let entry = optimizers.first(where: { $0.name == name }) else {
            throw CoreError.unknownEntry(
                kind: .optimizer, name: name, suggestion: NearestName.suggestion(for: name, among: optimizers.map(\.name)))
        }
        return entry
    }

    /// The problem called `name`.
    public func problem(named name: String) throws -> ProblemEntry {
        guard let entry = problems.first(where: { $0.name == name }) else {
            throw CoreError.unknownEntry(
                kind: .problem, name: name, suggestion: NearestName.suggestion(for: name, among: problems.map(\.name)))
        }
        return entry
    }

    /// The suite called `name`.
    public func suite(named name: String) throws -> Suite {
        guard let suite = suites.first(where: { $0.name == name }) else {
            throw CoreError.unknownEntry(
                kind: .suite, name: name, suggestion: NearestName.suggestion(for: name, among: suites.map(\.name)))
        }
        return suite
    }

    /// The complete options of an optimizer spec (given values checked, defaults filled in).
    public func optimizerOptions(_ spec: EntrySpec) throws -> Options {
        try Options.resolve(spec.options, specs: optimizer(named: spec.name).options, entry: spec.name)
    }

    /// The complete options of a problem spec.
    public func problemOptions(_ spec: EntrySpec) throws -> Options {
        try Options.resolve(spec.options, specs: problem(named: spec.name).options, entry: spec.name)
    }

    // MARK: - Construction

    /// Builds the problem instance of `spec` for instance seed `seed` and repetition `repetition`.
    public func makeProblem(_ spec: EntrySpec, seed: UInt64, repetition: Int = 0) throws -> any Problem {
        let entry = try problem(named: spec.name)
        return try entry.factory(
            ProblemContext(seed: seed, options: try problemOptions(spec), repetition: repetition))
    }

    /// A problem of `spec` built only to read its space and whether it provides gradients: instance seed 0, without
    /// the entry's ``ProblemEntry/shapeNeutralOptions`` (a failure region drawn for seed 0, which is no instance of an
    /// experiment, could be refused where every real instance is fine).
    public func makeProblemShape(_ spec: EntrySpec) throws -> any Problem {
        let entry = try problem(named: spec.name)
        var stripped = spec
        for name in entry.shapeNeutralOptions { stripped.options[name] = nil }
        return try makeProblem(stripped, seed: 0)
    }

    /// Builds the optimizer of `spec` for one run on `problem`.
    /// - Throws: ``CoreError/missingCapability(optimizer:problem:missing:)`` when the optimizer cannot handle the
    ///   problem's space or fidelities, or what the factory throws.
    public func makeOptimizer(
        _ spec: EntrySpec, for problem: any Problem, problemLabel: String, seed: UInt64, budget: Int,
        costBudget: Double? = nil
    ) throws -> any Optimizer {
        let entry = try optimizer(named: spec.name)
        try checkCapabilities(entry, spec: spec, problem: problem, problemLabel: problemLabel)
        return try entry.factory(
            try context(
                spec, problem: problem, problemLabel: problemLabel, seed: seed, budget: budget, costBudget: costBudget))
    }

    /// Checks that the optimizer of `spec` can run on `problem`, with the entry's preflight when it has one and by
    /// building the optimizer otherwise.
    public func checkOptimizer(
        _ spec: EntrySpec, for problem: any Problem, problemLabel: String, budget: Int, costBudget: Double? = nil
    ) throws {
        let entry = try optimizer(named: spec.name)
        try checkCapabilities(entry, spec: spec, problem: problem, problemLabel: problemLabel)
        let context = try context(
            spec, problem: problem, problemLabel: problemLabel, seed: 0, budget: budget, costBudget: costBudget)
        if let preflight = entry.preflight {
            try preflight(context)
        } else {
            _ = try entry.factory(context)
        }
    }

    private func context(
        _ spec: EntrySpec, problem: any Problem, problemLabel: String, seed: UInt64, budget: Int, costBudget: Double?
    ) throws -> OptimizerContext {
        OptimizerContext(
            space: problem.space, seed: seed, budget: budget, fidelities: problem.fidelities,
            options: try optimizerOptions(spec), problem: problemLabel, gradients: problem.providesGradient,
            costBudget: costBudget, constraintCount: problem.constraintCount, objectiveCount: problem.objectiveCount)
    }

    /// Refuses a pair when the optimizer lacks a capability the problem needs.
    public func checkCapabilities(
        _ entry: OptimizerEntry, spec: EntrySpec, problem: any Problem, problemLabel: String
    ) throws {
        var needed = problem.space.requiredCapabilities
        // A multi-fidelity problem can still be optimized at full fidelity; the capability only matters to
        // optimizers that choose fidelities.
        needed.remove(.multiFidelity)
        if problem.objectiveCount > 1 { needed.insert(.multiObjective) }
        let missing = needed.subtracting(entry.capabilities)
        guard missing.isEmpty else {
            throw CoreError.missingCapability(optimizer: spec.label, problem: problemLabel, missing: missing.names)
        }
    }
}
