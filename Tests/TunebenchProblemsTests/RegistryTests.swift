import Testing
import TunebenchCore
import TunebenchProblems

/// The registry entries and the classic suite register cleanly and say what the documentation says.
struct RegistryTests {
    static let names = [
        "branin", "hartmann3", "hartmann6", "rosenbrock", "ackley", "levy", "rastrigin", "styblinski-tang", "griewank",
        "sphere", "six-hump-camel", "goldstein-price", "michalewicz", "shekel", "branin-mixed", "shifted-choice",
        "conditional-choice",
    ]

    @Test func entriesRegisterWithTheDocumentedNames() throws {
        var registry = Registry()
        for entry in BuiltinProblems.entries {
            try registry.register(entry)
        }
        try registry.register(BuiltinProblems.classicSuite)
        #expect(registry.problems.map(\.name) == Self.names)
    }

    @Test(arguments: BuiltinProblems.entries.map(\.name))
    func everyEntryHasANoiseOptionAndAOneLineSummary(_ name: String) throws {
        let entry = try Fixtures.registry.problem(named: name)
        let noise = try #require(entry.options.first { $0.name == "noise" })
        #expect(noise.defaultValue == .real(0))
        #expect(noise.kind == .real(0...Double.infinity))
        #expect(noise.summary == "standard deviation of Gaussian observation noise; regret uses the noiseless value")
        #expect(!entry.summary.isEmpty && !entry.summary.contains("\n"))
        #expect(entry.summary.hasSuffix(")"), "the summary ends with its source in parentheses")
    }

    @Test func dimensionOptionsHaveTheDocumentedDefaults() throws {
        let expected: [String: (OptionSpec.Kind, Int)] = [
            "rosenbrock": (.integer(2...1000), 4), "ackley": (.integer(1...1000), 5), "levy": (.integer(1...1000), 4),
            "rastrigin": (.integer(1...1000), 4), "styblinski-tang": (.integer(1...1000), 4),
            "griewank": (.integer(1...1000), 4), "sphere": (.integer(1...1000), 4),
            "michalewicz": (.integerChoice([2, 5, 10]), 5),
        ]
        for entry in BuiltinProblems.entries {
            let option = entry.options.first { $0.name == "dimension" }
            guard let (kind, value) = expected[entry.name] else {
                #expect(option == nil, "\(entry.name) has no dimension option")
                continue
            }
            #expect(option?.kind == kind, "\(entry.name)")
            #expect(option?.defaultValue == .integer(value), "\(entry.name)")
        }
        let shekel = try Fixtures.registry.problem(named: "shekel")
        let m = try #require(shekel.options.first { $0.name == "m" })
        #expect(m.kind == .integerChoice([5, 7, 10]) && m.defaultValue == .integer(10))
    }

    @Test func classicSuiteListsEveryEntryAndTheLabelledVariants() throws {
        let suite = BuiltinProblems.classicSuite
        #expect(suite.name == "classic")
        let labels = suite.problems.map(\.label)
        #expect(Set(labels).count == labels.count, "labels are unique")
        #expect(labels.allSatisfy(EntrySpec.isValidLabel))
        #expect(Set(suite.problems.map(\.name)) == Set(Self.names))
        for name in Self.names where name != "michalewicz" && name != "shekel" {
            #expect(suite.problems.filter { $0.name == name }.map(\.label) == [name])
            #expect(suite.problems.first { $0.name == name }?.options == [:])
        }
        for d in [2, 5, 10] {
            let spec = try #require(suite.problems.first { $0.label == "michalewicz-\(d)" })
            #expect(try Fixtures.registry.problemOptions(spec).integer("dimension") == d)
        }
        for m in [5, 7, 10] {
            let spec = try #require(suite.problems.first { $0.label == "shekel-\(m)" })
            #expect(try Fixtures.registry.problemOptions(spec).integer("m") == m)
        }
        #expect(labels.count == Self.names.count + 4)
    }

    @Test func classicSuiteProblemsAllBuild() throws {
        for spec in BuiltinProblems.classicSuite.problems {
            let problem = try Fixtures.registry.makeProblem(spec, seed: 9)
            #expect(problem.optimum != nil, "\(spec.label)")
        }
    }
}
