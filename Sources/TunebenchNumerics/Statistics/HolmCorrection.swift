/// Holm's step-down correction of p-values for a family of tests (S. Holm, "A simple sequentially rejective multiple
/// test procedure", Scand. J. Statist. 6(2), 1979).
///
/// Rejecting the hypotheses whose adjusted p-value is below `α` controls the family-wise error rate at `α` under any
/// dependence between the tests, and rejects at least what Bonferroni's correction rejects.
public enum HolmCorrection {
    /// The Holm-adjusted p-values of a family of `m` tests, as
    /// `statsmodels.stats.multitest.multipletests(pValues, method="holm")[1]`.
    ///
    /// With `p₍₁₎ ≤ … ≤ p₍ₘ₎` the p-values sorted ascending, `p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎)`; the
    /// running maximum keeps the adjusted values in the order of the raw ones, so tied p-values get equal adjusted
    /// values whatever order the sort leaves them in.
    /// - Parameter pValues: the raw p-values of the whole family, each in [0, 1].
    /// - Returns: the adjusted p-values, in the order of `pValues`; empty for an empty family.
    /// - Precondition: no NaN.
    /// - Complexity: O(m log m).
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        precondition(!pValues.contains { $0.isNaN }, "HolmCorrection: NaN p-value")
        let m = pValues.count
        // Stable for ties, so the output does not depend on the sort's algorithm (it could not anyway, see above).
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var runningMaximum = 0.0
        for (j, index) in order.enumerated() {
            runningMaximum = max(runningMaximum, min(1, Double(m - j) * pValues[index]))
            adjusted[index] = runningMaximum
        }
        return adjusted
    }
}
