import Foundation

// COCO's second group, functions with low or moderate conditioning, f6–f9. Formulas from N. Hansen, S. Finck,
// R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009: noiseless functions definitions",
// INRIA RR-6829, 2009; arithmetic as in coco-experiment 2.8.2 (the file named with each function). `R` and `Q` are
// the instance's rotations (``BBOBInstance/rotationR``, ``BBOBInstance/rotationQ``).

/// f6, Attractive Sector: `f(x) = T_osz(Σ (s_i z_i)²)^0.9 + f_opt`, `z = Q Λ^10 R (x − x_opt)`, `s_i = 100` where
/// `z_i x_opt,i > 0` and 1 otherwise. (RR-6829 f6; `src/f_attractive_sector.c`, where `Λ^10 = diag(√10^(i/(d−1)))`
/// sits in one matrix `M = R Λ Q` applied to `x − x_opt`.)
struct BBOBAttractiveSector: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let matrix: BBOBMatrix

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        matrix = instance.rotatedScaling(base: (10.0).squareRoot())
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        matrix.apply(x, into: scratch)
        var sum = 0.0
        for i in x.indices {
            let z = scratch[i]
            if minimizer[i] * z > 0 {
                sum += 100.0 * 100.0 * z * z
            } else {
                sum += z * z
            }
        }
        return pow(BBOBTransformations.oscillate(sum), 0.9) + optimum
    }
}

/// f7, Step Ellipsoidal: `f(x) = 0.1 max(|ẑ₁|/10⁴, Σ 10^(2 i/(d−1)) z_i²) + f_pen(x) + f_opt`, `ẑ = Λ^10 Q (x −
/// x_opt)`, `z̃_i = ⌊ẑ_i + ½⌋` where `|ẑ_i| > ½` and `⌊10 ẑ_i + ½⌋ / 10` otherwise, `z = R z̃`.
/// (RR-6829 f7; `src/f_step_ellipsoid.c`.)
struct BBOBStepEllipsoid: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `Λ^10 Q`, entry `(i, j)` = `√(10^(i/(d−1))) Q_ij`.
    let scaledQ: BBOBMatrix
    let rotationR: BBOBMatrix
    /// `100^(i/(d−1))`.
    let weights: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        let d = instance.dimension
        let rows = (0..<d).map { pow(100.0 / 10.0, Double($0) / Double(d - 1)).squareRoot() }
        let q = instance.rotationQ
        scaledQ = BBOBMatrix(dimension: d) { i, j in rows[i] * q[i, j] }
        rotationR = instance.rotationR
        weights = BBOBTransformations.powers(of: 100, dimension: d)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        BBOBTransformations.shift(x, by: minimizer)
        scaledQ.apply(x, into: scratch)
        let first = scratch[0]
        for i in x.indices {
            let z = scratch[i]
            scratch[i] = z.magnitude > 0.5 ? BBOBTransformations.round(z) : BBOBTransformations.round(10.0 * z) / 10.0
        }
        rotationR.apply(scratch, into: x)
        var sum = 0.0
        for i in x.indices { sum += weights[i] * x[i] * x[i] }
        let lowest = first.magnitude * 1.0e-4
        return 0.1 * (lowest >= sum ? lowest : sum) + penalty + optimum
    }
}

/// f8, Rosenbrock, original: `f(x) = Σ_{i<d−1} [100 (z_i² − z_{i+1})² + (z_i − 1)²] + f_opt`,
/// `z = max(1, √d/8) (x − x_opt) + 1`.
///
/// Its optimum is at `x_opt = ¾ x_std` (the instance's standard location times 0.75), where `z = 1`.
/// (RR-6829 f8; `src/f_rosenbrock.c`.)
struct BBOBRosenbrock: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `max(1, √d/8)`.
    let factor: Double

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt.map { $0 * 0.75 }
        optimum = instance.fopt
        factor = max(1.0, Double(instance.dimension).squareRoot() / 8.0)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        for i in x.indices { x[i] = factor * x[i] + 1.0 }
        return BBOBRawFunctions.rosenbrock(x) + optimum
    }
}

/// f9, Rosenbrock, rotated: `f(x) = Σ_{i<d−1} [100 (z_i² − z_{i+1})² + (z_i − 1)²] + f_opt`,
/// `z = max(1, √d/8) Q x + ½`.
///
/// Its optimum, where `z = 1`, is `x_opt = Qᵀ 1 / (2 max(1, √d/8))`, which COCO computes as the column sums of
/// `Q` divided by `2 max(1, √d/8)`. Rounding makes `z` differ from 1 there by about 10⁻¹⁶, so the value exceeds
/// `f_opt` by about 10⁻³⁰, below its last bit. (RR-6829 f9; `src/f_rosenbrock.c`.)
struct BBOBRotatedRosenbrock: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `max(1, √d/8) Q`.
    let matrix: BBOBMatrix

    init(_ instance: BBOBInstance) {
        self.instance = instance
        optimum = instance.fopt
        let d = instance.dimension
        let factor = max(1.0, Double(d).squareRoot() / 8.0)
        let q = instance.rotationQ
        matrix = BBOBMatrix(dimension: d) { i, j in factor * q[i, j] }
        minimizer = BBOBRotatedRosenbrock.columnSums(q).map { $0 / (2.0 * factor) }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        matrix.apply(x, into: scratch, offset: 0.5)
        return BBOBRawFunctions.rosenbrock(scratch) + optimum
    }

    /// The sums of the columns of `matrix`, each summed over the rows in order (COCO's `x_opt` of f9 and f19).
    static func columnSums(_ matrix: BBOBMatrix) -> [Double] {
        (0..<matrix.dimension).map { j in
            var sum = 0.0
            for i in 0..<matrix.dimension { sum += matrix[i, j] }
            return sum
        }
    }
}
