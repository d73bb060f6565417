/// Greedy hypervolume subset selection: `k` of a set of mutually non-dominated points (minimised) chosen one at a
/// time, each time the point whose hypervolume contribution to those already chosen is largest. The greedy choice
/// attains at least `1 − 1/e` of the best subset's hypervolume, the hypervolume being submodular (A. P. Guerreiro,
/// C. M. Fonseca and L. Paquete, "Greedy hypervolume subset selection in low dimensions", Evolutionary Computation
/// 24(3), 2016).
///
/// The conventions are Optuna 5.0.0's `_solve_hssp` (`optuna/_hypervolume/hssp.py`), which multi-objective TPE uses to
/// break the tie in its last non-domination rank:
/// - equal points count once: the candidates are the distinct points in lexicographic order (NumPy's `unique` along
///   rows), each standing for its first occurrence; when there are fewer distinct points than `k`, every distinct
///   point is chosen and then the first repeated ones by position;
/// - with a reference point that is not finite, the first `k` distinct points in that order;
/// - ties of contribution go to the first candidate in that order.
///
/// With two objectives a point's contribution is the rectangle between it and the nearest chosen points on either
/// side (or the reference point), which the sweep narrows as points are chosen, O(k n). With more, the contribution
/// of `p` to the chosen set `S` is `HV({p}) − HV({max(p, s) : s ∈ S})` (componentwise maxima), by ``Hypervolume``.
public enum HypervolumeSubsetSelection {
    /// The positions in `points` of the `count` points chosen, in the order chosen (every position when `count` is at
    /// least the number of points). `points` are mutually non-dominated; `reference` has their number of objectives.
    public static func greedy(_ points: [[Double]], count: Int, reference: [Double]) -> [Int] {
        guard count < points.count else { return Array(points.indices) }
        guard count > 0 else { return [] }
        let distinct = distinctInLexicographicOrder(points)
        if distinct.count < count {
            var chosen = [Bool](repeating: false, count: points.count)
            for index in distinct { chosen[index] = true }
            let repeated = points.indices.filter { !chosen[$0] }
            for index in repeated.prefix(count - distinct.count) { chosen[index] = true }
            return points.indices.filter { chosen[$0] }
        }
        guard reference.allSatisfy(\.isFinite) else { return Array(distinct.prefix(count)) }
        guard distinct.count > count else { return distinct }
        let candidates = distinct.map { points[$0] }
        let chosen = reference.count == 2
            ? greedyTwoObjectives(candidates, count: count, reference: reference)
            : greedyByContribution(candidates, count: count, reference: reference)
        return chosen.map { distinct[$0] }
    }

    /// The position of the first occurrence of each distinct point, the points in lexicographic order.
    static func distinctInLexicographicOrder(_ points: [[Double]]) -> [Int] {
        let order = points.indices.sorted { a, b in
            for (x, y) in zip(points[a], points[b]) where x != y { return x < y }
            return a < b
        }
        var distinct: [Int] = []
        for index in order where distinct.last.map({ points[$0] != points[index] }) ?? true {
            distinct.append(index)
        }
        return distinct
    }

    /// Two objectives, the candidates sorted by the first (so descending in the second): each remaining candidate's
    /// contribution is the rectangle from it to its corner `(x, y)`, where `x` is the first objective of the nearest
    /// chosen point after it and `y` the second of the nearest chosen point before it (the reference's coordinates
    /// when there is none).
    static func greedyTwoObjectives(_ points: [[Double]], count: Int, reference: [Double]) -> [Int] {
        var remaining = Array(points.indices)
        var corners = [[Double]](repeating: reference, count: points.count)
        var chosen: [Int] = []
        for _ in 0..<count {
            let best = firstMaximum(remaining.indices) { position in
                let p = points[remaining[position]]
                return (corners[position][0] - p[0]) * (corners[position][1] - p[1])
            }
            let picked = points[remaining[best]]
            chosen.append(remaining[best])
            remaining.remove(at: best)
            corners.remove(at: best)
            for position in corners.indices {
                if position < best {
                    corners[position][0] = min(picked[0], corners[position][0])
                } else {
                    corners[position][1] = min(picked[1], corners[position][1])
                }
            }
        }
        return chosen
    }

    /// Three or more objectives: each remaining candidate's contribution to the chosen set, recomputed after every
    /// choice.
    static func greedyByContribution(_ points: [[Double]], count: Int, reference: [Double]) -> [Int] {
        var remaining = Array(points.indices)
        var chosen: [Int] = []
        for _ in 0..<count {
            let best = firstMaximum(remaining.indices) { position in
                let p = points[remaining[position]]
                let alone = zip(reference, p).reduce(1.0) { $0 * ($1.0 - $1.1) }
                let shadowed = chosen.map { zip(p, points[$0]).map { Swift.max($0, $1) } }
                return alone - Hypervolume.exact(shadowed, reference: reference)
            }
            chosen.append(remaining.remove(at: best))
        }
        return chosen
    }

    /// The first position of largest `contribution` (NaN never wins; the first position when none is larger than
    /// −∞).
    private static func firstMaximum(_ positions: Range<Int>, _ contribution: (Int) -> Double) -> Int {
        var best = positions.lowerBound
        var largest = -Double.infinity
        for position in positions {
            let value = contribution(position)
            if value > largest {
                best = position
                largest = value
            }
        }
        return best
    }
}
