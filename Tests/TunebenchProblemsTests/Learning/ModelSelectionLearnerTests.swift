import Testing
import TunebenchCore
import TunebenchProblems

/// The CASH learner: its conditional space (nested conditions chain through `model`), that choosing a model gives
/// exactly that model's problem, and its fidelity rule.
struct ModelSelectionLearnerTests {
    /// A fixture with a nested condition, shaped like the MLP's: `width-2` exists only when `layers` is 2 (the real
    /// MLP is covered by the tests on the `cash` space).
    struct Layered: Learner {
        let space = try! SearchSpace([
            .categorical("layers", choices: ["1", "2"]),
            .integer("width-1", lower: 1, upper: 64),
            .integer("width-2", lower: 1, upper: 64, when: .init(parent: "layers", values: ["2"])),
        ])
        let fidelities: [Fidelity] = []

        func predictions(
            _ configuration: Configuration,
            fidelity: Int?,
            train: Dataset,
            predicting targets: [Dataset],
            seed: UInt64
        ) throws -> [Predictions] {
            targets.map { .prior(of: train, rows: $0.rowCount) }
        }
    }

    @Test func everyModelParameterIsPrefixedAndConditionalOnModel() throws {
        let cash = try LearningProblems.cashLearner()
        let models = cash.components.map(\.name)
        #expect(cash.space.parameters[0].name == "model" && cash.space.parameters[0].choices == models)
        var expectedNames = ["model"]
        for component in cash.components {
            expectedNames += component.learner.space.parameters.map { component.name + "." + $0.name }
        }
        #expect(cash.space.parameters.map(\.name) == expectedNames)
        for configuration in InstanceBasedFixtures.configurations(cash.space, count: 200, seed: 1) {
            let chosen = models[configuration.choice(0)]
            for (parameter, value) in zip(cash.space.parameters, configuration.values).dropFirst()
            where parameter.name.prefix(while: { $0 != "." }) != chosen {
                #expect(value == nil, "\(parameter.name) with model = \(chosen)")
            }
            // The chosen model's values form a valid configuration of its own space, nested conditions included.
            let (index, own) = cash.component(of: configuration)
            #expect(throws: Never.self) { try cash.components[index].learner.space.validate(own) }
            #expect(throws: Never.self) { try cash.space.validate(configuration) }
        }
        #expect(models == ["logreg", "mlp", "random-forest", "knn"])
        let width2 = try #require(cash.space.index(of: "mlp.width-2"))
        #expect(cash.space.parameters[width2].condition == .init(parent: "mlp.layers", values: ["2", "3"]))
    }

    /// `layered.width-2` depends on `layered.layers`, which depends on `model`: active only when both allow it.
    @Test func nestedConditionsChainThroughModel() throws {
        let cash = try ModelSelectionLearner([.init("layered", Layered()), .init("knn", NearestNeighboursLearner())])
        let width2 = try #require(cash.space.index(of: "layered.width-2"))
        let layers = try #require(cash.space.index(of: "layered.layers"))
        #expect(cash.space.parameters[width2].condition == .init(parent: "layered.layers", values: ["2"]))
        #expect(cash.space.parameters[layers].condition == .init(parent: "model", values: ["layered"]))
        var seen: Set<[Bool]> = []
        for configuration in InstanceBasedFixtures.configurations(cash.space, count: 200, seed: 2) {
            let isLayered = configuration.choice(0) == 0
            let hasTwoLayers = isLayered && configuration.choice(layers) == 1
            #expect((configuration[width2] != nil) == hasTwoLayers)
            seen.insert([isLayered, hasTwoLayers])
        }
        #expect(seen.count == 3)
        // A value for width-2 under model = knn is refused.
        var values = [ParameterValue?](repeating: nil, count: cash.space.dimension)
        values[0] = .categorical(1)
        values[width2] = .integer(3)
        for (i, parameter) in cash.space.parameters.enumerated() where parameter.name.hasPrefix("knn.") {
            values[i] = i == cash.space.index(of: "knn.k") ? .integer(5) : .categorical(0)
        }
        #expect(throws: CoreError.self) { try cash.space.validate(Configuration(values)) }
        values[width2] = nil
        #expect(throws: Never.self) { try cash.space.validate(Configuration(values)) }
    }

    /// `model = m` with m's hyperparameters gives exactly problem m's evaluation (same instance seed): same data,
    /// same splits, same training seed, same model.
    @Test(arguments: ["logreg", "mlp", "random-forest", "knn"])
    func choosingAModelGivesThatModelsProblem(model: String) throws {
        var cash = try InstanceBasedFixtures.problem("cash", InstanceBasedFixtures.small, seed: 4)
        var alone = try InstanceBasedFixtures.problem(model, InstanceBasedFixtures.small, seed: 4)
        let learner = try LearningProblems.cashLearner()
        let index = try #require(learner.components.firstIndex { $0.name == model })
        let offset = try #require(cash.space.index(of: model + "." + alone.space.parameters[0].name))
        for own in InstanceBasedFixtures.configurations(alone.space, count: 5, seed: 3) {
            var values = [ParameterValue?](repeating: nil, count: cash.space.dimension)
            values[0] = .categorical(index)
            values.replaceSubrange(offset..<offset + own.values.count, with: own.values)
            let combined = Configuration(values)
            try cash.space.validate(combined)
            #expect(learner.component(of: combined).configuration == own)
            #expect(try cash.evaluate(combined) == alone.evaluate(own))
        }
    }

    /// Components with different fidelity levels make CASH single-fidelity; equal levels are kept and passed on.
    @Test func fidelitiesAreKeptOnlyWhenEveryModelSharesThem() throws {
        #expect(try LearningProblems.cashLearner().fidelities.isEmpty)
        let forests = try ModelSelectionLearner([.init("a", RandomForestLearner()), .init("b", RandomForestLearner())])
        #expect(forests.fidelities == RandomForestLearner().fidelities)
        let split = try LearningProblem(
            learner: forests,
            data: ClassificationData(samples: 100, features: 8),
            seed: 1
        ).splits[0]
        let own = InstanceBasedFixtures.configurations(RandomForestLearner().space, count: 1, seed: 9)[0]
        let combined = Configuration([.categorical(1)] + Array(repeating: nil, count: own.values.count) + own.values)
        let viaCash = try forests.predictions(
            combined,
            fidelity: 0,
            train: split.train,
            predicting: [split.validation],
            seed: 7
        )
        let direct = try RandomForestLearner().predictions(
            own,
            fidelity: 0,
            train: split.train,
            predicting: [split.validation],
            seed: 7
        )
        #expect(viaCash == direct)
    }

    @Test func modelsMustBeNamedOnce() {
        #expect(throws: ProblemsError.self) { try ModelSelectionLearner([]) }
        #expect(throws: ProblemsError.self) {
            try ModelSelectionLearner([
                .init("knn", NearestNeighboursLearner()), .init("knn", NearestNeighboursLearner()),
            ])
        }
    }
}
