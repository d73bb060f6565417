import TunebenchCore

extension DenseNetwork {
    /// The network's class probabilities for each of `targets`; all NaN when `trained` is false (training
    /// diverged), which ``LearningProblem`` scores as the prior.
    func predictions(for targets: [Dataset], trained: Bool) -> [Predictions] {
        targets.map { data in
            .probabilities(
                trained ? probabilities(data) : Array(repeating: .nan, count: data.rowCount * outputs),
                classes: outputs
            )
        }
    }

    /// The number of classes of `data`.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for regression data.
    static func classCount(of data: Dataset, model: String) throws -> Int {
        guard case .classification(let classes) = data.task else {
            throw ProblemsError.invalidArgument(
                problem: model,
                argument: "data",
                value: "regression",
                expected: "classification data"
            )
        }
        return classes
    }
}
