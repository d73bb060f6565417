import Foundation

/// The normal distribution `N(μ, σ²)` truncated to `[lower, upper]`: log-density, log-probability of an interval
/// and sampling by the inverse distribution function, accurate far in the tails.
///
/// With standardised bounds `a = (lower − μ)/σ`, `b = (upper − μ)/σ` and `Z = Φ(b) − Φ(a)`, the density is
/// `φ((x − μ)/σ) / (σ Z)` on the interval, and the log-mass of `[a, b]` is computed without cancellation
/// (``logMass(_:_:)``).
public struct TruncatedNormal: Sendable, Hashable {
    public let mean: Double
    public let deviation: Double
    public let lower: Double
    public let upper: Double
    /// `log Z`.
    public let logNormalizer: Double
    /// `Φ(a)` and `Φ(b)`, or `Φ(−b)` and `Φ(−a)` when `a > 0`: the ends of the quantile's interval.
    private let cdfLow: Double
    private let cdfHigh: Double

    /// - Precondition: `deviation > 0`, `lower < upper`.
    public init(mean: Double, deviation: Double, lower: Double, upper: Double) {
        precondition(deviation > 0 && lower < upper, "TruncatedNormal: need deviation > 0 and lower < upper")
        self.mean = mean
        self.deviation = deviation
        self.lower = lower
        self.upper = upper
        let (a, b) = ((lower - mean) / deviation, (upper - mean) / deviation)
        if a <= 0 && b >= 0 {
            // The common case (the mean inside the interval): two evaluations of Φ serve both.
            let (below, above) = (StandardNormal.cdf(a), StandardNormal.cdf(-b))
            logNormalizer = log1p(-below - above)
            (cdfLow, cdfHigh) = (below, 1 - above)
        } else {
            logNormalizer = Self.logMass(a, b)
            (cdfLow, cdfHigh) = a <= 0 ? (StandardNormal.cdf(a), StandardNormal.cdf(b)) : (StandardNormal.cdf(-b), StandardNormal.cdf(-a))
        }
    }

    /// `log(Φ(b) − Φ(a))` for standardised `a ≤ b`: with `log Φ` when both lie below 0, by symmetry when both lie
    /// above, and as `log1p(−Φ(a) − Φ(−b))` when the interval holds 0; `−∞` for an empty interval.
    public static func logMass(_ a: Double, _ b: Double) -> Double {
        guard a < b else { return -.infinity }
        if b <= 0 {
            let (la, lb) = (StandardNormal.logCDF(a), StandardNormal.logCDF(b))
            return lb + log1p(-exp(la - lb))
        }
        if a > 0 { return logMass(-b, -a) }
        return log1p(-StandardNormal.cdf(a) - StandardNormal.cdf(-b))
    }

    /// The log-density at `x`; `−∞` outside the interval.
    public func logDensity(_ x: Double) -> Double {
        guard x >= lower && x <= upper else { return -.infinity }
        return StandardNormal.logPDF((x - mean) / deviation) - log(deviation) - logNormalizer
    }

    /// The log-probability of `[left, right]` (clipped to the interval).
    public func logProbability(from left: Double, to right: Double) -> Double {
        let (l, r) = (max(left, lower), min(right, upper))
        return Self.logMass((l - mean) / deviation, (r - mean) / deviation) - logNormalizer
    }

    /// The value whose distribution function is `u ∈ [0, 1]`, computed on the side of the mean where it is accurate.
    public func quantile(_ u: Double) -> Double {
        if u <= 0 { return lower }
        if u >= 1 { return upper }
        let (pa, pb) = (cdfLow, cdfHigh)
        let z: Double
        if lower <= mean {
            z = StandardNormal.quantile(min(max(pa + u * (pb - pa), 0), 1))
        } else {
            // Mirror: the upper tail of −Z, where Φ keeps its precision.
            z = -StandardNormal.quantile(min(max(pa + (1 - u) * (pb - pa), 0), 1))
        }
        return min(max(mean + deviation * z, lower), upper)
    }
}
