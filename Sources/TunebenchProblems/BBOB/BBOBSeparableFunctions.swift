import Foundation

// COCO's first group, the separable functions f1–f5. Formulas from N. Hansen, S. Finck, R. Ros and A. Auger,
// "Real-parameter black-box optimization benchmarking 2009: noiseless functions definitions", INRIA RR-6829,
// 2009; arithmetic as in coco-experiment 2.8.2 (the file named with each function). Throughout, `z` is the
// transformed variable, `x_opt` and `f_opt` are the instance's (``BBOBInstance``), `Λ^α` and `T_osz`, `T_asy`,
// `f_pen` are ``BBOBTransformations``, and indices run from 0 to d − 1.

/// f1, Sphere: `f(x) = ‖z‖² + f_opt`, `z = x − x_opt`. (RR-6829 f1; `src/f_sphere.c`.)
struct BBOBSphere: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        minimizer.withUnsafeBufferPointer { xopt in
            var sum = 0.0
            for i in x.indices {
                let z = x[i] - xopt[i]
                sum += z * z
            }
            return sum + optimum
        }
    }
}

/// f2, Separable Ellipsoidal: `f(x) = Σ 10^(6 i/(d−1)) z_i² + f_opt`, `z = T_osz(x − x_opt)`.
/// (RR-6829 f2; `src/f_ellipsoid.c`.)
struct BBOBSeparableEllipsoid: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `10^(6 i/(d−1))`.
    let weights: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        weights = BBOBTransformations.powers(of: 1.0e6, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        BBOBTransformations.oscillate(x)
        return BBOBRawFunctions.ellipsoid(x, weights: weights) + optimum
    }
}

/// f3, Rastrigin (separable): `f(x) = 10 (d − Σ cos 2π z_i) + ‖z‖² + f_opt`,
/// `z = Λ^10 T_asy^0.2(T_osz(x − x_opt))`. (RR-6829 f3; `src/f_rastrigin.c`.)
struct BBOBSeparableRastrigin: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `β i/(d−1)` for `β = 0.2`.
    let asymmetry: [Double]
    /// The diagonal of `Λ^10`.
    let conditioning: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt
        optimum = instance.fopt
        asymmetry = BBOBTransformations.asymmetryCoefficients(beta: 0.2, dimension: instance.dimension)
        conditioning = BBOBTransformations.conditioning(10, dimension: instance.dimension)
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        BBOBTransformations.shift(x, by: minimizer)
        BBOBTransformations.oscillate(x)
        BBOBTransformations.asymmetric(x, coefficients: asymmetry)
        BBOBTransformations.scale(x, by: conditioning)
        return BBOBRawFunctions.rastrigin(x) + optimum
    }
}

/// f4, Büche-Rastrigin: `f(x) = 10 (d − Σ cos 2π z_i) + ‖z‖² + 100 f_pen(x) + f_opt`, `z_i = s_i T_osz(x_i −
/// x_opt,i)`, `s_i = 10^(½ i/(d−1))`, times 10 more where `i` is even (odd in RR-6829's 1-based count) and the
/// coordinate positive.
///
/// It shares f3's seed, so its instances draw f3's `x_opt`, of which COCO then takes the absolute value at even
/// indices (the legacy code does; RR-6829 does not say so). (RR-6829 f4; `src/f_bueche_rastrigin.c`.)
struct BBOBBuecheRastrigin: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `s_i = √10^(i/(d−1))`, and `10 s_i`.
    let scales: [Double]
    let scalesTimesTen: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        var xopt = instance.xopt
        for i in stride(from: 0, to: xopt.count, by: 2) { xopt[i] = xopt[i].magnitude }
        minimizer = xopt
        optimum = instance.fopt
        scales = BBOBTransformations.powers(of: (10.0).squareRoot(), dimension: instance.dimension)
        scalesTimesTen = scales.map { $0 * 10.0 }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        let penalty = BBOBTransformations.boundaryPenalty(x)
        BBOBTransformations.shift(x, by: minimizer)
        BBOBTransformations.oscillate(x)
        var cosines = 0.0
        var squares = 0.0
        for i in x.indices {
            let z = (x[i] > 0 && i % 2 == 0 ? scalesTimesTen[i] : scales[i]) * x[i]
            cosines += cos(2 * Double.pi * z)
            squares += z * z
        }
        return (10.0 * (Double(x.count) - cosines) + squares + optimum) + 100.0 * penalty
    }
}

/// f5, Linear Slope: `f(x) = Σ (5 |s_i| − s_i z_i) + f_opt`, `s_i = sign(x_opt,i) 10^(i/(d−1))`, `z_i = x_i` where
/// `x_i x_opt,i < 25` and `z_i = x_opt,i` otherwise.
///
/// The optimum is the corner of the box on the side of the instance's standard `x_opt`: `x_opt,i = ±5`, with the
/// sign of the standard one. (RR-6829 f5; `src/f_linear_slope.c`.)
struct BBOBLinearSlope: BBOBFunction {
    let instance: BBOBInstance
    let minimizer: [Double]
    let optimum: Double
    /// `s_i` and `5 |s_i|`.
    let slopes: [Double]
    let offsets: [Double]

    init(_ instance: BBOBInstance) {
        self.instance = instance
        minimizer = instance.xopt.map { $0 < 0 ? -5.0 : 5.0 }
        optimum = instance.fopt
        let powers = BBOBTransformations.powers(of: (100.0).squareRoot(), dimension: instance.dimension)
        slopes = zip(minimizer, powers).map { corner, power in corner > 0 ? power : -power }
        offsets = slopes.map { 5.0 * $0.magnitude }
    }

    func value(_ x: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
        var sum = 0.0
        for i in x.indices {
            let z = x[i] * minimizer[i] < 25.0 ? x[i] : minimizer[i]
            sum += offsets[i] - slopes[i] * z
        }
        return sum + optimum
    }
}
