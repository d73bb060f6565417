/// NSGA-III's survival of the last front that does not fit (K. Deb and H. Jain, "An evolutionary many-objective
/// optimization algorithm using reference-point-based nondominated sorting approach, part I: solving problems with
/// box constraints", IEEE TEVC 18(4), 2014, §IV-C to IV-E, Algorithms 2 to 4): the members kept so far and the last
/// front are normalised together, each is associated with its nearest reference line, and the last front's members
/// are picked one at a time for the reference lines that have fewest members so far.
///
/// **Normalisation** (Algorithm 2) of the set S (kept and last front, minimised objectives): the ideal point
/// `z_i = min_S f_i` is subtracted; the extreme point of axis i is the member minimising the achievement scalarizing
/// function `ASF(f', w) = max_j f'_j / w_j` with `w` = 10⁻⁶ but 1 on axis i; the m extreme points span a hyperplane
/// whose intercepts `a_i` divide the translated objectives. Where the hyperplane cannot be formed (the extreme points
/// do not span it, or an intercept is not positive and finite), the paper is silent; the intercepts are then each
/// objective's largest translated value in S (its worst point), as Optuna 5.0.0's NSGAIIISampler does where the
/// extreme points do not span a hyperplane (`_normalize_objective_values`; where they span one with an intercept that
/// is not positive, Optuna divides by it anyway, which turns that objective round: Tunebench falls back instead,
/// `OptunaNSGA3AgreementTests`); an intercept below 10⁻¹² becomes 1 (a constant objective).
///
/// **Association** (Algorithm 3): each normalised point goes to the reference direction `w` of smallest perpendicular
/// distance `‖s − (wᵀs / wᵀw) w‖` (the first on ties).
///
/// **Niching** (Algorithm 4): `ρ_j` counts the kept members of direction j. While members are missing: among the
/// directions still open, those of smallest `ρ_j`, one drawn uniformly; if the last front has no unpicked member on
/// it, the direction closes; otherwise its member of smallest distance is picked when `ρ_j = 0` (the first on ties),
/// else one drawn uniformly, and `ρ_j` grows by one.
public enum ReferencePointNiching {
    /// The positions in `lastFront` of the `count` members picked, in the order picked.
    /// - Parameters:
    ///   - kept: the objective vectors of the members already kept (whole fronts).
    ///   - lastFront: the objective vectors of the front that does not fit; `count` ≤ its size.
    ///   - directions: the reference directions (such as ``SimplexLattice`` points), none zero.
    public static func survivors<Generator: RandomNumberGenerator>(
        kept: [[Double]], lastFront: [[Double]], count: Int, directions: [[Double]], using generator: inout Generator
    ) -> [Int] {
        guard count < lastFront.count else { return Array(lastFront.indices) }
        guard count > 0 else { return [] }
        precondition(!directions.isEmpty, "ReferencePointNiching: no reference direction")
        let normalized = normalize(kept + lastFront)
        let associations = normalized.map { nearestDirection($0, directions) }
        var niche = [Int](repeating: 0, count: directions.count)
        for (direction, _) in associations.prefix(kept.count) { niche[direction] += 1 }
        var members = [[Int]](repeating: [], count: directions.count)
        for (position, association) in associations.dropFirst(kept.count).enumerated() {
            members[association.direction].append(position)
        }
        let distances = associations.dropFirst(kept.count).map(\.distance)
        var open = Array(directions.indices)
        var picked: [Int] = []
        while picked.count < count, !open.isEmpty {
            let fewest = open.map { niche[$0] }.min()!
            let candidates = open.indices.filter { niche[open[$0]] == fewest }
            let place = candidates[generator.nextIndex(below: candidates.count)]
            let direction = open[place]
            guard !members[direction].isEmpty else {
                open.remove(at: place)
                continue
            }
            let slot: Int
            if niche[direction] == 0 {
                slot = members[direction].indices.min {
                    distances[members[direction][$0]] != distances[members[direction][$1]]
                        ? distances[members[direction][$0]] < distances[members[direction][$1]] : $0 < $1
                }!
            } else {
                slot = generator.nextIndex(below: members[direction].count)
            }
            picked.append(members[direction].remove(at: slot))
            niche[direction] += 1
        }
        return picked
    }

    /// The points translated by their ideal point and divided by the intercepts of the extreme points' hyperplane
    /// (or by their nadir point where it cannot be formed).
    public static func normalize(_ points: [[Double]]) -> [[Double]] {
        guard let m = points.first?.count else { return [] }
        let ideal = (0..<m).map { j in points.map { $0[j] }.min()! }
        let translated = points.map { zip($0, ideal).map { $0 - $1 } }
        let extremes = (0..<m).map { axis in
            translated.min { a, b in
                achievement(a, axis: axis) < achievement(b, axis: axis)
            }!
        }
        var intercepts = hyperplaneIntercepts(extremes)
        if intercepts == nil || !intercepts!.allSatisfy({ $0.isFinite && $0 > 1e-12 }) {
            intercepts = (0..<m).map { j in translated.map { $0[j] }.max()! }
        }
        let scale = intercepts!.map { $0 > 1e-12 ? $0 : 1 }
        return translated.map { zip($0, scale).map { $0 / $1 } }
    }

    /// `max_j f_j / w_j` with `w_j` = 1 on `axis` and 10⁻⁶ elsewhere.
    static func achievement(_ f: [Double], axis: Int) -> Double {
        f.indices.map { f[$0] / ($0 == axis ? 1 : 1e-6) }.max()!
    }

    /// The intercepts `1 / b_i` of the hyperplane `bᵀf = 1` through the rows of `points` (m points of m values), by
    /// Gaussian elimination with partial pivoting; `nil` when they do not determine one.
    static func hyperplaneIntercepts(_ points: [[Double]]) -> [Double]? {
        let m = points.count
        var a = points
        var b = [Double](repeating: 1, count: m)
        for column in 0..<m {
            let pivot = (column..<m).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<m {
                let factor = a[row][column] / a[column][column]
                for k in column..<m { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: m)
        for row in stride(from: m - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<m { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x.map { 1 / $0 }
    }

    /// The direction of smallest perpendicular distance to `point`, and that distance.
    static func nearestDirection(_ point: [Double], _ directions: [[Double]]) -> (direction: Int, distance: Double) {
        var best = (direction: 0, distance: Double.infinity)
        for (index, w) in directions.enumerated() {
            let projection = zip(w, point).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0) { $0 + $1 * $1 }
            let distance = zip(point, w).reduce(0) { $0 + ($1.0 - projection * $1.1) * ($1.0 - projection * $1.1) }
                .squareRoot()
            if distance < best.distance { best = (index, distance) }
        }
        return best
    }
}
