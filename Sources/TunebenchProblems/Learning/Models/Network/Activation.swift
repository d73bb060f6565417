import Foundation

/// The nonlinearity of a hidden layer, applied elementwise to its pre-activations `z`.
///
/// | case       | `a = σ(z)`             | `σ'(z)` in terms of `a` |
/// |------------|------------------------|-------------------------|
/// | `relu`     | `max(z, 0)`            | `1` if `a > 0`, else 0  |
/// | `tanh`     | `tanh z`               | `1 − a²`                |
/// | `logistic` | `1 / (1 + e^(−z))`     | `a (1 − a)`             |
///
/// The derivative is computed from the output `a`, which is all the backward pass keeps.
public enum Activation: String, Sendable, Hashable, CaseIterable {
    case relu
    case tanh
    case logistic

    /// Replaces each of the `count` values at `values` by its activation.
    @inlinable
    func apply(_ values: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .relu:
            for k in 0..<count where values[k] < 0 { values[k] = 0 }  // NaN stays NaN
        case .tanh:
            for k in 0..<count { values[k] = Foundation.tanh(values[k]) }
        case .logistic:
            for k in 0..<count { values[k] = 1 / (1 + exp(-values[k])) }
        }
    }

    /// Multiplies each of the `count` gradients at `gradients` by `σ'` at the matching output in `outputs`.
    @inlinable
    func backpropagate(
        _ gradients: UnsafeMutablePointer<Double>,
        outputs: UnsafePointer<Double>,
        count: Int
    ) {
        switch self {
        case .relu:
            for k in 0..<count where !(outputs[k] > 0) { gradients[k] = 0 }
        case .tanh:
            for k in 0..<count { gradients[k] *= 1 - outputs[k] * outputs[k] }
        case .logistic:
            for k in 0..<count { gradients[k] *= outputs[k] * (1 - outputs[k]) }
        }
    }
}
