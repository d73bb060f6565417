/// The two-dimensional front inside the box `[cornerX, referenceX) × [cornerY, referenceY)` of one point's
/// exclusive contribution, in the four-objective hypervolume sweep: the points swept so far clipped to the box, with
/// the area they dominate there.
///
/// Points left of or below the corner are clipped onto its edges: those with x ≤ cornerX act together as one wall
/// at the lowest of their y (`leftHeight`), those with y ≤ cornerY as one wall at the lowest of their x
/// (`rightEdge`), and one at or below the corner in both fills the box. Between the walls the staircase's points
/// sit in a sorted buffer by (x, y) with their coordinates, x ascending and y strictly descending: these fronts stay
/// small (a mean of 8 points and at most 30 on 1,000 points of the 4-sphere), so one linear search and one shift per
/// insertion beat any tree. The strips that a point adds are those of ``SweepFront``.
///
/// The base, what the points at or below the box's corner in the third objective dominate, is loaded in one pass in
/// x order (``lowerLeftWall(to:)``, ``appendToBase(x:y:)``, ``setBottomWall(at:)``, then ``finishBase()``), with no
/// search or shift; the points above it then come one by one through ``insert(x:y:)``.
struct ClippedStaircase: ~Copyable {
    private let xs: UnsafeMutablePointer<Double>
    private let ys: UnsafeMutablePointer<Double>
    private var count = 0
    private(set) var cornerX = 0.0
    private(set) var cornerY = 0.0
    let referenceX: Double
    let referenceY: Double
    /// The lowest y of the points clipped onto the left edge (`referenceY` when none).
    private var leftHeight: Double
    /// The lowest x of the points clipped onto the bottom edge (`referenceX` when none).
    private var rightEdge: Double
    /// The area of the box that the points dominate.
    private(set) var area = 0.0
    /// Whether a point at or below the corner in both coordinates fills the box.
    private(set) var isFull = false

    /// A staircase for up to `capacity` points.
    init(capacity: Int, reference: (Double, Double)) {
        xs = .allocate(capacity: max(1, capacity))
        ys = .allocate(capacity: max(1, capacity))
        (referenceX, referenceY) = reference
        leftHeight = reference.1
        rightEdge = reference.0
    }

    deinit {
        xs.deallocate()
        ys.deallocate()
    }

    /// The area of the whole box.
    var boxArea: Double { (referenceX - cornerX) * (referenceY - cornerY) }

    /// Empties the staircase and moves the box's corner.
    mutating func reset(corner: (Double, Double)) {
        (cornerX, cornerY) = corner
        count = 0
        leftHeight = referenceY
        rightEdge = referenceX
        area = 0
        isFull = false
    }

    /// Lowers the left wall to `y` when it is lower: a point left of the box (x ≤ cornerX, y > cornerY), of the
    /// base, which ``appendToBase(x:y:)`` and ``finishBase()`` complete.
    @inline(__always)
    mutating func lowerLeftWall(to y: Double) {
        if y < leftHeight { leftHeight = y }
    }

    /// Adds a point of the base inside the box, the base's points coming in x order after every left-wall point:
    /// kept when it is lower than the left wall and every earlier point.
    @inline(__always)
    mutating func appendToBase(x: Double, y: Double) {
        guard y < (count > 0 ? ys[count - 1] : leftHeight) else { return }
        if count > 0, xs[count - 1] == x {
            ys[count - 1] = y
            return
        }
        xs[count] = x
        ys[count] = y
        count += 1
    }

    /// Sets the bottom wall at `x`, the base's point below the box with the lowest x, at or right of every base
    /// point; a base point at the same x, which the wall dominates, is dropped.
    @inline(__always)
    mutating func setBottomWall(at x: Double) {
        rightEdge = x
        while count > 0, xs[count - 1] >= x { count -= 1 }
    }

    /// Computes the area of the base: the corners (cornerX, leftHeight), the staircase's points and
    /// (rightEdge, cornerY), each dominating up to the next one's x: Σ (x_{i+1} − x_i)(referenceY − y_i).
    mutating func finishBase() {
        var left = cornerX
        var height = leftHeight
        area = 0
        for index in 0..<count {
            area += (xs[index] - left) * (referenceY - height)
            left = xs[index]
            height = ys[index]
        }
        area += (rightEdge - left) * (referenceY - height) + (referenceX - rightEdge) * (referenceY - cornerY)
    }

    /// Adds the point (`x`, `y`), clipped to the box.
    @inline(__always)
    mutating func insert(x: Double, y: Double) {
        switch (x <= cornerX, y <= cornerY) {
        case (true, true):
            isFull = true
            area = boxArea
        case (true, false):
            // Onto the left wall: a corner at (cornerX, y) before every point of the staircase.
            guard y < leftHeight else { return }
            place(x: cornerX, y: y, at: 0, height: leftHeight, keep: false)
            leftHeight = y
        case (false, true):
            // Onto the bottom wall: a corner at (x, cornerY) that dominates every point right of it.
            guard x < rightEdge else { return }
            let position = self.position(x: x, y: y)
            place(x: x, y: cornerY, at: position, height: position > 0 ? ys[position - 1] : leftHeight, keep: false)
            rightEdge = x
        case (false, false):
            guard x < rightEdge else { return }
            let position = self.position(x: x, y: y)
            let height = position > 0 ? ys[position - 1] : leftHeight
            guard y < height else { return }
            place(x: x, y: y, at: position, height: height, keep: true)
        }
    }

    /// The first position whose point comes after (`x`, `y`) in (x, y) order: a linear scan, which the shift
    /// after it costs anyway.
    @inline(__always)
    private func position(x: Double, y: Double) -> Int {
        var position = 0
        while position < count, xs[position] < x || (xs[position] == x && ys[position] <= y) { position += 1 }
        return position
    }

    /// Adds the strips that a corner at (`x`, `y`) dominates under the staircase that starts at `height` and goes on
    /// with the points from `position`, drops the points it dominates, and stores it there when `keep`.
    @inline(__always)
    private mutating func place(x: Double, y: Double, at position: Int, height: Double, keep: Bool) {
        var left = x
        var height = height
        var end = position
        while end < count, ys[end] >= y {
            area += (xs[end] - left) * (height - y)
            left = xs[end]
            height = ys[end]
            end += 1
        }
        area += ((end < count ? xs[end] : rightEdge) - left) * (height - y)
        let shift = (keep ? 1 : 0) - (end - position)
        if shift > 0 {
            var index = count
            while index > end {
                index -= 1
                xs[index + shift] = xs[index]
                ys[index + shift] = ys[index]
            }
        } else if shift < 0 {
            for index in end..<count {
                xs[index + shift] = xs[index]
                ys[index + shift] = ys[index]
            }
        }
        count += shift
        if keep {
            xs[position] = x
            ys[position] = y
        }
    }
}
