// Acquisition functions of a Gaussian predictive distribution, for minimization.
//
// Notation (minimization, as everywhere in Tunebench): the model predicts Y ~ N(mu, sigma^2) at a point, `best` is
// the incumbent (lowest observed or predicted) value, and
//
//     z = (best - mu) / sigma,    h(z) = phi(z) + z Phi(z),    EI = E[max(best - Y, 0)] = sigma h(z),
//     PI = P(Y < best) = Phi(z),  LCB = mu - beta sigma,        UCB = mu + beta sigma.
//
// Ament et al. write the same for maximization with z = (mu - best) / sigma; only the sign of z's numerator differs.
// The derivatives use h'(z) = Phi(z) and dz/dmu = -1/sigma, dz/dsigma = -z/sigma, so that
//
//     d EI / d mu = -Phi(z),                  d EI / d sigma = phi(z),
//     d log EI / d mu = -(Phi/h)(z) / sigma,  d log EI / d sigma = (phi/h)(z) / sigma   (since h - z Phi = phi),
//     d PI / d mu = -phi(z) / sigma,          d PI / d sigma = -z phi(z) / sigma,
//     d log PI / d mu = -lambda(z) / sigma,   d log PI / d sigma = -z lambda(z) / sigma,   lambda = phi / Phi.

import Foundation

/// Expected improvement, log expected improvement, probability of improvement and confidence bounds of a normal
/// predictive distribution `N(mean, sd^2)`, for minimization, each with its derivatives with respect to the mean and
/// the standard deviation (a GP's `d mean / d x` and `d sd / d x` then give the gradient in `x` by the chain rule).
///
/// With `z = (best - mean) / sd` and `h(z) = phi(z) + z Phi(z)`:
///
///     ei    = sd h(z)                   (maximize)
///     logEI = log(sd) + log h(z)        (maximize; finite and smooth where ei underflows to 0)
///     pi    = Phi(z),  logPI = log Phi(z)   (maximize)
///     lcb   = mean - beta sd            (minimize: the optimistic bound for minimization)
///     ucb   = mean + beta sd            (the pessimistic bound; maximize it for maximization problems)
///
/// Log expected improvement follows S. Ament, S. Daulton, D. Eriksson, M. Balandat and E. Bakshy, "Unexpected
/// improvements to expected improvement for Bayesian optimization", NeurIPS 2023 (arXiv:2310.20708), Eq. (9); see
/// `logH(_:)`. Every function accepts `sd = 0` (a noiseless prediction at an observed point) and returns the limit
/// `sd -> 0` (a negative `sd` is treated as 0): `ei = max(best - mean, 0)`, `pi = 1` if `mean < best` else 0, and
/// derivatives with respect to `sd` of 0. NaN inputs give NaN.
public enum GaussianAcquisition {
    /// A value with its partial derivatives with respect to the predictive mean and standard deviation.
    public struct ValueWithDerivatives: Sendable, Hashable {
        /// The acquisition value.
        public var value: Double
        /// The partial derivative with respect to the predictive mean, `d value / d mean`.
        public var dMean: Double
        /// The partial derivative with respect to the predictive standard deviation, `d value / d sd`.
        public var dSD: Double

        /// Creates a value with its derivatives.
        public init(value: Double, dMean: Double, dSD: Double) {
            self.value = value
            self.dMean = dMean
            self.dSD = dSD
        }
    }

    // MARK: - Log expected improvement

    /// `log h(z) = log(phi(z) + z Phi(z))`, accurate to a few ulps for every `z` (relative error about 1e-15, except
    /// near the zero of `log h` at `z = 0.8995`, where the error is a few ulps of 1 instead).
    ///
    /// Ament et al. 2023, Eq. (9), with `c1 = log(2 pi)/2` and `c2 = log(pi/2)/2`:
    ///
    ///     log h(z) = log(phi(z) + z Phi(z))                                        z > -1
    ///              = -z^2/2 - c1 + log1mexp(log(erfcx(-z/sqrt(2)) |z|) + c2)        -1/sqrt(eps) < z <= -1
    ///              = -z^2/2 - c1 - 2 log|z|                                          z <= -1/sqrt(eps)
    ///
    /// For `z <= -1` write `t = -z` and `h(z) = phi(z) B(t)` with `B(t) = 1 - t R(t)`, `R(t) = sqrt(pi/2)
    /// erfcx(t/sqrt(2))` Mills' ratio; the paper's middle branch is `log B(t)`, since `log1mexp(log(t R)) =
    /// log(1 - t R)`. `B(t) ~ 1/t^2` cancels: forming `1 - t R` loses about `t^2` ulps. This implementation therefore
    /// keeps the paper's form only for `1 <= t <= 4 sqrt(2)` (at most 1e-14 relative error in `B`), and beyond
    /// evaluates `B` without cancellation: for `4 sqrt(2) < t < 100`, Cody's third-range approximation
    /// `erfcx(y) = (1/sqrt(pi) - c(y)) / y` gives `B(t) = sqrt(pi) c(t/sqrt(2))` (`ErrorFunction.largeCorrection`); for
    /// `t >= 100`, the asymptotic series `t^2 B(t) = 1 - 3/t^2 + 15/t^4 - 105/t^6 + 945/t^8 - 10395/t^10 + ...`
    /// (truncation error below 1e-19), whose first term is the paper's third branch. So `log h` and, more
    /// importantly, the ratios `Phi/h = R/B` and `phi/h = 1/B` in the derivatives stay accurate to about 1e-14 for
    /// all `z` (with the paper's formula, `phi/h` at `z = -1e6` would have only 4 correct digits). `log h` is
    /// `-infinity` only once `z^2` overflows (`z < -1.3e154`).
    /// - Complexity: O(1).
    public static func logH(_ z: Double) -> Double {
        logHWithRatios(z).logH
    }

    /// Log expected improvement for minimization, `log(sd h(z))` with `z = (best - mean) / sd`.
    ///
    /// `log(sd) + logH(z)` (Ament et al. 2023, Eq. 8-9); finite wherever `ei` underflows to 0, and monotone in `z`.
    /// For `sd = 0`, `log(max(best - mean, 0))`.
    /// - Parameters:
    ///   - mean: The predictive mean `mu`.
    ///   - sd: The predictive standard deviation `sigma >= 0`.
    ///   - best: The incumbent value to improve on (below).
    /// - Returns: The logarithm of the expected improvement, `-infinity` where there is none.
    /// - Complexity: O(1).
    public static func logEI(mean: Double, sd: Double, best: Double) -> Double {
        logEIWithDerivatives(mean: mean, sd: sd, best: best).value
    }

    /// Log expected improvement and its derivatives, `d logEI / d mean = -(Phi/h)(z) / sd` and
    /// `d logEI / d sd = (phi/h)(z) / sd`.
    ///
    /// The ratios are formed without dividing underflowed quantities: for `z <= -1`, `Phi/h = R(t) / B(t)` and
    /// `phi/h = 1 / B(t)` with `t = -z` (see `logH(_:)`), which behave like `t` and `t^2` as `z -> -infinity`.
    /// For `sd = 0` and `best > mean`, the derivatives are `-1 / (best - mean)` and 0; without improvement, 0 and 0.
    /// - Complexity: O(1).
    public static func logEIWithDerivatives(mean: Double, sd: Double, best: Double) -> ValueWithDerivatives {
        guard sd > 0 else {
            if sd.isNaN || mean.isNaN || best.isNaN { return .nan }
            let improvement = best - mean
            if improvement > 0 { return ValueWithDerivatives(value: log(improvement), dMean: -1 / improvement, dSD: 0) }
            return ValueWithDerivatives(value: -.infinity, dMean: 0, dSD: 0)
        }
        let z = (best - mean) / sd
        if z == .infinity {  // sd far below the improvement: h(z) ~ z
            let improvement = best - mean
            return ValueWithDerivatives(value: log(improvement), dMean: -1 / improvement, dSD: 0)
        }
        let core = logHWithRatios(z)
        return ValueWithDerivatives(value: log(sd) + core.logH, dMean: -core.cdfRatio / sd, dSD: core.pdfRatio / sd)
    }

    // MARK: - Expected improvement

    /// Expected improvement for minimization, `E[max(best - Y, 0)] = sd h(z)` with `z = (best - mean) / sd`
    /// (D. R. Jones, M. Schonlau and W. J. Welch, "Efficient global optimization of expensive black-box functions",
    /// J. Global Optim. 13, 1998, Eq. 15).
    ///
    /// For `z <= -1`, `h(z) = phi(z) B(-z)` as in `logH(_:)`, which avoids the cancellation of `phi + z Phi`; the
    /// value still underflows to 0 below about `z = -38` (use `logEI` to rank such points).
    /// - Complexity: O(1).
    public static func ei(mean: Double, sd: Double, best: Double) -> Double {
        eiWithDerivatives(mean: mean, sd: sd, best: best).value
    }

    /// Expected improvement and its derivatives, `d ei / d mean = -Phi(z)` and `d ei / d sd = phi(z)`.
    /// - Complexity: O(1).
    public static func eiWithDerivatives(mean: Double, sd: Double, best: Double) -> ValueWithDerivatives {
        guard sd > 0 else {
            if sd.isNaN || mean.isNaN || best.isNaN { return .nan }
            let improvement = best - mean
            return ValueWithDerivatives(value: max(improvement, 0), dMean: improvement > 0 ? -1 : 0, dSD: 0)
        }
        let z = (best - mean) / sd
        let density = StandardNormal.pdf(z)
        let probability = StandardNormal.cdf(z)
        let h = z > -1 ? density + z * probability : density * tailB(-z).b
        return ValueWithDerivatives(value: sd * h, dMean: -probability, dSD: density)
    }

    // MARK: - Probability of improvement

    /// Probability of improvement for minimization, `P(Y < best) = Phi(z)` with `z = (best - mean) / sd`
    /// (H. J. Kushner, "A new method of locating the maximum point of an arbitrary multipeak curve in the presence of
    /// noise", J. Basic Eng. 86(1), 1964).
    /// - Complexity: O(1).
    public static func pi(mean: Double, sd: Double, best: Double) -> Double {
        piWithDerivatives(mean: mean, sd: sd, best: best).value
    }

    /// Probability of improvement and its derivatives, `d pi / d mean = -phi(z) / sd` and
    /// `d pi / d sd = -z phi(z) / sd`.
    /// - Complexity: O(1).
    public static func piWithDerivatives(mean: Double, sd: Double, best: Double) -> ValueWithDerivatives {
        guard sd > 0 else {
            if sd.isNaN || mean.isNaN || best.isNaN { return .nan }
            return ValueWithDerivatives(value: mean < best ? 1 : 0, dMean: 0, dSD: 0)
        }
        let z = (best - mean) / sd
        let density = StandardNormal.pdf(z)
        return ValueWithDerivatives(value: StandardNormal.cdf(z), dMean: -density / sd, dSD: -z * density / sd)
    }

    /// The logarithm of the probability of improvement, `log Phi(z)`, finite for every finite `z`
    /// (`StandardNormal.logCDF`).
    /// - Complexity: O(1).
    public static func logPI(mean: Double, sd: Double, best: Double) -> Double {
        logPIWithDerivatives(mean: mean, sd: sd, best: best).value
    }

    /// Log probability of improvement and its derivatives, `d logPI / d mean = -lambda(z) / sd` and
    /// `d logPI / d sd = -z lambda(z) / sd`, with the inverse Mills ratio `lambda = phi / Phi` formed through erfcx
    /// in the lower tail (`StandardNormal.inverseMillsRatio`), where it behaves like `-z`.
    /// - Complexity: O(1).
    public static func logPIWithDerivatives(mean: Double, sd: Double, best: Double) -> ValueWithDerivatives {
        guard sd > 0 else {
            if sd.isNaN || mean.isNaN || best.isNaN { return .nan }
            return ValueWithDerivatives(value: mean < best ? 0 : -.infinity, dMean: 0, dSD: 0)
        }
        let z = (best - mean) / sd
        let lambda = StandardNormal.inverseMillsRatio(z)
        return ValueWithDerivatives(value: StandardNormal.logCDF(z), dMean: -lambda / sd, dSD: -z * lambda / sd)
    }

    // MARK: - Confidence bounds

    /// The lower confidence bound `mean - beta sd`, to be minimized (GP-UCB written for minimization: N. Srinivas,
    /// A. Krause, S. M. Kakade and M. Seeger, "Gaussian process optimization in the bandit setting: no regret and
    /// experimental design", ICML 2010, with `beta` their `sqrt(beta_t)`).
    /// - Parameters:
    ///   - beta: The exploration weight on the standard deviation, usually positive (for example 2, or
    ///     `StandardNormal.quantile(q)` for a one-sided `q`-level bound).
    /// - Complexity: O(1).
    public static func lcb(mean: Double, sd: Double, beta: Double) -> Double {
        mean - beta * max(sd, 0)
    }

    /// The lower confidence bound with its derivatives, `d lcb / d mean = 1` and `d lcb / d sd = -beta`.
    /// - Complexity: O(1).
    public static func lcbWithDerivatives(mean: Double, sd: Double, beta: Double) -> ValueWithDerivatives {
        ValueWithDerivatives(value: lcb(mean: mean, sd: sd, beta: beta), dMean: 1, dSD: -beta)
    }

    /// The upper confidence bound `mean + beta sd`: the pessimistic bound for minimization, and the GP-UCB
    /// acquisition (to maximize) of a maximization problem.
    /// - Complexity: O(1).
    public static func ucb(mean: Double, sd: Double, beta: Double) -> Double {
        mean + beta * max(sd, 0)
    }

    /// The upper confidence bound with its derivatives, `d ucb / d mean = 1` and `d ucb / d sd = beta`.
    /// - Complexity: O(1).
    public static func ucbWithDerivatives(mean: Double, sd: Double, beta: Double) -> ValueWithDerivatives {
        ValueWithDerivatives(value: ucb(mean: mean, sd: sd, beta: beta), dMean: 1, dSD: beta)
    }

    // MARK: - The core: log h and the ratios Phi/h, phi/h

    /// `log h(z)`, `Phi(z) / h(z)` and `phi(z) / h(z)`, each accurate for every `z` (see `logH(_:)`).
    static func logHWithRatios(_ z: Double) -> (logH: Double, cdfRatio: Double, pdfRatio: Double) {
        if z > -1 {
            let density = StandardNormal.pdf(z)
            let probability = StandardNormal.cdf(z)
            let h = density + z * probability
            return (log(h), probability / h, density / h)
        }
        if z.isNaN { return (.nan, .nan, .nan) }
        let t = -z
        if t == .infinity { return (-.infinity, .infinity, .infinity) }
        let tail = tailB(t)
        let logH = -(0.5 * t) * t - StandardNormal.halfLog2Pi + tail.logB
        // Phi / h = R / B and phi / h = 1 / B, with t^2 B (the series) kept apart from t^2 for large t.
        let millsRatio = StandardNormal.sqrtHalfPi * ErrorFunction.positiveErfcx(t * StandardNormal.inverseSqrt2)
        if let scaled = tail.tSquaredB {
            return (logH, t * (t * millsRatio) / scaled, (t / scaled) * t)
        }
        return (logH, millsRatio / tail.b, 1 / tail.b)
    }

    /// `B(t) = h(-t) / phi(t) = 1 - t R(t)` for `t >= 1`, with `log B(t)`, and for `t >= 100` also `t^2 B(t)` (the
    /// asymptotic series), so that callers can avoid the underflow of `B` itself beyond `t = 1e154`.
    @inline(__always)
    static func tailB(_ t: Double) -> (b: Double, logB: Double, tSquaredB: Double?) {
        if t >= 100 {
            let u = 1 / (t * t)
            let correction = -3 * u * (1 - 5 * u * (1 - 7 * u * (1 - 9 * u * (1 - 11 * u))))
            let scaled = 1 + correction  // t^2 B(t)
            return (u * scaled, -2 * log(t) + log1p(correction), scaled)
        }
        let y = t * StandardNormal.inverseSqrt2
        let b: Double
        if y > 4 {
            // 1 - y sqrt(pi) erfcx(y) = sqrt(pi) c(y) with Cody's third-range correction c: no cancellation.
            b = sqrtPi * ErrorFunction.largeCorrection(y)
        } else {
            // Ament et al.'s log1mexp(log(t R)) = log(1 - t R); loses at most about t^2 <= 32 ulps here.
            b = 1 - t * StandardNormal.sqrtHalfPi * ErrorFunction.positiveErfcx(y)
        }
        return (b, log(b), nil)
    }

    static let sqrtPi = 1.7724538509055160272981674833411451828
}

extension GaussianAcquisition.ValueWithDerivatives {
    static let nan = Self(value: .nan, dMean: .nan, dSD: .nan)
}
