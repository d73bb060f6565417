import Foundation
import Testing
import TunebenchConformance
import TunebenchCore

@testable import TunebenchProblems

/// The entries `bbob-f01` ... `bbob-f24`, their options, the instance lists and the suites `bbob` and `bbob-2009`.
struct BBOBRegistryTests {
    /// A registry with the bbob entries and suites.
    static let registry: Registry = {
        var registry = Registry()
        for entry in BBOBProblems.entries { try! registry.register(entry) }
        try! registry.register(BBOBProblems.suite)
        try! registry.register(BBOBProblems.campaign2009)
        return registry
    }()

    /// The COCO problem that `spec` builds for `repetition`, as its metadata names it.
    func coco(_ spec: EntrySpec, repetition: Int = 0) throws -> String? {
        try Self.registry.makeProblem(spec, seed: 1, repetition: repetition).metadata["coco"]
    }

    @Test func entriesAreTheTwentyFourFunctionsWithTheirOptions() throws {
        #expect(BBOBProblems.entries.map(\.name) == (1...24).map { String(format: "bbob-f%02d", $0) })
        for entry in BBOBProblems.entries {
            #expect(
                entry.options.map(\.name)
                    == ["dimension", "instances", "noise", "failure", "failure-share", "duration", "duration-spread"])
        }
        #expect(BBOBProblems.entries[3].summary.hasPrefix("COCO bbob f4: Büche-Rastrigin (separable)"))
        let problem = try Self.registry.makeProblem(EntrySpec("bbob-f07"), seed: 1)
        #expect(problem.space.dimension == 10 && problem.metadata == ["coco": "bbob f07 i1 d10"])
        #expect(try coco(EntrySpec("bbob-f24", options: ["dimension": .integer(40)])) == "bbob f24 i1 d40")
    }

    /// Repetition k runs the instance at position k mod n of the list, so that repetitions past the list start it
    /// over (the default `1-15`: repetition 15 is instance 1 again).
    @Test func repetitionsRunTheListedInstancesInTurn() throws {
        let spec = EntrySpec("bbob-f03", options: ["instances": .string("1-5,101-110")])
        let instances = try (0..<31).map { try coco(spec, repetition: $0) }
        let expected = (Array(1...5) + Array(101...110)).map { "bbob f03 i\($0) d10" }
        #expect(instances == expected + expected + [expected[0]])
        #expect(try coco(EntrySpec("bbob-f03"), repetition: 14) == "bbob f03 i15 d10")
        // `instances=9` on the command line reads as an integer.
        let nine = EntrySpec("bbob-f03", options: ["instances": .integer(9)])
        #expect(try coco(nine, repetition: 4) == "bbob f03 i9 d10")
        #expect(try coco(EntrySpec("bbob-f03"), repetition: 15) == "bbob f03 i1 d10")
    }

    @Test(arguments: [
        ("1-15", Array(1...15)),
        ("1-5,101-110", Array(1...5) + Array(101...110)),
        ("1-5,1-5,1-5", Array(1...5) + Array(1...5) + Array(1...5)),
        (" 7 , 3-4,1000000", [7, 3, 4, 1_000_000]),
        ("42", [42]),
    ])
    func instanceListsParse(_ text: String, _ instances: [Int]) throws {
        let list = try BBOBInstanceList(parsing: text, entry: "bbob-f01")
        #expect(list.instances == instances && list.count == instances.count)
        for repetition in 0..<(2 * instances.count + 1) {
            #expect(list.instance(forRepetition: repetition) == instances[repetition % instances.count])
        }
    }

    @Test(arguments: [
        ("", "it is empty"), ("1,,2", "an item is empty"), ("1,", "an item is empty"),
        ("a", "'a' is not a number or a range"), ("1-", "'1-' is not a number or a range"),
        ("-3", "'-3' is not a number or a range"), ("1-2-3", "'1-2-3' is not a number or a range"),
        ("1.5", "'1.5' is not a number or a range"), ("0", "instance 0 is out of range"),
        ("1-1000001", "instance 1000001 is out of range"), ("5-1", "the range 5-1 is decreasing"),
    ])
    func malformedInstanceListsAreRefusedNamingEntryOptionAndValue(_ text: String, _ problem: String) throws {
        let spec = EntrySpec("bbob-f07", options: ["instances": .string(text)])
        let error = try #require(throws: CoreError.self) { try Self.registry.makeProblem(spec, seed: 1) }
        #expect(
            error.description
                == "option 'instances' of 'bbob-f07' is '\(text)'; expected instance numbers from 1 to 1000000 and "
                + "ranges A-B separated by commas, such as 1-5,101-110 (\(problem))")
    }

    @Test func dimensionsOtherThanCOCOsAreRefused() {
        #expect(throws: CoreError.invalidOption(
            entry: "bbob-f01", option: "dimension", value: "4", expected: "one of 2, 3, 5, 8, 10, 12, 20, 40")) {
            try Self.registry.makeProblem(EntrySpec("bbob-f01", options: ["dimension": .integer(4)]), seed: 1)
        }
    }

    @Test func bbobSuiteHoldsTheEntriesWithDefaultOptions() {
        #expect(BBOBProblems.suite.name == "bbob")
        #expect(BBOBProblems.suite.problems == BBOBProblems.entries.map { EntrySpec($0.name) })
    }

    /// COCO's BBOB-2009 campaign: every function in every dimension, instances 1–5 three times (COCO's year table),
    /// by dimension then function, as COCO orders its problems.
    @Test func campaign2009HasEveryFunctionAndDimensionWithTheInstancesOf2009() throws {
        let suite = BBOBProblems.campaign2009
        #expect(suite.name == "bbob-2009" && suite.problems.count == 144)
        #expect(suite.problems.first?.label == "bbob-f01-d02" && suite.problems.last?.label == "bbob-f24-d40")
        #expect(suite.problems[24].label == "bbob-f01-d03")
        #expect(Set(suite.problems.map(\.label)).count == 144)
        let spec = suite.problems[30]
        #expect(spec.name == "bbob-f07" && spec.options["dimension"] == .integer(3))
        let instances = try (0..<15).map { try coco(spec, repetition: $0) }
        #expect(instances == (0..<15).map { "bbob f07 i\($0 % 5 + 1) d03" })
    }

    /// The conformance suite on every function in 2 and 10 dimensions, and in 5 with noise.
    @Test(arguments: BBOBProblems.entries.map(\.name))
    func entriesConform(_ name: String) {
        for options: [String: OptionValue] in [
            ["dimension": .integer(2)], ["dimension": .integer(10), "instances": .string("7")],
            ["dimension": .integer(5), "noise": .real(1)],
        ] {
            let spec = EntrySpec(name, options: options)
            let failures = ProblemConformance.check(name: spec.label) { try Self.registry.makeProblem(spec, seed: $0) }
            #expect(failures.isEmpty, "\(failures)")
        }
    }
}
