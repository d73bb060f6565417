/// Pareto dominance between objective vectors, every objective minimised: a dominates b (a ≺ b) when
/// a_i ≤ b_i for every i and a_i < b_i for some i.
public enum ParetoDominance {
    /// Whether `a` dominates `b`.
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for (u, v) in zip(a, b) {
            if u > v { return false }
            if u < v { strictly = true }
        }
        return strictly
    }

    /// For each point, whether no other point dominates it; of equal non-dominated points only the first counts
    /// (moocore's `is_nondominated` with `keep_weakly=False`).
    ///
    /// Points are visited in lexicographic order, in which a point can be dominated or equalled only by points
    /// before it. With two or three objectives each is checked against the staircase of the (y, z) projections of
    /// the non-dominated points so far (Kung, Luccio & Preparata 1975, "On finding the maxima of a set of vectors",
    /// JACM 22(4)): O(n log n) but for the shifts of a sorted array. With more, against every non-dominated point
    /// found so far: O(n log n + n f m) for a front of f.
    public static func isNondominated(_ points: [[Double]]) -> [Bool] {
        if let m = points.first?.count, m == 2 || m == 3, points.allSatisfy({ $0.count == m }) {
            return staircaseNondominated(points)
        }
        var result = [Bool](repeating: false, count: points.count)
        var front: [Int] = []
        for index in lexicographicOrder(points) {
            let point = points[index]
            let covered = front.contains { keeper in
                zip(points[keeper], point).allSatisfy { $0 <= $1 }
            }
            if !covered {
                front.append(index)
                result[index] = true
            }
        }
        return result
    }

    /// ``isNondominated(_:)`` for two or three objectives: (y, z) of the points kept so far, y ascending and z strictly
    /// descending, so that the kept point of largest y ≤ y_p has the least z among those; p is covered when that z is
    /// at most z_p. (With two objectives z is 0 for all.)
    static func staircaseNondominated(_ points: [[Double]]) -> [Bool] {
        var result = [Bool](repeating: false, count: points.count)
        var ys: [Double] = []
        var zs: [Double] = []
        for index in lexicographicOrder(points) {
            let y = points[index][1]
            let z = points[index].count == 3 ? points[index][2] : 0
            // The first position whose y exceeds y_p.
            var low = 0
            var high = ys.count
            while low < high {
                let middle = (low + high) >> 1
                if ys[middle] <= y { low = middle + 1 } else { high = middle }
            }
            if low > 0, zs[low - 1] <= z { continue }
            result[index] = true
            // Drop the kept projections that p covers: y ≥ y_p (from `low` on) with z ≥ z_p, a run.
            var end = low
            while end < ys.count, zs[end] >= z { end += 1 }
            ys.replaceSubrange(low..<end, with: [y])
            zs.replaceSubrange(low..<end, with: [z])
        }
        return result
    }

    /// The non-dominated sorting rank of each point, from 0 (Deb, Pratap, Agarwal & Meyarivan 2002, "A fast and
    /// elitist multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2)): rank 0 is the non-dominated set, rank k
    /// the non-dominated set of what ranks below k leave; equal points share a rank (moocore's `pareto_rank`).
    public static func ranks(_ points: [[Double]]) -> [Int] {
        var ranks = [Int](repeating: -1, count: points.count)
        var remaining = lexicographicOrder(points)
        var rank = 0
        while !remaining.isEmpty {
            var front: [Int] = []
            var rest: [Int] = []
            for index in remaining {
                let point = points[index]
                if front.contains(where: { dominates(points[$0], point) }) {
                    rest.append(index)
                } else {
                    front.append(index)
                    ranks[index] = rank
                }
            }
            remaining = rest
            rank += 1
        }
        return ranks
    }

    /// The indices ordered lexicographically by their points, ties by index.
    static func lexicographicOrder(_ points: [[Double]]) -> [Int] {
        points.indices.sorted { a, b in
            for (u, v) in zip(points[a], points[b]) where u != v { return u < v }
            return a < b
        }
    }
}
