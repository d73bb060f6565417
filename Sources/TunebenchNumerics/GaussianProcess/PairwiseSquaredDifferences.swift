/// The per-dimension squared differences `δ_j(x_i, x_k)²` of every pair of a growing set of inputs, kept as a packed
/// lower triangle (pair `p = i (i − 1) / 2 + k` for `k < i`) and extended as points are appended, so that a model
/// refitted many times builds its kernel matrix in `n² d / 2` multiply-adds without recomputing differences.
///
/// `δ_j` is `x_j − x'_j` for a continuous dimension and, for a categorical one, 0 when both points take the same
/// choice and 1 otherwise (``CovarianceKernel``).
struct PairwiseSquaredDifferences: Sendable {
    let dimension: Int
    let categorical: [Bool]
    /// `values[j][p]`.
    private(set) var values: [[Double]]
    /// The points, `count × dimension`, row-major.
    private(set) var inputs: [Double] = []

    init(dimension: Int, categorical: [Bool]) {
        self.dimension = dimension
        self.categorical = categorical
        values = [[Double]](repeating: [], count: dimension)
    }

    /// The number of points.
    var count: Int { dimension == 0 ? 0 : inputs.count / dimension }

    /// Adds a point (`dimension` values) and its differences from every earlier one.
    mutating func append(_ x: [Double]) {
        let n = count
        for j in 0..<dimension {
            values[j].reserveCapacity((n + 1) * n / 2)
            for k in 0..<n {
                let delta = x[j] - inputs[k * dimension + j]
                values[j].append(categorical[j] ? (delta == 0 ? 0 : 1) : delta * delta)
            }
        }
        inputs += x
    }

    /// `r²_p = Σ_j λ_j δ²_pj` of every pair, in pair order.
    func squaredDistances(_ lambda: [Double]) -> [Double] {
        let n = count
        let pairs = n * (n - 1) / 2
        var r2 = [Double](repeating: 0, count: pairs)
        for j in 0..<dimension {
            let l = lambda[j]
            values[j].withUnsafeBufferPointer { differences in
                r2.withUnsafeMutableBufferPointer { r2 in
                    for p in 0..<pairs { r2[p] += l * differences[p] }
                }
            }
        }
        return r2
    }

    /// `Σ_p weights[p] δ²_pj` for dimension `j`.
    func weightedSum(_ weights: [Double], dimension j: Int) -> Double {
        var sum = 0.0
        values[j].withUnsafeBufferPointer { differences in
            weights.withUnsafeBufferPointer { weights in
                for p in 0..<weights.count { sum += weights[p] * differences[p] }
            }
        }
        return sum
    }
}
