import Foundation
import TunebenchCore
import TunebenchNumerics

/// Runs a plugin through the whole protocol and reports, item by item, what works: `tunebench plugin check`.
///
/// For a solver: its spec; ask/tell on a space of each parameter kind it claims (with a failed evaluation among
/// them), every suggestion checked against the space and the trial ids checked; the same seed giving the same
/// answers; dropping solvers; a clean exit when its input closes. For a problem: its spec; evaluations at seeded
/// random points; the same seed giving the same values; dropping; a clean exit. Solvers are created side by side in
/// one process, as kurobako does.
public enum PluginCheck {
    /// One checked item.
    public struct Item: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var passed: Bool
        public var detail: String

        public var description: String { (passed ? "PASS  " : "FAIL  ") + name + (detail.isEmpty ? "" : ": \(detail)") }
    }

    /// Runs the check; `report` is called with each item as soon as it is known.
    /// - Returns: every item.
    @discardableResult
    public static func run(_ command: PluginCommand, report: (Item) -> Void = { _ in }) -> [Item] {
        var items: [Item] = []
        func record(_ name: String, _ passed: Bool, _ detail: String) {
            let item = Item(name: name, passed: passed, detail: detail)
            items.append(item)
            report(item)
        }
        let start = ContinuousClock.now
        let connection: PluginConnection
        let first: Message
        do {
            connection = try PluginConnection(command)
            first = try connection.receive(during: "start-up")
        } catch {
            record("starts and sends its spec", false, "\(error)")
            return items
        }
        let startup = (ContinuousClock.now - start).inSeconds
        switch first.type {
        case "SOLVER_SPEC_CAST":
            checkSolver(connection, first, startup: startup, record: record)
        case "PROBLEM_SPEC_CAST":
            checkProblem(connection, first, startup: startup, record: record)
        default:
            record(
                "starts and sends its spec", false,
                "its first message is \(first.type); expected SOLVER_SPEC_CAST or PROBLEM_SPEC_CAST")
            connection.close()
        }
        return items
    }

    // MARK: - Solvers

    /// One test space per parameter kind, with the capabilities it needs.
    static let kindSpaces: [(kind: String, needs: Set<String>, space: SearchSpace)] = [
        ("uniform continuous", ["UNIFORM_CONTINUOUS"], space([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)])),
        ("log-uniform continuous", ["LOG_UNIFORM_CONTINUOUS"], space([.real("rate", lower: 1e-4, upper: 1, scale: .log)])),
        ("uniform discrete", ["UNIFORM_DISCRETE"], space([.integer("n", lower: -3, upper: 3)])),
        ("log-uniform discrete", ["LOG_UNIFORM_DISCRETE"], space([.integer("width", lower: 1, upper: 1024, scale: .log)])),
        ("categorical", ["CATEGORICAL"], space([.categorical("color", choices: ["red", "green", "blue"])])),
        (
            "conditional", ["CONDITIONAL", "CATEGORICAL", "UNIFORM_CONTINUOUS"],
            space([
                .categorical("model", choices: ["linear", "tree"]),
                .real("alpha", lower: 0, upper: 1, when: .init(parent: "model", values: ["linear"])),
            ])
        ),
    ]

    private static func space(_ parameters: [Parameter]) -> SearchSpace {
        do {
            return try SearchSpace(parameters)
        } catch {
            preconditionFailure("check space is invalid: \(error)")
        }
    }

    private static func checkSolver(
        _ connection: PluginConnection, _ first: Message, startup: Double, record: (String, Bool, String) -> Void
    ) {
        let client: SolverClient
        do {
            client = try SolverClient(connection: connection, spec: first)
        } catch {
            record("starts and sends its spec", false, "\(error)")
            connection.close()
            return
        }
        let spec = client.spec
        record(
            "starts and sends its spec", true,
            "SOLVER_SPEC_CAST after \(format(startup)) s, name '\(spec.name)', capabilities "
                + spec.capabilities.sorted().joined(separator: ", "))
        let unknown = spec.capabilities.subtracting(SolverSpecification.knownCapabilities)
        record(
            "spec names known capabilities", unknown.isEmpty,
            unknown.isEmpty ? "" : "unknown: " + unknown.sorted().joined(separator: ", "))
        var solverID = 0
        var usable = true
        for (kind, needs, space) in kindSpaces where needs.isSubset(of: spec.capabilities) && usable {
            do {
                let trials = try askAndTell(client, solver: solverID, seed: 42, space: space, rounds: 10)
                record("ask/tell on a \(kind) space", true, "\(trials.count) trials inside the space, one failed evaluation told")
            } catch {
                record("ask/tell on a \(kind) space", false, "\(error)")
                usable = isAlive(error)
            }
            client.drop(solver: solverID)
            solverID += 1
        }
        if usable, let (_, _, space) = kindSpaces.first(where: { $0.needs.isSubset(of: spec.capabilities) }) {
            do {
                let first = try askAndTell(client, solver: solverID, seed: 7, space: space, rounds: 8)
                let second = try askAndTell(client, solver: solverID + 1, seed: 7, space: space, rounds: 8)
                if let index = first.indices.first(where: { $0 >= second.count || first[$0] != second[$0] }) {
                    record(
                        "same seed gives the same answers", false,
                        "trial \(index) differs: \(space.describe(first[index])) and \(space.describe(second[index]))")
                } else {
                    record("same seed gives the same answers", true, "8 trials, twice")
                }
            } catch {
                record("same seed gives the same answers", false, "\(error)")
                usable = isAlive(error)
            }
            client.drop(solver: solverID)
            client.drop(solver: solverID + 1)
        } else if usable {
            record("ask/tell on any space", false, "it claims no parameter kind Tunebench can test")
        }
        finish(connection, usable: usable, record: record)
    }

    /// Creates a solver and runs `rounds` ask/tell exchanges on `space`, the last one told as failed.
    private static func askAndTell(_ client: SolverClient, solver: Int, seed: UInt64, space: SearchSpace, rounds: Int)
        throws -> [Configuration]
    {
        try client.createSolver(id: solver, seed: seed, problem: ProblemSpecification(space: space, name: "check"))
        var configurations: [Configuration] = []
        var nextTrialID = 0
        for round in 0..<rounds {
            let during = "ASK_CALL for trial \(nextTrialID)"
            let proposal = try client.ask(solver: solver, nextTrialID: nextTrialID)
            let configuration: Configuration
            switch ParameterValues.configuration(from: proposal.params, space: space) {
            case .success(let value): configuration = value
            case .failure(let reason): throw client.connection.violation(reason.text, during: during)
            }
            configurations.append(configuration)
            let value = space.encode(configuration).reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) }
            try client.tell(
                solver: solver, trialID: proposal.trialID, values: round == rounds - 1 ? [] : [value],
                currentStep: proposal.nextStep ?? 1)
            nextTrialID = proposal.nextTrialID
        }
        return configurations
    }

    // MARK: - Problems

    private static func checkProblem(
        _ connection: PluginConnection, _ first: Message, startup: Double, record: (String, Bool, String) -> Void
    ) {
        let client: ProblemClient
        let space: SearchSpace
        do {
            client = try ProblemClient(connection: connection, spec: first)
            space = try client.spec.searchSpace(plugin: connection.command.name)
        } catch {
            record("starts and sends its spec", false, "\(error)")
            connection.close()
            return
        }
        record(
            "starts and sends its spec", true,
            "PROBLEM_SPEC_CAST after \(format(startup)) s, name '\(client.spec.name)', \(space.dimension) parameters, "
                + "steps \(client.spec.steps.last ?? 1)" + (client.spec.optimum.map { ", optimum \($0)" } ?? ""))
        var generator = Xoshiro256StarStar(seed: 3)
        let points = (0..<5).map { _ in space.decode((0..<space.dimension).map { _ in generator.nextUnit() }) }
        var usable = true
        var firstValues: [Double]?
        for (problemID, name) in [(0, "evaluates at random points"), (1, "same seed gives the same values")] where usable {
            do {
                let clock = ContinuousClock()
                let start = clock.now
                try client.createProblem(id: problemID, seed: 11)
                var values: [Double] = []
                for (index, point) in points.enumerated() {
                    values.append(
                        try evaluate(client, point, problem: problemID, evaluator: problemID * points.count + index, space: space))
                }
                client.dropProblem(problemID)
                let each = (clock.now - start).inSeconds / Double(points.count)
                let failed = values.filter(\.isNaN).count
                if problemID == 0 {
                    firstValues = values
                    record(
                        name, failed < values.count,
                        "values " + values.map(format).joined(separator: ", ") + ", \(format(each)) s each"
                            + (failed > 0 ? " (\(failed) failed evaluations)" : ""))
                } else if let firstValues {
                    let same = zip(values, firstValues).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
                    record(name, same, same ? "" : "got " + values.map(format).joined(separator: ", "))
                }
            } catch {
                record(name, false, "\(error)")
                usable = isAlive(error)
                if problemID == 0 { break }  // nothing to compare with
            }
        }
        finish(connection, usable: usable, record: record)
    }

    /// One evaluation through the protocol: the value, or NaN for a failed evaluation (unevaluable or an empty list,
    /// both allowed); a NaN value breaks the protocol.
    private static func evaluate(
        _ client: ProblemClient, _ point: Configuration, problem: Int, evaluator: Int, space: SearchSpace
    ) throws -> Double {
        guard try client.createEvaluator(problem: problem, evaluator: evaluator, configuration: point) else { return .nan }
        defer { try? client.dropEvaluator(evaluator) }
        guard let (_, result, _) = try client.evaluate(evaluator: evaluator, nextStep: client.spec.steps.last ?? 1),
            let value = result.first
        else { return .nan }
        guard !value.isNaN else {
            throw client.connection.violation(
                "it returned NaN at \(space.describe(point))", during: "EVALUATE_CALL for evaluator \(evaluator)")
        }
        return value
    }

    // MARK: - Helpers

    private static func finish(_ connection: PluginConnection, usable: Bool, record: (String, Bool, String) -> Void) {
        guard usable else {
            connection.close(grace: .zero)
            record("exits cleanly when its input closes", false, "not checked: the session broke down")
            return
        }
        let status = connection.close(grace: .seconds(saturating: connection.command.timeout))
        record("exits cleanly when its input closes", status == "exited with status 0", status)
    }

    /// Whether the session can go on after `error` (an error reply leaves the plugin answering; the rest does not).
    private static func isAlive(_ error: any Error) -> Bool {
        if case PluginError.errorReply = error { return true }
        if case PluginError.violation = error { return true }
        return false
    }

    private static func format(_ x: Double) -> String {
        String(format: "%.3g", x)
    }
}
