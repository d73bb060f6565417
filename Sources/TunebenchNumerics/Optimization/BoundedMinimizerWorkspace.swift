/// The working storage of one `BoundedMinimizer.minimize` call: every vector and matrix the iteration touches,
/// carved out of two allocations made once, so that iterations and evaluations allocate nothing.
///
/// Notation as in Byrd, Lu, Nocedal and Zhu (1995): `n` variables, at most `m` correction pairs, `k <= m` of them
/// stored (`pairCount`). Vectors of length `n` are raw pointers; the iterate and gradient buffers are swapped with
/// the line search's buffers rather than copied. Non-copyable, so the storage has exactly one owner and is freed
/// when the call returns or throws.
struct BoundedMinimizerWorkspace: ~Copyable {
    /// The number of variables.
    let n: Int
    /// The most correction pairs kept.
    let m: Int

    private let doubles: UnsafeMutablePointer<Double>
    private let integers: UnsafeMutablePointer<Int>

    // MARK: The problem

    /// The bounds, `-infinity` and `+infinity` where absent.
    let lower: UnsafeMutablePointer<Double>
    let upper: UnsafeMutablePointer<Double>
    /// Every variable has two finite bounds.
    let isBoxed: Bool
    /// Some variable has a finite bound.
    let hasBounds: Bool

    // MARK: Iterates (buffers swapped, never copied)

    /// The current iterate, its gradient and value.
    var x: UnsafeMutablePointer<Double>
    var g: UnsafeMutablePointer<Double>
    var value = Double.nan
    /// The line search's trial point and gradient.
    var trialX: UnsafeMutablePointer<Double>
    var trialG: UnsafeMutablePointer<Double>
    /// The best trial point with sufficient decrease, and its gradient.
    var acceptedX: UnsafeMutablePointer<Double>
    var acceptedG: UnsafeMutablePointer<Double>
    /// Objective evaluations so far.
    var evaluations = 0

    // MARK: One iteration's vectors (length n)

    /// The generalized Cauchy point `x^c`.
    let cauchyPoint: UnsafeMutablePointer<Double>
    /// The direction of the projected-gradient path, `-g_i` for variables still moving, 0 for the others.
    let pathDirection: UnsafeMutablePointer<Double>
    /// The breakpoints `t_i` at which variable `i` reaches its bound along the path (`+infinity` if never).
    let breakpoints: UnsafeMutablePointer<Double>
    /// The subspace step `d^u` from the Cauchy point (free variables only).
    let subspaceStep: UnsafeMutablePointer<Double>
    /// The end point `xbar` of the search direction.
    let target: UnsafeMutablePointer<Double>
    /// The search direction `d = xbar - x`.
    let direction: UnsafeMutablePointer<Double>
    /// Variable indices: the breakpoint heap, then the free variables at the Cauchy point.
    let heap: UnsafeMutablePointer<Int>
    let freeVariables: UnsafeMutablePointer<Int>
    var freeCount = 0

    // MARK: The limited-memory matrices (see +Memory)

    /// `S` and `Y`, `n x m` column-major, used as ring buffers: logical pair `j` (0 oldest) is column
    /// `(head + j) % m`.
    let s: UnsafeMutablePointer<Double>
    let y: UnsafeMutablePointer<Double>
    var head = 0
    /// The number `k` of pairs stored.
    var pairCount = 0
    /// `theta = y'y / s'y` of the newest pair, 1 with no pairs.
    var theta = 1.0
    /// `S'Y` (entry `(i, j)` is `s_i'y_j`) and `S'S`, `m x m` row-major in logical order.
    let sy: UnsafeMutablePointer<Double>
    let ss: UnsafeMutablePointer<Double>
    /// The lower Cholesky factor `J` of `T = theta S'S + L D^-1 L'`, `m x m` row-major.
    let middleFactor: UnsafeMutablePointer<Double>

    // MARK: Vectors and matrices of length 2m

    /// `p = W'd` and `c = W'(x^c - x)` of the Cauchy search.
    let p: UnsafeMutablePointer<Double>
    let c: UnsafeMutablePointer<Double>
    /// A row of `W`, `M` times it, and scratch.
    let wRow: UnsafeMutablePointer<Double>
    let mwRow: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    /// The `2k x 2k` system of the subspace step (row-major, leading dimension 2m) and its right side.
    let system: UnsafeMutablePointer<Double>
    let rightSide: UnsafeMutablePointer<Double>

    /// Allocates the storage and loads the projected start and the bounds.
    init(dimension n: Int, memory m: Int, start: [Double], lower: [Double], upper: [Double]) {
        self.n = n
        self.m = m
        let vectorCount = 14  // lower, upper, x, g, trialX, trialG, acceptedX, acceptedG and six more
        let total = vectorCount * n + 2 * n * m + 3 * m * m + 6 * (2 * m) + (2 * m) * (2 * m)
        doubles = .allocate(capacity: max(total, 1))
        doubles.initialize(repeating: 0, count: max(total, 1))
        integers = .allocate(capacity: max(2 * n, 1))
        integers.initialize(repeating: 0, count: max(2 * n, 1))

        var next = doubles
        func carve(_ count: Int) -> UnsafeMutablePointer<Double> {
            defer { next += count }
            return next
        }
        self.lower = carve(n)
        self.upper = carve(n)
        x = carve(n)
        g = carve(n)
        trialX = carve(n)
        trialG = carve(n)
        acceptedX = carve(n)
        acceptedG = carve(n)
        cauchyPoint = carve(n)
        pathDirection = carve(n)
        breakpoints = carve(n)
        subspaceStep = carve(n)
        target = carve(n)
        direction = carve(n)
        s = carve(n * m)
        y = carve(n * m)
        sy = carve(m * m)
        ss = carve(m * m)
        middleFactor = carve(m * m)
        p = carve(2 * m)
        c = carve(2 * m)
        wRow = carve(2 * m)
        mwRow = carve(2 * m)
        scratch = carve(2 * m)
        rightSide = carve(2 * m)
        system = carve(4 * m * m)
        heap = integers
        freeVariables = integers + n

        var boxed = true
        var bounded = false
        for i in 0..<n {
            self.lower[i] = lower[i]
            self.upper[i] = upper[i]
            boxed = boxed && lower[i].isFinite && upper[i].isFinite
            bounded = bounded || lower[i].isFinite || upper[i].isFinite
            let coordinate = start[i].isNaN ? 0 : start[i]
            x[i] = min(max(coordinate, lower[i]), upper[i])
        }
        isBoxed = boxed
        hasBounds = bounded
    }

    deinit {
        doubles.deallocate()
        integers.deallocate()
    }

    // MARK: - Evaluation

    /// Evaluates the objective at `point`, writing the gradient into `gradient` (zeroed first).
    mutating func evaluate<E: Error>(
        at point: UnsafeMutablePointer<Double>,
        gradient: UnsafeMutablePointer<Double>,
        _ objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws(E) -> Double
    ) throws(E) -> Double {
        gradient.update(repeating: 0, count: n)
        evaluations += 1
        return try objective(
            UnsafeBufferPointer(start: point, count: n),
            UnsafeMutableBufferPointer(start: gradient, count: n)
        )
    }

    /// Whether a value and its gradient are all finite, so that the point can be used.
    func isUsable(_ value: Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        guard value.isFinite else { return false }
        for i in 0..<n where !gradient[i].isFinite { return false }
        return true
    }

    /// The projected gradient's infinity norm at the current iterate, `max_i |P(x - g)_i - x_i|`, where `P`
    /// clamps to the box. Fixed variables contribute 0.
    func projectedGradientNorm() -> Double {
        var norm = 0.0
        for i in 0..<n {
            let projected = min(max(x[i] - g[i], lower[i]), upper[i])
            norm = max(norm, abs(projected - x[i]))
        }
        return norm
    }

    // MARK: - The search direction and the step

    /// Computes the search direction `d = xbar - x` from the Cauchy point and the subspace step.
    ///
    /// - Returns: The directional derivative `g'd < 0`, or nil when the model gives no descent direction (a
    ///   numerically indefinite memory, or `x` stationary to rounding), after which the caller resets the memory.
    mutating func searchDirection() -> Double? {
        guard computeCauchyPoint() else { return nil }
        guard minimizeSubspace() else { return nil }
        var slope = 0.0
        for i in 0..<n {
            direction[i] = target[i] - x[i]
            slope += g[i] * direction[i]
        }
        return slope < 0 ? slope : nil
    }

    /// The first trial step and the largest feasible step along `direction`.
    ///
    /// The largest step keeps `x + a d` in the box (at least 1, since `xbar` is feasible; at most 1e10). When
    /// `limitedSteepest` (a projected gradient step under ``BoundedMinimizer/steepestStepLimit``), as in L-BFGS-B the
    /// maximum is 1 when some bound is finite, and unless every variable is boxed the first trial has unit length,
    /// `1 / |d|`. A scaled retry (steepest descent with the last `theta`) starts at the model's step, 1.
    func stepLimits(isScaledRetry: Bool, limitedSteepest: Bool) -> (initial: Double, maximum: Double) {
        var maximum = 1e10
        var squaredLength = 0.0
        for i in 0..<n {
            let d = direction[i]
            squaredLength += d * d
            if d > 0 && upper[i] < .infinity {
                maximum = min(maximum, (upper[i] - x[i]) / d)
            } else if d < 0 && lower[i] > -.infinity {
                maximum = min(maximum, (lower[i] - x[i]) / d)
            }
        }
        maximum = max(maximum, 1)
        guard limitedSteepest && pairCount == 0 && !isScaledRetry else { return (1, maximum) }
        if hasBounds { maximum = 1 }
        if isBoxed { return (1, maximum) }
        return (min(1 / squaredLength.squareRoot(), maximum), maximum)
    }

    /// Sets the line search's trial point `P(x + a d)`; at `a = 1` exactly `xbar`, so that bounds are met exactly.
    func setTrialPoint(step: Double) {
        if step == 1 {
            trialX.update(from: target, count: n)
            return
        }
        for i in 0..<n {
            trialX[i] = min(max(x[i] + step * direction[i], lower[i]), upper[i])
        }
    }

    /// Moves to the line search's accepted point: stores the correction pair `s = x_new - x`, `y = g_new - g` when
    /// `s'y > eps (-g's)` (L-BFGS-B's curvature test; always true after a strong-Wolfe step), then swaps buffers.
    ///
    /// Components of fixed variables are left out of `y` (their `s` is 0), so that they do not distort `theta`.
    mutating func acceptStep(value newValue: Double) {
        var curvature = 0.0
        var decrease = 0.0
        for i in 0..<n {
            let step = acceptedX[i] - x[i]
            curvature += step * (acceptedG[i] - g[i])
            decrease -= step * g[i]
        }
        if curvature > Double.ulpOfOne * decrease {
            storePair()
        }
        swap(&x, &acceptedX)
        swap(&g, &acceptedG)
        value = newValue
    }

    /// The result at the current iterate.
    func result(value: Double, iterations: Int, stopReason: BoundedMinimizer.StopReason) -> BoundedMinimizer.Result {
        BoundedMinimizer.Result(
            x: Array(UnsafeBufferPointer(start: x, count: n)),
            value: value,
            gradient: Array(UnsafeBufferPointer(start: g, count: n)),
            projectedGradientNorm: stopReason == .nonFiniteStart ? .nan : projectedGradientNorm(),
            iterations: iterations,
            evaluations: evaluations,
            stopReason: stopReason
        )
    }
}
