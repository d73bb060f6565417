import TunebenchCore
import TunebenchNumerics

/// A seeded region of a problem's box where evaluations fail, covering a given share of the box: the geometry of
/// ``FailingProblem``.
///
/// Everything is in the unit cube of the space, `u ∈ [0, 1]^d` (each coordinate of the box scaled to [0, 1],
/// ``SearchSpace/encode(_:)``), so a ball is a ball relative to each side of the box. With `m` the problem's
/// minimizers in those coordinates (`m₀` the first) and `s` the share:
///
/// | shape       | region                                   | drawn                                             |
/// |-------------|------------------------------------------|---------------------------------------------------|
/// | `halfspace` | `{u : w·u > t}`                          | `w` uniform on the sphere                         |
/// | `ball`      | `{u : ‖u − c‖ < r}`                      | `c` uniform in the cube                           |
/// | `band`      | `{u : ρ₁ ≤ ‖u − m₀‖ < ρ₂}`               | fixed: a shell around the optimum's neighbourhood |
/// | `optimum`   | `{u : ‖u − c‖ < r}`, `c = m₀ + r v`      | `v` uniform on the sphere                         |
///
/// **Share.** The thresholds (`t`, `r`, `ρ₁`, `ρ₂`) are set on a fixed sample, the first 2¹⁴ points of a scrambled
/// Sobol sequence in the cube (seeded from the region's seed), so that the region holds `⌊s 2¹⁴⌉` of them; the share
/// of the box is then `s` up to the sample's error (a test measures it on an independent sample). The `band`'s
/// inner radius `ρ₁` leaves the optimum a feasible neighbourhood holding 2% of the sample, and its shell the next
/// share `s` (so the optimum is reached only through or around the failing band).
///
/// **Away from the optimum** (`halfspace`, `ball`): every minimizer lies at least `margin` = 0.05 (in unit
/// coordinates) outside the region; a draw that misses this is redrawn, up to 100 times, from the same generator.
/// When no random ball keeps the minimizers clear (a minimizer near the middle of the box, in many dimensions, is
/// nearer to almost any centre than most of the cube is), the ball is drawn tangent to the sphere of radius
/// `margin` around the first minimizer, on a random side (up to 100 sides). Neither a half-space nor a ball of share
/// near 0.5 can keep a minimizer near the middle clear in many dimensions (in 40, the half-space 0.05 beyond the
/// middle holds about 43% of the cube): such a share is refused, with its name.
/// `optimum`'s region touches `m₀`, which lies on its boundary sphere and is itself feasible (the ball is open, and
/// shrunk by a relative 10⁻⁹ against rounding), so the optimum stays attainable; `band` surrounds it.
///
/// The draws use a ``Xoshiro256StarStar`` seeded by the region's seed (``FailingProblem`` derives it from the
/// instance seed), so an instance fixes its region.
public struct FailureRegion: Sendable, Hashable {
    /// The kinds of region.
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        case halfspace, ball, band, optimum

        /// Whether every minimizer is kept `margin` outside the region.
        public var avoidsOptimum: Bool { self == .halfspace || self == .ball }
    }

    /// The sample size on which shares are set.
    public static let sampleSize = 1 << 14
    /// The distance every minimizer keeps from a `halfspace` or `ball` region, in unit coordinates.
    public static let margin = 0.05
    /// The share of the sample inside a `band`'s inner neighbourhood.
    public static let bandNeighbourhood = 0.02
    /// How often a region that comes too near a minimizer is redrawn.
    public static let attempts = 100

    public let shape: Shape
    /// The share of the box the region was set to cover.
    public let share: Double
    /// `w` (halfspace), the centre `c` (ball, optimum) or `m₀` (band).
    public let point: [Double]
    /// `t` (halfspace), `r` (ball, optimum) or `ρ₂` (band).
    public let outer: Double
    /// `ρ₁` (band), else 0.
    public let inner: Double

    /// Draws the region of `shape` covering `share` of the unit cube of dimension `dimension`.
    ///
    /// - Parameters:
    ///   - minimizers: the problem's minimizers in unit coordinates (at least one for `band` and `optimum`).
    ///   - seed: the region's seed.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` naming `failure-share` for a
    ///   share outside [0.01, 0.5], or when no draw of ``attempts`` keeps the minimizers clear (a share too large for
    ///   the instance), and `failure` when the problem has no known minimizer for a shape that needs one.
    public init(shape: Shape, share: Double, dimension: Int, minimizers: [[Double]], seed: UInt64) throws {
        func reject(_ argument: String, _ value: String, _ expected: String) -> ProblemsError {
            .invalidArgument(problem: "failure region", argument: argument, value: value, expected: expected)
        }
        guard share >= 0.01, share <= 0.5 else { throw reject("failure-share", "\(share)", "a share in [0.01, 0.5]") }
        guard shape.avoidsOptimum || !minimizers.isEmpty else {
            throw reject("failure", shape.rawValue, "halfspace or ball: the problem has no known minimizer")
        }
        var generator = Xoshiro256StarStar(seed: seed)
        let sample = try Self.sample(dimension: dimension, using: &generator)
        let inside = Int((share * Double(Self.sampleSize)).rounded())
        switch shape {
        case .halfspace, .ball:
            for _ in 0..<Self.attempts {
                let (point, outer) =
                    shape == .halfspace
                    ? Self.halfspace(dimension: dimension, sample: sample, inside: inside, using: &generator)
                    : Self.ball(dimension: dimension, sample: sample, inside: inside, using: &generator)
                let candidate = FailureRegion(shape: shape, share: share, point: point, outer: outer, inner: 0)
                if minimizers.allSatisfy({ candidate.clearance(of: $0) >= Self.margin }) {
                    self = candidate
                    return
                }
            }
            if shape == .ball {
                // In many dimensions a central minimizer is nearer to almost any centre than most of the cube is:
                // then a ball tangent to the sphere of radius `margin` around the first minimizer, on a random side.
                for _ in 0..<Self.attempts {
                    let direction = Self.direction(dimension: dimension, using: &generator)
                    guard
                        let (centre, radius) = Self.tangentBall(
                            sample, touching: minimizers[0], gap: Self.margin, direction: direction, inside: inside)
                    else { continue }
                    let candidate = FailureRegion(shape: shape, share: share, point: centre, outer: radius, inner: 0)
                    if minimizers.allSatisfy({ candidate.clearance(of: $0) >= Self.margin * (1 - 1e-9) }) {
                        self = candidate
                        return
                    }
                }
            }
            throw reject(
                "failure-share", "\(share)",
                "a share whose \(shape.rawValue) can keep every minimizer \(Self.margin) outside it: none of "
                    + "\(Self.attempts) draws did (a half-space of share near 0.5 cannot, with a minimizer near the "
                    + "middle of the box)")
        case .band:
            let centre = minimizers[0]
            let distances = sample.map { Self.distance($0, centre) }.sorted()
            let neighbourhood = Int((Self.bandNeighbourhood * Double(Self.sampleSize)).rounded())
            self.init(
                shape: shape, share: share, point: centre, outer: Self.cut(distances, below: neighbourhood + inside),
                inner: Self.cut(distances, below: neighbourhood))
        case .optimum:
            let direction = Self.direction(dimension: dimension, using: &generator)
            // One side of the plane through m₀ holds at least half the cube, so this ball exists for shares up to ½
            // (up to the sample's discreteness: then the largest ball on `direction`'s side is taken).
            let ball = Self.tangentBall(sample, touching: minimizers[0], gap: 0, direction: direction, inside: inside)
            let radius = ball?.radius ?? Self.largestTangentRadius(dimension)
            let centre = ball?.centre ?? zip(minimizers[0], direction).map { $0 + radius * $1 }
            self.init(shape: shape, share: share, point: centre, outer: radius, inner: 0)
        }
    }

    private init(shape: Shape, share: Double, point: [Double], outer: Double, inner: Double) {
        self.shape = shape
        self.share = share
        self.point = point
        self.outer = outer
        self.inner = inner
    }

    /// Whether `u` (unit coordinates) lies in the region.
    public func contains(_ u: [Double]) -> Bool {
        switch shape {
        case .halfspace: return Self.dot(point, u) > outer
        case .ball: return Self.distance(u, point) < outer
        // m₀ lies on the sphere; the relative 1e-9 keeps it outside whatever the rounding of its distance.
        case .optimum: return Self.distance(u, point) < outer * (1 - 1e-9)
        case .band:
            let r = Self.distance(u, point)
            return r >= inner && r < outer
        }
    }

    /// The distance from `u` to the region's boundary when `u` is outside (negative inside), for the shapes that
    /// keep minimizers clear.
    public func clearance(of u: [Double]) -> Double {
        switch shape {
        case .halfspace: return outer - Self.dot(point, u)
        case .ball, .optimum: return Self.distance(u, point) - outer
        case .band: return 0
        }
    }

    // MARK: - Draws

    /// The fixed sample: the first 2¹⁴ points of a scrambled Sobol sequence.
    static func sample(dimension: Int, using generator: inout Xoshiro256StarStar) throws -> [[Double]] {
        var sobol = try SobolSequence(dimension: dimension, scramble: true, using: &generator)
        return sobol.next(count: sampleSize)
    }

    /// A direction uniform on the unit sphere (normalized Gaussians).
    static func direction(dimension: Int, using generator: inout Xoshiro256StarStar) -> [Double] {
        while true {
            let w = (0..<dimension).map { _ in generator.nextGaussian() }
            let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-12 { return w.map { $0 / norm } }
        }
    }

    /// `w` and `t` with exactly `inside` sample points above `t`.
    static func halfspace(
        dimension: Int, sample: [[Double]], inside: Int, using generator: inout Xoshiro256StarStar
    ) -> ([Double], Double) {
        let w = direction(dimension: dimension, using: &generator)
        let projections = sample.map { dot(w, $0) }.sorted()
        // Points strictly above the cut: the cut lies between the (n − inside)-th and the next projection.
        let n = projections.count
        return (w, cut(projections, below: n - inside))
    }

    /// A centre uniform in the cube and the radius holding exactly `inside` sample points.
    static func ball(
        dimension: Int, sample: [[Double]], inside: Int, using generator: inout Xoshiro256StarStar
    ) -> ([Double], Double) {
        let centre = (0..<dimension).map { _ in generator.nextUnit() }
        let distances = sample.map { distance($0, centre) }.sorted()
        return (centre, cut(distances, below: inside))
    }

    /// The sample points inside the ball of radius `radius` whose sphere passes at distance `gap` from `touching`,
    /// its centre at `touching + (radius + gap) direction`.
    static func tangentCount(
        _ sample: [[Double]], touching: [Double], gap: Double, direction: [Double], radius: Double
    ) -> Int {
        let centre = zip(touching, direction).map { $0 + (radius + gap) * $1 }
        return sample.reduce(0) { $0 + (distance($1, centre) < radius ? 1 : 0) }
    }

    /// The radius of the largest ball of that family tried, 100 √d: nearly the half-space the family tends to.
    static func largestTangentRadius(_ dimension: Int) -> Double { 100 * Double(dimension).squareRoot() }

    /// The ball of that family holding `inside` sample points, on `direction`'s side or, when the largest ball there
    /// holds fewer, on the opposite side; `nil` when neither side can. Such balls nest as the radius grows (all are
    /// tangent to one plane at the same point), so bisection on the radius finds it.
    static func tangentBall(
        _ sample: [[Double]], touching: [Double], gap: Double, direction: [Double], inside: Int
    ) -> (centre: [Double], radius: Double)? {
        let largest = largestTangentRadius(touching.count)
        let fits = { (side: [Double]) in
            tangentCount(sample, touching: touching, gap: gap, direction: side, radius: largest) >= inside
        }
        guard let direction = [direction, direction.map { -$0 }].first(where: fits) else { return nil }
        var low = 0.0
        var high = largest
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if tangentCount(sample, touching: touching, gap: gap, direction: direction, radius: middle) < inside {
                low = middle
            } else {
                high = middle
            }
        }
        return (zip(touching, direction).map { $0 + (high + gap) * $1 }, high)
    }

    /// A threshold with exactly `count` of the sorted `values` below it: the midpoint between `values[count − 1]`
    /// and `values[count]` (0 below everything for `count` 0).
    static func cut(_ values: [Double], below count: Int) -> Double {
        if count <= 0 { return values[0] - 1e-12 }
        if count >= values.count { return values[values.count - 1] + 1e-12 }
        return (values[count - 1] + values[count]) / 2
    }

    /// The scalar product.
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The Euclidean distance.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }
}
