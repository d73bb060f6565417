/// NSGA-II's crowding distance (Deb, Pratap, Agarwal & Meyarivan 2002, "A fast and elitist multiobjective genetic
/// algorithm: NSGA-II", IEEE TEVC 6(2), §III-B): for each point of a front, the sum over the objectives of the side
/// of the cuboid its two neighbours span, normalised by the objective's range,
///
///     d_i = Σ_m (f_m(next_i) − f_m(previous_i)) / (f_m^max − f_m^min),
///
/// with the neighbours in the order of objective m (ties by index) and the first and last points at `+∞`; an
/// objective whose values are all equal adds nothing, not even infinities (its ends would be arbitrary), as in
/// pymoo, whose `calc_crowding_distance` is the same divided by the number of objectives. Each term is summed as the
/// two gaps `(f(i) − f(previous))/range + (f(next) − f(i))/range`, pymoo's rounding.
public enum CrowdingDistance {
    /// The distance of each point of `front` (rows of m values).
    public static func of(_ front: [[Double]]) -> [Double] {
        let n = front.count
        guard n > 0 else { return [] }
        var distance = [Double](repeating: 0, count: n)
        for m in front[0].indices {
            let order = (0..<n).sorted { (front[$0][m], $0) < (front[$1][m], $1) }
            let range = front[order[n - 1]][m] - front[order[0]][m]
            guard range > 0 else { continue }
            distance[order[0]] = .infinity
            distance[order[n - 1]] = .infinity
            guard n > 2 else { continue }
            for k in 1..<(n - 1) {
                let (previous, value, next) = (front[order[k - 1]][m], front[order[k]][m], front[order[k + 1]][m])
                distance[order[k]] += (value - previous) / range + (next - value) / range
            }
        }
        return distance
    }
}
