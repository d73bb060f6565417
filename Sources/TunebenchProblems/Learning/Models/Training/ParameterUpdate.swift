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

    /// Adds `λ W` to `gradient` for an L2 penalty; does nothing for L1.
    @inlinable
    func addGradient(
        _ gradient: UnsafeMutablePointer<Double>,
        parameters: UnsafePointer<Double>,
        mask: UnsafePointer<Double>,
        count: Int
    ) {
        guard case .l2(let strength) = self else { return }
        for k in 0..<count { gradient[k] += strength * mask[k] * parameters[k] }
    }

    /// Soft-thresholds the weights by `learningRate · λ` for an L1 penalty; does nothing for L2.
    @inlinable
    func applyProximal(
        _ parameters: UnsafeMutablePointer<Double>,
        mask: UnsafePointer<Double>,
        learningRate: Double,
        count: Int
    ) {
        guard case .l1(let strength) = self else { return }
        let threshold = learningRate * strength
        for k in 0..<count {
            let shrunk = max(abs(parameters[k]) - threshold * mask[k], 0)
            parameters[k] = parameters[k] < 0 ? -shrunk : (parameters[k] > 0 ? shrunk : parameters[k])
        }
    }
}
