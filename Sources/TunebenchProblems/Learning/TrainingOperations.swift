import Foundation

/// The arithmetic a learner's fit and predictions take, counted from its sizes and hyperparameters: the basis of a
/// learning problem's simulated duration (``LearningProblem``, option `duration=model`) on parallel workers.
///
/// A count is a number of floating-point operations of the kind each model's inner loop is made of (multiply-adds,
/// comparisons), and a simulated second is ``perSecond`` of them: a nominal core, not a measurement, so durations are
/// the same on every machine and depend only on what a configuration asks for (epochs, widths, batch size, trees and
/// their depth, neighbours). Ratios between configurations are what matters to a simulation of workers; the scale
/// only sets the unit of `time-budget`.
///
/// With `n` training rows, `d` features, `c` classes and `m` predicted rows (validation and test):
/// - **Dense network** (``denseNetwork(widths:epochs:batchSize:rows:predictedRows:updateCost:)``), `logreg` and
///   `mlp`: `E (3 n P + ⌈n / b⌉ u P) + m P` for `E` epochs, batches of `b` rows and `P = Σ w_i w_{i+1}` weights
///   between consecutive layer widths `w_i`. A forward pass is `P` multiply-adds per row and a backward pass `2 P`
///   (the gradients of the activations and of the weights), the usual rule (J. Kaplan et al., "Scaling laws for
///   neural language models", arXiv:2001.08361, 2020, §2.1: `C_forward ≈ 2 N`, training `≈ 6 N` floating-point
///   operations per row, i.e. `N` and `3 N` multiply-adds). Each step updates every weight at `u` operations:
///   ``momentumUpdate`` for momentum SGD with a penalty, ``adamUpdate`` for Adam.
/// - **Random forest** (``forest(trees:featuresPerSplit:features:rows:depth:predictedRows:)``): a sort of every
///   feature once, `d n log₂ n`, then per tree and per level of depth `(f + d) n`: `f` features scanned over the
///   node's rows and `d` presorted lists partitioned (``ClassificationTree``'s growth); a tree has
///   `L = min(max-depth, ⌈log₂(n / s)⌉)` levels, `s = max(min-samples-leaf, ⌈min-samples-split / 2⌉)` the fewest
///   rows a node can end with; predictions descend `L` levels per tree and row.
/// - **Nearest neighbours** (``nearestNeighbours(rows:features:k:predictedRows:)``): no fit; each predicted row
///   measures its distance to every training row, `d` operations each, and selects its `k` nearest, `log₂(k + 1)`
///   per row: `m n (d + log₂(k + 1))`.
/// - **Ridge regression** (``ridge(rows:features:predictedRows:)``): the normal equations and their Cholesky
///   factorization, `n d² + d³ / 3`, then `m d` for predictions.
public enum TrainingOperations {
    /// Operations per simulated second: 10⁹, a nominal core.
    public static let perSecond = 1e9
    /// Operations per weight and step of momentum SGD with a penalty: the penalty's gradient, the velocity, the step.
    public static let momentumUpdate = 4.0
    /// Operations per weight and step of Adam: two moment estimates, their bias corrections, the square root, the
    /// division and the step, with weight decay.
    public static let adamUpdate = 10.0

    /// A dense network's `E (3 n P + ⌈n / b⌉ u P) + m P` (see the type).
    public static func denseNetwork(
        widths: [Int], epochs: Int, batchSize: Int, rows: Int, predictedRows: Int, updateCost: Double
    ) -> Double {
        let weights = Double(zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 })
        let steps = Double((rows + max(batchSize, 1) - 1) / max(batchSize, 1))
        return Double(epochs) * (3 * Double(rows) * weights + steps * updateCost * weights)
            + Double(predictedRows) * weights
    }

    /// The levels of a tree on `rows` rows: `min(maxDepth, ⌈log₂(rows / s)⌉)`, at least 1, with `s` the fewest rows a
    /// node can end with, `max(minSamplesLeaf, ⌈minSamplesSplit / 2⌉)`.
    public static func treeDepth(rows: Int, maxDepth: Int, minSamplesSplit: Int, minSamplesLeaf: Int) -> Int {
        let smallest = Double(max(minSamplesLeaf, (minSamplesSplit + 1) / 2, 1))
        let levels = Int((log2(Double(max(rows, 1)) / smallest)).rounded(.up))
        return max(1, min(maxDepth, levels))
    }

    /// A forest's `d n log₂ n + T L (f + d) n + m T L` (see the type).
    public static func forest(
        trees: Int, featuresPerSplit: Int, features: Int, rows: Int, depth: Int, predictedRows: Int
    ) -> Double {
        let n = Double(rows)
        let presort = Double(features) * n * log2(max(n, 2))
        let growth = Double(trees * depth) * Double(featuresPerSplit + features) * n
        return presort + growth + Double(predictedRows * trees * depth)
    }

    /// `m n (d + log₂(k + 1))` (see the type).
    public static func nearestNeighbours(rows: Int, features: Int, k: Int, predictedRows: Int) -> Double {
        Double(predictedRows) * Double(rows) * (Double(features) + log2(Double(min(k, rows) + 1)))
    }

    /// `n d² + d³ / 3 + m d` (see the type).
    public static func ridge(rows: Int, features: Int, predictedRows: Int) -> Double {
        let d = Double(features)
        return Double(rows) * d * d + d * d * d / 3 + Double(predictedRows) * d
    }
}
