import Foundation
import Testing
import Tunebench

@testable import TunebenchPlugins

/// Fuzzes the plugin message decoder without starting a process, with 100,000 inputs (``FuzzCampaign``): the line a
/// plugin printed goes through `Message.decode` and `expecting(_:)`, then through the reader of its message type:
/// the solver spec (`SolverClient.readSpec`), the problem spec (`ProblemClient.readSpec`, then
/// `ProblemSpecification.searchSpace(plugin:)` with its constraints), the ask reply (`SolverClient.proposal`, then
/// `ParameterValues.configuration`), the evaluate reply (`ProblemClient.evaluation`), and the replies without fields.
///
/// The corpus holds messages that the `kurobako` Python package (0.2.1) printed for the test fixtures, the example of
/// `Plugins/PROTOCOL.md`, and specs that Tunebench writes for built-in problems. Every input must decode or give a
/// ``PluginError`` whose message is one line naming the plugin and the exchange, and the message type, field, line
/// and column or parameter at fault.
struct PluginMessageFuzzTests {
    /// The reader an input is meant for.
    enum Target: Sendable, CustomStringConvertible {
        case solverSpec
        case problemSpec
        /// An `ASK_REPLY` to an `ASK_CALL` that offered trial id `offered`.
        case askReply(offered: Int)
        case evaluateReply
        /// A reply without fields.
        case emptyReply(String)

        var type: String {
            switch self {
            case .solverSpec: return "SOLVER_SPEC_CAST"
            case .problemSpec: return "PROBLEM_SPEC_CAST"
            case .askReply: return "ASK_REPLY"
            case .evaluateReply: return "EVALUATE_REPLY"
            case .emptyReply(let type): return type
            }
        }

        var during: String {
            switch self {
            case .solverSpec, .problemSpec: return "start-up"
            case .askReply(let offered): return "ASK_CALL for trial \(offered)"
            case .evaluateReply: return "EVALUATE_CALL for evaluator 5"
            case .emptyReply(let type): return type.replacingOccurrences(of: "_REPLY", with: "_CALL") + " for trial 2"
            }
        }

        var description: String { type }
    }

    /// A plugin without a process.
    struct Source: MessageSource {
        var pluginName: String { "fuzz" }
        func stderrTail() -> String { "" }
    }

    /// The space that ask replies are read against: every parameter kind, and a conditional one.
    static let space = try! SearchSpace([
        .real("x", lower: -1, upper: 1), .integer("n", lower: 1, upper: 4), .categorical("c", choices: ["a", "b"]),
        .real("y", lower: 1e-3, upper: 1, scale: .log, when: .init(parent: "c", values: ["b"])),
    ])

    static let corpus: [(tag: Target, bytes: [UInt8])] = {
        let kurobako: [(Target, String)] = [
            (
                .solverSpec,
                #"{"type": "SOLVER_SPEC_CAST", "spec": {"name": "kurobako-random", "attrs": {}, "capabilities": ["UNIFORM_CONTINUOUS", "CATEGORICAL", "UNIFORM_DISCRETE", "CONDITIONAL"]}}"#
            ),
            (
                .solverSpec,
                #"{"type": "SOLVER_SPEC_CAST", "spec": {"name": "broken-valid", "attrs": {"mode": "valid"}, "capabilities": ["UNIFORM_CONTINUOUS", "UNIFORM_DISCRETE", "LOG_UNIFORM_CONTINUOUS", "LOG_UNIFORM_DISCRETE", "CATEGORICAL"]}}"#
            ),
            (
                .solverSpec,
                #"{"type":"SOLVER_SPEC_CAST","spec":{"name":"optuna-tpe","attrs":{"library":"optuna","version":"4.1.0"}}}"#
            ),
            (
                .problemSpec,
                #"{"type": "PROBLEM_SPEC_CAST", "spec": {"name": "kurobako-stepped", "attrs": {}, "params_domain": [{"name": "x", "range": {"type": "CONTINUOUS", "low": 0.0, "high": 1.0}, "distribution": "UNIFORM", "constraint": null}], "values_domain": [{"name": "f", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM", "constraint": null}], "steps": [1, 3, 9], "reference_point": null}}"#
            ),
            (
                .problemSpec,
                #"{"type": "PROBLEM_SPEC_CAST", "spec": {"name": "kurobako-quadratic", "attrs": {"optimum": "0"}, "params_domain": [{"name": "x", "range": {"type": "CONTINUOUS", "low": 0.0, "high": 1.0}, "distribution": "UNIFORM", "constraint": null}, {"name": "n", "range": {"type": "DISCRETE", "low": 0, "high": 8}, "distribution": "UNIFORM", "constraint": null}, {"name": "kind", "range": {"type": "CATEGORICAL", "choices": ["a", "b"]}, "distribution": "UNIFORM", "constraint": null}], "values_domain": [{"name": "f", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM", "constraint": null}], "steps": 1, "reference_point": null}}"#
            ),
            (
                .problemSpec,
                #"{"type": "PROBLEM_SPEC_CAST", "spec": {"name": "branin", "attrs": {"github": "..."}, "params_domain": [{"name": "x", "range": {"type": "CONTINUOUS", "low": -5.0, "high": 10.0}, "distribution": "UNIFORM"}, {"name": "n", "range": {"type": "DISCRETE", "low": 1, "high": 9}, "distribution": "LOG_UNIFORM"}, {"name": "kind", "range": {"type": "CATEGORICAL", "choices": ["a", "b"]}, "distribution": "UNIFORM"}, {"name": "alpha", "range": {"type": "CONTINUOUS", "low": 0.001, "high": 1.0}, "distribution": "LOG_UNIFORM", "constraint": "kind == \"a\""}], "values_domain": [{"name": "objective", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM"}], "steps": 1}}"#
            ),
            (
                .problemSpec,
                #"{"type": "PROBLEM_SPEC_CAST", "spec": {"name": "rust", "attrs": {"optimum": "-1.5", "n": 3}, "params_domain": [{"name": "c", "range": {"type": "CATEGORICAL", "choices": ["a", "b"]}, "distribution": "UNIFORM"}, {"name": "x", "range": {"type": "CONTINUOUS", "low": 0, "high": 1}, "distribution": "UNIFORM", "constraint": {"lua_script": "(c == \"b\") or ('a' == c)"}}], "values_domain": [{"name": "v", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM"}], "steps": [1, 3, 9]}}"#
            ),
            (
                .askReply(offered: 3),
                #"{"type": "ASK_REPLY", "trial": {"id": 3, "params": [-0.7312715117751976, 1, 1, 0.11791870367106105], "next_step": 1}, "next_trial_id": 4}"#
            ),
            (
                .askReply(offered: 4),
                #"{"type": "ASK_REPLY", "trial": {"id": 4, "params": [0.5219248898251512, 4, 0, null], "next_step": 1}, "next_trial_id": 5}"#
            ),
            (
                .askReply(offered: 0),
                #"{"type":"ASK_REPLY","trial":{"id":0,"params":[1.0,2,1,1.0],"next_step":null},"next_trial_id":1}"#
            ),
            (.evaluateReply, #"{"type": "EVALUATE_REPLY", "current_step": 3, "values": [0.3358333333333333]}"#),
            (.evaluateReply, #"{"type": "EVALUATE_REPLY", "current_step": 1, "values": [NaN]}"#),
            (.evaluateReply, #"{"type":"EVALUATE_REPLY","current_step":9,"values":[]}"#),
            (.evaluateReply, #"{"type": "ERROR_REPLY", "kind": "UNEVALABLE_PARAMS"}"#),
            (.askReply(offered: 2), #"{"type":"ERROR_REPLY","kind":"BUG","message":"Traceback: ValueError"}"#),
            (.emptyReply("TELL_REPLY"), #"{"type": "TELL_REPLY"}"#),
            (.emptyReply("CREATE_EVALUATOR_REPLY"), #"{"type": "CREATE_EVALUATOR_REPLY"}"#),
        ]
        // Specs that Tunebench writes for built-in problems (mixed, conditional and multi-fidelity spaces).
        let written = ["branin-mixed", "conditional-choice", "shifted-choice", "logreg"].map {
            name -> (Target, String) in
            let problem = try! Registry.builtin.makeProblem(EntrySpec(name), seed: 1)
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("type")
            writer.string("PROBLEM_SPEC_CAST")
            writer.key("spec")
            ProblemSpecification(space: problem.space, name: name, fidelities: problem.fidelities).write(to: &writer)
            writer.endObject()
            return (.problemSpec, String(decoding: writer.bytes, as: UTF8.self))
        }
        return (kurobako + written).map { ($0.0, Array($0.1.utf8)) }
    }()

    static let fuzzer = JSONFuzzer<Target>(
        corpus: corpus,
        keys: [
            "type", "spec", "name", "attrs", "capabilities", "params_domain", "range", "low", "high", "choices",
            "distribution", "constraint", "lua_script", "values_domain", "steps", "trial", "id", "params", "next_step",
            "next_trial_id", "current_step", "values", "kind", "message", "optimum",
        ],
        words: SolverSpecification.knownCapabilities.sorted() + [
            "CONTINUOUS", "DISCRETE", "CATEGORICAL", "UNIFORM", "LOG_UNIFORM", "ERROR_REPLY", "ASK_REPLY",
            "EVALUATE_REPLY", "UNEVALUABLE_PARAMS", "x", "c", "kind", "c == \"a\"", "c == 'b' or c == \"a\"",
        ],
        generate: { random in generateMessage(&random) }
    )

    @Test func oneHundredThousandLinesGiveAMessageOrAClearError() {
        let campaign = FuzzCampaign()
        let tally = campaign.run(Self.fuzzer) { input in Self.check(input.bytes, input.tag) }
        campaign.expectClean(tally, decoder: "plugin message decoder")
    }

    @Test func theCorpusDecodes() {
        for (target, line) in Self.corpus {
            let text = String(decoding: line, as: UTF8.self)
            switch Self.check(line, target) {
            case .failure(let reason): Issue.record("\(text): \(reason)")
            case .outcome(let outcome):
                #expect(outcome == (text.contains("ERROR_REPLY") ? .validation : .accepted), "\(text)")
            }
        }
    }

    /// The fuzz property for one line.
    static func check(_ line: [UInt8], _ target: Target) -> FuzzCampaign.Verdict {
        let source = Source()
        do {
            let message = try Message.decode(line, from: source, during: target.during).expecting(target.type)
            switch target {
            case .solverSpec:
                _ = try SolverClient.readSpec(message)
            case .problemSpec:
                let spec = try ProblemClient.readSpec(message)
                _ = (spec.optimum, spec.fidelities, spec.luaProblem, spec.requiredCapabilities)
                let space = try spec.searchSpace(plugin: "fuzz")
                if let problem = roundTrip(space, spec) { return .failure(problem) }
            case .askReply(let offered):
                let proposal = try SolverClient.proposal(from: message, offered: offered)
                switch ParameterValues.configuration(from: proposal.params, space: space) {
                case .success(let configuration):
                    do {
                        try space.validate(configuration)
                    } catch {
                        return .failure("accepted params that are not a configuration of the space: \(error)")
                    }
                case .failure(let reason):
                    throw source.violation(reason.text, during: target.during)
                }
            case .evaluateReply:
                _ = try ProblemClient.evaluation(from: message)
            case .emptyReply:
                break
            }
            return .outcome(.accepted)
        } catch let error as PluginError {
            return verdict(error, target)
        } catch {
            return .failure("threw \(type(of: error)) (\(error)), not a PluginError")
        }
    }

    /// Whether the error names the plugin, the exchange and what is at fault on one line.
    static func verdict(_ error: PluginError, _ target: Target) -> FuzzCampaign.Verdict {
        let message = "\(error)"
        if let problem = FuzzCampaign.unclear(message) { return .failure(problem) }
        guard message.hasPrefix("plugin 'fuzz' ") else {
            return .failure("the message does not name the plugin: \(message)")
        }
        switch error {
        case .garbage:
            guard message.contains("during \(target.during)"),
                FuzzCampaign.namesLineAndColumn(message) || message.contains(#"(no "type")"#)
            else { return .failure("a syntax error without the exchange or the place: \(message)") }
            return .outcome(.syntax)
        case .violation:
            guard message.contains("during \(target.during)"),
                ["_REPLY", "_CAST", "_CALL"].contains(where: { message.contains($0) })
            else { return .failure("a violation without the exchange or the message type: \(message)") }
            return .outcome(.validation)
        case .errorReply:
            guard message.contains("answered \(target.during) with ERROR_REPLY") else {
                return .failure("an error reply without the exchange: \(message)")
            }
            return .outcome(.validation)
        case .unsupportedSpec(_, let reason):
            guard reason.contains("'") || reason.contains("objectives") || reason.contains("params_domain") else {
                return .failure("a refused spec without the parameter at fault: \(message)")
            }
            return .outcome(.validation)
        default:
            return .failure("an error of an undocumented kind: \(message)")
        }
    }

    /// Why a plugin's space does not survive the trip to a spec and back, or `nil`.
    static func roundTrip(_ space: SearchSpace, _ spec: ProblemSpecification) -> String? {
        let written = ProblemSpecification(space: space, name: spec.name, fidelities: spec.fidelities)
        var writer = JSONWriter()
        written.write(to: &writer)
        do {
            let read = try ProblemSpecification(json: try JSONValue.parse(writer.bytes)) { reason in
                PluginError.unsupportedSpec(plugin: "round trip", reason: reason)
            }
            guard read == written else { return "the spec written for its space reads back differently" }
            guard try read.searchSpace(plugin: "round trip") == space else {
                return "its space does not survive the trip to a spec and back"
            }
        } catch {
            return "the spec written for its space is refused: \(error)"
        }
        return nil
    }

    // MARK: - Generation

    /// A message of one of the types the harness reads, with the right keys and mostly plausible values.
    static func generateMessage(_ random: inout FuzzRandom) -> (tag: Target, document: FuzzNode) {
        func value(_ plausible: (inout FuzzRandom) -> FuzzNode) -> FuzzNode {
            random.chance(0.9) ? plausible(&random) : fuzzer.strangeValue(&random)
        }
        func number(_ choices: [String]) -> FuzzNode { value { .token($0.pick(choices)) } }
        let target: Target
        var members: [(key: String, value: FuzzNode)] = []
        switch random.below(6) {
        case 0:
            target = .solverSpec
            let capabilities = (0..<random.below(5)).map { _ in value { .string($0.pick(capabilityNames)) } }
            members.append(
                (
                    "spec",
                    .object([
                        ("name", value { .string($0.pick(["s", "optuna", ""])) }),
                        ("attrs", value { .object([("version", .string($0.pick(["1", "2.0"])))]) }),
                        ("capabilities", random.chance(0.9) ? .array(capabilities) : fuzzer.strangeValue(&random)),
                    ])
                )
            )
        case 1, 2:
            target = .problemSpec
            var variables: [FuzzNode] = []
            var categorical: [String] = []
            for index in 0..<random.below(5) {
                let name = random.chance(0.9) ? "p\(index)" : random.pick(hardNames)
                var range: [(key: String, value: FuzzNode)] = []
                switch random.below(4) {
                case 0:
                    range = [
                        ("type", .string("CONTINUOUS")), ("low", number(["0", "-5.0", "0.001", "1", "-1e308"])),
                        ("high", number(["1", "10.0", "1e308", "0.5"])),
                    ]
                case 1:
                    range = [
                        ("type", .string("DISCRETE")), ("low", number(["0", "1", "-3", "9007199254740992"])),
                        ("high", number(["4", "9", "1", "9007199254740993"])),
                    ]
                case 2:
                    range = [
                        ("type", .string("CATEGORICAL")),
                        (
                            "choices",
                            value { .array((0..<$0.integer(in: 1...3)).map { .string(["a", "b", "c"][$0]) }) }
                        ),
                    ]
                    categorical.append(name)
                default:
                    range = [("type", value { .string($0.pick(["CONTINUOUS", "BOOLEAN", "DISCRETE"])) })]
                }
                var variable: [(key: String, value: FuzzNode)] = [
                    ("name", .string(name)), ("range", .object(range)),
                    ("distribution", value { .string($0.pick(["UNIFORM", "LOG_UNIFORM"])) }),
                ]
                if let parent = categorical.last, parent != name, random.chance(0.4) {
                    let constraint =
                        random.chance(0.8)
                        ? "\(parent) == \"a\"" + (random.chance(0.3) ? " or \(parent) == 'b'" : "")
                        : random.pick(["(", "x > 0", deepConstraint])
                    variable.append(
                        (
                            "constraint",
                            random.chance(0.7) ? .string(constraint) : .object([("lua_script", .string(constraint))])
                        )
                    )
                }
                variables.append(.object(variable))
            }
            let objective = FuzzNode.object([
                ("name", .string("f")), ("range", .object([("type", .string("CONTINUOUS"))])),
            ])
            members.append(
                (
                    "spec",
                    .object([
                        ("name", value { .string($0.pick(["p", "quadratic"])) }),
                        (
                            "attrs",
                            value { .object([("optimum", .string($0.pick(["0", "-1.5", "NaN", "inf", "x"])))]) }
                        ),
                        ("params_domain", random.chance(0.95) ? .array(variables) : fuzzer.strangeValue(&random)),
                        ("values_domain", value { .array(Array(repeating: objective, count: $0.chance(0.9) ? 1 : 2)) }),
                        (
                            "steps",
                            value { random in
                                random.chance(0.5)
                                    ? .token(
                                        random.pick(
                                            ["1", "2", "3", "9", "0", "-1"]
                                                + (random.chance(0.1) ? ["10000", "10001"] : [])
                                        )
                                    )
                                    : .array([.token("1"), .token(random.pick(["3", "1", "0"]))])
                            }
                        ),
                    ])
                )
            )
        case 3:
            let offered = random.pick([0, 3, 7])
            target = .askReply(offered: offered)
            let params: [FuzzNode] = [
                number(["0.5", "-1", "1", "1.0000001", "NaN"]), number(["1", "4", "2.0", "4.5", "5"]),
                number(["0", "1", "1.0", "2"]),
                value { $0.chance(0.5) ? .token("null") : .token($0.pick(["0.5", "1", "0"])) },
            ]
            members.append(
                (
                    "trial",
                    .object([
                        ("id", value { $0.chance(0.9) ? .token("\(offered)") : .token($0.pick(["-1", "0", "100"])) }),
                        ("params", .array(random.chance(0.9) ? params : Array(params.prefix(random.below(4))))),
                        ("next_step", number(["1", "null", "3"])),
                    ])
                )
            )
            members.append(
                ("next_trial_id", value { $0.chance(0.9) ? .token("\(offered + 1)") : .token("\(offered)") })
            )
        case 4:
            target = .evaluateReply
            members.append(("current_step", number(["1", "3", "9"])))
            members.append(("values", value { .array((0..<$0.below(3)).map { _ in .token("0.25") }) }))
        default:
            target = .emptyReply(random.pick(["TELL_REPLY", "CREATE_EVALUATOR_REPLY"]))
        }
        if random.chance(0.05) {
            let kind = value { .string($0.pick(["UNEVALUABLE_PARAMS", "BUG", "OTHER"])) }
            return (
                target, .object([("type", .string("ERROR_REPLY")), ("kind", kind), ("message", .string("bad\nthing"))])
            )
        }
        return (
            target,
            .object([("type", random.chance(0.97) ? .string(target.type) : fuzzer.strangeValue(&random))] + members)
        )
    }

    static let capabilityNames = SolverSpecification.knownCapabilities.sorted()

    /// A constraint in 10,000 parentheses (the parser recursed once per parenthesis, and ran out of stack).
    static let deepConstraint =
        String(repeating: "(", count: 10_000) + "c == \"a\"" + String(repeating: ")", count: 10_000)

    /// Parameter names that kurobako's Lua constraints and Tunebench's spaces find hard.
    static let hardNames = ["", "and", "1x", "a b", "p0", "\u{0}", "é", String(repeating: "n", count: 300)]
}
