import TunebenchCore

/// A plugin problem as a ``Problem``: one plugin process per run, one problem instance in it seeded with the run's
/// instance seed, one evaluator per evaluation.
///
/// A configuration the problem cannot evaluate (`UNEVALUABLE_PARAMS`, or an empty list of values) is a failed trial;
/// a NaN value breaks the protocol and fails the run. A problem whose spec declares constraints (`attrs.constraints`,
/// a Tunebench extension) returns their values with each evaluation (`constraint_values` in `EVALUATE_REPLY`); the
/// runner checks their number. A problem of several objectives (its `values_domain`) must give a `reference_point` in
/// its spec, which becomes its ``TunebenchCore/ParetoReference`` (without a front volume: the metric is the negated
/// hypervolume), and its values are the objectives.
public final class PluginProblem: Problem {
    private let client: ProblemClient
    public let space: SearchSpace
    public let optimum: Double?
    public let fidelities: [Fidelity]
    public let constraintCount: Int
    public var objectiveCount: Int { client.spec.objectives }
    public var paretoReference: ParetoReference? {
        guard client.spec.objectives > 1 else { return nil }
        return client.spec.referencePoint.map { ParetoReference(point: $0, hypervolume: nil) }
    }
    private let lastStep: Int
    private var nextEvaluator = 0

    /// What the problem said of itself.
    public var spec: ProblemSpecification { client.spec }

    /// The problem's name and attributes, recorded with each run.
    public var metadata: [String: String] {
        client.spec.attrs.merging(["problem": client.spec.name]) { attribute, _ in attribute }
    }

    /// Starts the plugin, reads its spec and creates the problem instance.
    /// - Throws: ``PluginError``.
    public init(command: PluginCommand, seed: UInt64) throws {
        client = try ProblemClient(command)
        do {
            space = try client.spec.searchSpace(plugin: command.name)
            guard let count = client.spec.constraintCount else {
                throw client.connection.violation(
                    "attrs.constraints of its spec is '\(client.spec.attrs["constraints"] ?? "")', not a number of "
                        + "constraints (a non-negative decimal integer)", during: "PROBLEM_SPEC_CAST")
            }
            constraintCount = count
        } catch {
            client.connection.close()
            throw error
        }
        optimum = client.spec.optimum
        fidelities = client.spec.fidelities
        lastStep = client.spec.steps.last ?? 1
        try client.createProblem(id: 0, seed: seed)
    }

    deinit {
        client.dropProblem(0)
        client.connection.close()
    }

    public func evaluate(_ configuration: Configuration) throws -> Evaluation {
        try evaluate(configuration, fidelity: nil)
    }

    public func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        let step = fidelity.map { fidelities[$0].steps } ?? lastStep
        let cost = fidelity.map { fidelities[$0].cost } ?? 1
        let evaluator = nextEvaluator
        nextEvaluator += 1
        guard try client.createEvaluator(problem: 0, evaluator: evaluator, configuration: configuration) else {
            return Evaluation(value: .nan, cost: cost)
        }
        let result: (currentStep: Int, values: [Double], constraints: [Double]?)?
        do {
            result = try client.evaluate(evaluator: evaluator, nextStep: step)
        } catch {
            try? client.dropEvaluator(evaluator)
            throw error
        }
        try client.dropEvaluator(evaluator)
        guard let (_, values, constraints) = result, let value = values.first else {
            return Evaluation(value: .nan, cost: cost)
        }
        guard !value.isNaN else {
            throw client.connection.violation(
                "it returned NaN as the objective value (an empty list marks a failed evaluation)",
                during: "EVALUATE_CALL for evaluator \(evaluator)")
        }
        return Evaluation(
            value: value, cost: cost, constraints: constraints, objectives: objectiveCount > 1 ? values : nil)
    }
}
