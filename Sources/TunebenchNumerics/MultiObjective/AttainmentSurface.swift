/// The empirical attainment function's level sets in two objectives (V. Grunert da Fonseca, C. M. Fonseca and A. O.
/// Hall, "Inferential performance assessment of stochastic optimisers and the attainment function", EMO 2001; the
/// sweep of C. M. Fonseca, A. P. Guerreiro, M. López-Ibáñez and L. Paquete, "On the computation of the empirical
/// attainment function", EMO 2011).
///
/// Of R runs' attained sets, the k-th attainment surface bounds the points that at least k of the runs weakly
/// dominate: the best surface (k = 1), the median (k = ⌈R/2⌉) and the worst (k = R). Every objective is minimised.
public enum AttainmentSurface {
    /// The level of a percentile p of R runs, as moocore's `eaf` takes it: `max(1, ⌈p R / 100⌉)`.
    public static func level(percentile: Double, runs: Int) -> Int {
        max(1, min(runs, Int((percentile * Double(runs) / 100).rounded(.up))))
    }

    /// The corners of the k-th attainment surface of `runs` (each a list of (f1, f2) points), in increasing f1 and
    /// decreasing f2: sweeping the points by f1, each run keeps its least f2 so far, and a corner (f1, y) is
    /// emitted wherever the k-th least of those falls to y. Empty when fewer than k runs attain anything.
    /// Equal to moocore's `eaf(points, sets, percentiles)` for two objectives.
    public static func corners(of runs: [[[Double]]], level k: Int) -> [[Double]] {
        precondition(k >= 1 && k <= runs.count, "AttainmentSurface: level \(k) of \(runs.count) runs")
        var points: [(x: Double, y: Double, run: Int)] = []
        for (run, set) in runs.enumerated() {
            for point in set { points.append((point[0], point[1], run)) }
        }
        points.sort { ($0.x, $0.y, $0.run) < ($1.x, $1.y, $1.run) }
        var best = [Double](repeating: .infinity, count: runs.count)
        var corners: [[Double]] = []
        var current = Double.infinity
        var index = 0
        while index < points.count {
            let x = points[index].x
            while index < points.count, points[index].x == x {
                best[points[index].run] = min(best[points[index].run], points[index].y)
                index += 1
            }
            let kth = best.sorted()[k - 1]
            if kth < current {
                corners.append([x, kth])
                current = kth
            }
        }
        return corners
    }
}
