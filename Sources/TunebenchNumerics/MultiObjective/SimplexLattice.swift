/// Das and Dennis's simplex-lattice design: every point of the unit simplex {w ≥ 0, Σ w_i = 1} in m dimensions whose
/// coordinates are multiples of 1/H, C(H + m − 1, m − 1) points (I. Das and J. E. Dennis, "Normal-boundary
/// intersection: a new method for generating the Pareto surface in nonlinear multicriteria optimization problems",
/// SIAM J. Optimization 8(3), 1998). NSGA-III's reference directions and the linear and spherical fronts' samples.
public enum SimplexLattice {
    /// The lattice with `divisions` H, in lexicographic order of the counts (H, 0, ..., 0) last.
    public static func points(objectives m: Int, divisions: Int) -> [[Double]] {
        precondition(m >= 1 && divisions >= 1, "SimplexLattice: m = \(m), H = \(divisions)")
        var result: [[Double]] = []
        var counts = [Int](repeating: 0, count: m)
        func fill(_ axis: Int, _ left: Int) {
            if axis == m - 1 {
                counts[axis] = left
                result.append(counts.map { Double($0) / Double(divisions) })
                return
            }
            for count in 0...left {
                counts[axis] = count
                fill(axis + 1, left - count)
            }
        }
        fill(0, divisions)
        return result
    }

    /// The number of lattice points, C(H + m − 1, m − 1).
    public static func count(objectives m: Int, divisions: Int) -> Int {
        var result = 1
        for i in 1..<max(m, 1) { result = result * (divisions + i) / i }
        return result
    }

    /// The lattice with the fewest divisions that gives at least `count` points.
    public static func points(objectives m: Int, atLeast count: Int) -> [[Double]] {
        var divisions = 1
        while self.count(objectives: m, divisions: divisions) < count { divisions += 1 }
        return points(objectives: m, divisions: divisions)
    }
}
