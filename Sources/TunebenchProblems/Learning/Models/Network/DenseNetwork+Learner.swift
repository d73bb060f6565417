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
}
