/// Descriptive statistics used by the aggregates and reports.
///
/// Quantiles follow Hyndman and Fan's definition 7 (linear interpolation between order statistics), the default
/// of NumPy's `quantile`, R's `quantile` and SciPy, so that numbers can be checked against those tools
/// (R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", Am. Stat. 50(4), 1996).
public enum Statistics {
    /// The `p`-quantile of already sorted values: with `h = (n - 1) p`, `x[floor h] + (h - floor h)(x[floor h + 1] -
    /// x[floor h])`.
    ///
    /// Infinite values are allowed (a run that has not yet found a finite value has infinite regret); the
    /// interpolation then returns the infinite neighbour rather than NaN.
    /// - Precondition: `sorted` is non-empty, ascending, without NaN; `0 <= p <= 1`.
    /// - Complexity: O(1).
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample")
        precondition((0...1).contains(p), "quantile level \(p) outside [0, 1]")
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        return interpolated(sorted[lower], sorted[upper], fraction)
    }

    /// `a + fraction (b - a)`, or the infinite one of `a` and `b` (the quantiles' rule).
    private static func interpolated(_ a: Double, _ b: Double, _ fraction: Double) -> Double {
        if fraction == 0 || a == b { return a }
        if a.isInfinite { return a }
        if b.isInfinite { return b }
        return a + fraction * (b - a)
    }

    /// The `p`-quantile of unsorted values.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        quantile(sorted: values.sorted(), p)
    }

    /// The median (the 0.5-quantile).
    ///
    /// A sample of more than 64 values without NaN and without zero is not sorted: its middle order statistics are
    /// found by selection (``select(rank:in:)``). Its equal values then have equal bits, so the result is the sorted
    /// sample's, bit for bit. A zero (+0 and −0 compare equal but print apart) or NaN sends the sample to
    /// ``quantile(_:_:)``, whose sort decides their order.
    /// - Complexity: O(n) expected for a large sample without NaN or zero, else O(n log n).
    public static func median(_ values: [Double]) -> Double {
        guard values.count > 64, !values.contains(where: { $0 == 0 || $0.isNaN }) else { return quantile(values, 0.5) }
        var work = values
        let middle = work.count / 2
        let upper = work.withUnsafeMutableBufferPointer { select(rank: middle, in: $0) }
        guard work.count % 2 == 0 else { return upper }
        // Everything before `middle` is at most `upper`: the order statistic below it is their largest.
        return interpolated(work[..<middle].max()!, upper, 0.5)
    }

    /// The arithmetic mean; NaN for an empty sample.
    public static func mean(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        // With an infinite value the mean is that infinity (or NaN for +inf and -inf); compensation would give NaN.
        if values.contains(where: { !$0.isFinite }) { return values.reduce(0, +) / Double(values.count) }
        // Kahan-Babuska (Neumaier) compensated sum, so that the mean does not depend on accumulated rounding.
        var sum = 0.0
        var compensation = 0.0
        for x in values {
            let t = sum + x
            if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
            sum = t
        }
        return (sum + compensation) / Double(values.count)
    }

    /// The sample standard deviation with Bessel's correction (divisor `n - 1`); NaN for fewer than two values.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        let m = mean(values)
        let squares = values.map { ($0 - m) * ($0 - m) }
        return (mean(squares) * Double(values.count) / Double(values.count - 1)).squareRoot()
    }
}
