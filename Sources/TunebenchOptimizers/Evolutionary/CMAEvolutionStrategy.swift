import Foundation
import TunebenchCore
import TunebenchNumerics

/// The covariance matrix adaptation evolution strategy on the box `[0, 1]ⁿ`, in the formulation of N. Hansen,
/// "The CMA evolution strategy: a tutorial", arXiv:1604.00772 (2016), with negative recombination weights
/// (active CMA). This is the state machine; ``CMAESOptimizer`` turns it into an optimizer.
///
/// **Constants** (tutorial, table 1; the same as the `cmaes` package 0.13.1 that Optuna's CmaEsSampler uses):
/// `λ = 4 + ⌊3 ln n⌋`, `μ = ⌊λ/2⌋`, `w'_i = ln((λ+1)/2) − ln i`, `μ_eff = (Σ_{i≤μ} w'_i)² / Σ_{i≤μ} w'_i²` and
/// `μ_eff⁻` likewise over `i > μ`; `c_1 = 2/((n+1.3)² + μ_eff)`,
/// `c_μ = min(1 − c_1, 2(μ_eff − 2 + 1/μ_eff)/((n+2)² + μ_eff))`; positive weights `w'_i / Σ w'⁺` and negative ones
/// `α · w'_i / Σ|w'⁻|` with `α = min(1 + c_1/c_μ, 1 + 2μ_eff⁻/(μ_eff + 2), (1 − c_1 − c_μ)/(n c_μ))`;
/// `c_σ = (μ_eff + 2)/(n + μ_eff + 5)`, `d_σ = 1 + 2 max(0, √((μ_eff − 1)/(n + 1)) − 1) + c_σ`,
/// `c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n)`, `E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²))`.
///
/// **Sampling** `x = m + σ B D z`, `z ~ N(0, I)`, with `C = B D² Bᵀ`; a point is drawn up to `10n` times until one
/// falls inside the box, and if none does, one more draw is clipped to the box. The `cmaes` package (0.13.1,
/// `CMA._n_max_resampling`) has the same rule with a limit of 100 draws whatever the dimension.
///
/// **Update** (tutorial, eqs. 39–47), from the `λ` solutions sorted by value, `y_i = (x_i − m)/σ`:
/// `m ← m + σ Σ_{i≤μ} w_i y_i`; `p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ) μ_eff) C^{−½} y_w`;
/// `σ ← σ exp((c_σ/d_σ)(‖p_σ‖/E‖N(0, I)‖ − 1))`; `h_σ = 1` when
/// `‖p_σ‖/√(1 − (1 − c_σ)^{2(g+1)}) < (1.4 + 2/(n+1)) E‖N(0, I)‖`;
/// `p_c ← (1 − c_c) p_c + h_σ √(c_c(2 − c_c) μ_eff) y_w`; `w°_i = w_i` for `w_i ≥ 0` and
/// `w_i n / ‖C^{−½} y_i‖²` otherwise; `C ← (1 + c_1 δ(h_σ) − c_1 − c_μ Σ w_i) C + c_1 p_c p_cᵀ + c_μ Σ w°_i y_i y_iᵀ`,
/// `δ(h_σ) = (1 − h_σ) c_c (2 − c_c)`. `C` is decomposed again after every update (Jacobi,
/// ``SymmetricEigendecomposition``); an eigenvalue that rounding made zero or negative is replaced by 1e-8, as the
/// `cmaes` package does.
///
/// **Stopping** (``stopReason``), the `cmaes` package's criteria with Hansen's definitions: the best and worst values
/// of the last `10 + ⌈30n/λ⌉` generations within 1e-12 (`tolfun`); `σ √C_ii` and `σ |p_c,i|` below `1e-12 σ₀` in
/// every coordinate (`tolx`); `σ max D > 1e4` (`tolxup`); adding `0.2 σ √C_ii` to a coordinate of the mean, or
/// `0.1 σ` times a principal axis to the mean, changes nothing (`noeffectcoord`, `noeffectaxis`); the condition
/// number of `C` above 1e14 (`conditioncov`).
struct CMAEvolutionStrategy: Sendable {
    let dimension: Int
    let populationSize: Int
    let parentCount: Int
    let weights: [Double]
    let effectiveParents: Double
    let cSigma: Double
    let dSigma: Double
    let cC: Double
    let c1: Double
    let cMu: Double
    let expectedNorm: Double
    let initialSigma: Double

    private(set) var mean: [Double]
    private(set) var sigma: Double
    private(set) var generation = 0
    /// `C`, row-major.
    private(set) var covariance: [Double]
    private(set) var pathSigma: [Double]
    private(set) var pathC: [Double]
    /// `B` (columns are eigenvectors) and `D` (square roots of the eigenvalues) of `C`.
    private var basis: [Double]
    private var scales: [Double]
    /// Best and worst value of recent generations, for `tolfun`.
    private var history: [Double] = []
    private let historyLength: Int

    /// Hansen's default population size `4 + ⌊3 ln n⌋`.
    static func defaultPopulationSize(dimension: Int) -> Int { 4 + Int((3 * log(Double(dimension))).rounded(.down)) }

    /// The first population of ``CMAESOptimizer``: two thirds of the default, at least 4.
    static func smallPopulationSize(dimension: Int) -> Int { max(4, defaultPopulationSize(dimension: dimension) * 2 / 3) }

    init(mean: [Double], sigma: Double, populationSize: Int) {
        let n = mean.count
        precondition(n >= 1 && populationSize >= 2 && sigma > 0)
        dimension = n
        self.populationSize = populationSize
        let mu = populationSize / 2
        parentCount = mu
        let raw = (1...populationSize).map { log(Double(populationSize + 1) / 2) - log(Double($0)) }
        let positive = raw.prefix(mu)
        let negative = raw.suffix(populationSize - mu)
        // Squares as products: an optimized build turns `pow(x, 2)` into `x * x`, a debug build calls libm's `pow`.
        let parentSum = positive.reduce(0, +)
        let muEff = parentSum * parentSum / positive.reduce(0) { $0 + $1 * $1 }
        let negativeSquares = negative.reduce(0) { $0 + $1 * $1 }
        let restSum = negative.reduce(0, +)
        let muEffMinus = negativeSquares > 0 ? restSum * restSum / negativeSquares : 0
        effectiveParents = muEff
        let nd = Double(n)
        let c1 = 2 / ((nd + 1.3) * (nd + 1.3) + muEff)
        let cMu = min(1 - c1 - 1e-8, 2 * (muEff - 2 + 1 / muEff) / ((nd + 2) * (nd + 2) + muEff))
        self.c1 = c1
        self.cMu = cMu
        let alphaMu = 1 + c1 / cMu
        let alphaMuEff = 1 + 2 * muEffMinus / (muEff + 2)
        let alphaPosDef = (1 - c1 - cMu) / (nd * cMu)
        let alpha = min(alphaMu, alphaMuEff, alphaPosDef)
        let positiveSum = raw.filter { $0 >= 0 }.reduce(0, +)
        let negativeSum = raw.filter { $0 < 0 }.reduce(0) { $0 + abs($1) }
        weights = raw.map { $0 >= 0 ? $0 / positiveSum : alpha * $0 / negativeSum }
        cSigma = (muEff + 2) / (nd + muEff + 5)
        dSigma = 1 + 2 * max(0, ((muEff - 1) / (nd + 1)).squareRoot() - 1) + cSigma
        cC = (4 + muEff / nd) / (nd + 4 + 2 * muEff / nd)
        expectedNorm = nd.squareRoot() * (1 - 1 / (4 * nd) + 1 / (21 * nd * nd))
        initialSigma = sigma
        self.mean = mean
        self.sigma = sigma
        covariance = Matrix.identity(n).storage
        basis = Matrix.identity(n).storage
        scales = [Double](repeating: 1, count: n)
        pathSigma = [Double](repeating: 0, count: n)
        pathC = [Double](repeating: 0, count: n)
        historyLength = 10 + Int((30 * nd / Double(populationSize)).rounded(.up))
    }

    /// One draw from `N(m, σ² C)` inside the box.
    func sample(using generator: inout Xoshiro256StarStar) -> [Double] {
        var x = [Double](repeating: 0, count: dimension)
        for _ in 0..<(10 * dimension) {
            draw(into: &x, using: &generator)
            if x.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return x }
        }
        draw(into: &x, using: &generator)
        for i in x.indices { x[i] = min(max(x[i], 0), 1) }
        return x
    }

    private func draw(into x: inout [Double], using generator: inout Xoshiro256StarStar) {
        let n = dimension
        var z = [Double](repeating: 0, count: n)
        for k in 0..<n { z[k] = scales[k] * generator.nextGaussian() }
        for i in 0..<n {
            var y = 0.0
            for k in 0..<n { y += basis[i * n + k] * z[k] }
            x[i] = mean[i] + sigma * y
        }
    }

    /// `C^{−½} v = B D⁻¹ Bᵀ v`.
    private func whiten(_ v: [Double]) -> [Double] {
        let n = dimension
        var t = [Double](repeating: 0, count: n)
        for k in 0..<n {
            var s = 0.0
            for i in 0..<n { s += basis[i * n + k] * v[i] }
            t[k] = s / scales[k]
        }
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for k in 0..<n { s += basis[i * n + k] * t[k] }
            out[i] = s
        }
        return out
    }

    /// Updates the distribution from a whole generation: `populationSize` points with finite values, ranked by value;
    /// with `violations` (one per point, 0 when feasible), by Deb's feasibility rule: feasible points by value, then
    /// the infeasible ones by total violation (K. Deb, "An efficient constraint handling method for genetic
    /// algorithms", Comput. Methods Appl. Mech. Eng. 186(2-4), 2000).
    mutating func update(_ solutions: [(point: [Double], value: Double)], violations: [Double]? = nil) {
        precondition(solutions.count == populationSize)
        let n = dimension
        generation += 1
        // Sorted by violation, then by value (an infeasible point's value does not count); a stable order for ties.
        let order = solutions.indices.sorted {
            let (va, vb) = (violations?[$0] ?? 0, violations?[$1] ?? 0)
            if va != vb { return va < vb }
            let (a, b) = (va > 0 ? 0 : solutions[$0].value, vb > 0 ? 0 : solutions[$1].value)
            return a != b ? a < b : $0 < $1
        }
        // The best and worst feasible values (every value without constraints): an infeasible point's does not count.
        let feasible = violations == nil ? order : order.filter { violations![$0] == 0 }
        if let best = feasible.first, let worst = feasible.last {
            history.append(solutions[best].value)
            history.append(solutions[worst].value)
        }
        if history.count > 2 * historyLength { history.removeFirst(history.count - 2 * historyLength) }

        let steps = order.map { index in (0..<n).map { (solutions[index].point[$0] - mean[$0]) / sigma } }
        var yw = [Double](repeating: 0, count: n)
        for i in 0..<parentCount {
            for j in 0..<n { yw[j] += weights[i] * steps[i][j] }
        }
        for j in 0..<n { mean[j] += sigma * yw[j] }

        let whitened = whiten(yw)
        let sigmaFactor = (cSigma * (2 - cSigma) * effectiveParents).squareRoot()
        for j in 0..<n { pathSigma[j] = (1 - cSigma) * pathSigma[j] + sigmaFactor * whitened[j] }
        let pathNorm = pathSigma.reduce(0) { $0 + $1 * $1 }.squareRoot()
        sigma = min(sigma * exp((cSigma / dSigma) * (pathNorm / expectedNorm - 1)), 1e32)

        let correction = (1 - pow(1 - cSigma, 2 * Double(generation + 1))).squareRoot()
        let hSigma = pathNorm / correction < (1.4 + 2 / Double(n + 1)) * expectedNorm ? 1.0 : 0.0
        let cFactor = (cC * (2 - cC) * effectiveParents).squareRoot()
        for j in 0..<n { pathC[j] = (1 - cC) * pathC[j] + hSigma * cFactor * yw[j] }

        let delta = (1 - hSigma) * cC * (2 - cC)
        let weightSum = weights.reduce(0, +)
        let keep = 1 + c1 * delta - c1 - cMu * weightSum
        var rankMu = [Double](repeating: 0, count: n * n)
        for i in 0..<populationSize {
            var w = weights[i]
            if w < 0 {
                let squared = whiten(steps[i]).reduce(0) { $0 + $1 * $1 }
                w *= Double(n) / (squared + 1e-8)
            }
            for a in 0..<n {
                for b in 0..<n { rankMu[a * n + b] += w * steps[i][a] * steps[i][b] }
            }
        }
        for a in 0..<n {
            for b in 0..<n {
                covariance[a * n + b] =
                    keep * covariance[a * n + b] + c1 * pathC[a] * pathC[b] + cMu * rankMu[a * n + b]
            }
        }
        decompose()
    }

    /// `C = B D² Bᵀ`, with eigenvalues that are not positive replaced by 1e-8 and `C` rebuilt from the repaired
    /// decomposition.
    private mutating func decompose() {
        let n = dimension
        let eigen = SymmetricEigendecomposition(Matrix(rows: n, columns: n, storage: covariance))
        let values = eigen.values.map { $0 > 0 ? $0 : 1e-8 }
        basis = eigen.vectors.storage
        scales = values.map { $0.squareRoot() }
        for a in 0..<n {
            for b in 0..<n {
                var s = 0.0
                for k in 0..<n { s += basis[a * n + k] * values[k] * basis[b * n + k] }
                covariance[a * n + b] = s
            }
        }
    }

    /// Moves the mean to `point`, keeping `σ`, `C` and the evolution paths (``CMAESOptimizer``'s answer to a failing
    /// mean).
    mutating func recentre(at point: [Double]) {
        precondition(point.count == dimension)
        mean = point
    }

    /// Why the search should stop, or `nil`.
    var stopReason: String? {
        let n = dimension
        if generation > historyLength, let high = history.max(), let low = history.min(), high - low < 1e-12 {
            return "tolfun"
        }
        let tolX = 1e-12 * initialSigma
        if (0..<n).allSatisfy({ sigma * covariance[$0 * n + $0].squareRoot() < tolX && sigma * abs(pathC[$0]) < tolX }) {
            return "tolx"
        }
        if sigma * (scales.max() ?? 0) > 1e4 { return "tolxup" }
        if (0..<n).contains(where: { mean[$0] == mean[$0] + 0.2 * sigma * covariance[$0 * n + $0].squareRoot() }) {
            return "noeffectcoord"
        }
        let axis = generation % n
        if (0..<n).allSatisfy({ mean[$0] == mean[$0] + 0.1 * sigma * scales[axis] * basis[$0 * n + axis] }) {
            return "noeffectaxis"
        }
        if let high = scales.max(), let low = scales.min(), low > 0, high / low > 1e7 { return "conditioncov" }
        return nil
    }
}
