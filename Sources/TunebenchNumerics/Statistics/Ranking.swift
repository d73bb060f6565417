/// Ranks of the values of a sample, for rank statistics over optimizers or runs.
public enum Ranking {
    /// The mid-ranks of `values`: ranks from 1 for the smallest value, each group of tied values getting the mean of
    /// the ranks it spans, as `scipy.stats.rankdata(values, method="average")`.
    ///
    /// If values `k + 1 … k + t` of the sorted sample tie, each of them gets rank `k + (t + 1)/2`; the ranks therefore
    /// always sum to `n(n + 1)/2`. `+inf` values tie with each other and rank last, `-inf` values first. NaN, which no
    /// metric should be, ranks after `+inf`, NaNs tying with each other (SciPy would return NaN ranks throughout).
    /// - Parameter values: the sample, in any order.
    /// - Returns: the rank of each value, in the order of `values`.
    /// - Complexity: O(n log n).
    public static func midRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { precedes(values[$0], values[$1]) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && ties(values[order[end + 1]], values[order[start]]) { end += 1 }
            // Positions start…end (from 0) hold ranks start + 1 … end + 1, whose mean is (start + end + 2) / 2.
            let rank = Double(start + end + 2) / 2
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// `Σₜ (t³ − t)` over the groups of tied values of a sample, given its mid-ranks (tied values share a mid-rank,
    /// so the groups are the runs of equal ranks): the term by which ties shrink the variance of a rank statistic.
    /// - Parameter ranks: the mid-ranks of ``midRanks(_:)``, in any order.
    /// - Returns: 0 when no two values tie.
    /// - Complexity: O(n log n).
    public static func tieTerm(_ ranks: [Double]) -> Double {
        let sorted = ranks.sorted()
        var term = 0.0
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count && sorted[end + 1] == sorted[start] { end += 1 }
            let t = Double(end - start + 1)
            term += t * t * t - t
            start = end + 1
        }
        return term
    }

    /// The strict order of ``midRanks(_:)``: numbers ascending, NaN after everything.
    private static func precedes(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b
    }

    private static func ties(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN)
    }
}
