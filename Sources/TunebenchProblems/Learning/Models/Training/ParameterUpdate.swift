/// A rule that moves the parameters of a model one step against a gradient (an optimizer in the deep-learning sense;
/// the word is avoided here because Tunebench's optimizers tune hyperparameters).
protocol ParameterUpdate {
    /// Updates `parameters` in place from the gradient of the batch loss, `gradient`, of the same length.
    mutating func step(_ parameters: inout [Double], gradient: [Double])
}

/// A penalty on the weights (never the biases) added to the mean training loss.
///
/// - `l2(λ)`: `(λ/2) ‖W‖²`, whose gradient `λ W` is added to the loss gradient before the step ("weight decay" as
///   an L2 term, the coupled form);
/// - `l1(λ)`: `λ ‖W‖₁`, applied after each plain step `θ'` as its proximal map, the soft threshold
///   `θ = sign(θ') max(|θ'| − η λ, 0)` with the step's learning rate `η` (forward-backward splitting: J. Duchi and
///   Y. Singer, "Efficient online and batch learning using forward backward splitting", JMLR 10, 2009). Weights
///   that the threshold reaches become exactly 0, unlike with a subgradient step.
enum Penalty: Sendable, Hashable {
    case l1(Double)
    case l2(Double)

    /// The gradient of the penalized loss, written into `result`: `gradient + λ W` for L2, `gradient` for L1.
    func penalizedGradient(
        _ gradient: [Double],
        parameters: [Double],
        mask: [Double],
        into result: inout [Double]
    ) {
        guard case .l2(let strength) = self else {
            result = gradient
            return
        }
        result.withUnsafeMutableBufferPointer { result in
            gradient.withUnsafeBufferPointer { gradient in
                parameters.withUnsafeBufferPointer { parameters in
                    mask.withUnsafeBufferPointer { mask in
                        for k in 0..<result.count {
                            result[k] = gradient[k] + strength * mask[k] * parameters[k]
                        }
                    }
                }
            }
        }
    }

    /// Soft-thresholds the weights by `learningRate · λ` for an L1 penalty; does nothing for L2.
    func applyProximal(_ parameters: inout [Double], mask: [Double], learningRate: Double) {
        guard case .l1(let strength) = self else { return }
        let threshold = learningRate * strength
        parameters.withUnsafeMutableBufferPointer { parameters in
            mask.withUnsafeBufferPointer { mask in
                for k in 0..<parameters.count {
                    let shrunk = max(abs(parameters[k]) - threshold * mask[k], 0)
                    parameters[k] = parameters[k] < 0 ? -shrunk : (parameters[k] > 0 ? shrunk : parameters[k])
                }
            }
        }
    }
}
