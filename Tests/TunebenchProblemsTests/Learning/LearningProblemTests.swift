import Foundation
import Testing
import TunebenchCore
import TunebenchProblems

/// The generic learning problem: seeds, losses, the divergence fallback, fidelity costs and folds, with a fixture
/// learner whose predictions are known.
struct LearningProblemTests {
    /// Predicts the same probabilities for every row: `confidence` on class 0, the rest spread evenly; NaN when
    /// `confidence` is above 0.99 (a stand-in for a diverged fit). Records nothing, so it is `Sendable`.
    struct ConstantLearner: Learner {
        let space = try! SearchSpace([.real("confidence", lower: 0, upper: 1)])
        let fidelities = Fidelity.levels(steps: [1, 3, 9])

        func predictions(
            _ configuration: Configuration,
            fidelity: Int?,
            train: Dataset,
            predicting targets: [Dataset],
            seed: UInt64
        ) throws -> [Predictions] {
            let classes = train.classCount
            let confidence = configuration.real(0)
            let row =
                confidence > 0.99
                ? Array(repeating: Double.nan, count: classes)
                : [confidence] + Array(repeating: (1 - confidence) / Double(classes - 1), count: classes - 1)
            return targets.map {
                .probabilities(Array(repeating: row, count: $0.rowCount).flatMap { $0 }, classes: classes)
            }
        }
    }

    static func problem(
        folds: Int = 1,
        loss: LearningLoss? = nil,
        seed: UInt64 = 1
    ) throws
        -> LearningProblem<ConstantLearner>
    {
        try LearningProblem(
            learner: ConstantLearner(),
            data: ClassificationData(samples: 300),
            resampling: .folds(folds),
            loss: loss,
            seed: seed
        )
    }

    @Test func valueIsTheValidationLogLossAndInfoHasTheTestScores() throws {
        let problem = try Self.problem()
        let evaluation = try problem.evaluate(.reals([1.0 / 3]))
        // Uniform probabilities: log-loss ln 3 on every part.
        #expect(abs(evaluation.value - log(3)) < 1e-12)
        #expect(abs(evaluation.info["test-loss"]! - log(3)) < 1e-12)
        // With class 0 the most probable, the error is the fraction of rows not in class 0.
        let validation = problem.splits[0].validation
        let notZero = Double(validation.targets.filter { $0 != 0 }.count) / Double(validation.rowCount)
        #expect(try problem.evaluate(.reals([0.5])).info["validation-error"] == notZero)
        #expect(evaluation.info["test-error"] != nil && evaluation.info["diverged"] == 0)
        #expect(problem.optimum == nil)
    }

    @Test func errorRateLossIsTheValue() throws {
        let problem = try Self.problem(loss: .errorRate)
        let evaluation = try problem.evaluate(.reals([0.9]))
        #expect(evaluation.value == evaluation.info["validation-error"])
        #expect(evaluation.info["test-loss"] == evaluation.info["test-error"])
    }

    @Test func divergedFitScoresAsThePrior() throws {
        let problem = try Self.problem()
        let evaluation = try problem.evaluate(.reals([0.995]))
        let split = problem.splits[0]
        let prior = LearningLoss.logLoss.value(
            .prior(of: split.train, rows: split.validation.rowCount),
            on: split.validation
        )
        #expect(evaluation.value == prior)
        #expect(evaluation.value.isFinite && evaluation.info["diverged"] == 1)
        // `divergence=fail`: the same fit is a failed trial, which still says why.
        var failing = problem
        failing.failsOnDivergence = true
        let failed = try failing.evaluate(.reals([0.995]))
        #expect(failed.value.isNaN && failed.info["diverged"] == 1)
        #expect(try failing.evaluate(.reals([0.9])).value == problem.evaluate(.reals([0.9])).value)
    }

    @Test func costIsTheLevelsShareOfFullFidelity() throws {
        let problem = try Self.problem()
        #expect(try problem.evaluate(.reals([0.5]), fidelity: 0).cost == 1.0 / 9)
        #expect(try problem.evaluate(.reals([0.5]), fidelity: 1).cost == 3.0 / 9)
        #expect(try problem.evaluate(.reals([0.5]), fidelity: 2).cost == 1)
        #expect(try problem.evaluate(.reals([0.5])).cost == 1)
    }

    @Test func seedChoosesTheDataAndFoldsAverage() throws {
        #expect(try Self.problem(seed: 1).splits == Self.problem(seed: 1).splits)
        #expect(try Self.problem(seed: 1).splits != Self.problem(seed: 2).splits)
        let folded = try Self.problem(folds: 4)
        #expect(folded.splits.count == 4)
        let evaluation = try folded.evaluate(.reals([0.6]))
        let mean =
            folded.splits.map { split in
                LearningLoss.logLoss.value(
                    try! ConstantLearner().predictions(
                        .reals([0.6]),
                        fidelity: nil,
                        train: split.train,
                        predicting: [split.validation],
                        seed: 0
                    )[0],
                    on: split.validation
                )
            }.reduce(0, +) / 4
        #expect(abs(evaluation.value - mean) < 1e-12)
    }

    @Test func lossMustSuitTheTask() {
        #expect(throws: ProblemsError.self) { try Self.problem(loss: .meanSquaredError) }
        #expect(throws: ProblemsError.self) {
            try LearningProblem(learner: ConstantLearner(), data: FriedmanData(), loss: .logLoss, seed: 1)
        }
    }
}
