import Testing
import TunebenchCore
import TunebenchNumerics

@testable import TunebenchProblems

/// The random-forest learner: its space, how a configuration becomes forest settings, the prefix property of its
/// fidelities, and its refusal of regression data.
struct RandomForestLearnerTests {
    let learner = RandomForestLearner()

    /// The training part of the first split of a small `random-forest` instance.
    private func train() throws -> Dataset {
        try LearningProblem(
            learner: learner,
            data: ClassificationData(samples: 200, features: 8),
            seed: 3
        ).splits[0].train
    }

    @Test func spaceAndFidelitiesAreAsDocumented() {
        #expect(
            learner.space.parameters.map(\.name) == [
                "max-depth", "min-samples-split", "min-samples-leaf", "max-features", "bootstrap", "criterion",
            ]
        )
        #expect(learner.fidelities.map(\.steps) == [4, 8, 16, 32, 64])
        #expect(learner.fidelities.last?.cost == 1 && learner.fidelities[0].cost == 4.0 / 64)
    }

    /// `max(1, ⌊f d⌋)` features per node, as scikit-learn's fractional `max_features`; `bootstrap` and `criterion`
    /// by choice index.
    @Test func configurationBecomesForestSettings() {
        let configuration = Configuration([
            .integer(7), .integer(5), .integer(3), .real(0.35), .categorical(1), .categorical(1),
        ])
        let settings = learner.settings(configuration, featureCount: 20, trees: 16)
        #expect(settings.trees == 16 && !settings.bootstrap)
        #expect(settings.tree.maxDepth == 7 && settings.tree.minSamplesSplit == 5 && settings.tree.minSamplesLeaf == 3)
        #expect(settings.tree.featuresPerSplit == 7 && settings.tree.criterion == .entropy)
        var few = configuration
        few[3] = .real(0.05)
        #expect(learner.settings(few, featureCount: 10, trees: 4).tree.featuresPerSplit == 1)
    }

    /// Tree t is seeded from (training seed, t): the 8-tree forest is the first 8 trees of the 64-tree forest, and
    /// fidelity level 1 (8 trees) predicts with exactly those.
    @Test func forestOfEightTreesIsThePrefixOfTheForestOfSixtyFour() throws {
        let train = try train()
        for configuration in InstanceBasedFixtures.configurations(learner.space, count: 4, seed: 5) {
            let eight = try learner.forest(configuration, trees: 8, train: train, seed: 11)
            let all = try learner.forest(configuration, trees: 64, train: train, seed: 11)
            #expect(eight.trees == Array(all.trees.prefix(8)))
            let predicted = try learner.predictions(
                configuration,
                fidelity: 1,
                train: train,
                predicting: [train],
                seed: 11
            )
            #expect(predicted == [.probabilities(eight.probabilities(of: train.features, featureCount: 8), classes: 3)])
        }
    }

    @Test func differentTrainingSeedsGrowDifferentForests() throws {
        let train = try train()
        let configuration = InstanceBasedFixtures.configurations(learner.space, count: 1, seed: 6)[0]
        let a = try learner.forest(configuration, trees: 4, train: train, seed: 1)
        let b = try learner.forest(configuration, trees: 4, train: train, seed: 2)
        #expect(a.trees != b.trees)
    }

    @Test func regressionDataIsRefusedByName() throws {
        let data = FriedmanData(samples: 50).dataset(seed: 1)
        let configuration = InstanceBasedFixtures.configurations(learner.space, count: 1, seed: 6)[0]
        #expect(
            throws: ProblemsError.invalidArgument(
                problem: "random-forest",
                argument: "data",
                value: "regression",
                expected: "classification data"
            )
        ) {
            try learner.predictions(configuration, fidelity: nil, train: data, predicting: [data], seed: 1)
        }
    }
}
