/// Distance-based quality indicators of an approximation set A against a reference set R (usually points of the
/// true Pareto front), every objective minimised. Lower is better for each.
public enum QualityIndicators {
    /// The inverted generational distance, IGD(A, R) = (1/|R|) Σ_{r ∈ R} min_{a ∈ A} ‖a − r‖₂ (Coello Coello &
    /// Reyes Sierra 2004; the mean of Euclidean distances, as moocore's `igd` and pymoo's `IGD`).
    public static func igd(_ points: [[Double]], reference: [[Double]]) -> Double {
        meanOfClosest(points, reference) { a, r in
            var sum = 0.0
            for (u, v) in zip(a, r) { sum += (u - v) * (u - v) }
            return sum.squareRoot()
        }
    }

    /// IGD+ (Ishibuchi, Masuda, Tanigaki & Nojima 2015, "Modified distance calculation in generational distance and
    /// inverted generational distance", EMO): as IGD with d⁺(a, r) = ‖max(a − r, 0)‖₂, which counts only the
    /// objectives in which a is worse than r, so that it is weakly Pareto compliant.
    public static func igdPlus(_ points: [[Double]], reference: [[Double]]) -> Double {
        meanOfClosest(points, reference) { a, r in
            var sum = 0.0
            for (u, v) in zip(a, r) where u > v { sum += (u - v) * (u - v) }
            return sum.squareRoot()
        }
    }

    /// The additive epsilon indicator (Zitzler, Thiele, Laumanns, Fonseca & da Fonseca 2003, "Performance
    /// assessment of multiobjective optimizers: an analysis and review", IEEE TEVC 7(2)):
    /// ε₊(A, R) = max_{r ∈ R} min_{a ∈ A} max_i (a_i − r_i), the least shift that makes A weakly dominate R.
    public static func additiveEpsilon(_ points: [[Double]], reference: [[Double]]) -> Double {
        var worst = -Double.infinity
        for r in reference {
            var best = Double.infinity
            for a in points {
                var shift = -Double.infinity
                for (u, v) in zip(a, r) { shift = max(shift, u - v) }
                best = min(best, shift)
            }
            worst = max(worst, best)
        }
        return worst
    }

    /// (1/|R|) Σ_{r ∈ R} min_{a ∈ A} distance(a, r); infinity when A is empty.
    private static func meanOfClosest(
        _ points: [[Double]], _ reference: [[Double]], distance: ([Double], [Double]) -> Double
    ) -> Double {
        guard !reference.isEmpty else { return 0 }
        var sum = 0.0
        for r in reference {
            var closest = Double.infinity
            for a in points { closest = min(closest, distance(a, r)) }
            sum += closest
        }
        return sum / Double(reference.count)
    }
}
