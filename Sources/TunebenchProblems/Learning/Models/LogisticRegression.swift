import TunebenchCore

/// Multinomial logistic regression, `p = softmax(x W + b)`, trained by mini-batch SGD with momentum on the mean
/// cross-entropy plus an L1 or L2 penalty on `W` (a ``DenseNetwork`` without hidden layers; ``MomentumSGD``;
/// ``Penalty``). Weights start at 0.
///
/// Space, in order:
///
/// | parameter       | domain                    | meaning                                              |
/// |-----------------|---------------------------|------------------------------------------------------|
/// | `learning-rate` | real [1e-4, 1], log       | SGD step size `η`                                    |
/// | `penalty`       | {l1, l2}                  | L1 by its proximal soft threshold, L2 in the gradient |
/// | `strength`      | real [1e-6, 1], log       | penalty weight `λ`                                   |
/// | `batch-size`    | integer [1, 256], log     | rows per step                                        |
/// | `momentum`      | real [0, 0.99]            | heavy-ball coefficient `μ`                           |
///
/// Fidelity: epochs 1, 3, 9, 27, 81 (η = 3 between levels). The batch order comes from the training seed
/// (`SeedDerivation.derive(seed, ["batches"])`).
///
/// Source: the logistic model (D. R. Cox, "The regression analysis of binary sequences", JRSS B 20, 1958) in its
/// multinomial form, as scikit-learn's `LogisticRegression` fits it, trained the way scikit-learn's `SGDClassifier`
/// trains linear models, with momentum (Sutskever et al. 2013).
public struct LogisticRegression: Learner {
    /// The epochs of each fidelity level.
    public static let epochs = [1, 3, 9, 27, 81]
    /// The choices of `penalty`.
    public static let penalties = ["l1", "l2"]

    public let space: SearchSpace
    public let fidelities = Fidelity.levels(steps: epochs)

    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .real("learning-rate", lower: 1e-4, upper: 1, scale: .log),
            .categorical("penalty", choices: Self.penalties),
            .real("strength", lower: 1e-6, upper: 1, scale: .log),
            .integer("batch-size", lower: 1, upper: 256, scale: .log),
            .real("momentum", lower: 0, upper: 0.99),
        ])
    }

    public func predictions(
        _ configuration: Configuration,
        fidelity: Int?,
        train: Dataset,
        predicting targets: [Dataset],
        seed: UInt64
    ) throws -> [Predictions] {
        let classes = try train.classCount(requiredBy: "logreg")
        let learningRate = configuration.real(0)
        let strength = configuration.real(2)
        var network = DenseNetwork(
            widths: [train.featureCount, classes],
            activation: .relu,
            initialization: .zero,
            seed: 0
        )
        var update = MomentumSGD(
            learningRate: learningRate,
            momentum: configuration.real(4),
            penalty: configuration.choice(1) == 0 ? .l1(strength) : .l2(strength),
            mask: network.weightMask
        )
        return network.fitAndPredict(
            train,
            predicting: targets,
            fidelities: fidelities,
            fidelity: fidelity,
            batchSize: configuration.integer(3),
            seed: seed,
            update: &update
        )
    }

    /// A network without hidden layers trained by momentum SGD
    /// (``TrainingOperations/denseNetwork(widths:epochs:batchSize:rows:predictedRows:updateCost:)``).
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        TrainingOperations.denseNetwork(
            widths: [train.featureCount, max(train.classCount, 2)],
            epochs: fidelities[fidelity ?? fidelities.count - 1].steps, batchSize: configuration.integer(3),
            rows: train.rowCount, predictedRows: predictedRows, updateCost: TrainingOperations.momentumUpdate)
    }
}
