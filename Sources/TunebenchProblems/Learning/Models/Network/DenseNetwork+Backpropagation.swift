/// The buffers of one mini-batch: activations and their gradients for every layer, the transposed weights and the
/// gradient of the loss with respect to every parameter. Allocated once per fit, sized for the largest batch.
struct BackpropagationWorkspace {
    /// `a_l` for `l = 0 … L`, `capacity × n_l` each; `activations[0]` is the batch's inputs.
    var activations: [[Double]]
    /// `∂loss/∂z_l` for the outputs of layer `l = 1 … L` (index `l − 1`), `capacity × n_l` each.
    var deltas: [[Double]]
    /// `W_lᵀ` of the layer being back-propagated through, `n_l × n_{l−1}`.
    var transposed: [Double]
    /// `∂loss/∂θ` in the parameter layout of ``DenseNetwork``.
    var gradient: [Double]

    /// Buffers for batches of at most `capacity` rows through `network`.
    init(_ network: DenseNetwork, capacity: Int) {
        activations = network.widths.map { [Double](repeating: 0, count: capacity * $0) }
        deltas = network.widths.dropFirst().map { [Double](repeating: 0, count: capacity * $0) }
        let largest = (0..<network.layerCount).map { network.widths[$0] * network.widths[$0 + 1] }.max()!
        transposed = [Double](repeating: 0, count: largest)
        gradient = [Double](repeating: 0, count: network.parameters.count)
    }
}

extension DenseNetwork {
    /// Computes, into `workspace.gradient`, the gradient of the mean softmax cross-entropy
    /// `−(1/B) Σ_r ln p_r[y_r]` over the `rows = B` rows whose inputs are in `workspace.activations[0]` and whose
    /// classes are `labels`.
    ///
    /// Back-propagation (D. E. Rumelhart, G. E. Hinton and R. J. Williams, Nature 323, 1986): the output delta is
    /// `δ_L = (p − onehot(y)) / B`; for each layer `∂/∂W_l = a_{l−1}ᵀ δ_l`, `∂/∂b_l = Σ_r δ_l`, and
    /// `δ_{l−1} = (δ_l W_lᵀ) ⊙ σ'(a_{l−1})`. Sums over rows run in row order, so the gradient is the same on every
    /// run.
    ///
    /// - Complexity: O(rows × number of weights), about three times a forward pass.
    func accumulateGradient(_ workspace: inout BackpropagationWorkspace, rows: Int, labels: ArraySlice<Int>) {
        forward(&workspace.activations, rows: rows)
        let classes = outputs
        let scale = 1 / Double(rows)
        workspace.activations[layerCount].withUnsafeBufferPointer { probabilities in
            workspace.deltas[layerCount - 1].withUnsafeMutableBufferPointer { delta in
                for r in 0..<rows {
                    for k in 0..<classes { delta[r * classes + k] = probabilities[r * classes + k] * scale }
                    delta[r * classes + labels[labels.startIndex + r]] -= scale
                }
            }
        }
        for k in workspace.gradient.indices { workspace.gradient[k] = 0 }
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            backpropagate(layer: l, &workspace, rows: rows)
        }
    }

    /// Adds layer `l`'s weight and bias gradients, and, below the first layer, fills the delta of its inputs.
    private func backpropagate(layer l: Int, _ workspace: inout BackpropagationWorkspace, rows: Int) {
        let (inWidth, outWidth) = (widths[l], widths[l + 1])
        let weightOffset = weightOffsets[l]
        let biasOffset = weightOffset + inWidth * outWidth
        workspace.activations[l].withUnsafeBufferPointer { input in
            workspace.deltas[l].withUnsafeBufferPointer { delta in
                workspace.gradient.withUnsafeMutableBufferPointer { gradient in
                    let weightGradient = gradient.baseAddress! + weightOffset
                    let biasGradient = gradient.baseAddress! + biasOffset
                    for r in 0..<rows {
                        let d = delta.baseAddress! + r * outWidth
                        for j in 0..<outWidth { biasGradient[j] += d[j] }
                        let a = input.baseAddress! + r * inWidth
                        for i in 0..<inWidth {
                            let ai = a[i]
                            if ai == 0 { continue }
                            let g = weightGradient + i * outWidth
                            for j in 0..<outWidth { g[j] += ai * d[j] }
                        }
                    }
                }
            }
        }
        guard l > 0 else { return }
        parameters.withUnsafeBufferPointer { parameters in
            workspace.transposed.withUnsafeMutableBufferPointer { transposed in
                let weights = parameters.baseAddress! + weightOffset
                for i in 0..<inWidth {
                    for j in 0..<outWidth { transposed[j * inWidth + i] = weights[i * outWidth + j] }
                }
            }
        }
        let activation = self.activation
        workspace.deltas[l].withUnsafeBufferPointer { delta in
            workspace.transposed.withUnsafeBufferPointer { transposed in
                workspace.activations[l].withUnsafeBufferPointer { input in
                    workspace.deltas[l - 1].withUnsafeMutableBufferPointer { below in
                        for r in 0..<rows {
                            let target = below.baseAddress! + r * inWidth
                            target.update(repeating: 0, count: inWidth)
                            let d = delta.baseAddress! + r * outWidth
                            for j in 0..<outWidth {
                                let dj = d[j]
                                if dj == 0 { continue }
                                let w = transposed.baseAddress! + j * inWidth
                                for i in 0..<inWidth { target[i] += dj * w[i] }
                            }
                            activation.backpropagate(target, outputs: input.baseAddress! + r * inWidth, count: inWidth)
                        }
                    }
                }
            }
        }
    }
}
