import Foundation

/// What a learning problem measures on its validation and test rows.
///
/// With `n` rows, targets `yᵢ` and predictions `pᵢ` (class probabilities) or `ŷᵢ` (values):
/// - ``logLoss``: `−(1/n) Σᵢ ln clip(pᵢ[yᵢ])`, the probability of the true class clipped to `[10⁻¹⁵, 1 − 10⁻¹⁵]`
///   (scikit-learn's `log_loss` with its historical `eps = 1e-15`), so that a confident mistake costs at most
///   `ln 10¹⁵ ≈ 34.5`;
/// - ``errorRate``: the fraction of rows whose most probable class (the lowest index on ties) is not `yᵢ`;
/// - ``meanSquaredError``: `(1/n) Σᵢ (ŷᵢ − yᵢ)²`.
///
/// Sums run in row order.
public enum LearningLoss: String, Sendable, Hashable, CaseIterable {
    case logLoss = "log-loss"
    case errorRate = "error-rate"
    case meanSquaredError = "mse"

    /// The smallest and largest probability ``logLoss`` takes the logarithm of.
    public static let probabilityClip = 1e-15

    /// Whether the loss applies to classification (`true`) or regression (`false`).
    public var isClassification: Bool { self != .meanSquaredError }

    /// The loss of `predictions` on the targets of `data`.
    /// - Precondition: the predictions match the loss's task and have one entry (row) per row of `data`.
    public func value(_ predictions: Predictions, on data: Dataset) -> Double {
        switch (self, predictions) {
        case (.logLoss, .probabilities(let p, let classes)):
            var sum = 0.0
            for row in 0..<data.rowCount {
                let probability = p[row * classes + data.label(row)]
                sum -= log(min(max(probability, Self.probabilityClip), 1 - Self.probabilityClip))
            }
            return sum / Double(data.rowCount)
        case (.errorRate, .probabilities(let p, let classes)):
            var errors = 0
            for row in 0..<data.rowCount {
                var best = 0
                for k in 1..<classes where p[row * classes + k] > p[row * classes + best] { best = k }
                if best != data.label(row) { errors += 1 }
            }
            return Double(errors) / Double(data.rowCount)
        case (.meanSquaredError, .values(let values)):
            var sum = 0.0
            for row in 0..<data.rowCount {
                let residual = values[row] - data.targets[row]
                sum += residual * residual
            }
            return sum / Double(data.rowCount)
        default:
            preconditionFailure("LearningLoss: \(rawValue) does not apply to these predictions")
        }
    }
}

extension Predictions {
    /// The predictions of a model that ignores the features: the class frequencies of `train` for every row (for
    /// classification), or the mean target of `train` (for regression), for `rows` rows.
    public static func prior(of train: Dataset, rows: Int) -> Predictions {
        switch train.task {
        case .classification(let classes):
            var frequencies = [Double](repeating: 0, count: classes)
            for row in 0..<train.rowCount { frequencies[train.label(row)] += 1 }
            for k in 0..<classes { frequencies[k] /= Double(max(train.rowCount, 1)) }
            var p: [Double] = []
            p.reserveCapacity(rows * classes)
            for _ in 0..<rows { p.append(contentsOf: frequencies) }
            return .probabilities(p, classes: classes)
        case .regression:
            let mean = train.targets.reduce(0, +) / Double(max(train.rowCount, 1))
            return .values(Array(repeating: mean, count: rows))
        }
    }

    /// Whether every number is finite.
    public var isFinite: Bool {
        switch self {
        case .probabilities(let p, _): return p.allSatisfy(\.isFinite)
        case .values(let values): return values.allSatisfy(\.isFinite)
        }
    }
}
