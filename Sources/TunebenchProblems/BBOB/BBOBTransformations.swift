import Foundation

/// The transformations that turn the 24 raw bbob functions into non-separable, irregular, asymmetric ones.
///
/// Definitions from N. Hansen, S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking
/// 2009: noiseless functions definitions", INRIA RR-6829, 2009, §0.2; arithmetic as in coco-experiment 2.8.2,
/// `src/transform_vars_oscillate.c`, `transform_obj_oscillate.c`, `transform_vars_asymmetric.c`,
/// `transform_vars_conditioning.c` and `transform_obj_penalize.c`, operation for operation, so that values agree
/// with COCO's bit for bit.
enum BBOBTransformations {
    /// `T_osz`, the oscillation that makes a smooth landscape irregular (RR-6829 §0.2):
    ///
    /// ```
    /// T_osz(x) = sign(x) exp(x̂ + 0.049 (sin(c₁ x̂) + sin(c₂ x̂))),  x̂ = log|x| (0 at 0),
    /// c₁ = 10, c₂ = 7.9 for x > 0;  c₁ = 5.5, c₂ = 3.1 for x < 0
    /// ```
    ///
    /// computed, as COCO does, as `±(exp(t + 0.49 (sin(a t) + sin(b t))))^0.1` with `t = log|x| / 0.1`. COCO applies
    /// the same formula to variables (f2, f3, f4, f10, f11, f15, f16) and to values (f6, and inside f21 and f22).
    /// T_osz is increasing, maps 0 to 0 and keeps the sign.
    @inline(__always)
    static func oscillate(_ x: Double) -> Double {
        if x > 0 {
            let t = log(x) / 0.1
            return pow(exp(t + 0.49 * (sin(t) + sin(0.79 * t))), 0.1)
        } else if x < 0 {
            let t = log(-x) / 0.1
            return -pow(exp(t + 0.49 * (sin(0.55 * t) + sin(0.31 * t))), 0.1)
        }
        return x
    }

    /// `T_asy^β` for coordinate `i` of `d` (RR-6829 §0.2): `x^(1 + β (i−1)/(d−1) √x)` for `x > 0`, `x` otherwise.
    ///
    /// - Parameters:
    ///   - x: the coordinate's value.
    ///   - coefficient: `β i / (d − 1)` for the 0-based index `i`, from ``asymmetryCoefficients(beta:dimension:)``.
    @inline(__always)
    static func asymmetric(_ x: Double, coefficient: Double) -> Double {
        x > 0 ? pow(x, 1.0 + coefficient * x.squareRoot()) : x
    }

    /// The coefficients `β i / (d − 1)`, `i = 0 ... d−1`, of ``asymmetric(_:coefficient:)``.
    static func asymmetryCoefficients(beta: Double, dimension d: Int) -> [Double] {
        (0..<d).map { (beta * Double($0)) / (Double(d) - 1.0) }
    }

    /// The diagonal of `Λ^α` (RR-6829 §0.2): `λ_i = α^(½ i/(d−1))`, `i = 0 ... d−1`, computed as
    /// `pow(α, 0.5 i / (d − 1))` (`transform_vars_conditioning`).
    static func conditioning(_ alpha: Double, dimension d: Int) -> [Double] {
        (0..<d).map { pow(alpha, 0.5 * Double($0) / (Double(d) - 1.0)) }
    }

    /// The powers `base^(i/(d−1))`, `i = 0 ... d−1`, with which COCO scales coordinates or matrix columns (the
    /// ellipsoids' weights, the diagonal of `Λ^α` written as `pow(√α, i/(d−1))`).
    static func powers(of base: Double, dimension d: Int) -> [Double] {
        (0..<d).map { pow(base, Double($0) / (Double(d) - 1.0)) }
    }

    /// `f_pen(x) = Σ_i max(0, |x_i| − 5)²`, the boundary penalty of RR-6829 §0.2: zero in the search box
    /// `[−5, 5]^d`, so that it changes nothing an optimizer of Tunebench can see (its configurations stay in the
    /// box), but kept for values of points outside it.
    @inline(__always)
    static func boundaryPenalty(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        var penalty = 0.0
        var xi = x.baseAddress!
        let end = xi + x.count
        while xi < end {
            let excess = xi.pointee.magnitude - 5.0
            if excess > 0 { penalty += excess * excess }
            xi += 1
        }
        return penalty
    }

    // The loops over coordinates below walk pointers rather than index buffers: the same operations, but several
    // times faster in debug builds, where a buffer's subscript and a range's iterator are function calls (see
    // BBOBMatrix.apply).

    /// `x ← x − offset`, coordinate by coordinate: the shift that moves the optimum to `offset`.
    @inline(__always)
    static func shift(_ x: UnsafeMutableBufferPointer<Double>, by offset: [Double]) {
        offset.withUnsafeBufferPointer { offset in
            var xi = x.baseAddress!
            var oi = offset.baseAddress!
            let end = xi + x.count
            while xi < end {
                xi.pointee -= oi.pointee
                xi += 1
                oi += 1
            }
        }
    }

    /// `x_i ← T_osz(x_i)` for every coordinate.
    @inline(__always)
    static func oscillate(_ x: UnsafeMutableBufferPointer<Double>) {
        var xi = x.baseAddress!
        let end = xi + x.count
        while xi < end {
            xi.pointee = oscillate(xi.pointee)
            xi += 1
        }
    }

    /// `x_i ← T_asy^β(x_i)` for every coordinate, with `coefficients` from ``asymmetryCoefficients(beta:dimension:)``.
    @inline(__always)
    static func asymmetric(_ x: UnsafeMutableBufferPointer<Double>, coefficients: [Double]) {
        coefficients.withUnsafeBufferPointer { coefficients in
            var xi = x.baseAddress!
            var ci = coefficients.baseAddress!
            let end = xi + x.count
            while xi < end {
                xi.pointee = asymmetric(xi.pointee, coefficient: ci.pointee)
                xi += 1
                ci += 1
            }
        }
    }

    /// `x_i ← λ_i x_i` for every coordinate.
    @inline(__always)
    static func scale(_ x: UnsafeMutableBufferPointer<Double>, by lambda: [Double]) {
        lambda.withUnsafeBufferPointer { lambda in
            var xi = x.baseAddress!
            var li = lambda.baseAddress!
            let end = xi + x.count
            while xi < end {
                xi.pointee = li.pointee * xi.pointee
                xi += 1
                li += 1
            }
        }
    }

    /// `floor(x + ½)`, the rounding of the BBOB code (`coco_double_round`); unlike `rounded()`, halves go up.
    @inline(__always)
    static func round(_ x: Double) -> Double {
        floor(x + 0.5)
    }
}
