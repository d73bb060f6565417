import Testing
import TunebenchCore

private struct Idle: Optimizer {
    mutating func ask() -> Suggestion? { nil }
    mutating func tell(_ observation: Observation) {}
}

private struct Flat: Problem {
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    mutating func evaluate(_ configuration: Configuration) -> Evaluation { Evaluation(value: 0) }
}

struct RegistryTests {
    private func registry() throws -> Registry {
        var registry = Registry()
        for name in ["random", "gp-ei", "gp-ucb", "tpe"] {
            try registry.register(
                OptimizerEntry(
                    name: name, summary: "test", capabilities: name == "tpe" ? [.real] : .allParameterKinds,
                    options: [OptionSpec("initial", .integer(1...100), default: .integer(10), summary: "initial points")]
                ) { _ in Idle() })
        }
        try registry.register(
            ProblemEntry(
                name: "flat", summary: "test",
                options: [OptionSpec("dimension", .integerChoice([2, 5]), default: .integer(2), summary: "d")]
            ) { _ in Flat() })
        return registry
    }

    @Test func unknownNameSuggestsTheNearest() throws {
        let registry = try registry()
        #expect(throws: CoreError.unknownEntry(kind: .optimizer, name: "gp-eii", suggestion: "gp-ei")) {
            try registry.optimizer(named: "gp-eii")
        }
        let message = "\(CoreError.unknownEntry(kind: .optimizer, name: "gp-eii", suggestion: "gp-ei"))"
        #expect(message.hasPrefix("unknown optimizer 'gp-eii'; did you mean 'gp-ei'?"))
        #expect(throws: CoreError.unknownEntry(kind: .problem, name: "something-else", suggestion: nil)) {
            try registry.problem(named: "something-else")
        }
    }

    @Test func duplicateAndInvalidNamesAreRejected() throws {
        var registry = try registry()
        #expect(throws: CoreError.duplicateEntry(kind: .optimizer, name: "tpe")) {
            try registry.register(OptimizerEntry(name: "tpe", summary: "again") { _ in Idle() })
        }
        #expect(throws: CoreError.invalidName(kind: .optimizer, name: "my optimizer")) {
            try registry.register(OptimizerEntry(name: "my optimizer", summary: "space") { _ in Idle() })
        }
        #expect(registry.optimizers.map(\.name) == ["random", "gp-ei", "gp-ucb", "tpe"])
    }

    @Test func optionsAreCheckedAndCompletedWithDefaults() throws {
        let registry = try registry()
        #expect(try registry.optimizerOptions(EntrySpec("random")).integer("initial") == 10)
        #expect(try registry.optimizerOptions(EntrySpec("random", options: ["initial": .real(20)])).integer("initial") == 20)
        #expect(throws: CoreError.unknownOption(entry: "random", option: "inital", suggestion: "initial")) {
            try registry.optimizerOptions(EntrySpec("random", options: ["inital": .integer(3)]))
        }
        #expect(
            throws: CoreError.invalidOption(
                entry: "random", option: "initial", value: "0", expected: "an integer in [1, 100]")
        ) {
            try registry.optimizerOptions(EntrySpec("random", options: ["initial": .integer(0)]))
        }
        #expect(throws: CoreError.self) {
            try registry.problemOptions(EntrySpec("flat", options: ["dimension": .integer(3)]))
        }
        #expect(throws: CoreError.self) {
            try registry.optimizerOptions(EntrySpec("random", options: ["initial": .string("ten")]))
        }
    }

    /// A text option takes a string, or an integer as its digits (`instances=3` reads as an integer), and nothing else.
    @Test func textOptionsTakeTextAndIntegers() throws {
        let spec = OptionSpec("instances", .text, default: .string("1-15"), summary: "instances")
        #expect(try spec.coerce(.string("1-5,101-110"), entry: "e") == .string("1-5,101-110"))
        #expect(try spec.coerce(.integer(3), entry: "e") == .string("3"))
        #expect(throws: CoreError.invalidOption(entry: "e", option: "instances", value: "1.5", expected: "a text")) {
            try spec.coerce(.real(1.5), entry: "e")
        }
        #expect(throws: CoreError.invalidOption(entry: "e", option: "instances", value: "true", expected: "a text")) {
            try spec.coerce(.bool(true), entry: "e")
        }
    }

    @Test func pairsLackingACapabilityAreRefused() throws {
        let registry = try registry()
        let categorical = try SearchSpace([.categorical("c", choices: ["a", "b"])])
        struct Choice: Problem {
            var space: SearchSpace
            mutating func evaluate(_ configuration: Configuration) -> Evaluation { Evaluation(value: 1) }
        }
        #expect(throws: CoreError.missingCapability(optimizer: "tpe", problem: "choice", missing: ["categorical"])) {
            try registry.makeOptimizer(
                EntrySpec("tpe"), for: Choice(space: categorical), problemLabel: "choice", seed: 1, budget: 5)
        }
        _ = try registry.makeOptimizer(EntrySpec("tpe"), for: Flat(), problemLabel: "flat", seed: 1, budget: 5)
    }

    @Test func defaultLabelsSpellTheOptions() {
        #expect(EntrySpec("rosenbrock").label == "rosenbrock")
        #expect(EntrySpec("rosenbrock", options: ["dimension": .integer(4), "noise": .real(0.1)]).label
            == "rosenbrock-dimension4-noise0.1")
        #expect(EntrySpec("x", label: "mine").label == "mine")
        #expect(EntrySpec.isValidLabel("gp-ei_2.0+x=1"))
        #expect(!EntrySpec.isValidLabel("a/b") && !EntrySpec.isValidLabel(".hidden") && !EntrySpec.isValidLabel(""))
    }

    @Test func nearestNameFindsTyposOnly() {
        #expect(NearestName.suggestion(for: "hartman6", among: ["hartmann3", "hartmann6"]) == "hartmann6")
        #expect(NearestName.suggestion(for: "Branin", among: ["branin"]) == "branin")
        #expect(NearestName.suggestion(for: "xyz", among: ["branin", "sphere"]) == nil)
    }
}
