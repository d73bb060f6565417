/// The bootstrap percentile confidence interval of a statistic (B. Efron and R. J. Tibshirani, "An introduction to
/// the bootstrap", Chapman & Hall, 1993, ch. 13).
///
/// From a sample `x₁ … xₙ`, `B` bootstrap samples are drawn, each of `n` values drawn uniformly with replacement;
/// `θ̂*_b` is the statistic of sample `b`. The interval at `level = 1 − 2α` is
///
///     [Q(θ̂*; α), Q(θ̂*; 1 − α)]
///
/// with `Q` the Hyndman–Fan type-7 quantile of the `B` values (``Statistics/quantile(sorted:_:)``). It is
/// approximate: for a mean of few values it is narrower than Student's t interval (the bootstrap's variance has the
/// divisor `n`, and its tails are those of a resampled mean, near the normal's), so it covers less than `level`; it
/// follows the skew of the statistic's bootstrap distribution. `B = 2000` keeps the Monte Carlo error of the ends
/// small beside that (Efron and Tibshirani recommend at least 1000 for percentile intervals).
///
/// **Determinism.** The draws come only from `generator`, through ``RandomNumberGenerator/nextIndex(below:)``, in the
/// order sample 1 value 1, sample 1 value 2, …, sample `B` value `n`; the same generator state and values give the
/// same interval, bit for bit.
public enum BootstrapInterval {
    /// The default number of bootstrap samples.
    public static let defaultResamples = 2000

    /// The percentile interval of `statistic` over `values`.
    /// - Parameters:
    ///   - values: the sample, at least one value, all finite.
    ///   - level: the confidence level, in (0, 1).
    ///   - resamples: `B`, at least 1.
    ///   - statistic: the statistic of a sample (the mean by default).
    ///   - generator: where the draws come from.
    /// - Returns: the interval's ends, the lower first.
    /// - Precondition: the conditions on the parameters; `statistic` gives no NaN.
    /// - Complexity: O(B · n) draws plus B evaluations of `statistic` and a sort of B values.
    public static func percentile(
        _ values: [Double], level: Double = 0.95, resamples: Int = defaultResamples,
        statistic: ([Double]) -> Double = Statistics.mean,
        using generator: inout some RandomNumberGenerator
    ) -> (lower: Double, upper: Double) {
        precondition(!values.isEmpty && values.allSatisfy(\.isFinite), "BootstrapInterval: empty or non-finite sample")
        precondition(level > 0 && level < 1, "BootstrapInterval: level \(level) outside (0, 1)")
        precondition(resamples > 0, "BootstrapInterval: no resamples")
        let n = values.count
        var sample = [Double](repeating: 0, count: n)
        var replicates = [Double](repeating: 0, count: resamples)
        for b in 0..<resamples {
            for i in 0..<n { sample[i] = values[generator.nextIndex(below: n)] }
            replicates[b] = statistic(sample)
        }
        replicates.sort()
        let tail = (1 - level) / 2
        return (Statistics.quantile(sorted: replicates, tail), Statistics.quantile(sorted: replicates, 1 - tail))
    }
}
