import Foundation
import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// Logistic regression and the multilayer perceptron learn, use their fidelity, diverge safely and are
/// deterministic. Datasets are kept small so that the debug build trains them quickly.
struct GradientTrainedModelTests {
    /// Two classes separated by the plane `x₀ + x₁ = 0` with a margin of 0.2, four features uniform on `[−1, 1]`.
    static func separable(rows: Int, seed: UInt64) -> Dataset {
        var generator = Xoshiro256StarStar(seed: seed)
        var features: [Double] = []
        var targets: [Double] = []
        while targets.count < rows {
            let x = (0..<4).map { _ in generator.nextUniform(-1, 1) }
            guard abs(x[0] + x[1]) > 0.2 else { continue }
            features += x
            targets.append(x[0] + x[1] > 0 ? 1 : 0)
        }
        return Dataset(features: features, targets: targets, featureCount: 4, task: .classification(classes: 2))
    }

    /// A small version of the default classification data: 600 rows (120 to train), 10 features, 3 classes.
    static let small = ClassificationData(samples: 600, features: 10, informative: 4, redundant: 2)

    /// `learning-rate, penalty, strength, batch-size, momentum`.
    static func logreg(
        _ learningRate: Double,
        penalty: Int = 1,
        strength: Double = 1e-4,
        batch: Int = 16,
        momentum: Double = 0.9
    ) -> Configuration {
        Configuration([
            .real(learningRate), .categorical(penalty), .real(strength), .integer(batch), .real(momentum),
        ])
    }

    /// `layers, width-1, width-2, width-3, activation, learning-rate, batch-size, weight-decay`.
    static func mlp(widths: [Int], activation: Int = 0, learningRate: Double = 0.01, batch: Int = 16) -> Configuration {
        Configuration(
            [.categorical(widths.count - 1)] + (0..<3).map { $0 < widths.count ? .integer(widths[$0]) : nil }
                + [.categorical(activation), .real(learningRate), .integer(batch), .real(1e-4)]
        )
    }

    @Test func logisticRegressionSeparatesALinearlySeparableSet() throws {
        let data = Self.separable(rows: 500, seed: 3)
        let problem = try LearningProblem(
            learner: LogisticRegression(),
            splits: Resampling.standard.splits(of: data, seed: 1),
            loss: .errorRate,
            trainingSeed: 2
        )
        let evaluation = try problem.evaluate(Self.logreg(0.1, strength: 1e-6))
        #expect(evaluation.value <= 0.01, "validation error \(evaluation.value)")
        #expect(evaluation.info["test-error"]! <= 0.02)
    }

    @Test func strongL1PenaltyLeavesThePrior() throws {
        // With λ = 1 above every loss gradient, the soft threshold keeps each weight at 0 (plain SGD, no momentum);
        // only the biases learn, and the model predicts about the class frequencies.
        let problem = try LearningProblem(learner: LogisticRegression(), data: Self.small, seed: 4)
        let strong = try problem.evaluate(Self.logreg(0.01, penalty: 0, strength: 1, momentum: 0))
        let weak = try problem.evaluate(Self.logreg(0.01, penalty: 0, strength: 1e-6, momentum: 0))
        let split = problem.splits[0]
        let prior = LearningLoss.logLoss.value(
            .prior(of: split.train, rows: split.validation.rowCount),
            on: split.validation
        )
        #expect(abs(strong.value - prior) < 0.02, "\(strong.value) vs prior \(prior)")
        #expect(weak.value < prior - 0.1, "\(weak.value) vs prior \(prior)")
    }

    @Test func sensibleConfigurationsBeatChance() throws {
        let chance = log(3.0)
        let logreg = try LearningProblem(learner: LogisticRegression(), data: Self.small, seed: 5)
        let logregLoss = try logreg.evaluate(Self.logreg(0.05)).value
        #expect(logregLoss < 0.8 * chance, "logreg log-loss \(logregLoss)")
        let mlp = try LearningProblem(learner: MultilayerPerceptron(), data: Self.small, seed: 5)
        let mlpLoss = try mlp.evaluate(Self.mlp(widths: [16]), fidelity: 3).value
        #expect(mlpLoss < 0.8 * chance, "mlp log-loss \(mlpLoss)")
    }

    @Test func hopelessConfigurationsDoNot() throws {
        // A learning rate of 1e-5 for one epoch leaves the initial network, near chance.
        let mlp = try LearningProblem(learner: MultilayerPerceptron(), data: Self.small, seed: 5)
        let loss = try mlp.evaluate(Self.mlp(widths: [8], activation: 1, learningRate: 1e-5), fidelity: 0).value
        #expect(loss > 0.9 * log(3.0))
    }

    @Test func moreEpochsLowerTheTrainingLossOnAverage() throws {
        let data = Self.small.dataset(seed: 6)
        let split = Resampling.standard.splits(of: data, seed: 7)[0]
        func trainingLosses(_ learner: some Learner, _ configuration: Configuration) throws -> [Double] {
            try learner.fidelities.indices.map { level in
                let predictions = try learner.predictions(
                    configuration,
                    fidelity: level,
                    train: split.train,
                    predicting: [split.train],
                    seed: 8
                )
                return LearningLoss.logLoss.value(predictions[0], on: split.train)
            }
        }
        var logreg = [Double](repeating: 0, count: LogisticRegression.epochs.count)
        for (k, rate) in [0.003, 0.01, 0.03].enumerated() {
            let losses = try trainingLosses(LogisticRegression(), Self.logreg(rate, batch: 8 << k))
            logreg = zip(logreg, losses).map { $0 + $1 / 3 }
        }
        #expect(zip(logreg, logreg.dropFirst()).allSatisfy { $0 > $1 }, "\(logreg)")
        var mlp = [Double](repeating: 0, count: 4)
        for widths in [[8], [16, 8]] {
            let losses = try trainingLosses(MultilayerPerceptron(), Self.mlp(widths: widths, learningRate: 0.003))
            mlp = zip(mlp, losses.prefix(4)).map { $0 + $1 / 2 }
        }
        #expect(zip(mlp, mlp.dropFirst()).allSatisfy { $0 > $1 }, "\(mlp)")
    }

    @Test func divergedTrainingScoresAsThePriorAndStaysFinite() throws {
        let problem = try LearningProblem(learner: LogisticRegression(), data: Self.small, seed: 9)
        let evaluation = try problem.evaluate(Self.logreg(1, strength: 1e-6, batch: 1, momentum: 0.99))
        #expect(evaluation.value.isFinite)
        if evaluation.info["diverged"] == 1 {
            let split = problem.splits[0]
            let prior = LearningLoss.logLoss.value(
                .prior(of: split.train, rows: split.validation.rowCount),
                on: split.validation
            )
            #expect(evaluation.value == prior)
        }
    }

    @Test func mlpWidthsFollowTheLayerCount() throws {
        let space = MultilayerPerceptron().space
        #expect(
            space.parameters.map(\.name) == [
                "layers", "width-1", "width-2", "width-3", "activation", "learning-rate", "batch-size", "weight-decay",
            ]
        )
        #expect(space.parameters[2].condition == Parameter.Condition(parent: "layers", values: ["2", "3"]))
        #expect(space.parameters[3].condition == Parameter.Condition(parent: "layers", values: ["3"]))
        for configuration in [Self.mlp(widths: [5]), Self.mlp(widths: [5, 6]), Self.mlp(widths: [5, 6, 7])] {
            #expect(throws: Never.self) { try space.validate(configuration) }
        }
    }

    @Test(arguments: ["logreg", "mlp"])
    func fullEvaluationIsDeterministic(_ name: String) throws {
        let entry = try #require(LearningProblems.entries.first { $0.name == name })
        let options = try Options.resolve(["samples": .integer(400)], specs: entry.options, entry: name)
        var first = try entry.factory(ProblemContext(seed: 3, options: options))
        var fresh = try entry.factory(ProblemContext(seed: 3, options: options))
        var generator = Xoshiro256StarStar(seed: 10)
        let configuration = first.space.decode((0..<first.space.dimension).map { _ in generator.nextUnit() })
        let a = try first.evaluate(configuration)
        let b = try first.evaluate(configuration)
        let c = try fresh.evaluate(configuration)
        #expect(a == b && a == c)
        #expect(a.cost == 1)
        let low = try first.evaluate(configuration, fidelity: 0)
        #expect(low.cost == 1 / Double(first.fidelities.last!.steps))
    }
}
