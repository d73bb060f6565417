import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchProblems

/// The learning entries register, share the data options, reject bad combinations by name and conform.
struct LearningRegistryTests {
    static let registry: Registry = {
        var registry = Registry()
        for entry in BuiltinProblems.entries + LearningProblems.entries { try! registry.register(entry) }
        return registry
    }()

    @Test func entriesHaveTheDocumentedNamesAndSharedOptions() {
        #expect(LearningProblems.entries.map(\.name) == ["logreg", "mlp", "random-forest", "knn", "cash", "ridge"])
        for entry in LearningProblems.entries {
            // Ridge regression has the regression options, some with other defaults.
            let shared = entry.name == "ridge" ? LearningOptions.regression : LearningOptions.classification
            #expect(entry.options.map(\.name) == shared.map(\.name) && entry.options.map(\.kind) == shared.map(\.kind))
            #expect(!entry.summary.contains("\n") && entry.summary.hasSuffix(")"))
        }
        #expect(
            LearningOptions.classification.map(\.name) == [
                "samples", "features", "informative", "redundant", "classes", "clusters", "class-sep", "label-noise",
                "folds", "split", "divergence", "duration", "time-objective", "loss", "dataset",
            ]
        )
        #expect(
            LearningOptions.regression.map(\.name) == [
                "friedman", "samples", "features", "noise", "folds", "split", "divergence", "duration",
                "time-objective", "dataset",
            ])
        // Every option a real data set makes meaningless is named as a generator's option (refused beside one).
        let described = Set(LearningOptions.classification.map(\.name) + LearningOptions.regression.map(\.name))
        let shared: Set = ["folds", "split", "divergence", "duration", "time-objective", "loss", "dataset"]
        #expect(described.subtracting(shared) == LearningOptions.generatorOptions)
    }

    @Test func learningProblemsAreNotInTheClassicSuite() {
        let names = Set(BuiltinProblems.classicSuite.problems.map(\.name))
        #expect(names.isDisjoint(with: LearningProblems.entries.map(\.name)))
    }

    @Test func inconsistentOptionsNameTheOption() throws {
        func message(_ options: [String: OptionValue]) -> String {
            do {
                _ = try Self.registry.makeProblem(EntrySpec("logreg", options: options), seed: 1)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message(["informative": .integer(2), "classes": .integer(3)]).contains("informative 2"))
        #expect(message(["features": .integer(5)]).contains("features 5"))
        #expect(message(["samples": .integer(20), "folds": .integer(20)]).contains("samples 20"))
        #expect(message(["loss": .string("mse")]).contains("loss"))
        #expect(message(["samples": .integer(200)]) == "")
        // bayesmark's folds are fixed.
        #expect(message(["split": .string("bayesmark"), "folds": .integer(3)]).contains("folds 3"))
        #expect(message(["split": .string("bayesmark"), "dataset": .string("iris")]) == "")
    }

    /// The `divergence` option reaches the problem (``LearningProblemTests`` tests what it does).
    @Test func divergenceOptionSetsTheRule() throws {
        let failing = try Self.registry.makeProblem(EntrySpec("logreg", options: ["divergence": .string("fail")]), seed: 1)
        let scoring = try Self.registry.makeProblem(EntrySpec("logreg"), seed: 1)
        #expect((failing as? LearningProblem<LogisticRegression>)?.failsOnDivergence == true)
        #expect((scoring as? LearningProblem<LogisticRegression>)?.failsOnDivergence == false)
    }

    @Test func defaultProblemsDescribeTheirData() throws {
        let problem = try Self.registry.makeProblem(EntrySpec("mlp"), seed: 1)
        #expect(problem.optimum == nil)
        #expect(problem.fidelities.map(\.steps) == [1, 3, 9, 27, 81])
        #expect(problem.metadata["data"] == "3000 rows × 20 features, classification, 3 classes")
        #expect(problem.metadata["splits"] == "holdout: 600 train, 1800 validation, 600 test")
        let logreg = try Self.registry.makeProblem(EntrySpec("logreg"), seed: 1)
        let costs: [Double] = [1, 3, 9, 27, 81].map { $0 / 81 }
        #expect(logreg.fidelities.map(\.cost) == costs)
    }

    /// Small data and few points keep the full-fidelity evaluations quick in a debug build; k-fold and the error rate
    /// are covered on the way.
    @Test(arguments: [
        EntrySpec("logreg", options: ["samples": .integer(100)]),
        EntrySpec("mlp", options: ["samples": .integer(100)]),
        EntrySpec("logreg", options: ["samples": .integer(100), "folds": .integer(3), "loss": .string("error-rate")]),
        EntrySpec("knn", options: ["dataset": .string("iris"), "split": .string("bayesmark")]),
    ])
    func problemConforms(_ spec: EntrySpec) {
        let failures = ProblemConformance.check(name: spec.label, samples: 12) {
            try Self.registry.makeProblem(spec, seed: $0)
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
