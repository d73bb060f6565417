import Foundation
import TunebenchCore
import TunebenchNumerics

/// Gradient-based search: multi-start bounded quasi-Newton (L-BFGS-B, ``BoundedMinimizer``) on the space's unit cube,
/// with the problem's analytic gradient when it provides one (``OptimizerContext/gradients``) and forward finite
/// differences otherwise. Every evaluation counts against the budget, finite-difference probes included.
///
/// **Coordinates.** The minimizer moves the active real parameters in unit-cube coordinates `u` (log-scaled ones in
/// log space); integer and categorical parameters, and reals made inactive by them, keep the values of the start
/// (fixed variables of the minimizer). A gradient `∂f/∂x_j` in the parameter's own units becomes
/// `∂f/∂u_j = ∂f/∂x_j · dx_j/du_j`, with `dx/du = upper − lower` on a linear scale and `x ln(upper/lower)` on a log
/// scale.
///
/// **Finite differences.** Without an analytic gradient, each point the minimizer asks for costs `1 + n` evaluations
/// for `n` free coordinates: `∂f/∂u_j ≈ (f(u + h e_j) − f(u)) / h` with `h = 10⁻⁷` (near `√ε` for `f` and `u` of order
/// one; Nocedal and Wright, *Numerical Optimization*, 2nd ed., 2006, section 8.1), stepping backwards at the upper
/// bound.
///
/// **Starts.** The first start is the first point of a scrambled Sobol sequence, and each later start the next one;
/// a new local run begins when the previous one stops (converged, or no further progress possible).
///
/// **Ask and tell.** L-BFGS-B calls its objective as a function; here the objective's values arrive through `tell`.
/// So each `ask` replays the current local run from its start, answering the minimizer's requests from the values
/// already told (the minimizer is deterministic, so the replay retraces the same path), until it requests a point not
/// yet evaluated: that point is the suggestion. A replay costs a few microseconds per iteration of the local run, so
/// a local run of `k` points costs O(k²) in all (1–38 ms for a whole 500-evaluation run on the test functions).
///
/// A failed evaluation is a non-finite value to the minimizer, which then steps back. On a noisy problem the analytic
/// gradient is the noiseless one while the values are noisy, so line searches fail once the noise dominates the
/// decrease; the run then restarts.
public struct QuasiNewtonSearch: Optimizer {
    /// What the optimizer can be told.
    public struct Settings: Sendable, Hashable {
        /// Use finite differences even when the problem provides gradients.
        public var finiteDifferences = false
        /// The forward-difference step in unit-cube coordinates.
        public var step = 1e-7

        public init() {}
    }

    /// The local minimizer: L-BFGS-B's default memory, convergence to rounding (a local run ends when no step can
    /// still decrease `f` in floating point, or at a projected gradient of 10⁻¹²), at most 10⁴ points per run, and
    /// L-BFGS-B's own rule for steepest-descent steps (unit length at the first iteration only), so that a run
    /// started on a concave plateau (the ridge problem's small `α`) extrapolates out of it instead of creeping.
    static let minimizer = BoundedMinimizer(
        memory: 10, maxIterations: 10_000, maxEvaluations: 10_000, gradientTolerance: 1e-12, functionTolerance: 0,
        steepestStepLimit: .firstIteration)

    private let space: SearchSpace
    private let settings: Settings
    private let analytic: Bool
    /// Whether each coordinate is a real parameter (the only kind the minimizer moves).
    private let isReal: [Bool]
    private var generator: Xoshiro256StarStar
    private var starts: SobolSequence?
    /// The start of the current local run, and its bounds (`lower == upper` fixes a coordinate).
    private var start: [Double] = []
    private var lower: [Double] = []
    private var upper: [Double] = []
    /// The evaluations of the current local run, by the bit patterns of the unit-cube point.
    private var evaluated: [[UInt64]: Evaluated] = [:]
    private var pending: [Double]?
    private var remaining: Int
    private var localRuns = 0

    /// What a point's evaluation told.
    private struct Evaluated {
        var value: Double
        var gradient: [Double]?
    }

    /// The next point the replayed minimizer asks for.
    private struct Request: Error {
        var point: [Double]
    }

    public init(context: OptimizerContext, settings: Settings) {
        space = context.space
        self.settings = settings
        analytic = context.gradients && !settings.finiteDifferences
        isReal = space.parameters.map {
            if case .real = $0.domain { return true }
            return false
        }
        generator = Xoshiro256StarStar(seed: context.seed)
        starts = try? SobolSequence(dimension: space.dimension, scramble: true, using: &generator)
        remaining = context.budget
    }

    public var metadata: [String: String] {
        ["gradients": analytic ? "analytic" : "finite differences", "local-runs": String(localRuns)]
    }

    public mutating func ask() -> Suggestion? {
        guard remaining > 0, pending == nil else { return nil }  // sequential: wait for the pending trial
        if start.isEmpty { beginLocalRun() }
        var point = nextRequest()
        // A local run that has stopped is followed by a new one, whose first request is its start.
        var attempts = 0
        while point == nil, attempts < 1000 {
            beginLocalRun()
            point = nextRequest()
            attempts += 1
        }
        guard let point else { return nil }
        remaining -= 1
        pending = point
        return Suggestion(space.decode(point), wantsGradient: analytic)
    }

    public mutating func tell(_ observation: Observation) {
        defer { pending = nil }
        guard let pending else { return }
        var gradient: [Double]?
        if observation.finiteValue != nil, analytic, let natural = observation.gradient,
            natural.count == space.dimension
        {
            gradient = Self.unitGradient(natural, at: observation.suggestion.configuration, in: space)
        }
        evaluated[Self.key(pending)] = Evaluated(value: observation.finiteValue ?? .nan, gradient: gradient)
    }

    // MARK: - Local runs

    private mutating func beginLocalRun() {
        let dimension = space.dimension
        var point = [Double](repeating: 0, count: dimension)
        if starts != nil {
            starts!.next(into: &point)
        } else {
            for j in 0..<dimension { point[j] = generator.nextUnit() }
        }
        let configuration = space.decode(point)
        start = space.encode(configuration)
        lower = start
        upper = start
        for j in 0..<dimension where isReal[j] && configuration.values[j] != nil {
            lower[j] = 0
            upper[j] = 1
        }
        evaluated.removeAll(keepingCapacity: true)
        localRuns += 1
    }

    /// Replays the current local run; the first point it needs that has not been evaluated, or `nil` when the run
    /// has stopped.
    private func nextRequest() -> [Double]? {
        let free = (0..<space.dimension).filter { lower[$0] < upper[$0] }
        do {
            _ = try Self.minimizer.minimize(start: start, lower: lower, upper: upper) { (x, gradient) throws(Request) in
                try objective(x, gradient, free: free)
            }
            return nil
        } catch {
            return error.point
        }
    }

    /// The objective as the minimizer sees it, from the evaluations told; throws the first missing point.
    private func objective(
        _ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>, free: [Int]
    ) throws(Request) -> Double {
        let point = Array(x)
        guard let centre = evaluated[Self.key(point)] else { throw Request(point: point) }
        guard centre.value.isFinite else { return .nan }
        if analytic {
            guard let g = centre.gradient else { return .nan }
            for j in free { gradient[j] = g[j] }
            return centre.value
        }
        for j in free {
            var probe = point
            let h = point[j] + settings.step <= 1 ? settings.step : -settings.step
            probe[j] = point[j] + h
            guard let side = evaluated[Self.key(probe)] else { throw Request(point: probe) }
            gradient[j] = (side.value - centre.value) / h
        }
        return centre.value
    }

    /// `∂f/∂u` from `∂f/∂x` at a configuration of `space` (components of other than real parameters are 0).
    static func unitGradient(_ natural: [Double], at configuration: Configuration, in space: SearchSpace) -> [Double] {
        var gradient = [Double](repeating: 0, count: natural.count)
        for (j, parameter) in space.parameters.enumerated() {
            guard case .real(let lower, let upper, let scale) = parameter.domain,
                let value = configuration.values[j]
            else { continue }
            switch scale {
            case .linear: gradient[j] = natural[j] * (upper - lower)
            case .log: gradient[j] = natural[j] * value.numericValue * log(upper / lower)
            }
        }
        return gradient
    }

    private static func key(_ point: [Double]) -> [UInt64] {
        point.map(\.bitPattern)
    }
}
