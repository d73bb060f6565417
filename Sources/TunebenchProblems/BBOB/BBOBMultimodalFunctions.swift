import Foundation

// COCO's fourth group, multi-modal functions with adequate global structure, f15–f19. Formulas from N. Hansen,
// S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009: noiseless functions
// definitions", INRIA RR-6829, 2009; arithmetic as in coco-experiment 2.8.2 (the file named with each function).

/// f15, Rastrigin (rotated): `f(x) = 10 (d − Σ cos 2π z_i) + ‖z‖² + f_opt`,
/// `z = R Λ^10 Q T_asy^0.2(T_osz(R (x − x_opt)))`, with `R Λ^10 Q` one matrix (`Λ^10 = diag(√10^(i/(d−1)))`).
/// (RR-6829 f15; `src/f_rastrigin.c`.)
struct BBOBRastrigin: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    let matrix: BBOBMatrix
    /// `β i/(d−1)` for `β = 0.2`.
    let asymmetry: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        rotation = instance.rotationR
        matrix = instance.rotatedScaling(base: (10.0).squareRoot())
        asymmetry = BBOBTransformations.asymmetryCoefficients(beta: 0.2, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.oscillate(scratch)
        BBOBTransformations.asymmetric(scratch, coefficients: asymmetry)
        matrix.apply(scratch, into: x)
        return BBOBRawFunctions.rastrigin(x) + optimum
    }
}

/// f16, Weierstrass: `f(x) = 10 (1/d Σ_i Σ_{k=0}^{11} ½^k cos(2π 3^k (z_i + ½)) − f₀)³ + 10/d f_pen(x) + f_opt`,
/// `f₀ = Σ_k ½^k cos(π 3^k)`, `z = R Λ^{1/100} Q T_osz(R (x − x_opt))`, with `R Λ^{1/100} Q` one matrix
/// (`Λ^{1/100} = diag(0.1^(i/(d−1)))`).
///
/// The minimum of the double sum is `d f₀`, reached where every `z_i` is 0 (and at other points); its computed
/// value there differs from `d f₀` by rounding, so the cube is of the order of 10⁻⁴⁵, below the last bit of
/// `f_opt` (COCO's optimum is the value at `z = 0`, which equals `f_opt` unless `f_opt` is 0, which no instance
/// tested draws; ``BBOBProblem`` never reports less than it). (RR-6829 f16; `src/f_weierstrass.c`.)
struct BBOBWeierstrass: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    let matrix: BBOBMatrix
    /// `½^k`, `3^k` and `f₀ = Σ_k ½^k cos(π 3^k)`, accumulated as COCO does.
    let amplitudes: [Double]
    let frequencies: [Double]
    let offset: Double
    /// `10/d`, the penalty's factor.
    let penaltyFactor: Double
    let fopt: Double

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        rotation = instance.rotationR
        matrix = instance.rotatedScaling(base: 1.0 / (100.0).squareRoot())
        amplitudes = (0..<12).map { pow(0.5, Double($0)) }
        frequencies = (0..<12).map { pow(3.0, Double($0)) }
        var offset = 0.0
        for k in 0..<12 { offset += amplitudes[k] * cos(2 * Double.pi * frequencies[k] * 0.5) }
        self.offset = offset
        penaltyFactor = 10.0 / Double(instance.dimension)
        fopt = instance.fopt
        let origin = [Double](repeating: 0, count: instance.dimension)
        optimum = BBOBWeierstrass.raw(origin, amplitudes, frequencies, offset) + fopt
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.oscillate(scratch)
        matrix.apply(scratch, into: x)
        return (Self.raw(x, amplitudes, frequencies, offset) + fopt) + penaltyFactor * penalty
    }

    /// `10 (1/d Σ_i Σ_k a_k cos(2π (z_i + ½) b_k) − f₀)³`, summed over `i` then `k` in one accumulator.
    @inline(__always)
    private static func raw<Z: Collection<Double>>(
        _ z: Z, _ amplitudes: [Double], _ frequencies: [Double], _ offset: Double
    ) -> Double {
        var sum = 0.0
        for zi in z {
            let angle = 2 * Double.pi * (zi + 0.5)
            for k in 0..<12 { sum += cos(angle * frequencies[k]) * amplitudes[k] }
        }
        return 10.0 * pow(sum / Double(z.count) - offset, 3.0)
    }
}

/// f17 and f18, Schaffers F7 (condition 10) and Schaffers F7, moderately ill-conditioned (condition 1000):
/// `f(x) = (1/(d−1) Σ_{i<d−1} (√s_i + √s_i sin²(50 s_i^0.2)))² + 10 f_pen(x) + f_opt`, `s_i = √(z_i² + z_{i+1}²)`,
/// `z = Λ^α Q T_asy^0.5(R (x − x_opt))`, `α` = 10 or 1000. f18 takes f17's seed, so the two share their
/// rotations and optimum. COCO writes `√s_i` as `(z_i² + z_{i+1}²)^0.25` and the square as `pow(·, 2)`, which the
/// C compiler makes a product. (RR-6829 f17, f18; `src/f_schaffers.c`.)
struct BBOBSchaffers: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    /// `Λ^α Q`, row `i` of `Q` times `√α^(i/(d−1))`.
    let matrix: BBOBMatrix
    /// `β i/(d−1)` for `β = 0.5`.
    let asymmetry: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        rotation = instance.rotationR
        let condition = instance.function == 17 ? 10.0 : 1000.0
        matrix = BBOBMatrix.product(
            scaling: BBOBTransformations.powers(of: condition.squareRoot(), dimension: instance.dimension),
            instance.rotationQ)
        asymmetry = BBOBTransformations.asymmetryCoefficients(beta: 0.5, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.asymmetric(scratch, coefficients: asymmetry)
        matrix.apply(scratch, into: x)
        var sum = 0.0
        for i in 0..<(x.count - 1) {
            let squares = x[i] * x[i] + x[i + 1] * x[i + 1]
            if squares.isInfinite, sin(50.0 * pow(squares, 0.1)).isNaN { return squares }
            let wave = sin(50.0 * pow(squares, 0.1))
            sum += pow(squares, 0.25) * (1.0 + wave * wave)
        }
        let mean = sum / (Double(x.count) - 1.0)
        return (mean * mean + optimum) + 10.0 * penalty
    }
}

/// f19, Composite Griewank-Rosenbrock F8F2:
/// `f(x) = 10/(d−1) Σ_{i<d−1} (s_i/4000 − cos s_i) + 10 + f_opt`, `s_i = 100 (z_i² − z_{i+1})² + (z_i − 1)²`,
/// `z = max(1, √d/8) Q x + ½`.
///
/// Its optimum, where `z = 1`, is COCO's `Qᵀ 1 / (2 max(1, √d/8))` (column sums of the scaled `Q`). Each term
/// `s/4000 − cos s` is at least −1 in floating point too, so no computed value is below `f_opt`.
/// (RR-6829 f19; `src/f_griewank_rosenbrock.c`.)
struct BBOBGriewankRosenbrock: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `max(1, √d/8) Q`.
    let matrix: BBOBMatrix

    init(_ instance: BBOBInstance) {
        self.instance = instance
        optimum = instance.fopt
        let d = instance.dimension
        let scale = max(1.0, Double(d).squareRoot() / 8.0)
        let q = instance.rotationQ
        matrix = BBOBMatrix(dimension: d) { i, j in q[i, j] * scale }
        minimizer = BBOBRotatedRosenbrock.columnSums(matrix).map { $0 / (2.0 * scale) }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        matrix.apply(x, into: scratch)
        var sum = 0.0
        for i in 0..<(scratch.count - 1) {
            let zi = scratch[i] + 0.5
            let next = scratch[i + 1] + 0.5
            let valley = zi * zi - next
            let distance = 1.0 - zi
            let s = 100.0 * valley * valley + distance * distance
            sum += s / 4000.0 - cos(s)
        }
        return (10.0 + 10.0 * sum / Double(scratch.count - 1)) + optimum
    }
}
