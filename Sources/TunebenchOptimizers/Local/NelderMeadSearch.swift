import TunebenchCore
import TunebenchNumerics

/// The Nelder–Mead simplex method on the space's unit cube, with restarts.
///
/// J. A. Nelder and R. Mead, "A simplex method for function minimization", Computer Journal 7, 1965, with the
/// dimension-adapted coefficients of F. Gao and L. Han, "Implementing the Nelder–Mead simplex algorithm with adaptive
/// parameters", Comput. Optim. Appl. 51, 2012: reflection `α = 1`, expansion `γ = 1 + 2/n`, contraction
/// `β = 0.75 − 1/(2n)`, shrink `δ = 1 − 1/n` (for `n = 1`, Nelder and Mead's 1, 2, ½, ½).
///
/// **Each iteration**, with the vertices ordered by value and `c` the centroid of all but the worst `x_w`: reflect
/// `x_r = c + α(c − x_w)`; if it beats the best, try the expansion `c + γ(x_r − c)`; if it is no better than the
/// second worst, contract outside (`c + β(x_r − c)`, when `x_r` beats `x_w`) or inside (`c + β(x_w − c)`), and shrink
/// every vertex towards the best one by `δ` when the contraction fails. Points are clipped to the cube (a projection:
/// the method stays inside the bounds). A failed evaluation counts as `+∞`.
///
/// **Start and restarts.** The first simplex is `x_0` and `x_0 ± s e_i` (the sign that stays inside the cube), with
/// `x_0` uniform random (seeded by the run) and `s = 0.25` (option `step`). When the simplex has collapsed (every
/// vertex within 1e-8 of the best in every coordinate) or its values agree to 1e-12 relative, the method starts
/// again from a new uniform random point (option `restarts`); the record gives the number of restarts in
/// `optimizerMetadata.restarts`.
public struct NelderMeadSearch: Optimizer {
    public struct Settings: Sendable, Hashable {
        /// The initial simplex's edge in unit-cube coordinates.
        public var step = 0.25
        /// Start again from a random point when the simplex collapses.
        public var restarts = true

        public init() {}
    }

    private enum Phase {
        /// Evaluating vertex `index` of a new simplex.
        case building(index: Int)
        case reflecting
        case expanding(reflected: [Double], reflectedValue: Double)
        case contractingOutside(reflected: [Double], reflectedValue: Double)
        case contractingInside
        /// Re-evaluating vertex `index` after a shrink.
        case shrinking(index: Int)
    }

    private let space: SearchSpace
    private let settings: Settings
    private let n: Int
    private let (alpha, gamma, beta, delta): (Double, Double, Double, Double)
    private var generator: Xoshiro256StarStar
    private var vertices: [[Double]] = []
    private var values: [Double] = []
    private var phase = Phase.building(index: 0)
    /// The point of the outstanding suggestion; the method is sequential, so at most one is pending.
    private var pending: [Double] = []
    private var outstanding = false
    private var remaining: Int
    private var restartCount = 0

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        n = context.space.dimension
        let d = Double(n)
        (alpha, gamma, beta, delta) = n == 1 ? (1, 2, 0.5, 0.5) : (1, 1 + 2 / d, 0.75 - 1 / (2 * d), 1 - 1 / d)
        generator = Xoshiro256StarStar(seed: context.seed)
        remaining = context.budget
        let origin = (0..<n).map { _ in generator.nextUnit() }
        startSimplex(at: origin)
    }

    public var metadata: [String: String] {
        ["restarts": settings.restarts ? String(restartCount) : "off"]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0, !outstanding else { return nil }  // sequential: wait for the pending trial
        remaining -= 1
        pending = nextPoint()
        outstanding = true
        return Suggestion(space.decode(pending))
    }

    public mutating func tell(_ observation: Observation) {
        guard outstanding else { return }
        outstanding = false
        let value = observation.finiteValue ?? .infinity
        advance(with: value)
    }

    // MARK: - The state machine

    private mutating func startSimplex(at origin: [Double]) {
        vertices = [origin]
        for i in 0..<n {
            var vertex = origin
            vertex[i] = origin[i] + settings.step <= 1 ? origin[i] + settings.step : origin[i] - settings.step
            vertices.append(vertex)
        }
        values = [Double](repeating: .infinity, count: n + 1)
        phase = .building(index: 0)
    }

    /// The point the current phase evaluates.
    private func nextPoint() -> [Double] {
        switch phase {
        case .building(let index), .shrinking(let index):
            return vertices[index]
        case .reflecting:
            let (c, worst) = centroid()
            return clip((0..<n).map { c[$0] + alpha * (c[$0] - worst[$0]) })
        case .expanding(let reflected, _):
            let (c, _) = centroid()
            return clip((0..<n).map { c[$0] + gamma * (reflected[$0] - c[$0]) })
        case .contractingOutside(let reflected, _):
            let (c, _) = centroid()
            return clip((0..<n).map { c[$0] + beta * (reflected[$0] - c[$0]) })
        case .contractingInside:
            let (c, worst) = centroid()
            return clip((0..<n).map { c[$0] + beta * (worst[$0] - c[$0]) })
        }
    }

    private mutating func advance(with value: Double) {
        let point = pending
        switch phase {
        case .building(let index):
            values[index] = value
            if index < n { phase = .building(index: index + 1) } else { beginIteration() }
        case .reflecting:
            // The simplex is still sorted: beginIteration() sorted it and nothing has changed since.
            if value < values[0] {
                phase = .expanding(reflected: point, reflectedValue: value)
            } else if value < values[n - 1] {
                replaceWorst(point, value)
                beginIteration()
            } else if value < values[n] {
                phase = .contractingOutside(reflected: point, reflectedValue: value)
            } else {
                phase = .contractingInside
            }
        case .expanding(let reflected, let reflectedValue):
            if value < reflectedValue { replaceWorst(point, value) } else { replaceWorst(reflected, reflectedValue) }
            beginIteration()
        case .contractingOutside(_, let reflectedValue):
            if value <= reflectedValue {
                replaceWorst(point, value)
                beginIteration()
            } else {
                shrink()
            }
        case .contractingInside:
            if value < values[n] {
                replaceWorst(point, value)
                beginIteration()
            } else {
                shrink()
            }
        case .shrinking(let index):
            values[index] = value
            if index < n { phase = .shrinking(index: index + 1) } else { beginIteration() }
        }
    }

    /// Orders the simplex and either restarts (collapsed) or reflects.
    private mutating func beginIteration() {
        sortSimplex()
        if settings.restarts, collapsed() {
            restartCount += 1
            startSimplex(at: (0..<n).map { _ in generator.nextUnit() })
        } else {
            phase = .reflecting
        }
    }

    /// Moves every vertex towards the best one (the simplex is sorted: contractions do not reorder it).
    private mutating func shrink() {
        for i in 1...n {
            vertices[i] = (0..<n).map { vertices[0][$0] + delta * (vertices[i][$0] - vertices[0][$0]) }
        }
        phase = .shrinking(index: 1)
    }

    private func collapsed() -> Bool {
        let best = vertices[0]
        let size = vertices.dropFirst().map { v in (0..<n).map { abs(v[$0] - best[$0]) }.max() ?? 0 }.max() ?? 0
        guard values.allSatisfy(\.isFinite) else { return size < 1e-8 }
        let spread = (values.max() ?? 0) - (values.min() ?? 0)
        return size < 1e-8 || spread <= 1e-12 * max(1, abs(values[0]))
    }

    /// Vertices by value, ties by position (a stable order).
    private mutating func sortSimplex() {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        vertices = order.map { vertices[$0] }
        values = order.map { values[$0] }
    }

    private mutating func replaceWorst(_ point: [Double], _ value: Double) {
        vertices[n] = point
        values[n] = value
    }

    /// The centroid of all vertices but the worst (the simplex sorted), and the worst.
    private func centroid() -> (centroid: [Double], worst: [Double]) {
        var c = [Double](repeating: 0, count: n)
        for vertex in vertices.prefix(n) {
            for j in 0..<n { c[j] += vertex[j] / Double(n) }
        }
        return (c, vertices[n])
    }

    private func clip(_ x: [Double]) -> [Double] { x.map { min(max($0, 0), 1) } }
}
