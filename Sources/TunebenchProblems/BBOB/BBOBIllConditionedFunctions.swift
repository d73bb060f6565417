import Foundation

// COCO's third group, unimodal functions with high conditioning, f10–f14. Formulas from N. Hansen, S. Finck,
// R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009: noiseless functions definitions",
// INRIA RR-6829, 2009; arithmetic as in coco-experiment 2.8.2 (the file named with each function).

/// f10, Ellipsoidal (rotated): `f(x) = Σ 10^(6 i/(d−1)) z_i² + f_opt`, `z = T_osz(R (x − x_opt))`.
/// (RR-6829 f10; `src/f_ellipsoid.c`.)
struct BBOBEllipsoid: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    /// `10^(6 i/(d−1))`.
    let weights: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        rotation = instance.rotationR
        weights = BBOBTransformations.powers(of: 1.0e6, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.oscillate(scratch)
        return BBOBRawFunctions.ellipsoid(scratch, weights: weights) + optimum
    }
}

/// f11, Discus: `f(x) = 10⁶ z₀² + Σ_{i≥1} z_i² + f_opt`, `z = T_osz(R (x − x_opt))`.
/// (RR-6829 f11; `src/f_discus.c`.)
struct BBOBDiscus: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        rotation = instance.rotationR
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.oscillate(scratch)
        var sum = 1.0e6 * scratch[0] * scratch[0]
        for i in 1..<scratch.count { sum += scratch[i] * scratch[i] }
        return sum + optimum
    }
}

/// f12, Bent Cigar: `f(x) = z₀² + 10⁶ Σ_{i≥1} z_i² + f_opt`, `z = R T_asy^0.5(R (x − x_opt))`.
///
/// Unlike every other function, f12 draws its standard `x_opt` from seed `s + 1,000,000` (the seed of `R`), as
/// COCO does. (RR-6829 f12; `src/f_bent_cigar.c`.)
struct BBOBBentCigar: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    /// `β i/(d−1)` for `β = 0.5`.
    let asymmetry: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.standardOptimum(seed: instance.seed + 1_000_000)
        optimum = instance.fopt
        rotation = instance.rotationR
        asymmetry = BBOBTransformations.asymmetryCoefficients(beta: 0.5, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        BBOBTransformations.asymmetric(scratch, coefficients: asymmetry)
        rotation.apply(scratch, into: x)
        var sum = x[0] * x[0]
        for i in 1..<x.count { sum += 1.0e6 * x[i] * x[i] }
        return sum + optimum
    }
}

/// f13, Sharp Ridge: `f(x) = z₀² + 100 √(Σ_{i≥1} z_i²) + f_opt`, `z = Q Λ^10 R (x − x_opt)`.
/// (RR-6829 f13; `src/f_sharp_ridge.c`, with `Λ^10 = diag(√10^(i/(d−1)))` in one matrix `M = R Λ Q`.)
struct BBOBSharpRidge: BBOBFunction {
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
        var ridge = 0.0
        for i in 1..<scratch.count { ridge += scratch[i] * scratch[i] }
        return (100.0 * ridge.squareRoot() + scratch[0] * scratch[0]) + optimum
    }
}

/// f14, Different Powers: `f(x) = √(Σ |z_i|^(2 + 4 i/(d−1))) + f_opt`, `z = R (x − x_opt)`.
/// (RR-6829 f14; `src/f_different_powers.c`.)
struct BBOBDifferentPowers: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    let rotation: BBOBMatrix
    /// `2 + 4 i/(d−1)`.
    let exponents: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        rotation = instance.rotationR
        let d = instance.dimension
        exponents = (0..<d).map { 2.0 + (4.0 * Double($0)) / (Double(d) - 1.0) }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        rotation.apply(x, into: scratch)
        var sum = 0.0
        for i in scratch.indices { sum += pow(scratch[i].magnitude, exponents[i]) }
        return sum.squareRoot() + optimum
    }
}
