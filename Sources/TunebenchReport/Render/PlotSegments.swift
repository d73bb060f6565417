/// The pieces a series is drawn with, in pixels: unbroken runs of points, split wherever a value is missing.
///
/// A point is missing when its x or its value is infinite or NaN. As a line, a run of points i…j is the polyline
/// through them; as a right-continuous step function (value y_i on [x_i, x_{i+1})), it is the staircase
/// (x_i, y_i), (x_{i+1}, y_i), (x_{i+1}, y_{i+1}), …, (x_j, y_j), continued level to x_{j+1} when that x is finite
/// (the value y_j holds until the next point even when the next value is missing).
enum PlotSegments {
    /// A point in pixels.
    struct Point: Sendable, Equatable {
        var x: Double
        var y: Double
    }

    /// The vertex lists of the unbroken runs of a series in pixels.
    ///
    /// - Parameters:
    ///   - xs: The points' x positions, `nil` where missing.
    ///   - ys: The points' y positions, `nil` where missing; only the first `min(xs.count, ys.count)` are used.
    ///   - step: Whether to draw a right-continuous step function.
    /// - Returns: One vertex list per run, each with at least one vertex.
    static func runs(xs: [Double?], ys: [Double?], step: Bool) -> [[Point]] {
        let count = min(xs.count, ys.count)
        let present = ys.prefix(count).map { $0 != nil }
        return staircases(xs: Array(xs.prefix(count)), present: present, step: step).map { run in
            run.map { Point(x: $0.x, y: ys[$0.index] ?? 0) }
        }
    }

    /// The closed outlines of the band between the pixel positions `lower` and `upper` (`nil` where missing) over
    /// `xs`: for each run where both are present, the upper vertices forwards and then the lower vertices
    /// backwards. Runs of a single vertex (no area) are dropped.
    static func bands(xs: [Double?], lower: [Double?], upper: [Double?], step: Bool) -> [[Point]] {
        let count = min(xs.count, lower.count, upper.count)
        let present = zip(lower, upper).prefix(count).map { $0 != nil && $1 != nil }
        return staircases(xs: Array(xs.prefix(count)), present: present, step: step).compactMap { run in
            guard run.count > 1 else { return nil }
            let top = run.map { Point(x: $0.x, y: upper[$0.index] ?? 0) }
            let bottom = run.map { Point(x: $0.x, y: lower[$0.index] ?? 0) }
            return top + bottom.reversed()
        }
    }

    /// A vertex of a run: its x in pixels and the index of the value it shows.
    private struct Vertex {
        var x: Double
        var index: Int
    }

    /// The runs of consecutive indices whose x (in pixels, `nil` when missing) and value are present, as vertex
    /// lists: the points themselves, or for a step function the staircase through them continued to the next x.
    private static func staircases(xs: [Double?], present: [Bool], step: Bool) -> [[Vertex]] {
        var runs: [[Vertex]] = []
        var current: [Vertex] = []
        for (i, x) in xs.enumerated() {
            guard let x, present[i] else {
                if let last = current.last {
                    if step, let x = xs[i] { current.append(Vertex(x: x, index: last.index)) }
                    runs.append(current)
                    current = []
                }
                continue
            }
            if step, let last = current.last { current.append(Vertex(x: x, index: last.index)) }
            current.append(Vertex(x: x, index: i))
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The height of the polyline `run` at the horizontal position `x`, `nil` when no segment of it spans `x`:
    /// linear between the two vertices around `x`, the first such pair along the run (so at a step function's riser,
    /// the level before it). A vertical segment spans no interval and a run of one vertex none.
    static func height(of run: [Point], at x: Double) -> Double? {
        for (a, b) in zip(run, run.dropFirst()) where a.x != b.x && min(a.x, b.x) <= x && x <= max(a.x, b.x) {
            return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return nil
    }

    /// `points` without vertices that change nothing once written with two decimals: repeats of the previous vertex,
    /// and middle vertices of three on one horizontal or one vertical line (flat stretches of a step function).
    static func pruned(_ points: [Point]) -> [Point] {
        let rounded = points.map { Point(x: ($0.x * 100).rounded() / 100, y: ($0.y * 100).rounded() / 100) }
        var kept: [Point] = []
        for point in rounded {
            if kept.last == point { continue }
            if kept.count >= 2 {
                let a = kept[kept.count - 2]
                let b = kept[kept.count - 1]
                let sameRow = a.y == b.y && b.y == point.y && (a.x - b.x) * (b.x - point.x) >= 0
                let sameColumn = a.x == b.x && b.x == point.x && (a.y - b.y) * (b.y - point.y) >= 0
                if sameRow || sameColumn {
                    kept[kept.count - 1] = point
                    continue
                }
            }
            kept.append(point)
        }
        return kept
    }
}
