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
        let (eta, mu, penalty) = (learningRate, momentum, self.penalty)
        let count = mask.count
        scratch.withUnsafeMutableBufferPointer { g in
            velocity.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { theta in
                    mask.withUnsafeBufferPointer { mask in
                        gradient.withUnsafeBufferPointer { gradient in
                            g.baseAddress!.update(from: gradient.baseAddress!, count: count)
                        }
                        penalty.addGradient(
                            g.baseAddress!,
                            parameters: theta.baseAddress!,
                            mask: mask.baseAddress!,
                            count: count
                        )
                        for k in 0..<count {
                            v[k] = mu * v[k] + g[k]
                            theta[k] -= eta * v[k]
                        }
                        penalty.applyProximal(
                            theta.baseAddress!,
                            mask: mask.baseAddress!,
                            learningRate: eta,
                            count: count
                        )
                    }
                }
            }
        }
    }
}
