import Foundation
import Testing
import TunebenchCore
import TunebenchProblems

/// `time-objective=true`: a learning problem of two objectives, the validation loss and the simulated training seconds,
/// measured up to the prior model's loss and 1.1 times the longest probe time.
struct LearningTimeObjectiveTests {
    static let registry = TrainingDurationTests.registry

    static func problem(_ options: [String: OptionValue]) throws -> LearningProblem<LogisticRegression> {
        try #require(
            try registry.makeProblem(EntrySpec("logreg", options: options), seed: 3)
                as? LearningProblem<LogisticRegression>)
    }

    /// The loss reference is the log-loss of predicting the training class frequencies, −(1/n) Σ log p(yᵢ), written
    /// out from the split's labels; every evaluation's objectives are its loss and its simulated duration, inside
    /// the reference point's time.
    @Test func objectivesAreTheLossAndTheTrainingSeconds() throws {
        let options: [String: OptionValue] = ["samples": .integer(300), "time-objective": .bool(true)]
        let problem = try Self.problem(options)
        #expect(problem.objectiveCount == 2)
        let reference = try #require(problem.paretoReference)
        #expect(reference.hypervolume == nil)
        let split = try #require(problem.splits.first)
        guard case .classification(let classes) = split.train.task else {
            Issue.record("not a classification")
            return
        }
        var counts = [Double](repeating: 0, count: classes)
        for y in split.train.targets { counts[Int(y)] += 1 }
        let logLoss = split.validation.targets.map { -log(counts[Int($0)] / Double(split.train.rowCount)) }
            .reduce(0, +) / Double(split.validation.rowCount)
        #expect(abs(reference.point[0] - logLoss) < 1e-12, "\(reference.point[0]) against \(logLoss)")
        var generator = Xoshiro256StarStar(seed: 5)
        for _ in 0..<10 {
            let configuration = problem.space.decode((0..<problem.space.dimension).map { _ in generator.nextUnit() })
            let evaluation = try problem.evaluate(configuration)
            let objectives = try #require(evaluation.objectives)
            #expect(objectives[0] == evaluation.value)
            #expect(objectives[1] == evaluation.duration)
            #expect(objectives[1] < reference.point[1])
        }
        // Without the option, one objective and no reference.
        let single = try Self.problem(["samples": .integer(300)])
        #expect(single.objectiveCount == 1 && single.paretoReference == nil)
        #expect(try single.evaluate(single.space.decode([0.5, 0, 0.5, 0.5, 0.5])).objectives == nil)
    }
}
