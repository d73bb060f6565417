import TunebenchCore

/// Ridge regression on Friedman data, tuned in `log α`, with the exact hypergradient of the validation loss.
///
/// The value, cost and `info` are those of ``LearningProblem`` with the ``RidgeRegression`` learner (the mean
/// squared error on the validation rows, averaged over folds with k-fold cross-validation). `evaluateWithGradient`
/// adds `∂L/∂α`, the mean over splits of ``RidgeRegression/lossDerivative(train:validation:alpha:)``: with respect to
/// `α` itself, as ``Evaluation/gradient`` asks for log-scaled parameters (an optimizer working in `log α` multiplies
/// by `α`).
///
/// The optimum is not known in closed form (`nil`); the tests find it by solving `∂L/∂α = 0`.
public struct RidgeProblem: Problem, Sendable {
    public let base: LearningProblem<RidgeRegression>

    public init(_ base: LearningProblem<RidgeRegression>) {
        self.base = base
    }

    public var space: SearchSpace { base.space }
    public var metadata: [String: String] { base.metadata }
    public var providesGradient: Bool { true }

    public func evaluate(_ configuration: Configuration) throws -> Evaluation {
        try base.evaluate(configuration)
    }

    public func evaluateWithGradient(_ configuration: Configuration) throws -> Evaluation {
        var evaluation = try base.evaluate(configuration)
        evaluation.gradient = [try lossDerivative(alpha: configuration.real(0))]
        return evaluation
    }

    /// `∂L/∂α` at `alpha`: the mean over splits.
    public func lossDerivative(alpha: Double) throws -> Double {
        var sum = 0.0
        for split in base.splits {
            sum += try RidgeRegression.lossDerivative(train: split.train, validation: split.validation, alpha: alpha)
        }
        return sum / Double(base.splits.count)
    }
}
