import TunebenchCore

/// What a solver says of itself in `SOLVER_SPEC_CAST`.
public struct SolverSpecification: Sendable, Hashable {
    public var name: String
    public var attrs: [String: String]
    /// kurobako capability names, such as `UNIFORM_CONTINUOUS`.
    public var capabilities: Set<String>

    /// The Tunebench extension capability of a solver that reads `constraint_values` in `TELL_CALL`
    /// (Plugins/PROTOCOL.md): it is told an infeasible trial's objective value with its constraint values; a solver
    /// without it is told an infeasible trial as failed (empty `values`), the failure rule ranking it last.
    public static let constraintsCapability = "CONSTRAINTS"

    /// Whether the solver declared ``constraintsCapability``.
    public var readsConstraints: Bool { capabilities.contains(Self.constraintsCapability) }

    /// Every capability kurobako defines, and Tunebench's extension ``constraintsCapability``.
    public static let knownCapabilities: Set<String> = [
        "UNIFORM_CONTINUOUS", "UNIFORM_DISCRETE", "LOG_UNIFORM_CONTINUOUS", "LOG_UNIFORM_DISCRETE", "CATEGORICAL",
        "CONDITIONAL", "MULTI_OBJECTIVE", "CONCURRENT", constraintsCapability,
    ]

    /// The capabilities a problem needs that this solver lacks, sorted.
    public func missing(for problem: ProblemSpecification) -> [String] {
        problem.requiredCapabilities.filter { !capabilities.contains($0) }
    }

    /// Checks that this solver can search `problem`.
    /// - Throws: ``TunebenchCore/CoreError/missingCapability(optimizer:problem:missing:)`` naming the solver and the
    ///   problem, or ``PluginError/unsupportedSpec(plugin:reason:)`` for names kurobako's constraints cannot hold.
    func check(_ problem: ProblemSpecification, solver: String, problemLabel: String) throws {
        let missing = missing(for: problem)
        guard missing.isEmpty else {
            throw CoreError.missingCapability(optimizer: solver, problem: problemLabel, missing: missing)
        }
        if let reason = problem.luaProblem { throw PluginError.unsupportedSpec(plugin: solver, reason: reason) }
    }
}

/// The harness's side of a solver session (see `Plugins/PROTOCOL.md`).
final class SolverClient {
    let connection: PluginConnection
    let spec: SolverSpecification

    /// Starts the solver and reads its spec.
    init(_ command: PluginCommand) throws {
        connection = try PluginConnection(command)
        spec = try Self.readSpec(try connection.receive("SOLVER_SPEC_CAST", during: "start-up"))
    }

    /// Adopts a connection whose first message (already read) is `SOLVER_SPEC_CAST`.
    init(connection: PluginConnection, spec message: Message) throws {
        self.connection = connection
        spec = try Self.readSpec(message)
    }

    /// Reads the spec of a `SOLVER_SPEC_CAST`: a `name`, string `attrs` (other values are kept as written) and a
    /// list of `capabilities` (none when absent or null).
    /// - Throws: ``PluginError/violation(plugin:reason:during:stderr:)`` naming the field.
    static func readSpec(_ message: Message) throws -> SolverSpecification {
        let fields = try message.object("spec")
        guard case .string(let name)? = fields["name"] else {
            throw message.violation("the spec of \(message.type) has no string \"name\"")
        }
        var attrs: [String: String] = [:]
        if case .object(let members)? = fields["attrs"] {
            for (key, value) in members {
                if case .string(let text) = value { attrs[key] = text } else { attrs[key] = value.shown }
            }
        }
        var capabilities: Set<String> = []
        switch fields["capabilities"] {
        case .array(let items)?:
            for item in items {
                guard case .string(let capability) = item else {
                    throw message.violation("a capability in the spec of \(message.type) is \(item.shown)")
                }
                capabilities.insert(capability)
            }
        case nil, .null?:
            capabilities = []
        case let other?:
            throw message.violation("\"capabilities\" in the spec of \(message.type) is \(other.shown)")
        }
        return SolverSpecification(name: name, attrs: attrs, capabilities: capabilities)
    }

    func createSolver(id: Int, seed: UInt64, problem: ProblemSpecification) throws {
        try connection.send("CREATE_SOLVER_CAST", during: "CREATE_SOLVER_CAST") { writer in
            writer.key("solver_id")
            writer.integer(id)
            writer.key("random_seed")
            writer.integer(Int(protocolSeed(seed)))
            writer.key("problem")
            problem.write(to: &writer)
        }
    }

    /// A trial the solver proposes.
    struct Proposal {
        var trialID: Int
        var params: [JSONValue]
        /// `nil` when the solver has finished with the trial.
        var nextStep: Int?
        var nextTrialID: Int
    }

    /// Asks for a new trial, offering id `nextTrialID`.
    ///
    /// The reply must propose that id and a larger `next_trial_id`. kurobako also lets a solver resume an earlier
    /// trial at a higher step (multi-fidelity), or end a trial without a step; Tunebench evaluates every trial once,
    /// at the step asked for, and refuses both for now (see `Plugins/PROTOCOL.md`).
    func ask(solver: Int, nextTrialID: Int) throws -> Proposal {
        let during = "ASK_CALL for trial \(nextTrialID)"
        try connection.send("ASK_CALL", during: during) { writer in
            writer.key("solver_id")
            writer.integer(solver)
            writer.key("next_trial_id")
            writer.integer(nextTrialID)
        }
        return try Self.proposal(from: try connection.receive("ASK_REPLY", during: during), offered: nextTrialID)
    }

    /// Reads an `ASK_REPLY` to an `ASK_CALL` that offered the id `nextTrialID`.
    /// - Throws: ``PluginError/violation(plugin:reason:during:stderr:)`` naming the field, for a missing or
    ///   mistyped field, a resumed trial, another id than the one offered, or a `next_trial_id` not above it.
    static func proposal(from reply: Message, offered nextTrialID: Int) throws -> Proposal {
        let trial = try reply.object("trial")
        guard case .integer(let id)? = trial["id"] else {
            throw reply.violation("the trial of ASK_REPLY has no integer \"id\"")
        }
        guard case .array(let params)? = trial["params"] else {
            throw reply.violation("the trial of ASK_REPLY has no \"params\" list")
        }
        let nextStep: Int?
        switch trial["next_step"] {
        case .integer(let step)?: nextStep = step
        case nil, .null?: nextStep = nil
        case let other?: throw reply.violation("\"next_step\" of the trial of ASK_REPLY is \(other.shown)")
        }
        let proposal = Proposal(trialID: id, params: params, nextStep: nextStep, nextTrialID: try reply.integer("next_trial_id"))
        if proposal.trialID < nextTrialID && proposal.trialID >= 0 {
            throw reply.violation(
                "ASK_REPLY resumes the earlier trial \(proposal.trialID); Tunebench evaluates each trial once and does "
                    + "not support resumed trials yet (expected the new id \(nextTrialID))")
        }
        guard proposal.trialID == nextTrialID else {
            throw reply.violation(
                "ASK_REPLY proposes trial id \(proposal.trialID); expected \(nextTrialID), the id offered for a new "
                    + "trial")
        }
        guard proposal.nextTrialID > proposal.trialID else {
            throw reply.violation(
                "ASK_REPLY gives next_trial_id \(proposal.nextTrialID), not above the trial's id \(proposal.trialID)")
        }
        return proposal
    }

    /// Tells the solver a result; `values` is empty for a failed evaluation; `constraintValues`, when given, are a
    /// constrained problem's `c_1 ... c_k` (the Tunebench extension member `trial.constraint_values`).
    func tell(solver: Int, trialID: Int, values: [Double], constraintValues: [Double]? = nil, currentStep: Int) throws {
        let during = "TELL_CALL for trial \(trialID)"
        try connection.send("TELL_CALL", during: during) { writer in
            writer.key("solver_id")
            writer.integer(solver)
            writer.key("trial")
            writer.beginObject()
            writer.key("id")
            writer.integer(trialID)
            writer.key("values")
            writer.beginArray()
            for value in values { writer.number(value) }
            writer.endArray()
            if let constraintValues {
                writer.key("constraint_values")
                writer.beginArray()
                for value in constraintValues { writer.number(value) }
                writer.endArray()
            }
            writer.key("current_step")
            writer.integer(currentStep)
            writer.endObject()
        }
        _ = try connection.receive("TELL_REPLY", during: during)
    }

    /// Drops a solver instance; a failure to send is ignored (the session is ending anyway).
    func drop(solver: Int) {
        try? connection.send("DROP_SOLVER_CAST", during: "DROP_SOLVER_CAST") { writer in
            writer.key("solver_id")
            writer.integer(solver)
        }
    }
}

/// The seed sent to plugins: the low 53 bits, which every JSON parser reads exactly (see `Plugins/PROTOCOL.md`).
func protocolSeed(_ seed: UInt64) -> UInt64 {
    seed & ((1 << 53) - 1)
}
