import TunebenchCore

/// Hyperparameter optimization of a ``Learner`` on a synthetic dataset: the objective is the validation loss of the
/// model the configuration trains.
///
/// **Instance.** The instance seed determines everything else through ``SeedDerivation/derive(_:_:)``: the dataset
/// (`["data"]`), the permutation of its rows into splits (`["split"]`, see ``Resampling``) and the training seed
/// (`["training"]`) handed to the learner. The training seed is the same for every configuration and every fold, so
/// the objective is a deterministic function of the configuration and the fidelity.
///
/// **Objective.** For each split (one for a holdout, `k` for k-fold cross-validation) the learner fits its training
/// rows, standardized by their own mean and standard deviation, and predicts the validation and test rows. The value
/// is the mean over splits of the ``LearningLoss`` on the validation rows; `info` records
/// - `test-loss`: the same loss on the held-out test rows, of the same models (mean over splits);
/// - `validation-error` and `test-error` for classification: the error rates;
/// - `diverged`: the number of splits whose training diverged (see below).
///
/// **Divergence.** When a fit produces a non-finite prediction (a learning rate too large for the data), that split
/// is scored as the prior model, which predicts the training class frequencies (classification) or the training mean
/// (regression) for every row. The value stays finite and comparable: a diverged configuration is as good as knowing
/// nothing, and no better. With ``failsOnDivergence`` (option `divergence=fail`) the evaluation fails instead, as a
/// real training run whose loss turns NaN does: a failed trial (NaN value), with `diverged` still in `info`.
///
/// **Fidelity.** The levels are the learner's; `evaluate(_:fidelity:)` trains with that level's resource and costs
/// that level's ``Fidelity/cost`` (``Fidelity/levels(steps:)`` makes full fidelity cost 1).
///
/// **Duration** (runs on simulated parallel workers). With ``modelsDuration`` (option `duration=model`, the default) an
/// evaluation takes the operations its fits and predictions count
/// (``Learner/operations(_:fidelity:train:predictedRows:)``, summed over the splits) at
/// ``TrainingOperations/perSecond``: simulated seconds that grow with the epochs, widths, trees and rows a
/// configuration asks for, the same on every machine. Without it (`duration=constant`), or for a learner without a cost
/// model, the duration is the evaluation's cost (one second at full fidelity).
///
/// **Two objectives** (``addTimeObjective()``, option `time-objective`): the validation loss and the simulated
/// training seconds of the evaluation (its operations at ``TrainingOperations/perSecond``, whatever `duration` says),
/// the trade-off between a model's quality and its cost. The reference point is the prior model's validation loss
/// (no configuration worse than knowing nothing counts) and 1.1 times the longest time of a set of probe
/// configurations (``timeProbes(_:)``); the Pareto front is unknown, so the metric is the negated hypervolume.
///
/// The optimum is unknown (`nil`): runs report the best value found rather than regret.
public struct LearningProblem<L: Learner>: Problem, Sendable {
    /// The model family being tuned.
    public let learner: L
    /// The splits, standardized, in fold order.
    public let splits: [DataSplit]
    /// The loss measured on the validation and test rows.
    public let loss: LearningLoss
    /// The seed of every fit.
    public let trainingSeed: UInt64
    /// Whether a diverged split fails the evaluation (a NaN value) rather than scoring as the prior model.
    public var failsOnDivergence = false
    /// Whether an evaluation's simulated duration comes from the learner's operation count (see the type).
    public var modelsDuration = true
    /// With two objectives (``addTimeObjective()``), the reference point of the loss and the training seconds.
    public private(set) var paretoReference: ParetoReference?
    public var objectiveCount: Int { paretoReference == nil ? 1 : 2 }

    public var space: SearchSpace { learner.space }
    public var fidelities: [Fidelity] { learner.fidelities }
    public var optimum: Double? { nil }

    public var metadata: [String: String] {
        let data = splits[0]
        let rows = data.train.rowCount + data.validation.rowCount + data.test.rowCount
        let task: String
        switch data.train.task {
        case .classification(let classes): task = "classification, \(classes) classes"
        case .regression: task = "regression"
        }
        let test = data.test.rowCount
        let parts =
            splits.count == 1
            ? "holdout: \(data.train.rowCount) train, \(data.validation.rowCount) validation, \(test) test"
            : "\(splits.count)-fold cross-validation of \(rows - test) rows, \(test) test"
        return [
            "data": "\(rows) rows × \(data.train.featureCount) features, \(task)", "splits": parts,
            "loss": loss.rawValue,
        ]
    }

    /// A learning problem on data drawn by `data`, everything seeded from the instance seed `seed`.
    ///
    /// - Parameters:
    ///   - learner: the model family.
    ///   - data: the dataset recipe.
    ///   - resampling: how rows are split; ``Resampling/standard`` (20/60/20 holdout) by default.
    ///   - loss: the loss; `nil` gives log-loss for classification and mean squared error for regression.
    ///   - seed: the instance seed.
    /// - Throws: ``ProblemsError`` when the recipe, the resampling or the loss does not fit.
    public init(
        learner: L,
        data: some DatasetGenerator,
        resampling: Resampling = .standard,
        loss: LearningLoss? = nil,
        seed: UInt64
    ) throws {
        try data.validate()
        let dataset = data.dataset(seed: SeedDerivation.derive(seed, ["data"]))
        try resampling.validate(dataset)
        let isClassification = dataset.classCount > 1
        try self.init(
            learner: learner,
            splits: resampling.splits(of: dataset, seed: SeedDerivation.derive(seed, ["split"])),
            loss: loss ?? (isClassification ? .logLoss : .meanSquaredError),
            trainingSeed: SeedDerivation.derive(seed, ["training"])
        )
    }

    /// A learning problem on given splits (already standardized as the caller wants).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `splits` is empty, a part
    ///   has no rows, or `loss` does not suit the data's task.
    public init(learner: L, splits: [DataSplit], loss: LearningLoss, trainingSeed: UInt64) throws {
        func reject(_ argument: String, _ value: String, _ expected: String) -> ProblemsError {
            .invalidArgument(problem: "learning problem", argument: argument, value: value, expected: expected)
        }
        guard let first = splits.first else { throw reject("splits", "none", "at least one split") }
        for split in splits {
            guard split.train.rowCount > 0, split.validation.rowCount > 0, split.test.rowCount > 0 else {
                throw reject("splits", "an empty part", "at least one training, validation and test row")
            }
        }
        let isClassification = first.train.classCount > 1
        guard loss.isClassification == isClassification else {
            throw reject(
                "loss",
                loss.rawValue,
                isClassification ? "'log-loss' or 'error-rate' for classification" : "'mse'"
            )
        }
        self.learner = learner
        self.splits = splits
        self.loss = loss
        self.trainingSeed = trainingSeed
    }

    public func evaluate(_ configuration: Configuration) throws -> Evaluation {
        try evaluate(configuration, fidelity: nil)
    }

    /// Makes the simulated training seconds a second objective (see the type).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a learner without a cost
    ///   model (``Learner/operations(_:fidelity:train:predictedRows:)`` answers `nil`).
    public mutating func addTimeObjective() throws {
        let probes = Self.timeProbes(space)
        let times = probes.map { seconds($0, fidelity: nil) }
        guard let longest = times.compactMap({ $0 }).max(), times.allSatisfy({ $0 != nil }) else {
            throw ProblemsError.invalidArgument(
                problem: "learning problem", argument: "time-objective", value: "true",
                expected: "false: this model has no cost model of its training time")
        }
        let priorLoss = splits.map { split in
            loss.value(Predictions.prior(of: split.train, rows: split.validation.rowCount), on: split.validation)
        }.reduce(0, +) / Double(splits.count)
        paretoReference = ParetoReference(point: [priorLoss, 1.1 * longest], hypervolume: nil)
    }

    /// The configurations whose longest training time sets the time objective's reference: the grid of each numeric
    /// parameter's bounds and each categorical parameter's every choice (in the unit cube: 0 and 1, and the choices'
    /// centres), whole when it has at most 4,096 points, else 4,096 of its points drawn with a fixed seed; then 256
    /// uniform points.
    static func timeProbes(_ space: SearchSpace) -> [Configuration] {
        let levels: [[Double]] = space.parameters.map { parameter in
            guard let choices = parameter.choices, !choices.isEmpty else { return [0, 1] }
            return choices.indices.map { (Double($0) + 0.5) / Double(choices.count) }
        }
        var generator = Xoshiro256StarStar(seed: 0x7157_0B7E)
        let size = levels.reduce(1.0) { $0 * Double($1.count) }
        var points: [[Double]] = []
        if size <= 4096 {
            points = [[]]
            for options in levels { points = points.flatMap { prefix in options.map { prefix + [$0] } } }
        } else {
            points = (0..<4096).map { _ in levels.map { $0[generator.nextIndex(below: $0.count)] } }
        }
        points += (0..<256).map { _ in levels.map { _ in generator.nextUnit() } }
        return points.map { space.decode($0) }
    }

    /// The simulated seconds of training and predicting on every split, or `nil` without a cost model.
    func seconds(_ configuration: Configuration, fidelity: Int?) -> Double? {
        var sum = 0.0
        for split in splits {
            guard let operations = learner.operations(
                configuration, fidelity: fidelity, train: split.train,
                predictedRows: split.validation.rowCount + split.test.rowCount)
            else { return nil }
            sum += operations
        }
        return sum / TrainingOperations.perSecond
    }

    /// Trains on every split at level `fidelity` (full fidelity for `nil`) and scores the fits.
    /// - Throws: what the learner throws.
    public func evaluate(_ configuration: Configuration, fidelity: Int?) throws -> Evaluation {
        let levels = learner.fidelities
        if let fidelity { precondition(levels.indices.contains(fidelity), "fidelity level \(fidelity) out of range") }
        var validationLoss = 0.0
        var testLoss = 0.0
        var validationError = 0.0
        var testError = 0.0
        var diverged = 0
        var operations: Double? = modelsDuration ? 0 : nil
        for split in splits {
            if let sum = operations {
                operations = learner.operations(
                    configuration, fidelity: fidelity, train: split.train,
                    predictedRows: split.validation.rowCount + split.test.rowCount
                ).map { sum + $0 }
            }
            var predictions = try learner.predictions(
                configuration,
                fidelity: fidelity,
                train: split.train,
                predicting: [split.validation, split.test],
                seed: trainingSeed
            )
            if !predictions.allSatisfy(\.isFinite) {
                diverged += 1
                predictions = [split.validation, split.test].map {
                    Predictions.prior(of: split.train, rows: $0.rowCount)
                }
            }
            validationLoss += loss.value(predictions[0], on: split.validation)
            testLoss += loss.value(predictions[1], on: split.test)
            if loss.isClassification {
                validationError += LearningLoss.errorRate.value(predictions[0], on: split.validation)
                testError += LearningLoss.errorRate.value(predictions[1], on: split.test)
            }
        }
        let k = Double(splits.count)
        var info = ["test-loss": testLoss / k, "diverged": Double(diverged)]
        if loss.isClassification {
            info["validation-error"] = validationError / k
            info["test-error"] = testError / k
        }
        let cost = fidelity.map { levels[$0].cost } ?? levels.last?.cost ?? 1
        let value = failsOnDivergence && diverged > 0 ? .nan : validationLoss / k
        let objectives = paretoReference == nil || !value.isFinite
            ? nil : [value, seconds(configuration, fidelity: fidelity) ?? .nan]
        return Evaluation(
            value: value, cost: cost, info: info, duration: operations.map { $0 / TrainingOperations.perSecond },
            objectives: objectives)
    }
}
