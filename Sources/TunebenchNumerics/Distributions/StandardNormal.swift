// The standard normal distribution with relative accuracy in both tails.
//
// Notation: phi(x) = exp(-x^2/2) / sqrt(2 pi) is the density, Phi(x) the distribution function, and
// R(t) = (1 - Phi(t)) / phi(t) = sqrt(pi/2) erfcx(t / sqrt(2)) Mills' ratio. Everything in the lower tail is written
// through erfcx, so that nothing underflows before the result itself does, and log Phi never underflows at all.

import Foundation

/// The standard normal distribution `N(0, 1)`: density, distribution function, its logarithm, and quantiles.
///
/// The lower tail is computed as `Phi(x) = exp(-x^2/2) erfcx(-x/sqrt(2)) / 2`, with `erfcx` from Cody's rational
/// approximations (`ErrorFunction`) and `exp(-x^2/2)` formed without the `x^2` ulps that `exp(-0.5 * x * x)` loses.
/// Against 50-digit mpmath the relative error of `cdf` is about 1e-15 over `[-37.5, 40]` (where `Phi` is normal, not
/// subnormal), and `logCDF` keeps relative error about 1e-15 for every `x`, including `x = -1e3` and below, where
/// `Phi(x)` itself underflows (C's `erfc` underflows below `x = -38.5`). See the tests for the measured figures.
///
/// ```swift
/// StandardNormal.cdf(-40)       // 3.655893540915e-350 underflows to 0
/// StandardNormal.logCDF(-40)    // -804.6084420137538
/// StandardNormal.quantile(0.975) // 1.9599639845400538
/// ```
public enum StandardNormal {
    /// The density `phi(x) = exp(-x^2/2) / sqrt(2 pi)`.
    ///
    /// Relative error of a few ulps for every `x` where `phi(x)` is a normal number (`|x| < 37.5`); 0 beyond
    /// `|x| = 38.6`. The exponential is `exp(-p/2) (1 - e/2)` with `p = fl(x * x)` and the exact rounding error
    /// `e = x * x - p` from a fused multiply-add.
    /// - Complexity: O(1).
    public static func pdf(_ x: Double) -> Double {
        inverseSqrt2Pi * expNegHalfSquare(x)
    }

    /// The log-density `log phi(x) = -x^2/2 - log(2 pi)/2`; `-infinity` once `x^2` overflows.
    /// - Complexity: O(1).
    public static func logPDF(_ x: Double) -> Double {
        -(0.5 * x) * x - halfLog2Pi
    }

    /// The distribution function `Phi(x) = P(X <= x) = erfc(-x / sqrt(2)) / 2`.
    ///
    /// Three ranges of `y = |x| / sqrt(2)`: for `y <= 0.46875`, `(1 + erf(x / sqrt(2))) / 2`; otherwise the upper
    /// tail `Q = exp(-x^2/2) erfcx(y) / 2` of `|x|`, and `Phi = Q` for `x < 0`, `1 - Q` for `x > 0`. The lower tail
    /// is relatively accurate until it becomes subnormal (`x < -37.5`) and is 0 below `x = -38.5`; use `logCDF` there.
    /// `Phi(-x) = 1 - Phi(x)` is `cdf(-x)`, equally accurate. NaN for NaN.
    /// - Complexity: O(1).
    public static func cdf(_ x: Double) -> Double {
        let y = abs(x) * inverseSqrt2
        if y <= 0.46875 { return 0.5 + 0.5 * ErrorFunction.smallErf(x * inverseSqrt2) }
        guard !x.isNaN else { return .nan }
        let tail = 0.5 * ErrorFunction.positiveErfcx(y) * expNegHalfSquare(x)
        return x < 0 ? tail : 1 - tail
    }

    /// The logarithm of the distribution function, `log Phi(x)`, accurate for every `x`.
    ///
    /// For `x < -0.663` (`|x| / sqrt(2) > 0.46875`): `log Phi(x) = -x^2/2 + log(erfcx(-x / sqrt(2)) / 2)`; both terms
    /// are negative, so there is no cancellation, and nothing underflows: `logCDF(-1e3) = -500007.8266948...`. It
    /// behaves like `-x^2/2 - log(-x) - log(2 pi)/2` as `x -> -infinity` and is `-infinity` only once `x^2` overflows
    /// (`|x| > 1.3e154`). For `x > 0.663`, `log1p(-Q)` with the upper tail `Q` as in `cdf`, so that the tiny values
    /// `log Phi(x) ~ -Q(x)` for large `x` keep their relative accuracy. In between, `log(cdf(x))`.
    /// - Complexity: O(1).
    public static func logCDF(_ x: Double) -> Double {
        let y = abs(x) * inverseSqrt2
        if y <= 0.46875 { return log(0.5 + 0.5 * ErrorFunction.smallErf(x * inverseSqrt2)) }
        guard !x.isNaN else { return .nan }
        let scaledTail = ErrorFunction.positiveErfcx(y)
        if x < 0 {
            return (log(scaledTail) - ln2) - (0.5 * x) * x
        }
        return log1p(-0.5 * scaledTail * expNegHalfSquare(x))
    }

    /// The inverse Mills ratio `lambda(x) = phi(x) / Phi(x)`, the derivative of `log Phi(x)`.
    ///
    /// For `x < -0.663`, `lambda(x) = sqrt(2/pi) / erfcx(-x / sqrt(2))`, which has no underflow and tends to `-x`
    /// as `x -> -infinity` (`+infinity` at `x = -infinity`); elsewhere `pdf(x) / cdf(x)`, which tends to 0.
    /// - Complexity: O(1).
    public static func inverseMillsRatio(_ x: Double) -> Double {
        let y = abs(x) * inverseSqrt2
        if x < 0 && y > 0.46875 { return sqrt2OverPi / ErrorFunction.positiveErfcx(y) }
        return pdf(x) / cdf(x)
    }

    /// The quantile function `Phi^-1(p)`: the `x` with `Phi(x) = p`.
    ///
    /// M. J. Wichura's algorithm AS 241, `PPND16` ("The percentage points of the normal distribution", Appl.
    /// Statist. 37(3), 1988, 477-484): a rational approximation of degree 7/7 in `(p - 1/2)^2` for
    /// `|p - 1/2| <= 0.425`, and of degree 7/7 in `r = sqrt(-log(min(p, 1 - p)))` for `r <= 5` and for `r > 5`,
    /// with the coefficients of the paper (relative accuracy about 1e-16). Measured against mpmath, the relative
    /// error is below 1e-15 for `p` from 1e-300 to `1 - 1e-16` (see the tests).
    ///
    /// `quantile(0) = -infinity`, `quantile(1) = +infinity`; NaN for `p` outside `[0, 1]` or NaN. Near `p = 1`
    /// the input itself is coarse (`1 - p` has at most 53 bits below 1); for upper-tail quantiles with tiny
    /// `1 - p`, call `-quantile(1 - p)` with `1 - p` computed exactly.
    /// - Complexity: O(1).
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let numerator =
                (((((((qa7 * r + qa6) * r + qa5) * r + qa4) * r + qa3) * r + qa2) * r + qa1) * r + qa0)
            let denominator =
                (((((((qb7 * r + qb6) * r + qb5) * r + qb4) * r + qb3) * r + qb2) * r + qb1) * r + 1)
            return q * numerator / denominator
        }
        // 1 - p is exact for p >= 1/2 (Sterbenz), so the upper tail loses nothing beyond the rounding of p.
        var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            let numerator =
                (((((((qc7 * r + qc6) * r + qc5) * r + qc4) * r + qc3) * r + qc2) * r + qc1) * r + qc0)
            let denominator =
                (((((((qd7 * r + qd6) * r + qd5) * r + qd4) * r + qd3) * r + qd2) * r + qd1) * r + 1)
            value = numerator / denominator
        } else {
            r -= 5
            let numerator =
                (((((((qe7 * r + qe6) * r + qe5) * r + qe4) * r + qe3) * r + qe2) * r + qe1) * r + qe0)
            let denominator =
                (((((((qf7 * r + qf6) * r + qf5) * r + qf4) * r + qf3) * r + qf2) * r + qf1) * r + 1)
            value = numerator / denominator
        }
        return q < 0 ? -value : value
    }

    // MARK: - Helpers shared with the acquisition functions

    /// `exp(-x^2/2)` with relative error of a few ulps for every `x`: `exp(-p/2) (1 - e/2)`, `p = fl(x * x)`,
    /// `e = x * x - p` exact by a fused multiply-add; 0 once the result is below the smallest subnormal.
    @inline(__always)
    static func expNegHalfSquare(_ x: Double) -> Double {
        let p = x * x
        if p > 1492 { return x.isNaN ? .nan : 0 }  // exp(-746) is below the smallest subnormal
        let e = (-p).addingProduct(x, x)
        return exp(-0.5 * p) * (1 - 0.5 * e)
    }

    static let inverseSqrt2 = 0.70710678118654752440084436210484903928  // 1/sqrt(2)
    static let inverseSqrt2Pi = 0.39894228040143267793994605993438186848  // 1/sqrt(2 pi)
    static let sqrt2OverPi = 0.79788456080286535587989211986876373695  // sqrt(2/pi)
    static let sqrtHalfPi = 1.2533141373155002512078826424055226265  // sqrt(pi/2)
    static let halfLog2Pi = 0.91893853320467274178032973640561763986  // log(2 pi)/2
    static let ln2 = 0.69314718055994530941723212145817656808

    // MARK: - Coefficients of AS 241 (Wichura 1988), PPND16

    // |p - 1/2| <= 0.425, in r = 0.180625 - (p - 1/2)^2.
    static let qa0 = 3.3871328727963666080e0
    static let qa1 = 1.3314166789178437745e+2
    static let qa2 = 1.9715909503065514427e+3
    static let qa3 = 1.3731693765509461125e+4
    static let qa4 = 4.5921953931549871457e+4
    static let qa5 = 6.7265770927008700853e+4
    static let qa6 = 3.3430575583588128105e+4
    static let qa7 = 2.5090809287301226727e+3
    static let qb1 = 4.2313330701600911252e+1
    static let qb2 = 6.8718700749205790830e+2
    static let qb3 = 5.3941960214247511077e+3
    static let qb4 = 2.1213794301586595867e+4
    static let qb5 = 3.9307895800092710610e+4
    static let qb6 = 2.8729085735721942674e+4
    static let qb7 = 5.2264952788528545610e+3

    // r = sqrt(-log(min(p, 1 - p))) <= 5, in r - 1.6.
    static let qc0 = 1.42343711074968357734e0
    static let qc1 = 4.63033784615654529590e0
    static let qc2 = 5.76949722146069140550e0
    static let qc3 = 3.64784832476320460504e0
    static let qc4 = 1.27045825245236838258e0
    static let qc5 = 2.41780725177450611770e-1
    static let qc6 = 2.27238449892691845833e-2
    static let qc7 = 7.74545014278341407640e-4
    static let qd1 = 2.05319162663775882187e0
    static let qd2 = 1.67638483018380384940e0
    static let qd3 = 6.89767334985100004550e-1
    static let qd4 = 1.48103976427480074590e-1
    static let qd5 = 1.51986665636164571966e-2
    static let qd6 = 5.47593808499534494600e-4
    static let qd7 = 1.05075007164441684324e-9

    // r > 5, in r - 5.
    static let qe0 = 6.65790464350110377720e0
    static let qe1 = 5.46378491116411436990e0
    static let qe2 = 1.78482653991729133580e0
    static let qe3 = 2.96560571828504891230e-1
    static let qe4 = 2.65321895265761230930e-2
    static let qe5 = 1.24266094738807843860e-3
    static let qe6 = 2.71155556874348757815e-5
    static let qe7 = 2.01033439929228813265e-7
    static let qf1 = 5.99832206555887937690e-1
    static let qf2 = 1.36929880922735805310e-1
    static let qf3 = 1.48753612908506148525e-2
    static let qf4 = 7.86869131145613259100e-4
    static let qf5 = 1.84631831751005468180e-5
    static let qf6 = 1.42151175831644588870e-7
    static let qf7 = 2.04426310338993978564e-15
}
