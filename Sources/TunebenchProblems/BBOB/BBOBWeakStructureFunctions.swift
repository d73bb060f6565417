import Foundation

// COCO's fifth group, multi-modal functions with weak global structure, f20–f24. Formulas from N. Hansen,
// S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009: noiseless functions
// definitions", INRIA RR-6829, 2009; arithmetic as in coco-experiment 2.8.2 (the file named with each function).

/// f20, Schwefel x*sin(x): `f(x) = −1/(100 d) Σ z_i sin(√|z_i|) + 4.189828872724339 + 100 f_pen(z/100) + f_opt`,
/// with `x̂ = 2 · 1± ⊗ x` (signs `1±` from `d` uniform numbers of the instance's seed), `ẑ₀ = x̂₀`,
/// `ẑ_i = x̂_i + ¼ (x̂_{i−1} − 2 |x_opt,i−1|)`, `z = 100 (Λ^10 (ẑ − 2 |x_opt|) + 2 |x_opt|)`, and
/// `x_opt = 4.2096874637/2 · 1±`; the penalty applies where `|z_i| > 500`.
///
/// COCO's optimum location and value come from the untransformed function's optimum, 420.96874633 per coordinate,
/// carried back through the scalings and shifts but not through `Λ^10` and `ẑ`: `x_opt,i = ±((4.2096874633 −
/// 2|x_opt,i|) + 2|x_opt,i|)/2` and `f_opt + 0.01 (418.9828872724339 − 420.96874633 sin √420.96874633)` (computed
/// so). The value at that location is not exactly that optimum, and COCO's values near it can fall below it by a
/// unit in the last place (``BBOBProblem`` reports the optimum there). (RR-6829 f20; `src/f_schwefel.c`,
/// `src/transform_vars_x_hat.c`, `src/transform_vars_z_hat.c`.)
struct BBOBSchwefel: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let fopt: Double
    /// Whether coordinate `i` of `x` is negated (`1±_i = −1`).
    let negated: [Bool]
    /// `2 |x_opt,i|`.
    let twiceAbsoluteOptimum: [Double]
    /// The diagonal of `Λ^10`.
    let conditioning: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        let d = instance.dimension
        let uniforms = BBOBLegacyRandom.uniform(count: d, seed: instance.seed)
        negated = uniforms.map { $0 < 0.5 }
        let xopt = negated.map { ($0 ? -1.0 : 1.0) * 0.5 * 4.2096874637 }
        twiceAbsoluteOptimum = xopt.map { 2 * $0.magnitude }
        conditioning = BBOBTransformations.conditioning(10, dimension: d)
        fopt = instance.fopt
        let rawOptimum = 420.96874633
        minimizer = zip(negated, twiceAbsoluteOptimum).map { negated, twice in
            let coordinate = ((rawOptimum / 100 + -twice) + twice) / 2
            return negated ? -coordinate : coordinate
        }
        optimum = Self.raw([Double](repeating: rawOptimum, count: d)) + fopt
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        for i in x.indices { x[i] = 2 * (negated[i] ? -x[i] : x[i]) }
        scratch[0] = x[0]
        for i in 1..<x.count { scratch[i] = x[i] + 0.25 * (x[i - 1] - twiceAbsoluteOptimum[i - 1]) }
        for i in x.indices {
            let conditioned = conditioning[i] * (scratch[i] - twiceAbsoluteOptimum[i])
            scratch[i] = 100 * (conditioned - -twiceAbsoluteOptimum[i])
        }
        return Self.raw(scratch) + fopt
    }

    /// `0.01 (P + 418.9828872724339 − Σ z_i sin √|z_i| / d)`, `P = Σ max(0, |z_i| − 500)²`.
    @inline(__always)
    private static func raw<Z: Collection<Double>>(_ z: Z) -> Double {
        var penalty = 0.0
        var sum = 0.0
        for zi in z {
            let excess = zi.magnitude - 500.0
            if excess > 0 { penalty += excess * excess }
        }
        for zi in z { sum += zi * sin(zi.magnitude.squareRoot()) }
        return 0.01 * (penalty + 418.9828872724339 - sum / Double(z.count))
    }
}

/// f21 and f22, Gallagher's Gaussian 101-me Peaks and 21-hi Peaks:
/// `f(x) = T_osz(10 − max_k w_k exp(−1/(2d) (R x − y_k)ᵀ C_k (R x − y_k)))² + f_pen(x) + f_opt`, with the peaks of
/// ``BBOBGallagherPeaks``.
///
/// COCO's optimum is the value computed at `x_opt`, whose rotation is `y₀` up to rounding: `f_opt` plus a square of
/// the order of 10⁻³⁰, which leaves `f_opt` unchanged in every instance tested. `T_osz(·)²` is never negative, so no
/// value falls below `f_opt`. (RR-6829 f21, f22; `src/f_gallagher.c`.)
struct BBOBGallagher: BBOBFunction {
    let instance: BBOBInstance
    let peaks: BBOBGallagherPeaks
    let fopt: Double
    private(set) var optimum: Double
    var minimizer: [Double] { peaks.optimum }

    init(_ instance: BBOBInstance) {
        self.instance = instance
        peaks = BBOBGallagherPeaks(instance)
        fopt = instance.fopt
        optimum = 0
        var x = peaks.optimum
        var scratch = x
        optimum = x.withUnsafeMutableBufferPointer { x in
            scratch.withUnsafeMutableBufferPointer { value(x, scratch: $0) }
        }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        peaks.rotation.apply(x, into: scratch)
        let d = x.count
        let count = peaks.count
        let factor = -0.5 / Double(d)
        let z = scratch.baseAddress!
        var highest = 0.0
        // Walking pointers, four terms per statement: see BBOBMatrix.apply.
        peaks.scales.withUnsafeBufferPointer { scales in
            peaks.locations.withUnsafeBufferPointer { locations in
                peaks.heights.withUnsafeBufferPointer { heights in
                    var scale = scales.baseAddress!
                    var location = locations.baseAddress!
                    let end = z + d
                    let endOfQuads = z + d - d % 4
                    for k in 0..<count {
                        var distance = 0.0
                        var zj = z
                        while zj < endOfQuads {
                            let o0 = zj[0] - location[0], o1 = zj[1] - location[1]
                            let o2 = zj[2] - location[2], o3 = zj[3] - location[3]
                            distance = distance + scale[0] * o0 * o0 + scale[1] * o1 * o1 + scale[2] * o2 * o2
                                + scale[3] * o3 * o3
                            zj += 4
                            location += 4
                            scale += 4
                        }
                        while zj < end {
                            let offset = zj.pointee - location.pointee
                            distance += scale.pointee * offset * offset
                            zj += 1
                            location += 1
                            scale += 1
                        }
                        let height = heights[k] * exp(factor * distance)
                        if !(highest >= height) { highest = height }
                    }
                }
            }
        }
        let oscillated = BBOBTransformations.oscillate(10.0 - highest)
        return (oscillated * oscillated + penalty) + fopt
    }
}

/// f23, Katsuura: `f(x) = 10/d² Π_i (1 + (i+1) Σ_{j=1}^{32} |2^j z_i − [2^j z_i]| / 2^j)^(10/d^1.2) − 10/d² +
/// f_pen(x) + f_opt`, `z = Q Λ^100 R (x − x_opt)` (one matrix `R Λ^100 Q`, `Λ^100 = diag(10^(i/(d−1)))`), `[·]`
/// rounding half up. (RR-6829 f23; `src/f_katsuura.c`.)
struct BBOBKatsuura: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let matrix: BBOBMatrix
    /// `10 / d^1.2`.
    let exponent: Double
    /// `2^j`, `j = 1 ... 32`.
    let powersOfTwo: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        matrix = instance.rotatedScaling(base: (100.0).squareRoot())
        exponent = 10.0 / pow(Double(instance.dimension), 1.2)
        powersOfTwo = (1...32).map { pow(2.0, Double($0)) }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        BBOBTransformations.shift(x, by: minimizer)
        matrix.apply(x, into: scratch)
        var product = 1.0
        // Pointer loops: see BBOBMatrix.apply.
        powersOfTwo.withUnsafeBufferPointer { powers in
            let powers = powers.baseAddress!
            let z = scratch.baseAddress!
            var i = 0
            while i < scratch.count {
                var sum = 0.0
                var j = 0
                while j < 32 {
                    let scaled = powers[j] * z[i]
                    sum += (scaled - floor(scaled + 0.5)).magnitude / powers[j]
                    j += 1
                }
                product *= pow(1.0 + (Double(i) + 1) * sum, exponent)
                i += 1
            }
        }
        let d = Double(scratch.count)
        return (10.0 / d / d * (-1.0 + product) + optimum) + penalty
    }
}

/// f24, Lunacek bi-Rastrigin: `f(x) = min(Σ (x̂_i − μ₀)², d + s Σ (x̂_i − μ₁)²) + 10 (d − Σ cos 2π z_i) +
/// 10⁴ f_pen(x) + f_opt`, `x̂ = 2 sign(x_opt) ⊗ x`, `z = R Λ^100 Q (x̂ − μ₀)`, `μ₀ = 2.5`,
/// `s = 1 − 1/(2 √(d + 20) − 8.2)`, `μ₁ = −√((μ₀² − 1)/s)`.
///
/// Its optimum is `x_opt = μ₀/2 · 1±` with signs from `d` Gaussian numbers of the instance's seed (negative where
/// the number is), where `x̂ = μ₀` and the value is `f_opt` exactly. (RR-6829 f24;
/// `src/f_lunacek_bi_rastrigin.c`.)
struct BBOBLunacek: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `Λ^100 Q`, row `i` of `Q` times `10^(i/(d−1))`.
    let scaledQ: BBOBMatrix
    let rotation: BBOBMatrix
    /// `s` and `μ₁`.
    let s: Double
    let mu1: Double

    private static let mu0 = 2.5

    init(_ instance: BBOBInstance) {
        self.instance = instance
        let d = instance.dimension
        minimizer = BBOBLegacyRandom.gaussian(count: d, seed: instance.seed).map {
            $0 < 0 ? -0.5 * Self.mu0 : 0.5 * Self.mu0
        }
        optimum = instance.fopt
        let rows = (0..<d).map { pow((100.0).squareRoot(), Double($0) / Double(d - 1)) }
        let q = instance.rotationQ
        scaledQ = BBOBMatrix(dimension: d) { i, j in rows[i] * q[i, j] }
        rotation = instance.rotationR
        s = 1.0 - 0.5 / (Double(d + 20).squareRoot() - 4.1)
        mu1 = -((Self.mu0 * Self.mu0 - 1.0) / s).squareRoot()
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        var near = 0.0
        var far = 0.0
        for i in x.indices {
            let hat = minimizer[i] < 0 ? -(2.0 * x[i]) : 2.0 * x[i]
            near += (hat - Self.mu0) * (hat - Self.mu0)
            far += (hat - mu1) * (hat - mu1)
            x[i] = hat - Self.mu0
        }
        scaledQ.apply(x, into: scratch)
        rotation.apply(scratch, into: x)
        var cosines = 0.0
        for zi in x { cosines += cos(2 * Double.pi * zi) }
        let d = Double(x.count)
        let valleys = near <= 1.0 * d + s * far ? near : 1.0 * d + s * far
        return (valleys + 10.0 * (d - cosines) + 1.0e4 * penalty) + optimum
    }
}
