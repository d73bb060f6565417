import TunebenchCore

/// The harness's side of a problem session (see `Plugins/PROTOCOL.md`).
final class ProblemClient {
    let connection: PluginConnection
    let spec: ProblemSpecification

    /// Starts the problem and reads its spec.
    init(_ command: PluginCommand) throws {
        connection = try PluginConnection(command)
        spec = try Self.readSpec(try connection.receive("PROBLEM_SPEC_CAST", during: "start-up"))
    }

    /// Adopts a connection whose first message (already read) is `PROBLEM_SPEC_CAST`.
    init(connection: PluginConnection, spec message: Message) throws {
        self.connection = connection
        spec = try Self.readSpec(message)
    }

    /// Reads the spec of a `PROBLEM_SPEC_CAST` (see ``ProblemSpecification``).
    /// - Throws: ``PluginError/violation(plugin:reason:during:stderr:)`` naming the field.
    static func readSpec(_ message: Message) throws -> ProblemSpecification {
        try ProblemSpecification(json: try message.value("spec")) { reason in
            message.violation("the spec of \(message.type) is invalid: \(reason)")
        }
    }

    func createProblem(id: Int, seed: UInt64) throws {
        try connection.send("CREATE_PROBLEM_CAST", during: "CREATE_PROBLEM_CAST") { writer in
            writer.key("problem_id")
            writer.integer(id)
            writer.key("random_seed")
            writer.integer(Int(protocolSeed(seed)))
        }
    }

    /// Creates an evaluator for `configuration`.
    /// - Returns: `false` when the problem answered `UNEVALUABLE_PARAMS` (the configuration cannot be evaluated).
    func createEvaluator(problem: Int, evaluator: Int, configuration: Configuration) throws -> Bool {
        let during = "CREATE_EVALUATOR_CALL for evaluator \(evaluator)"
        try connection.send("CREATE_EVALUATOR_CALL", during: during) { writer in
            writer.key("problem_id")
            writer.integer(problem)
            writer.key("evaluator_id")
            writer.integer(evaluator)
            writer.key("params")
            ParameterValues.write(configuration, to: &writer)
        }
        do {
            _ = try connection.receive("CREATE_EVALUATOR_REPLY", during: during)
            return true
        } catch PluginError.errorReply(_, let kind, _, _, _) where Self.isUnevaluable(kind) {
            return false
        }
    }

    /// Evaluates up to `nextStep`.
    /// - Returns: the step reached, the values (empty when the evaluation failed) and the constraint values (the
    ///   Tunebench extension `constraint_values`, `nil` when absent), or `nil` when the problem answered
    ///   `UNEVALUABLE_PARAMS`.
    func evaluate(evaluator: Int, nextStep: Int) throws -> (currentStep: Int, values: [Double], constraints: [Double]?)? {
        let during = "EVALUATE_CALL for evaluator \(evaluator)"
        try connection.send("EVALUATE_CALL", during: during) { writer in
            writer.key("evaluator_id")
            writer.integer(evaluator)
            writer.key("next_step")
            writer.integer(nextStep)
        }
        let reply: Message
        do {
            reply = try connection.receive("EVALUATE_REPLY", during: during)
        } catch PluginError.errorReply(_, let kind, _, _, _) where Self.isUnevaluable(kind) {
            return nil
        }
        return try Self.evaluation(from: reply)
    }

    /// Reads an `EVALUATE_REPLY`: the step reached, the values (numbers, NaN included; empty for a failed
    /// evaluation) and, when the reply has them, the constraint values (`constraint_values`, a Tunebench extension).
    /// - Throws: ``PluginError/violation(plugin:reason:during:stderr:)`` naming the field.
    static func evaluation(from reply: Message) throws -> (currentStep: Int, values: [Double], constraints: [Double]?) {
        func numbers(_ key: String) throws -> [Double] {
            try reply.array(key).map { item -> Double in
                guard let value = item.doubleValue else { throw reply.violation("a value of \(key) is \(item.shown)") }
                return value
            }
        }
        let constraints = reply.fields["constraint_values"] == nil ? nil : try numbers("constraint_values")
        return (try reply.integer("current_step"), try numbers("values"), constraints)
    }

    func dropEvaluator(_ evaluator: Int) throws {
        try connection.send("DROP_EVALUATOR_CAST", during: "DROP_EVALUATOR_CAST") { writer in
            writer.key("evaluator_id")
            writer.integer(evaluator)
        }
    }

    /// Drops the problem instance; a failure to send is ignored (the session is ending anyway).
    func dropProblem(_ problem: Int) {
        try? connection.send("DROP_PROBLEM_CAST", during: "DROP_PROBLEM_CAST") { writer in
            writer.key("problem_id")
            writer.integer(problem)
        }
    }

    /// kurobako's `UNEVALUABLE_PARAMS`, and the `UNEVALABLE_PARAMS` spelling of the `kurobako` Python package.
    static func isUnevaluable(_ kind: String) -> Bool {
        kind == "UNEVALUABLE_PARAMS" || kind == "UNEVALABLE_PARAMS"
    }
}
