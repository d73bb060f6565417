/// The hypervolume indicator (Zitzler & Thiele 1998): the Lebesgue measure of the region that a set of points
/// dominates and that dominates a reference point r, every objective minimised,
///
///     HV(A; r) = λ( ⋃_{a ∈ A} [a₁, r₁) × … × [a_m, r_m) ).
///
/// Points that do not dominate r strictly in every objective add nothing and are left out. Computed exactly:
/// - m = 1: r − min a;
/// - m = 2: a sort and one sweep, O(n log n);
/// - m = 3: the dimension sweep of Fonseca, Paquete & López-Ibáñez 2006 (O(n log n) with Beume et al. 2009's
///   balanced search; here a ``RankSet`` over the x ranks, see ``SweepFront``);
/// - m = 4: a sweep along the fourth objective that adds each point's exclusive three-dimensional contribution,
///   computed from the points kept so far: the base of the point's box from one pass over those below it in x
///   order, then a clipped sweep over those above it in z order (whose clipped fronts are small: O(n²) in practice,
///   as Guerreiro & Fonseca 2018's HV4D+ always is, "Computing and updating hypervolume contributions in up to four
///   dimensions", IEEE TEVC 22(3); O(n³) in the worst case, a clipped front as large as the set);
/// - m ≥ 5: the same sweep along the last objective over (m − 1)-dimensional slices, O(n^(m−2)), exact but slow.
///
/// Checked against moocore's C code to a relative 10⁻¹² (`MoocoreAgreementTests`,
/// `Tests/Scripts/moocore_reference.py`).
public enum Hypervolume {
    /// The hypervolume of `points` (rows of m objective values) with respect to `reference` (m values).
    ///
    /// - Precondition: every row has `reference.count` values, and `reference` has at least one; the values are
    ///   finite (objective values always are: a failed trial has none).
    public static func exact(_ points: [[Double]], reference: [Double]) -> Double {
        let m = reference.count
        precondition(m >= 1, "Hypervolume: the reference point has no coordinates")
        var flat: [Double] = []
        flat.reserveCapacity(points.count * m)
        for point in points {
            precondition(point.count == m, "Hypervolume: a point has \(point.count) values, the reference \(m)")
            if zip(point, reference).allSatisfy({ $0 < $1 }) { flat.append(contentsOf: point) }
        }
        return exact(flat: flat, dimension: m, reference: reference)
    }

    /// The hypervolume of the points stored row after row in `flat`, each strictly below `reference`, every
    /// coordinate finite (an infinite one can make the four-objective sweep's products 0 × ∞).
    static func exact(flat: [Double], dimension m: Int, reference: [Double]) -> Double {
        let n = flat.count / m
        guard n > 0 else { return 0 }
        switch m {
        case 1: return reference[0] - flat.min()!
        case 2: return area(flat: flat, reference: (reference[0], reference[1]))
        case 3: return volume3(flat: flat, reference: reference)
        case 4: return volume4(flat: flat, reference: reference)
        default: return sliced(flat: flat, dimension: m, reference: reference)
        }
    }

    // MARK: - Two objectives

    /// Sorted by x ascending, each point below the lowest y so far adds the rectangle (r_x − x)(y_prev − y). (Among
    /// equal x the order does not matter: the rectangles of a run of equal x add up to (r_x − x)(y_prev − min y).)
    static func area(flat: [Double], reference: (Double, Double)) -> Double {
        var points = (0..<(flat.count / 2)).map { SIMD2(flat[2 * $0], flat[2 * $0 + 1]) }
        points.sort { $0.x < $1.x }
        var lowest = reference.1
        var area = 0.0
        for point in points where point.y < lowest {
            area += (reference.0 - point.x) * (lowest - point.y)
            lowest = point.y
        }
        return area
    }

    // MARK: - Three objectives

    /// Points in z order join the (x, y) front; between consecutive z values the front's area is the volume's
    /// cross-section: HV = Σ_i A_i (z_{i+1} − z_i), with z_{n+1} = r_z.
    static func volume3(flat: [Double], reference: [Double]) -> Double {
        let points = RankedPoints(flat: flat)
        return points.xs.withUnsafeBufferPointer { xs in
            points.ys.withUnsafeBufferPointer { ys in
                var front = SweepFront(xs: xs, ys: ys, reference: (reference[0], reference[1]))
                var volume = 0.0
                var previous = points.zs[points.byZ[0]]
                for rank in points.byZ {
                    let z = points.zs[rank]
                    volume += front.area * (z - previous)
                    previous = z
                    front.insert(rank: rank)
                }
                return volume + front.area * (reference[2] - previous)
            }
        }
    }

    // MARK: - Four objectives

    /// Points in w order: HV = Σ_i V_i (w_{i+1} − w_i), where V_i, the three-dimensional volume of the first i
    /// points, grows by each point's exclusive contribution
    /// (``contribution(of:kept:keptByX:rankOfX:xByRank:xs:ys:zs:staircase:zReference:)``).
    /// Points dominated in (x, y, z) by a kept point add nothing and are not kept; kept points that a new point
    /// dominates are dropped.
    static func volume4(flat: [Double], reference: [Double]) -> Double {
        let n = flat.count / 4
        // Coordinates by z position, so that the sweeps above a point read memory in order, and by x rank, so that
        // the base of a point's box is built in one pass (``contribution(of:...)``).
        let byZ = (0..<n).sorted { (flat[$0 * 4 + 2], $0) < (flat[$1 * 4 + 2], $1) }
        let xs = byZ.map { flat[$0 * 4] }
        let ys = byZ.map { flat[$0 * 4 + 1] }
        let zs = byZ.map { flat[$0 * 4 + 2] }
        let ws = byZ.map { flat[$0 * 4 + 3] }
        let byX = (0..<n).sorted { (xs[$0], $0) < (xs[$1], $1) }
        var rankOfX = [Int](repeating: 0, count: n)
        for (rank, position) in byX.enumerated() { rankOfX[position] = rank }
        let xByRank = byX.map { (xs[$0], ys[$0], zs[$0], $0) }
        let byW = (0..<n).sorted { (ws[$0], $0) < (ws[$1], $1) }
        var kept = KeptSet(count: n)
        var keptByX = KeptSet(count: n)
        var staircase = ClippedStaircase(capacity: n, reference: (reference[0], reference[1]))
        var total = 0.0
        var volume = 0.0
        var previous = ws[byW[0]]
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                zs.withUnsafeBufferPointer { zs in
                    xByRank.withUnsafeBufferPointer { xByRank in
                        for p in byW {
                            total += volume * (ws[p] - previous)
                            previous = ws[p]
                            guard
                                let added = contribution(
                                    of: p, kept: &kept, keptByX: &keptByX, rankOfX: rankOfX, xByRank: xByRank,
                                    xs: xs, ys: ys, zs: zs, staircase: &staircase, zReference: reference[2])
                            else { continue }
                            volume += added
                            kept.insert(p)
                            keptByX.insert(rankOfX[p])
                        }
                    }
                }
            }
        }
        return total + volume * (reference[3] - previous)
    }

    /// The volume that the point `p` (a z position) dominates in (x, y, z) and no kept point does, or `nil` when a
    /// kept point dominates it (weakly): ∫_{z_p}^{r_z} (box area − dominated area) dz over `p`'s box
    /// [x_p, r_x) × [y_p, r_y). Drops from the kept sets the points that `p` dominates.
    ///
    /// Two passes. The base, the part of the box that the kept points at or below z_p dominate, comes from one pass
    /// over the kept points in x order (skipping those above z_p): those left of the box (x ≤ x_p) clip onto its left
    /// edge, of which only the lowest y counts, and one that is also at or below y_p covers `p` (`nil`); those inside
    /// form the staircase of the points lower than every earlier one; and the first below the box (y ≤ y_p) clips
    /// onto its bottom edge and dominates everything to its right, so the pass stops there. Then
    /// the kept points above z_p, in z order, join the staircase (``ClippedStaircase``), each adding the strip of
    /// box still free times the height to it. The kept points dominate none of each other, so once a point fills
    /// the box no later kept point can be dominated by `p`, and the sweep stops.
    @inline(__always)
    static func contribution(
        of p: Int, kept: inout KeptSet, keptByX: inout KeptSet, rankOfX: [Int],
        xByRank: UnsafeBufferPointer<(Double, Double, Double, Int)>, xs: UnsafeBufferPointer<Double>,
        ys: UnsafeBufferPointer<Double>, zs: UnsafeBufferPointer<Double>, staircase: inout ClippedStaircase,
        zReference: Double
    ) -> Double? {
        let (x, y, z) = (xs[p], ys[p], zs[p])
        staircase.reset(corner: (x, y))
        var dominated: [Int] = []
        var covered = false
        keptByX.forEach { rank in
            let (xq, yq, zq, q) = xByRank[rank]
            guard zq <= z else { return true }
            if zq == z, xq >= x, yq >= y { dominated.append(q) }
            if xq <= x {
                guard yq > y else {
                    covered = true
                    return false
                }
                staircase.lowerLeftWall(to: yq)
                return true
            }
            guard yq > y else {
                staircase.setBottomWall(at: xq)
                return false
            }
            staircase.appendToBase(x: xq, y: yq)
            return true
        }
        if covered { return nil }
        staircase.finishBase()
        let box = staircase.boxArea
        var contribution = 0.0
        var previous = z
        var filled = false
        kept.forEach(from: p) { q in
            let zq = zs[q]
            guard zq > z else { return true }
            if xs[q] >= x, ys[q] >= y { dominated.append(q) }
            contribution += (box - staircase.area) * (zq - previous)
            previous = zq
            staircase.insert(x: xs[q], y: ys[q])
            guard staircase.isFull else { return true }
            filled = true
            return false
        }
        if !filled {
            contribution += (box - staircase.area) * (zReference - previous)
        }
        for q in dominated {
            kept.remove(q)
            keptByX.remove(rankOfX[q])
        }
        return contribution
    }

    // MARK: - Five objectives and more

    /// HV_m(A) = Σ_i HV_{m−1}(first i points in the last objective's order) (a_{i+1,m} − a_{i,m}).
    static func sliced(flat: [Double], dimension m: Int, reference: [Double]) -> Double {
        let n = flat.count / m
        let order = (0..<n).sorted { (flat[$0 * m + m - 1], $0) < (flat[$1 * m + m - 1], $1) }
        let lower = Array(reference.prefix(m - 1))
        var slice: [Double] = []
        var total = 0.0
        for (position, index) in order.enumerated() {
            slice.append(contentsOf: flat[(index * m)..<(index * m + m - 1)])
            let next = position + 1 < n ? flat[order[position + 1] * m + m - 1] : reference[m - 1]
            let height = next - flat[index * m + m - 1]
            if height > 0 { total += exact(flat: slice, dimension: m - 1, reference: lower) * height }
        }
        return total
    }
}

/// Points of three objectives stored by their rank in (x, y) order, with their z order.
struct RankedPoints {
    var xs: [Double]
    var ys: [Double]
    var zs: [Double]
    /// The ranks in z order (ties by rank).
    var byZ: [Int]

    init(flat: [Double]) {
        let n = flat.count / 3
        var points = (0..<n).map { Point(x: flat[$0 * 3], y: flat[$0 * 3 + 1], z: flat[$0 * 3 + 2], key: $0) }
        points.sort { $0.x != $1.x ? $0.x < $1.x : $0.y != $1.y ? $0.y < $1.y : $0.key < $1.key }
        xs = points.map(\.x)
        ys = points.map(\.y)
        zs = points.map(\.z)
        // The ranks in z order: the key becomes the rank.
        for rank in points.indices { points[rank].key = rank }
        points.sort { $0.z != $1.z ? $0.z < $1.z : $0.key < $1.key }
        byZ = points.map(\.key)
    }

    private struct Point {
        var x, y, z: Double
        var key: Int
    }
}

/// A set of the points kept by the four-objective sweep, as bits by position (z position, or x rank), visited in
/// ascending order word by word.
struct KeptSet {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) >> 6)
    }

    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    mutating func remove(_ position: Int) {
        words[position >> 6] &= ~(1 << UInt64(position & 63))
    }

    /// Calls `body` with each kept position in ascending order, from `start` on, until it returns false.
    @inline(__always)
    func forEach(from start: Int = 0, _ body: (Int) -> Bool) {
        words.withUnsafeBufferPointer { words in
            for index in (start >> 6)..<words.count {
                var bits = words[index]
                if index == start >> 6 { bits &= ~0 << UInt64(start & 63) }
                while bits != 0 {
                    guard body((index << 6) | bits.trailingZeroBitCount) else { return }
                    bits &= bits - 1
                }
            }
        }
    }
}
