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
    /// before it, and compared with the non-dominated points found so far: O(n log n + n f m) for a front of f.
    public static func isNondominated(_ points: [[Double]]) -> [Bool] {
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
