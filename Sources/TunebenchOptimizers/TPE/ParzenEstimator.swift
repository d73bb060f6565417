import Foundation
import TunebenchCore
import TunebenchNumerics

/// A Parzen estimator over a group of parameters: a mixture of `n + 1` product kernels, one per observation and
/// one prior component (last), as in Optuna 5.0.0's `_ParzenEstimator` (`optuna/samplers/_tpe/parzen_estimator.py`).
///
/// **Mixture weights.** `π = [w_1, …, w_n, p] / (Σ w_i + p)` with the prior weight `p`; the prior alone when `n = 0`.
///
/// **Numerical kernels** (on the coordinate of ``ParzenDomain``, domain `[lo, hi]`): truncated normals centred on
/// the observations. Bandwidths follow the neighbour rule: with the observations sorted, `σ` is the larger of the gaps
/// to the two neighbours, the smallest observation's the gap to its right neighbour and the largest's the gap to its
/// left (`n ≥ 2`), or `max(s − lo, hi − s)` for a single observation; then clipped to
/// `[(hi − lo)/min(100, n + 2), hi − lo]` (the "magic clip" of J. Bergstra et al., "Algorithms for hyper-parameter
/// optimization", NeurIPS 2011, as Optuna computes it). The prior component is `N((lo + hi)/2, (hi − lo)²)`.
/// An integer's density is the mass of its cell.
///
/// **Categorical kernels.** With `C` choices and `K = n + 1` components, observation `i` puts
/// `(p/K + [c = x_i]) / (1 + C p/K)` on choice `c`; the prior is uniform.
struct ParzenEstimator: Sendable {
    private let domains: [ParzenDomain]
    private let logWeights: [Double]
    /// Per dimension, one truncated normal per component (empty for categorical dimensions).
    private let normals: [[TruncatedNormal]]
    /// Per categorical dimension, one row of log-probabilities per component (empty for numerical dimensions).
    private let logProbabilities: [[[Double]]]
    private let cumulativeWeights: [Double]
    /// Per continuous dimension and component, `log σ + log Z + ½ log 2π`, so that the log-density is
    /// `−½ ((x − μ)/σ)² − offset` inside the domain.
    private let offsets: [[Double]]

    /// - Parameters:
    ///   - observations: `n` rows of coordinates, one per dimension of `domains`, in trial order.
    ///   - weights: the observations' weights, non-negative.
    ///   - priorWeight: the prior component's weight `p > 0`.
    ///   - magicClip: whether bandwidths are clipped from below by `(hi − lo)/min(100, n + 2)` (else by 1e-12).
    init(observations: [[Double]], weights: [Double], domains: [ParzenDomain], priorWeight: Double, magicClip: Bool) {
        let n = observations.count
        let k = n + 1
        self.domains = domains
        let total = weights.reduce(0, +) + priorWeight
        let mixture = n == 0 ? [1.0] : (weights + [priorWeight]).map { $0 / total }
        logWeights = mixture.map { log($0) }
        var running = 0.0
        cumulativeWeights = mixture.map { running += $0; return running }
        var normals: [[TruncatedNormal]] = []
        var logProbabilities: [[[Double]]] = []
        for (j, domain) in domains.enumerated() {
            let column = observations.map { $0[j] }
            switch domain {
            case .categorical(let count):
                let smoothing = priorWeight / Double(k)
                var rows: [[Double]] = column.map { x in
                    (0..<count).map { c in log((smoothing + (c == Int(x) ? 1 : 0)) / (1 + Double(count) * smoothing)) }
                }
                rows.append([Double](repeating: -log(Double(count)), count: count))
                normals.append([])
                logProbabilities.append(rows)
            case .continuous, .integer:
                let (lo, hi) = domain.bounds!
                let sigmas = Self.bandwidths(column, lo: lo, hi: hi, magicClip: magicClip)
                var kernels = zip(column, sigmas).map { TruncatedNormal(mean: $0, deviation: $1, lower: lo, upper: hi) }
                kernels.append(TruncatedNormal(mean: 0.5 * (lo + hi), deviation: hi - lo, lower: lo, upper: hi))
                normals.append(kernels)
                logProbabilities.append([])
            }
        }
        self.normals = normals
        self.logProbabilities = logProbabilities
        let halfLogTwoPi = 0.5 * log(2 * Double.pi)
        offsets = normals.map { kernels in kernels.map { log($0.deviation) + $0.logNormalizer + halfLogTwoPi } }
    }

    /// The neighbour-rule bandwidths of `values` on `[lo, hi]`, in the order of `values`.
    static func bandwidths(_ values: [Double], lo: Double, hi: Double, magicClip: Bool) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        let sorted = order.map { values[$0] }
        var sigmas = [Double](repeating: 0, count: n)
        if n == 1 {
            sigmas[order[0]] = max(sorted[0] - lo, hi - sorted[0])
        } else {
            for position in 0..<n {
                let left = position > 0 ? sorted[position] - sorted[position - 1] : nil
                let right = position < n - 1 ? sorted[position + 1] - sorted[position] : nil
                sigmas[order[position]] = max(left ?? -.infinity, right ?? -.infinity)
            }
        }
        let upper = hi - lo
        let lower = magicClip ? upper / Double(min(100, n + 2)) : 1e-12
        return sigmas.map { min(max($0, lower), upper) }
    }

    /// `count` draws, as coordinate rows: a component from `π`, then each dimension from that component's kernel
    /// (integers rounded to their value, categorical choices by inverse distribution function).
    func sample(_ count: Int, using generator: inout Xoshiro256StarStar) -> [[Double]] {
        (0..<count).map { _ in
            let u = generator.nextUnit()
            let component = cumulativeWeights.firstIndex { u < $0 } ?? cumulativeWeights.count - 1
            return domains.indices.map { j in
                switch domains[j] {
                case .categorical(let count):
                    let v = generator.nextUnit()
                    var cumulative = 0.0
                    for c in 0..<(count - 1) {
                        cumulative += exp(logProbabilities[j][component][c])
                        if v < cumulative { return Double(c) }
                    }
                    return Double(count - 1)
                case .continuous:
                    return normals[j][component].quantile(generator.nextUnit())
                case .integer:
                    let x = normals[j][component].quantile(generator.nextUnit())
                    return domains[j].coordinate(of: domains[j].value(at: x))
                }
            }
        }
    }

    /// `log` of the mixture density (or mass, for integer and categorical dimensions) at each coordinate row.
    ///
    /// The log-sum-exp over components skips those more than 40 below the largest (they change the sum by less than
    /// 1e-17 of it), which is most of them far from a candidate.
    func logDensities(_ rows: [[Double]]) -> [Double] {
        let count = logWeights.count
        var terms = [Double](repeating: 0, count: count)
        var result = [Double](repeating: 0, count: rows.count)
        terms.withUnsafeMutableBufferPointer { terms in
            for (r, x) in rows.enumerated() {
                result[r] = logDensity(x, terms: terms)
            }
        }
        return result
    }

    private func logDensity(_ x: [Double], terms: UnsafeMutableBufferPointer<Double>) -> Double {
        let count = terms.count
        for k in 0..<count { terms[k] = logWeights[k] }
        for j in domains.indices {
            switch domains[j] {
            case .categorical:
                let choice = Int(x[j])
                let table = logProbabilities[j]
                for k in 0..<count { terms[k] += table[k][choice] }
            case .continuous(let lo, let hi, _, _, _):
                let v = x[j]
                guard v >= lo && v <= hi else { return -.infinity }
                normals[j].withUnsafeBufferPointer { kernels in
                    offsets[j].withUnsafeBufferPointer { offset in
                        for k in 0..<count {
                            let z = (v - kernels[k].mean) / kernels[k].deviation
                            terms[k] += -0.5 * z * z - offset[k]
                        }
                    }
                }
            case .integer:
                let cell = domains[j].cell(of: x[j])!
                for k in 0..<count { terms[k] += normals[j][k].logProbability(from: cell.left, to: cell.right) }
            }
        }
        var peak = -Double.infinity
        for k in 0..<count where terms[k] > peak { peak = terms[k] }
        guard peak.isFinite else { return peak }
        var sum = 0.0
        for k in 0..<count where terms[k] > peak - 40 { sum += exp(terms[k] - peak) }
        return peak + log(sum)
    }
}
