import TunebenchCore

extension DenseNetwork {
    /// Trains the network on `train` for the epochs of fidelity level `fidelity` of `fidelities` (the last level for
    /// `nil`) with batches of `batchSize` rows in an order seeded by `SeedDerivation.derive(seed, ["batches"])`, and
    /// predicts each of `targets`.
    mutating func fitAndPredict(
        _ train: Dataset,
        predicting targets: [Dataset],
        fidelities: [Fidelity],
        fidelity: Int?,
        batchSize: Int,
        seed: UInt64,
        update: inout some ParameterUpdate
    ) -> [Predictions] {
        let training = MinibatchTraining(
            epochs: fidelities[fidelity ?? fidelities.count - 1].steps,
            batchSize: batchSize,
            seed: SeedDerivation.derive(seed, ["batches"])
        )
        let trained = training.fit(&self, on: train, update: &update)
        return predictions(for: targets, trained: trained)
    }

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
