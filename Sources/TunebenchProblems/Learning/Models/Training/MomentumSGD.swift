/// Stochastic gradient descent with heavy-ball momentum (B. T. Polyak, 1964), in the form of I. Sutskever,
/// J. Martens, G. Dahl and G. Hinton, "On the importance of initialization and momentum in deep learning",
/// ICML 2013, as PyTorch writes it:
///
/// `g = ∇loss + ∇(L2 penalty)`, `v ← μ v + g`, `θ ← θ − η v`, then the L1 proximal step if the penalty is L1
/// (see ``Penalty``). The velocity starts at 0.
struct MomentumSGD: ParameterUpdate {
    let learningRate: Double
    let momentum: Double
    let penalty: Penalty
    /// 1 at weights, 0 at biases.
    let mask: [Double]
    private var velocity: [Double]
    private var scratch: [Double]

    init(learningRate: Double, momentum: Double, penalty: Penalty, mask: [Double]) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.penalty = penalty
        self.mask = mask
        velocity = [Double](repeating: 0, count: mask.count)
        scratch = velocity
    }

    mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        penalty.penalizedGradient(gradient, parameters: parameters, mask: mask, into: &scratch)
        let (eta, mu) = (learningRate, momentum)
        scratch.withUnsafeBufferPointer { g in
            velocity.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { theta in
                    for k in 0..<theta.count {
                        v[k] = mu * v[k] + g[k]
                        theta[k] -= eta * v[k]
                    }
                }
            }
        }
        penalty.applyProximal(&parameters, mask: mask, learningRate: eta)
    }
}
