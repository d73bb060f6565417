import Foundation
import Testing
import TunebenchCore
import TunebenchProblems

/// A learning problem's simulated duration (`duration=model`): the operations its fits and predictions count, at
/// 10⁹ per simulated second, written out here from the formulas of ``TrainingOperations``'s documentation.
struct TrainingDurationTests {
    static let registry: Registry = {
        var registry = Registry()
        for entry in LearningProblems.entries { try! registry.register(entry) }
        return registry
    }()

    static func problem<L: Learner>(
        _ name: String, as type: L.Type, options: [String: OptionValue] = [:]
    ) throws -> LearningProblem<L> {
        try #require(try registry.makeProblem(EntrySpec(name, options: options), seed: 3) as? LearningProblem<L>)
    }

    @Test func logisticRegressionCountsEpochsRowsAndSteps() throws {
        let problem = try Self.problem("logreg", as: LogisticRegression.self, options: ["folds": .integer(3)])
        // learning-rate, penalty, strength, batch-size, momentum.
        let configuration = problem.space.decode([0.5, 0, 0.5, 0.5, 0.5])
        let batch = configuration.integer(3)
        for (level, epochs) in [1, 3, 9, 27, 81].enumerated() {
            let evaluation = try problem.evaluate(configuration, fidelity: level)
            var expected = 0.0
            for split in problem.splits {
                let n = split.train.rowCount
                let weights = Double(split.train.featureCount * 3)
                let steps = Double((n + batch - 1) / batch)
                let predicted = Double(split.validation.rowCount + split.test.rowCount)
                expected += Double(epochs) * (3 * Double(n) * weights + steps * 4 * weights) + predicted * weights
            }
            let duration = try #require(evaluation.duration)
            #expect(abs(duration - expected / 1e9) <= 1e-12 * duration, "level \(level)")
        }
    }

    @Test func widerNetworksAndMoreTreesTakeLonger() throws {
        let mlp = try Self.problem("mlp", as: MultilayerPerceptron.self, options: ["samples": .integer(200)])
        var narrow = Array(repeating: 0.5, count: mlp.space.dimension)
        var wide = narrow
        narrow[1] = 0  // the first hidden width at its lower bound
        wide[1] = 1
        let (small, large) = (mlp.space.decode(narrow), mlp.space.decode(wide))
        #expect(try #require(mlp.evaluate(small).duration) < #require(mlp.evaluate(large).duration))

        let forest = try Self.problem(
            "random-forest", as: RandomForestLearner.self, options: ["samples": .integer(200)])
        let trees = forest.space.decode(Array(repeating: 0.5, count: forest.space.dimension))
        let durations = try (0..<5).map { try #require(forest.evaluate(trees, fidelity: $0).duration) }
        #expect(zip(durations, durations.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func constantDurationLeavesTheCost() throws {
        let problem = try Self.problem(
            "knn", as: NearestNeighboursLearner.self, options: ["duration": .string("constant")])
        #expect(!problem.modelsDuration)
        let evaluation = try problem.evaluate(problem.space.decode([0.5, 0, 0]))
        #expect(evaluation.duration == nil && evaluation.cost == 1)
        let modelled = try Self.problem("knn", as: NearestNeighboursLearner.self)
        let k = modelled.space.decode([0.5, 0, 0]).integer(0)
        let split = modelled.splits[0]
        let (n, d) = (Double(split.train.rowCount), Double(split.train.featureCount))
        let m = Double(split.validation.rowCount + split.test.rowCount)
        let expected = m * n * (d + log2(Double(k + 1))) / 1e9
        let duration = try #require(try modelled.evaluate(modelled.space.decode([0.5, 0, 0])).duration)
        #expect(abs(duration - expected) <= 1e-12 * expected)
    }

    @Test func cashTakesTheChosenModelsDuration() throws {
        let cash = try Self.registry.makeProblem(EntrySpec("cash", options: ["samples": .integer(200)]), seed: 3)
        guard let learning = cash as? LearningProblem<ModelSelectionLearner> else {
            Issue.record("cash is a LearningProblem<ModelSelectionLearner>")
            return
        }
        for point in stride(from: 0.05, through: 0.95, by: 0.3) {
            let configuration = learning.space.decode(Array(repeating: point, count: learning.space.dimension))
            let (index, own) = learning.learner.component(of: configuration)
            let split = learning.splits[0]
            let alone = learning.learner.components[index].learner.operations(
                own, fidelity: nil, train: split.train, predictedRows: split.validation.rowCount + split.test.rowCount)
            let duration = try #require(try learning.evaluate(configuration).duration)
            #expect(duration == alone.map { $0 / 1e9 }, "model \(learning.learner.components[index].name)")
        }
    }
}
