import Testing
import TunebenchCore
import TunebenchProblems

/// One built-in problem instance under test, named as an experiment would name it.
struct ProblemCase: Sendable, CustomTestStringConvertible {
    var spec: EntrySpec

    var testDescription: String { spec.label }

    /// Builds the noiseless instance (the `noise` option is left at its default, 0).
    func make(seed: UInt64 = 1) throws -> any KnownMinimizers {
        let problem = try Fixtures.registry.makeProblem(spec, seed: seed)
        guard let known = problem as? any KnownMinimizers else {
            throw FixtureError.noKnownMinimizers(spec.label)
        }
        return known
    }
}

enum FixtureError: Error {
    case noKnownMinimizers(String)
}

/// Shared fixtures: a registry with every built-in problem and the classic suite, and the cases to test.
enum Fixtures {
    /// A registry holding ``BuiltinProblems/entries`` and ``BuiltinProblems/classicSuite``.
    static let registry: Registry = {
        var registry = Registry()
        for entry in BuiltinProblems.entries {
            try! registry.register(entry)
        }
        try! registry.register(BuiltinProblems.classicSuite)
        return registry
    }()

    /// `spec` with the option `instance = canonical` when its entry has that option (a synthetic function), so that
    /// it builds the published function; `spec` itself otherwise.
    static func canonical(_ spec: EntrySpec) throws -> EntrySpec {
        guard try registry.problem(named: spec.name).options.contains(where: { $0.name == "instance" }) else {
            return spec
        }
        var canonical = spec
        canonical.options["instance"] = .string("canonical")
        return canonical
    }

    /// The dimensions tried for every entry with a free `dimension` option, where its range allows.
    static let dimensions = [1, 2, 5, 10]

    /// Every registry entry with default options, every variant of the classic suite, and each entry with a
    /// `dimension` range at each of ``dimensions`` it allows; duplicates (same entry, same resolved options)
    /// removed.
    static let cases: [ProblemCase] = {
        var specs = BuiltinProblems.entries.map { EntrySpec($0.name) } + BuiltinProblems.classicSuite.problems
        for entry in BuiltinProblems.entries {
            for option in entry.options where option.name == "dimension" {
                guard case .integer(let range) = option.kind else { continue }
                for d in dimensions where range.contains(d) {
                    specs.append(EntrySpec(entry.name, options: ["dimension": .integer(d)]))
                }
            }
        }
        struct Key: Hashable {
            var name: String
            var options: Options
        }
        var seen: Set<Key> = []
        var unique: [ProblemCase] = []
        for spec in specs {
            if seen.insert(Key(name: spec.name, options: try! registry.problemOptions(spec))).inserted {
                unique.append(ProblemCase(spec: spec))
            }
        }
        return unique
    }()
}
