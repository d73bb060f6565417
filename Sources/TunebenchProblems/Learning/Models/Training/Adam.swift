import Foundation

/// Adam (D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015) with an L2 weight
/// penalty added to the gradient (the coupled weight decay of PyTorch's `Adam(weight_decay:)` and of
/// scikit-learn's `MLPClassifier(alpha:)`):
///
/// `g = ∇loss + λ W`, `m ← β₁ m + (1 − β₁) g`, `v ← β₂ v + (1 − β₂) g²`,
/// `θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)` at step `t = 1, 2, …`,
/// with the paper's `β₁ = 0.9`, `β₂ = 0.999`, `ε = 10⁻⁸`.
struct Adam: ParameterUpdate {
    static let beta1 = 0.9
    static let beta2 = 0.999
    static let epsilon = 1e-8

    let learningRate: Double
    let penalty: Penalty
    /// 1 at weights, 0 at biases.
    let mask: [Double]
    private var first: [Double]
    private var second: [Double]
    private var scratch: [Double]
    private var t = 0

    init(learningRate: Double, weightDecay: Double, mask: [Double]) {
        self.learningRate = learningRate
        self.penalty = .l2(weightDecay)
        self.mask = mask
        first = [Double](repeating: 0, count: mask.count)
        second = first
        scratch = first
    }

    mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        t += 1
        let (b1, b2, eps, penalty) = (Self.beta1, Self.beta2, Self.epsilon, self.penalty)
        let stepSize = learningRate / (1 - pow(b1, Double(t)))
        let secondCorrection = 1 / (1 - pow(b2, Double(t)))
        let count = mask.count
        scratch.withUnsafeMutableBufferPointer { g in
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { v in
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
                                m[k] = b1 * m[k] + (1 - b1) * g[k]
                                v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k]
                                theta[k] -= stepSize * m[k] / ((v[k] * secondCorrection).squareRoot() + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}
