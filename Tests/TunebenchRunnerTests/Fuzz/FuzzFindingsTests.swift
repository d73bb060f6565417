import Foundation
import Testing
import Tunebench

@testable import TunebenchPlugins

/// What the fuzz tests found, each as its minimal input: the error messages of the experiment-file parser and of
/// the plugin message decoder stay on one line and name their place, and nothing exhausts the stack.
struct FuzzFindingsTests {
    // MARK: - Experiment files

    private func experimentError(_ json: String) -> String {
        do {
            _ = try ExperimentFile.parse(Data(json.utf8), file: "f.json", defaultName: "f", registry: .builtin)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    /// The field of an empty key was shown as `field ''`.
    @Test func anEmptyKeyIsNamedAsAQuotedEmptyString() {
        #expect(experimentError(#"{"": 0}"#).hasPrefix(#"f.json: field '""' is 0: unknown field"#))
        #expect(
            experimentError(#"{"optimizers": [{"name": "random", "": 1}], "problems": ["branin"]}"#)
                .hasPrefix(#"f.json: field 'optimizers[0]."""#)
        )
        #expect(
            experimentError(#"{"optimizers": [{"name": "random", "options": {"": 1}}], "problems": ["branin"]}"#)
                .hasPrefix(#"f.json: field 'optimizers[0].options.""' is 1: 'random' has no option ''"#)
        )
    }

    /// Line breaks and control characters of names and values went into messages as they were.
    @Test func textFromTheFileIsEscapedInMessages() {
        #expect(
            experimentError(#"{"name": "a\nb", "optimizers": ["random"], "problems": ["branin"]}"#)
                .hasPrefix(#"f.json: field 'name' is "a\nb": use ASCII letters"#)
        )
        #expect(
            experimentError(#"{"optimizers": ["a\tb\r"], "problems": ["branin"]}"#)
                .hasPrefix(#"f.json: field 'optimizers[0]' is "a\tb\r": unknown optimizer 'a\tb\r'"#)
        )
        #expect(experimentError(#"{"a\u2028b": 1}"#).hasPrefix(#"f.json: field 'a\u2028b' is 1: unknown field"#))
        let long = experimentError(
            #"{"name": ""# + String(repeating: "x", count: 5000)
                + #"", "optimizers": ["random"], "problems": ["branin"]}"#
        )
        #expect(long.count < 300 && long.contains("xxx...\""))
    }

    /// The example of the documentation listed `branin` and the `classic` suite, which holds `branin` too.
    @Test func theDocumentedExampleIsValid() throws {
        let example = #"""
            {"name": "peers", "description": "optional free text", "seed": 0, "repetitions": 10, "budget": 100,
             "cost-budget": 33.5,
             "optimizers": ["random", {"name": "sobol", "label": "sobol-plain", "options": {"scramble": false}}],
             "problems": ["branin", {"name": "rosenbrock", "options": {"dimension": 4}}, {"suite": "ml"}]}
            """#
        let experiment = try ExperimentFile.parse(
            Data(example.utf8),
            file: "f.json",
            defaultName: "f",
            registry: .builtin
        )
        #expect(experiment.problems.first?.label == "branin")
        #expect(
            experimentError(example.replacingOccurrences(of: #""ml""#, with: #""classic""#))
                .contains("label 'branin' is already used by problems[0]")
        )
    }

    // MARK: - Plugin messages

    private func pluginError(
        _ line: String,
        expecting type: String,
        read: (Message) throws -> Void = { _ in }
    ) -> String {
        do {
            let message = try Message.decode(
                Array(line.utf8),
                from: PluginMessageFuzzTests.Source(),
                during: "start-up"
            )
            try read(try message.expecting(type))
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    /// A constraint in 10,000 parentheses exhausted the stack (the parser recursed once per parenthesis).
    @Test func deeplyNestedConstraintsAreRefusedWithoutExhaustingTheStack() {
        func nested(_ depth: Int) -> String {
            String(repeating: "(", count: depth) + #"c == "a""# + String(repeating: ")", count: depth)
        }
        #expect(
            ConstraintExpression.read(nested(ConstraintExpression.maximumNesting)) == .init(parent: "c", values: ["a"])
        )
        #expect(ConstraintExpression.read(nested(ConstraintExpression.maximumNesting + 1)) == nil)
        #expect(ConstraintExpression.read(nested(10_000)) == nil)
        #expect(ConstraintExpression.read(String(repeating: "(", count: 100_000)) == nil)
        let spec =
            #"{"name": "p", "params_domain": [{"name": "c", "range": {"type": "CATEGORICAL", "choices": ["a"]}}, "#
            + #"{"name": "x", "range": {"type": "CONTINUOUS", "low": 0, "high": 1}, "constraint": ""#
            + String(repeating: "(", count: 10_000) + #""}]}"#
        let line = #"{"type": "PROBLEM_SPEC_CAST", "spec": "# + spec + "}"
        let reason = pluginError(line, expecting: "PROBLEM_SPEC_CAST") {
            _ = try ProblemClient.readSpec($0).searchSpace(plugin: "fuzz")
        }
        #expect(reason.hasPrefix("plugin 'fuzz' describes a problem Tunebench cannot use: the constraint of 'x' ((((("))
        #expect(reason.count < 400)
    }

    /// An error reply's message, a type and the excerpt of a line that is not JSON went into messages with their
    /// line breaks.
    @Test func textFromThePluginIsEscapedInMessages() {
        #expect(
            pluginError(
                #"{"type": "ERROR_REPLY", "kind": "BUG", "message": "Traceback:\n  line 1"}"#,
                expecting: "TELL_REPLY"
            )
                == #"plugin 'fuzz' answered start-up with ERROR_REPLY BUG: Traceback:\n  line 1 (its standard error is empty)"#
        )
        #expect(
            pluginError(#"{"type": "ASK\nREPLY"}"#, expecting: "ASK_REPLY")
                == #"plugin 'fuzz' broke the protocol during start-up: expected ASK_REPLY, got ASK\nREPLY (its standard error is empty)"#
        )
        #expect(
            pluginError("{\"type\":\"a\rb\"}", expecting: "ASK_REPLY")
                == #"plugin 'fuzz' wrote a line that is not JSON (line 1, column 11: control character in a string): '{"type":"a\rb"}' during start-up (its standard error is empty)"#
        )
    }

    /// A spec without parameters was refused as "a search space needs at least one parameter", without the field.
    @Test func anEmptyDomainIsNamed() throws {
        let line = #"{"type": "PROBLEM_SPEC_CAST", "spec": {"name": "p", "params_domain": []}}"#
        #expect(
            pluginError(line, expecting: "PROBLEM_SPEC_CAST") {
                _ = try ProblemClient.readSpec($0).searchSpace(plugin: "fuzz")
            }
                == "plugin 'fuzz' describes a problem Tunebench cannot use: its params_domain is empty; Tunebench needs at least one parameter"
        )
    }
}
