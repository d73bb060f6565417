import Testing
import TunebenchConformance
@testable import TunebenchPlugins
import Tunebench

struct ProtocolMappingTests {
    /// Every space of the conformance suite survives the trip to a kurobako spec and back.
    @Test(arguments: ConformanceSpaces.all)
    func spacesRoundTripThroughProblemSpecs(_ named: ConformanceSpaces.Named) throws {
        let spec = ProblemSpecification(space: named.space, name: named.name)
        var writer = JSONWriter()
        spec.write(to: &writer)
        let parsed = try ProblemSpecification(json: try JSONValue.parse(writer.bytes)) { PluginError.unsupportedSpec(plugin: "test", reason: $0) }
        #expect(parsed == spec)
        #expect(try parsed.searchSpace(plugin: "test") == named.space)
    }

    @Test func specsUseKurobakoConventions() throws {
        let space = try SearchSpace([
            .integer("n", lower: 1, upper: 8, scale: .log),
            .categorical("kind", choices: ["a", "b", "c"]),
            .real("alpha", lower: 0.001, upper: 1, scale: .log, when: .init(parent: "kind", values: ["a", "c"])),
        ])
        let spec = ProblemSpecification(space: space, name: "p")
        var writer = JSONWriter()
        spec.write(to: &writer)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.contains(#"{"name":"n","range":{"type":"DISCRETE","low":1,"high":9},"distribution":"LOG_UNIFORM"}"#))
        #expect(text.contains(#""constraint":"kind == \"a\" or kind == \"c\"""#))
        #expect(text.hasSuffix(#""values_domain":[{"name":"objective","range":{"type":"CONTINUOUS"},"distribution":"UNIFORM"}],"steps":1}"#))
        #expect(spec.requiredCapabilities == ["CATEGORICAL", "CONDITIONAL", "LOG_UNIFORM_CONTINUOUS", "LOG_UNIFORM_DISCRETE"])
    }

    @Test func constraintsOfTheSupportedShapeAreRead() {
        #expect(ConstraintExpression.read(#"kind == "a""#) == .init(parent: "kind", values: ["a"]))
        #expect(ConstraintExpression.read(#"(kind == 'a') or ("b" == kind)"#) == .init(parent: "kind", values: ["a", "b"]))
        #expect(ConstraintExpression.read(#"kind == "a" or other == "b""#) == nil)
        #expect(ConstraintExpression.read("(a + b) < 2") == nil)
        #expect(ConstraintExpression.read(#"kind == "a"#) == nil)
        #expect(ConstraintExpression.write(.init(parent: "m", values: ["x", "y\"z"])) == #"m == "x" or m == "y\"z""#)
    }

    @Test func rustStyleConstraintsAndStepListsAreRead() throws {
        let json = #"""
            {"name": "rust", "attrs": {"optimum": "-1.5", "n": 3},
             "params_domain": [
               {"name": "c", "range": {"type": "CATEGORICAL", "choices": ["a", "b"]}, "distribution": "UNIFORM"},
               {"name": "x", "range": {"type": "CONTINUOUS", "low": 0, "high": 1}, "distribution": "UNIFORM",
                "constraint": {"lua_script": "c == \"b\""}}],
             "values_domain": [{"name": "v", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM"}],
             "steps": [1, 3, 9]}
            """#
        let spec = try ProblemSpecification(json: try JSONValue.parse(Array(json.utf8))) { PluginError.unsupportedSpec(plugin: "t", reason: $0) }
        #expect(spec.optimum == -1.5)
        #expect(spec.fidelities == [Fidelity(steps: 1, cost: 1.0 / 9), Fidelity(steps: 3, cost: 1.0 / 3), Fidelity(steps: 9, cost: 1)])
        #expect(try spec.searchSpace(plugin: "t").parameters[1].condition == .init(parent: "c", values: ["b"]))
    }

    @Test func unusableSpecsAreRefusedWithTheReason() throws {
        func refusal(_ parameters: String, objectives: Int = 1) -> String {
            let values = Array(repeating: #"{"name": "v", "range": {"type": "CONTINUOUS"}, "distribution": "UNIFORM"}"#, count: objectives)
            let json = #"{"name": "p", "params_domain": ["# + parameters + #"], "values_domain": ["# + values.joined(separator: ",") + "]}"
            do {
                let spec = try ProblemSpecification(json: try JSONValue.parse(Array(json.utf8))) { PluginError.unsupportedSpec(plugin: "p", reason: $0) }
                _ = try spec.searchSpace(plugin: "p")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(#"{"name": "x", "range": {"type": "CONTINUOUS", "low": 0}, "distribution": "UNIFORM"}"#).contains("infinite bound"))
        #expect(refusal(#"{"name": "x", "range": {"type": "CONTINUOUS", "low": 0, "high": 1}, "distribution": "UNIFORM"}"#, objectives: 2).contains("2 objectives"))
        #expect(refusal(#"{"name": "x", "range": {"type": "CONTINUOUS", "low": 0, "high": 1}, "distribution": "UNIFORM", "constraint": "x > 0"}"#).contains("constraint of 'x'"))
        #expect(refusal(#"{"name": "x", "range": {"type": "DISCRETE", "low": 3, "high": 3}, "distribution": "UNIFORM"}"#).contains("lower bound 3 must be below upper bound 2"))
        #expect(refusal(#"{"name": "x", "range": {"type": "BOOLEAN"}, "distribution": "UNIFORM"}"#).contains("unknown range type BOOLEAN"))
    }

    @Test func paramsFromPluginsAreChecked() throws {
        let space = try SearchSpace([
            .real("x", lower: -1, upper: 1), .integer("n", lower: 1, upper: 4),
            .categorical("c", choices: ["a", "b"]), .real("y", lower: 0, upper: 1, when: .init(parent: "c", values: ["b"])),
        ])
        func read(_ text: String) -> String {
            guard case .array(let items) = try! JSONValue.parse(Array(text.utf8), allowsNonFiniteNumbers: true) else { return "?" }
            switch ParameterValues.configuration(from: items, space: space) {
            case .success(let configuration): return space.describe(configuration)
            case .failure(let reason): return reason.text
            }
        }
        #expect(read("[1, 4.0, 0, 0.5]") == "x=1.0, n=4, c=a")  // the inactive y is ignored
        #expect(read("[-1, 1, 1, 0.25]") == "x=-1.0, n=1, c=b, y=0.25")
        #expect(read("[1.5, 1, 0, null]") == "it suggested x = 1.5, outside [-1.0, 1.0]")
        #expect(read("[0, 2.5, 0, null]") == "it suggested n = 2.5, not an integer in [1, 4]")
        #expect(read("[0, 5, 0, null]") == "it suggested n = 5.0, not an integer in [1, 4]")
        #expect(read("[0, 1, 2, null]") == "it suggested choice 2.0 for 'c', which has 2 choices")
        #expect(read("[0, 1, 1, null]") == "it sent null for 'y', which is active")
        #expect(read("[NaN, 1, 1, 0]") == "it suggested NaN for 'x', which is not in the space")
        #expect(read("[0, 1]") == "it sent 2 params for a space of 4 parameters")
    }

    @Test func commandLinesAreSplitLikeAShell() throws {
        #expect(try PluginCommand.split(#"python3  'my solver.py' --a="b c" d\ e"#, name: "t") == ["python3", "my solver.py", "--a=b c", "d e"])
        #expect(throws: PluginError.self) { try PluginCommand.split("python3 'open", name: "t") }
    }
}
