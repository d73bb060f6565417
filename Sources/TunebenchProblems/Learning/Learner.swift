import TunebenchCore

/// A model family whose hyperparameters a learning problem tunes: a search space, optional fidelity levels, and a
/// training procedure that fits the model on a training set and predicts other sets.
///
/// # Implementation requirements
/// - `predictions` is a pure function of its arguments: the same configuration, fidelity, data and seed give the
///   same predictions, bit for bit, on any thread. Randomness (initial weights, mini-batch order, bootstrap samples)
///   comes from a generator seeded with `seed`.
/// - Fidelity level `k` trains with `fidelities[k].steps` units of the model's resource (epochs, trees); `nil` means
///   the last level. Training at a lower level gives the model that training at a higher level would have passed
///   through when the resource is sequential (epochs), so that low fidelities are informative.
/// - Classification predictions are class probabilities; regression predictions are values.
public protocol Learner: Sendable {
    /// The hyperparameters.
    var space: SearchSpace { get }
    /// Fidelity levels, lowest first, the last one full fidelity; empty when the model has no resource to cut.
    var fidelities: [Fidelity] { get }
    /// Fits the model described by `configuration` on `train` and predicts each of `targets`, in order.
    func predictions(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predicting targets: [Dataset], seed: UInt64
    ) throws -> [Predictions]
    /// The operations (``TrainingOperations``) that fitting `configuration` at `fidelity` on `train` and predicting
    /// `predictedRows` rows take: the basis of the simulated duration. `nil` (the default) when the learner has no
    /// model of its cost; the duration is then the evaluation's cost.
    func operations(_ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int) -> Double?
}

extension Learner {
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        nil
    }
}

/// What a fitted model says about the rows of a dataset.
public enum Predictions: Sendable, Hashable {
    /// Classification: row-major probabilities, `classes` per row, each row summing to 1.
    case probabilities([Double], classes: Int)
    /// Regression: one value per row.
    case values([Double])
}
