import TunebenchCore

/// A multilayer perceptron classifier: one to three hidden layers, a softmax output, trained by Adam on the mean
/// cross-entropy plus an L2 weight penalty (a ``DenseNetwork``; ``Adam``). Weights start from He or Glorot
/// initialization drawn from the training seed (`SeedDerivation.derive(seed, ["weights"])`), the batch order from
/// `SeedDerivation.derive(seed, ["batches"])`.
///
/// Space, in order (a conditional parameter follows its parent):
///
/// | parameter       | domain                       | active when        |
/// |-----------------|------------------------------|--------------------|
/// | `layers`        | {1, 2, 3}                    | always             |
/// | `width-1`       | integer [4, 32], log         | always             |
/// | `width-2`       | integer [4, 32], log         | layers ∈ {2, 3}    |
/// | `width-3`       | integer [4, 32], log         | layers = 3         |
/// | `activation`    | {relu, tanh, logistic}       | always             |
/// | `learning-rate` | real [1e-5, 1], log          | always             |
/// | `batch-size`    | integer [4, 256], log        | always             |
/// | `weight-decay`  | real [1e-7, 1e-1], log       | always             |
///
/// Fidelity: epochs 1, 3, 9, 27, 81 (η = 3 between levels).
///
/// Source: the multilayer perceptron trained by back-propagation (Rumelhart, Hinton and Williams, Nature 323,
/// 1986), set up as scikit-learn's `MLPClassifier(solver="adam")` is: Adam (Kingma and Ba, ICLR 2015) with
/// β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ and an L2 penalty.
public struct MultilayerPerceptron: Learner {
    /// The epochs of each fidelity level.
    public static let epochs = [1, 3, 9, 27, 81]
    /// The choices of `layers`.
    public static let layerChoices = ["1", "2", "3"]
    /// The range of every hidden width.
    public static let widths = 4...32

    public let space: SearchSpace
    public let fidelities = Fidelity.levels(steps: epochs)

    public init() {
        func width(_ k: Int, when values: [String]?) -> Parameter {
            .integer(
                "width-\(k)",
                lower: Self.widths.lowerBound,
                upper: Self.widths.upperBound,
                scale: .log,
                when: values.map { Parameter.Condition(parent: "layers", values: $0) }
            )
        }
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .categorical("layers", choices: Self.layerChoices),
            width(1, when: nil),
            width(2, when: ["2", "3"]),
            width(3, when: ["3"]),
            .categorical("activation", choices: Activation.allCases.map(\.rawValue)),
            .real("learning-rate", lower: 1e-5, upper: 1, scale: .log),
            .integer("batch-size", lower: 4, upper: 256, scale: .log),
            .real("weight-decay", lower: 1e-7, upper: 1e-1, scale: .log),
        ])
    }

    public func predictions(
        _ configuration: Configuration,
        fidelity: Int?,
        train: Dataset,
        predicting targets: [Dataset],
        seed: UInt64
    ) throws -> [Predictions] {
        let classes = try train.classCount(requiredBy: "mlp")
        let hidden = (0...configuration.choice(0)).map { configuration.integer(1 + $0) }
        var network = DenseNetwork(
            widths: [train.featureCount] + hidden + [classes],
            activation: Activation.allCases[configuration.choice(4)],
            initialization: .scaled,
            seed: SeedDerivation.derive(seed, ["weights"])
        )
        var update = Adam(
            learningRate: configuration.real(5),
            weightDecay: configuration.real(7),
            mask: network.weightMask
        )
        return network.fitAndPredict(
            train,
            predicting: targets,
            fidelities: fidelities,
            fidelity: fidelity,
            batchSize: configuration.integer(6),
            seed: seed,
            update: &update
        )
    }

    /// Its layers trained by Adam
    /// (``TrainingOperations/denseNetwork(widths:epochs:batchSize:rows:predictedRows:updateCost:)``).
    public func operations(
        _ configuration: Configuration, fidelity: Int?, train: Dataset, predictedRows: Int
    ) -> Double? {
        let hidden = (0...configuration.choice(0)).map { configuration.integer(1 + $0) }
        return TrainingOperations.denseNetwork(
            widths: [train.featureCount] + hidden + [max(train.classCount, 2)],
            epochs: fidelities[fidelity ?? fidelities.count - 1].steps, batchSize: configuration.integer(6),
            rows: train.rowCount, predictedRows: predictedRows, updateCost: TrainingOperations.adamUpdate)
    }
}
