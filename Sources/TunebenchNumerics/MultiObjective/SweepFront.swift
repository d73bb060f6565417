/// The two-dimensional front of the three-objective hypervolume sweep: the non-dominated (x, y) projections of the
/// points swept so far, with the area they dominate up to the reference point.
///
/// Points are held by their rank in (x, y) order (`xs` and `ys` are indexed by rank) in a ``RankSet``, so that a new
/// point's neighbours are a predecessor query away whatever the front's size: the front runs left to right with x
/// ascending and y strictly descending. A new point adds the strips between it and the staircase above it, from its
/// x to the next point that it does not dominate, and removes the points it dominates (Fonseca, Paquete &
/// López-Ibáñez 2006, "An improved dimension-sweep algorithm for the hypervolume indicator", CEC; Beume, Fonseca,
/// López-Ibáñez, Paquete & Vahrenhold 2009, "On the complexity of computing the hypervolume indicator", IEEE TEVC
/// 13(5)).
struct SweepFront: ~Copyable {
    let xs: UnsafeBufferPointer<Double>
    let ys: UnsafeBufferPointer<Double>
    let referenceX: Double
    let referenceY: Double
    /// The ranks of the points on the front.
    private let members: RankSet
    /// The area the front dominates.
    private(set) var area = 0.0

    init(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>, reference: (Double, Double)) {
        self.xs = xs
        self.ys = ys
        (referenceX, referenceY) = reference
        members = RankSet(capacity: xs.count)
    }

    /// Adds the point of rank `rank`: Σ (x_{j+1} − x_j)(h_j − y) over the strips from its x, under the staircase's
    /// heights h_j, up to the first member below it.
    mutating func insert(rank: Int) {
        let x = xs[rank]
        let y = ys[rank]
        var height = members.predecessor(rank).map { ys[$0] } ?? referenceY
        guard y < height else { return }
        var left = x
        var next = members.successor(rank)
        while let member = next, ys[member] >= y {
            area += (xs[member] - left) * (height - y)
            left = xs[member]
            height = ys[member]
            members.remove(member)
            next = members.successor(member)
        }
        area += ((next.map { xs[$0] } ?? referenceX) - left) * (height - y)
        members.insert(rank)
    }
}
