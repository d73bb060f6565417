import Foundation

/// The peaks of an instance of Gallagher's Gaussian functions (f21: 101 peaks, f22: 21), drawn as COCO draws them.
///
/// With `n` peaks, a rotation `R` (seed `s`, the instance's ``BBOBInstance/seed``) and uniform numbers from the
/// legacy generator (RR-6829 f21, f22; coco-experiment 2.8.2 `src/f_gallagher.c`):
/// - Conditions: peak 0 has `α₀` = 1000 (f22) or √1000 (f21); peak `k ≥ 1` has `1000^(π_k/(n−2))`, where `π` is
///   the permutation that sorts `n − 1` uniform numbers of seed `s`.
/// - Heights: `w₀ = 10`, `w_k = 1.1 + 8 (k−1)/(n−2)` for `k ≥ 1` (computed as `(k−1)/(n−2) · (9.1 − 1.1) + 1.1`).
/// - Scales: peak `k`'s diagonal `C_k = α_k^(σ_j/(d−1) − ½)`, `σ` the permutation sorting `d` uniform numbers
///   of seed `s + 1000 k`.
/// - Locations: `d n` uniform numbers `u` of seed `s`; peak `k` is at `y_k = R (b u_{k d ... k d+d−1} − c)` with
///   `b = 10, c = 5` (f21) or `b = 9.8, c = 4.9` (f22), except that peak 0, the global one, is scaled by 0.8 to lie
///   in [−4, 4]^d; the optimum is `x_opt = 0.8 (b u_{0 ... d−1} − c)`, so that `R x_opt ≈ y₀`.
struct BBOBGallagherPeaks: Sendable {
    /// The number of peaks `n`.
    let count: Int
    /// The rotation `R`.
    let rotation: BBOBMatrix
    /// `w_k`.
    let heights: [Double]
    /// `C_k`, peak-major: `scales[k d + j]`.
    let scales: [Double]
    /// `y_k`, peak-major: `locations[k d + j]`, coordinate `j` of peak `k` (already rotated).
    let locations: [Double]
    /// `x_opt`.
    let optimum: [Double]

    /// The peaks of `instance` (function 21 or 22).
    init(_ instance: BBOBInstance) {
        let d = instance.dimension
        let seed = instance.seed
        let n = instance.function == 21 ? 101 : 21
        let (b, c, firstCondition) = n == 101 ? (10.0, 5.0, (1000.0).squareRoot()) : (9.8, 4.9, 1000.0)
        count = n
        rotation = BBOBMatrix.rotation(seed: seed, dimension: d)

        let order = Self.sortingPermutation(BBOBLegacyRandom.uniform(count: n - 1, seed: seed))
        var conditions = [firstCondition]
        var heights = [10.0]
        for k in 1..<n {
            conditions.append(pow(1000.0, Double(order[k - 1]) / Double(n - 2)))
            heights.append(Double(k - 1) / Double(n - 2) * (9.1 - 1.1) + 1.1)
        }
        self.heights = heights

        var scales = [Double](repeating: 0, count: n * d)
        for k in 0..<n {
            let permutation = Self.sortingPermutation(BBOBLegacyRandom.uniform(count: d, seed: seed + 1000 * k))
            for j in 0..<d {
                scales[k * d + j] = pow(conditions[k], Double(permutation[j]) / Double(d - 1) - 0.5)
            }
        }
        self.scales = scales

        let uniforms = BBOBLegacyRandom.uniform(count: d * n, seed: seed)
        optimum = (0..<d).map { 0.8 * (b * uniforms[$0] - c) }
        var locations = [Double](repeating: 0, count: n * d)
        for i in 0..<d {
            for k in 0..<n {
                var sum = 0.0
                for j in 0..<d { sum += rotation[i, j] * (b * uniforms[k * d + j] - c) }
                locations[k * d + i] = k == 0 ? sum * 0.8 : sum
            }
        }
        self.locations = locations
    }

    /// The indices of `values` in increasing order of value, ties in index order (COCO sorts (value, index) pairs
    /// with `qsort` on the value; its uniform numbers have no ties).
    private static func sortingPermutation(_ values: [Double]) -> [Int] {
        values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    }
}
