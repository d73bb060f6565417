import TunebenchCore
import TunebenchNumerics

/// Mini-batch training of a ``DenseNetwork`` for a number of epochs.
///
/// Each epoch draws a permutation of the training rows from one `Xoshiro256StarStar(seed:)` stream and walks it in
/// batches of `batchSize` rows (the last batch of an epoch takes what is left), one ``ParameterUpdate`` step per
/// batch. Because the stream and the updates do not depend on the number of epochs, training for `e` epochs passes
/// through the state after every `e' < e` epochs: a lower fidelity is the same run, stopped earlier.
///
/// Training stops at the end of the first epoch that leaves a non-finite parameter (divergence).
struct MinibatchTraining {
    var epochs: Int
    var batchSize: Int
    /// The seed of the batch order.
    var seed: UInt64

    /// Trains `network` on the classification rows `data` with `update`.
    /// - Returns: `false` if training diverged (the parameters are then not finite).
    /// - Complexity: O(epochs × rows × weights).
    func fit(_ network: inout DenseNetwork, on data: Dataset, update: inout some ParameterUpdate) -> Bool {
        let n = data.rowCount
        let width = data.featureCount
        let capacity = min(batchSize, n)
        var workspace = BackpropagationWorkspace(network, capacity: capacity)
        var generator = Xoshiro256StarStar(seed: seed)
        var labels = [Int](repeating: 0, count: capacity)
        for _ in 0..<epochs {
            let order = generator.permutation(n)
            var start = 0
            while start < n {
                let rows = min(capacity, n - start)
                data.features.withUnsafeBufferPointer { features in
                    workspace.activations[0].withUnsafeMutableBufferPointer { inputs in
                        for r in 0..<rows {
                            let source = order[start + r]
                            (inputs.baseAddress! + r * width).update(
                                from: features.baseAddress! + source * width,
                                count: width
                            )
                            labels[r] = data.label(source)
                        }
                    }
                }
                network.accumulateGradient(&workspace, rows: rows, labels: labels[0..<rows])
                update.step(&network.parameters, gradient: workspace.gradient)
                start += rows
            }
            if !network.isFinite { return false }
        }
        return true
    }
}
