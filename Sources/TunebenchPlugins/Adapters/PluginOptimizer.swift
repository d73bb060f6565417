import TunebenchCore

/// A plugin solver as an ``Optimizer``: one plugin process per run, one solver instance in it.
///
/// The process is started and the solver created when the optimizer is built, and both end when it is released
/// (`DROP_SOLVER_CAST`, then the process is closed, terminated if need be, and reaped). Every reply is checked:
/// the trial id must be the one offered, the params must be a configuration of the space, the step a level of the
/// problem. A violation throws, which fails the run with the reason and the tail of the plugin's standard error.
public final class PluginOptimizer: Optimizer {
    private let client: SolverClient
    private let space: SearchSpace
    private let fidelities: [Fidelity]
    private let lastStep: Int
    private var remaining: Int
    private var nextTrialID = 0
    /// The pending trials' solver trial ids and steps (kurobako's protocol allows several asks before a tell).
    private var pending = PendingTrials<(trialID: Int, step: Int)>()

    /// What the solver said of itself.
    public var spec: SolverSpecification { client.spec }

    /// The solver's name and attributes (library, version), recorded with each run.
    public var metadata: [String: String] {
        client.spec.attrs.merging(["solver": client.spec.name]) { attribute, _ in attribute }
    }

    /// Starts the plugin, checks its capabilities against the space and creates the solver, seeded with the run's
    /// optimizer seed.
    /// - Throws: ``PluginError``, or ``TunebenchCore/CoreError/missingCapability(optimizer:problem:missing:)`` when
    ///   the solver lacks a capability the space needs.
    public init(command: PluginCommand, context: OptimizerContext) throws {
        let problem = ProblemSpecification(
            space: context.space, name: context.problem, fidelities: context.fidelities,
            objectives: context.objectiveCount)
        var command = command
        command.environment[Self.budgetVariable] = String(context.fullFidelityBudget)
        client = try SolverClient(command)
        space = context.space
        fidelities = context.fidelities
        lastStep = problem.steps.last ?? 1
        remaining = context.budget
        do {
            try client.spec.check(problem, solver: command.name, problemLabel: context.problem)
        } catch {
            client.connection.close()
            throw error
        }
        try client.createSolver(id: 0, seed: context.seed, problem: problem)
    }

    /// The environment variable that tells a solver plugin the run's evaluation budget (a Tunebench extension, in
    /// Plugins/PROTOCOL.md; kurobako's protocol has no budget, and a solver may ignore it). Each run starts its own
    /// process, so the value is the run's.
    public static let budgetVariable = "TUNEBENCH_BUDGET"

    /// kurobako's capability of a solver that may be asked again before earlier trials are told.
    public static let concurrentCapability = "CONCURRENT"

    deinit {
        client.drop(solver: 0)
        client.connection.close()
    }

    /// The next suggestion; `nil` while a trial is pending when the solver does not declare kurobako's `CONCURRENT`
    /// capability (it is then asked sequentially, as kurobako runs such a solver with one worker).
    public func ask() throws -> Suggestion? {
        guard remaining > 0 else { return nil }
        guard pending.isEmpty || client.spec.capabilities.contains(Self.concurrentCapability) else { return nil }
        let offered = nextTrialID
        let proposal = try client.ask(solver: 0, nextTrialID: offered)
        let during = "ASK_CALL for trial \(offered)"
        guard let step = proposal.nextStep else {
            throw client.connection.violation(
                "it finished trial \(offered) without evaluating it (next_step null); Tunebench evaluates every trial",
                during: during)
        }
        let level: Int?
        if fidelities.isEmpty {
            guard step == lastStep else {
                throw client.connection.violation(
                    "it asked for step \(step) of a single-fidelity problem (the only step is \(lastStep))", during: during)
            }
            level = nil
        } else {
            guard let index = fidelities.firstIndex(where: { $0.steps == step }) else {
                throw client.connection.violation(
                    "it asked for step \(step), which is not one of the problem's steps "
                        + fidelities.map { String($0.steps) }.joined(separator: ", "),
                    during: during)
            }
            level = index == fidelities.count - 1 ? nil : index
        }
        switch ParameterValues.configuration(from: proposal.params, space: space) {
        case .success(let configuration):
            remaining -= 1
            nextTrialID = proposal.nextTrialID
            pending.add((proposal.trialID, step))
            return Suggestion(configuration, fidelity: level)
        case .failure(let reason):
            throw client.connection.violation(reason.text, during: during)
        }
    }

    public func tell(_ observation: Observation) throws {
        guard let pending = pending.remove(observation.trial) else { return }
        // A solver that reads constraint values gets an infeasible trial's value with them; any other, a failure.
        let readsConstraints = client.spec.readsConstraints && observation.constraints != nil
        let value = readsConstraints ? observation.objectiveValue : observation.finiteValue
        // Several objectives: every value, or none for a failure.
        let values =
            observation.objectives.map { value != nil && $0.allSatisfy(\.isFinite) ? $0 : [] } ?? value.map { [$0] } ?? []
        try client.tell(
            solver: 0, trialID: pending.trialID, values: values,
            constraintValues: readsConstraints && value != nil ? observation.constraints : nil,
            currentStep: pending.step)
    }
}
