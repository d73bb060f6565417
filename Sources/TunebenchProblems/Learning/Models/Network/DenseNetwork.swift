import Foundation
import TunebenchCore
import TunebenchNumerics

/// A fully connected feed-forward classifier: `L` affine layers, an ``Activation`` after each hidden one and a
/// softmax after the last.
///
/// With layer widths `n₀ (features), n₁, …, n_L (classes)` and a row `a₀ = x`:
/// `z_l = a_{l−1} W_l + b_l` (`W_l` is `n_{l−1} × n_l`), `a_l = σ(z_l)` for `l < L`, and the class probabilities
/// `p = softmax(z_L)`, computed as `exp(z − max z) / Σ exp(z − max z)` so that no exponential overflows. With no
/// hidden layer (`L = 1`) this is multinomial logistic regression.
///
/// **Layout.** All parameters sit in one array, layer after layer, each layer's weights row-major
/// (`W_l[i, j]` at `weightOffset(l) + i n_l + j`) followed by its biases. Training code updates the array in place
/// and regularizes only the weights (``weightMask``).
///
/// **Initialization** (biases are always 0):
/// - `.zero`: all weights 0 (the usual start of a convex model);
/// - `.scaled`: hidden layers after ReLU from `N(0, 2 / n_{l−1})` (K. He, X. Zhang, S. Ren and J. Sun, "Delving deep
///   into rectifiers", ICCV 2015), other layers, the output layer included, from `U(±√(6 / (n_{l−1} + n_l)))`
///   (X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward neural networks",
///   AISTATS 2010). Weights are drawn layer by layer, row by row, from `Xoshiro256StarStar(seed:)`.
struct DenseNetwork: Sendable {
    /// How the weights start.
    enum Initialization: Sendable {
        case zero
        case scaled
    }

    /// `n₀ … n_L`.
    let widths: [Int]
    let activation: Activation
    /// Every weight and bias, in the layout above.
    var parameters: [Double]
    /// Where each layer's weights start; its biases start `widths[l] · widths[l + 1]` later.
    let weightOffsets: [Int]

    /// A network with layer widths `widths` (features first, classes last).
    /// - Precondition: at least two widths, all positive.
    init(widths: [Int], activation: Activation, initialization: Initialization, seed: UInt64) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "DenseNetwork: bad widths \(widths)")
        self.widths = widths
        self.activation = activation
        var offsets: [Int] = []
        var count = 0
        for l in 0..<(widths.count - 1) {
            offsets.append(count)
            count += (widths[l] + 1) * widths[l + 1]
        }
        weightOffsets = offsets
        parameters = [Double](repeating: 0, count: count)
        guard initialization == .scaled else { return }
        var generator = Xoshiro256StarStar(seed: seed)
        for l in 0..<layerCount {
            let (fanIn, fanOut) = (widths[l], widths[l + 1])
            let isHidden = l < layerCount - 1
            for k in offsets[l]..<(offsets[l] + fanIn * fanOut) {
                if isHidden && activation == .relu {
                    parameters[k] = (2 / Double(fanIn)).squareRoot() * generator.nextGaussian()
                } else {
                    let limit = (6 / Double(fanIn + fanOut)).squareRoot()
                    parameters[k] = generator.nextUniform(-limit, limit)
                }
            }
        }
    }

    /// The number of affine layers, `L`.
    var layerCount: Int { widths.count - 1 }

    /// The number of classes, `n_L`.
    var outputs: Int { widths[layerCount] }

    /// 1 at each weight, 0 at each bias: the parameters a penalty applies to.
    var weightMask: [Double] {
        var mask = [Double](repeating: 0, count: parameters.count)
        for l in 0..<layerCount {
            for k in weightOffsets[l]..<(weightOffsets[l] + widths[l] * widths[l + 1]) { mask[k] = 1 }
        }
        return mask
    }

    /// Whether every parameter is finite (training has not diverged).
    var isFinite: Bool { parameters.allSatisfy(\.isFinite) }

    /// Runs `rows` rows through the network: `activations[0]` holds the inputs (`rows × n₀`, row-major) and
    /// `activations[l]` receives `a_l` (`rows × n_l`), the last one the class probabilities.
    ///
    /// - Complexity: O(rows × number of weights).
    func forward(_ activations: inout [[Double]], rows: Int) {
        parameters.withUnsafeBufferPointer { parameters in
            for l in 0..<layerCount {
                let (inWidth, outWidth) = (widths[l], widths[l + 1])
                let weights = parameters.baseAddress! + weightOffsets[l]
                let bias = weights + inWidth * outWidth
                activations[l].withUnsafeBufferPointer { input in
                    activations[l + 1].withUnsafeMutableBufferPointer { output in
                        Self.affine(
                            input.baseAddress!,
                            rows: rows,
                            inWidth: inWidth,
                            weights: weights,
                            bias: bias,
                            outWidth: outWidth,
                            into: output.baseAddress!
                        )
                        if l < layerCount - 1 {
                            activation.apply(output.baseAddress!, count: rows * outWidth)
                        } else {
                            for r in 0..<rows { Self.softmax(output.baseAddress! + r * outWidth, count: outWidth) }
                        }
                    }
                }
            }
        }
    }

    /// The class probabilities of every row of `data`, row-major, computed in blocks of 256 rows.
    func probabilities(_ data: Dataset) -> [Double] {
        let block = 256
        var activations = widths.map { [Double](repeating: 0, count: block * $0) }
        var result: [Double] = []
        result.reserveCapacity(data.rowCount * outputs)
        var start = 0
        while start < data.rowCount {
            let rows = min(block, data.rowCount - start)
            activations[0].replaceSubrange(
                0..<(rows * widths[0]),
                with: data.features[(start * widths[0])..<((start + rows) * widths[0])]
            )
            forward(&activations, rows: rows)
            result.append(contentsOf: activations[layerCount][0..<(rows * outputs)])
            start += rows
        }
        return result
    }

    // MARK: - Kernels

    /// `output[r, :] = bias + Σᵢ input[r, i] W[i, :]`, accumulated over `i` in order as contiguous row updates.
    @inlinable
    static func affine(
        _ input: UnsafePointer<Double>,
        rows: Int,
        inWidth: Int,
        weights: UnsafePointer<Double>,
        bias: UnsafePointer<Double>,
        outWidth: Int,
        into output: UnsafeMutablePointer<Double>
    ) {
        for r in 0..<rows {
            let out = output + r * outWidth
            out.update(from: bias, count: outWidth)
            let x = input + r * inWidth
            for i in 0..<inWidth {
                let a = x[i]
                if a == 0 { continue }
                let w = weights + i * outWidth
                for j in 0..<outWidth { out[j] += a * w[j] }
            }
        }
    }

    /// Replaces `count` logits by their softmax, shifted by the largest logit.
    @inlinable
    static func softmax(_ z: UnsafeMutablePointer<Double>, count: Int) {
        var largest = z[0]
        for k in 1..<count where z[k] > largest { largest = z[k] }
        var sum = 0.0
        for k in 0..<count {
            z[k] = exp(z[k] - largest)
            sum += z[k]
        }
        for k in 0..<count { z[k] /= sum }
    }
}
