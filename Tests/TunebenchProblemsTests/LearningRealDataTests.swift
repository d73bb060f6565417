import Testing
import TunebenchCore

@testable import TunebenchProblems

/// The learning problems' `dataset` option: a real data set (``RealDataset``) in place of the generated data, its
/// rows split by the instance seed, and a generator's option beside it refused with its name.
struct LearningRealDataTests {
    static func problem(_ name: String, _ given: [String: OptionValue], seed: UInt64 = 7) throws -> any Problem {
        let entry = try #require(LearningProblems.entries.first { $0.name == name })
        let options = try Options.resolve(given, specs: entry.options, entry: name)
        return try entry.factory(ProblemContext(seed: seed, options: options))
    }

    @Test(arguments: [
        ("logreg", "iris", "150 rows × 4 features, classification, 3 classes"),
        ("mlp", "wine", "178 rows × 13 features, classification, 3 classes"),
        ("random-forest", "breast", "569 rows × 30 features, classification, 2 classes"),
        ("knn", "digits", "1797 rows × 64 features, classification, 10 classes"),
        ("cash", "iris", "150 rows × 4 features, classification, 3 classes"),
        ("ridge", "diabetes", "442 rows × 10 features, regression"),
    ])
    func aRealDataSetReplacesTheGeneratedData(entry: String, dataset: String, data: String) throws {
        let problem = try Self.problem(entry, ["dataset": .string(dataset)])
        #expect(problem.metadata["data"] == data)
        // The instance seed still splits the rows: another seed, other splits, the same table.
        let other = try Self.problem(entry, ["dataset": .string(dataset)], seed: 8)
        #expect(other.metadata["data"] == data)
    }

    @Test func theSameSeedGivesTheSameValue() throws {
        var first = try Self.problem("knn", ["dataset": .string("breast")])
        var second = try Self.problem("knn", ["dataset": .string("breast")])
        let configuration = first.space.decode([Double](repeating: 0.4, count: first.space.dimension))
        #expect(try first.evaluate(configuration).value == second.evaluate(configuration).value)
    }

    @Test func aGeneratorsOptionBesideARealDataSetIsRefused() throws {
        #expect {
            try Self.problem("logreg", ["dataset": .string("iris"), "samples": .integer(500)])
        } throws: { error in
            "\(error)".contains("samples") && "\(error)".contains("with dataset iris the data are fixed")
        }
        #expect {
            try Self.problem("ridge", ["dataset": .string("diabetes"), "noise": .real(2)])
        } throws: { error in
            "\(error)".contains("noise")
        }
        // Its default, given explicitly, changes nothing and is accepted; ridge's defaults are its own (600 rows).
        _ = try Self.problem("logreg", ["dataset": .string("iris"), "samples": .integer(3000)])
        _ = try Self.problem("ridge", ["dataset": .string("diabetes"), "samples": .integer(600)])
    }
}
