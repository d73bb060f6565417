// L-BFGS-B: limited-memory BFGS for box constraints.
//
// R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory algorithm for bound constrained optimization",
// SIAM J. Sci. Comput. 16(5), 1995, 1190-1208 (cited below as BLNZ), with the subspace step of J. L. Morales and
// J. Nocedal, "Remark on 'Algorithm 778: L-BFGS-B'", ACM TOMS 38(1), 2011. Written for this project from the papers;
// the file layout follows the algorithm:
//
//   BoundedMinimizer.swift                               settings, the iteration, stopping tests
//   BoundedMinimizer+Result.swift                        what a run returns
//   BoundedMinimizerWorkspace.swift                      buffers, evaluation, projected gradient, the accepted step
//   BoundedMinimizerWorkspace+Memory.swift               the compact limited-memory matrix B = theta I - W M W'
//   BoundedMinimizerWorkspace+CauchyPoint.swift          the generalized Cauchy point (BLNZ section 4)
//   BoundedMinimizerWorkspace+SubspaceMinimization.swift the direct primal subspace step (BLNZ section 5.1)
//   BoundedMinimizerWorkspace+LineSearch.swift           the strong-Wolfe line search with NaN handling

/// A bounded quasi-Newton minimizer, L-BFGS-B: minimizes a smooth `f(x)` subject to `lower <= x <= upper`, from
/// function values and gradients.
///
/// Each iteration (Byrd, Lu, Nocedal and Zhu 1995):
///
/// 1. builds the quadratic model `m(x + s) = f + g's + s'Bs/2` with the limited-memory BFGS matrix in compact form
///    `B = theta I - W M W'` from the last `memory` steps `s_i` and gradient changes `y_i` (`W = [Y, theta S]`,
///    `theta = y'y / s'y` of the newest pair; Byrd, Nocedal and Schnabel 1994);
/// 2. finds the generalized Cauchy point: the first local minimizer of the model along the projected steepest-descent
///    path `P(x - t g)`, breakpoint by breakpoint, in O(n log n + breakpoints * memory^2) (skipped, as in L-BFGS-B,
///    when no bound is finite);
/// 3. minimizes the model over the variables that are free at the Cauchy point (the others stay at their bounds) by
///    a direct primal step, solving the `2k x 2k` Sherman-Morrison-Woodbury system (O(free * memory^2 + memory^3)),
///    or, when every variable is free, by the two-loop recursion `-H r` (O(n * memory)); the unconstrained minimizer
///    is projected onto the box and kept if it is a descent direction, otherwise it is truncated at the first bound
///    (Morales and Nocedal 2011);
/// 4. searches along `d = xbar - x` for a step satisfying the strong Wolfe conditions (`c1 = 1e-3`, `c2 = 0.9`, as in
///    L-BFGS-B) by bracketing and safeguarded cubic interpolation (Nocedal and Wright, "Numerical Optimization",
///    2nd ed., 2006, Algorithms 3.5 and 3.6), never beyond the box;
/// 5. stores the pair `(s, y)` if `s'y > eps * (-g's)` (curvature; otherwise the update is skipped).
///
/// Robustness: the start is projected onto the box (a NaN coordinate becomes 0 projected onto its bounds);
/// variables with `lower == upper` are fixed and take no part (their gradient components are ignored); infinite
/// bounds are allowed. A NaN or infinite objective value or gradient at a trial point is a failed step: the line
/// search backtracks toward the last good step. If no step decreases `f`, the memory is discarded and the iteration
/// retried along the projected steepest-descent direction, and if that fails too the run stops with
/// `.lineSearchFailed`. When the decrease sought is below the rounding level of `f` (4 ulps), no step can show it:
/// after one confirming steepest-descent trial the run stops with `.roundingLimit` (converged as far as `f`'s
/// precision allows) rather than spending evaluations. Every accepted point satisfies the sufficient-decrease
/// condition, so the returned point is never worse than the (projected) start, and is the best point accepted.
///
/// ```swift
/// let minimizer = BoundedMinimizer()
/// let result = minimizer.minimize(start: [0.5, 0.5], lower: [0, 0], upper: [1, 1]) { x, gradient in
///     gradient[0] = 2 * (x[0] - 2)
///     gradient[1] = 2 * (x[1] + 1)
///     return (x[0] - 2) * (x[0] - 2) + (x[1] + 1) * (x[1] + 1)
/// }
/// // result.x == [1, 0], result.stopReason == .gradientTolerance
/// ```
///
/// The minimizer is a value holding settings; `minimize` allocates its working storage once per call (two
/// allocations of O(n * memory + memory^2) numbers) and nothing per iteration or evaluation. It is deterministic:
/// the same inputs and objective give the same result, bit for bit.
public struct BoundedMinimizer: Sendable, Hashable {
    /// The number `m` of correction pairs `(s, y)` kept: more gives a better Hessian model for more work per
    /// iteration, O(n m + m^3). Between 3 and 20 is usual; L-BFGS-B's default is 10.
    public let memory: Int

    /// The most iterations (accepted steps) before stopping with `.maxIterations`.
    public let maxIterations: Int

    /// The most objective evaluations, the first included, before stopping with `.maxEvaluations`.
    public let maxEvaluations: Int

    /// Convergence: stop with `.gradientTolerance` once the projected gradient's infinity norm
    /// `max_i |P(x - g)_i - x_i|` is at most this (it is 0 exactly at a point satisfying the first-order conditions).
    public let gradientTolerance: Double

    /// Convergence: stop with `.functionTolerance` once an iteration reduces `f` by at most this, relative:
    /// `(f_old - f_new) / max(|f_old|, |f_new|, 1) <= functionTolerance` (SciPy's `ftol`; its default is 2.2e-9).
    public let functionTolerance: Double
    /// When the first trial step of a line search along the projected steepest-descent step (no correction pairs) is
    /// limited to unit length inside the box.
    public enum SteepestStepLimit: Sendable, Hashable {
        /// At every iteration without correction pairs, also after updates skipped for lack of curvature. Where
        /// `f` is concave along the path the steps then stay at `|g|` and the run creeps.
        case whileMemoryIsEmpty
        /// At the first iteration only, as L-BFGS-B's line search driver (`lnsrlb`, `iter = 0`) does; later
        /// steepest-descent steps may extrapolate up to the box.
        case firstIteration
    }
    /// Where the unit-length limit of steepest-descent steps applies.
    public let steepestStepLimit: SteepestStepLimit

    /// Creates a minimizer with the given settings.
    ///
    /// - Parameters:
    ///   - memory: Correction pairs kept, at least 1.
    ///   - maxIterations: Iterations allowed, at least 0.
    ///   - maxEvaluations: Objective evaluations allowed, at least 1.
    ///   - gradientTolerance: Projected-gradient infinity norm at which to stop, at least 0.
    ///   - functionTolerance: Relative reduction at which to stop, at least 0 (0 turns the test off).
    /// - Precondition: The settings are in the ranges above.
    public init(
        memory: Int = 10,
        maxIterations: Int = 200,
        maxEvaluations: Int = 1000,
        gradientTolerance: Double = 1e-6,
        functionTolerance: Double = 1e-10,
        steepestStepLimit: SteepestStepLimit = .whileMemoryIsEmpty
    ) {
        precondition(memory >= 1, "BoundedMinimizer: memory \(memory) must be at least 1")
        precondition(maxIterations >= 0, "BoundedMinimizer: maxIterations \(maxIterations) must be at least 0")
        precondition(maxEvaluations >= 1, "BoundedMinimizer: maxEvaluations \(maxEvaluations) must be at least 1")
        precondition(gradientTolerance >= 0, "BoundedMinimizer: gradientTolerance \(gradientTolerance) must be >= 0")
        precondition(functionTolerance >= 0, "BoundedMinimizer: functionTolerance \(functionTolerance) must be >= 0")
        self.memory = memory
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations
        self.gradientTolerance = gradientTolerance
        self.functionTolerance = functionTolerance
        self.steepestStepLimit = steepestStepLimit
    }

    /// Minimizes `objective` over the box `lower <= x <= upper` from `start`.
    ///
    /// - Parameters:
    ///   - start: The starting point, `n` coordinates; projected onto the box first.
    ///   - lower: The lower bounds, `n` values, each `-infinity` or finite.
    ///   - upper: The upper bounds, `n` values, each `+infinity` or finite, with `lower[i] <= upper[i]`;
    ///     `lower[i] == upper[i]` fixes variable `i`.
    ///   - objective: Given `x` (`n` coordinates, always inside the box), writes the gradient into the second buffer
    ///     (`n` numbers, zeroed before each call) and returns `f(x)`. Both buffers are valid only during the call.
    ///     A NaN or infinite value or gradient marks `x` as unusable. Errors thrown end the run and are rethrown.
    /// - Returns: The best point accepted, its value and gradient, and why the run stopped.
    /// - Throws: Whatever `objective` throws.
    /// - Precondition: `lower` and `upper` have `start.count` elements, none NaN, and `lower[i] <= upper[i]`.
    /// - Complexity: Per iteration, besides the evaluations (usually one or two): O(n m + m^3) while every variable
    ///   is free at the Cauchy point, O(n m^2 + m^3 + n log n) when some bound is active; O(n m + m^2) memory.
    public func minimize<E: Error>(
        start: [Double],
        lower: [Double],
        upper: [Double],
        objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws(E) -> Double
    ) throws(E) -> Result {
        let n = start.count
        precondition(
            lower.count == n && upper.count == n,
            "BoundedMinimizer: start has \(n) coordinates but lower has \(lower.count) and upper \(upper.count)"
        )
        for i in 0..<n {
            precondition(
                lower[i] <= upper[i] && lower[i] != .infinity && upper[i] != -.infinity,
                "BoundedMinimizer: bounds of variable \(i), [\(lower[i]), \(upper[i])], are empty or NaN"
            )
        }
        var work = BoundedMinimizerWorkspace(dimension: n, memory: memory, start: start, lower: lower, upper: upper)
        let startValue = try work.evaluate(at: work.x, gradient: work.g, objective)
        guard work.isUsable(startValue, gradient: work.g) else {
            return work.result(value: startValue, iterations: 0, stopReason: .nonFiniteStart)
        }
        work.value = startValue

        var iterations = 0
        var stopReason = StopReason.gradientTolerance
        var projectedGradientNorm = work.projectedGradientNorm()
        var isScaledRetry = false  // retrying along theta-scaled steepest descent after a step below rounding
        iterating: while projectedGradientNorm > gradientTolerance {
            if iterations >= maxIterations {
                stopReason = .maxIterations
                break
            }
            if work.evaluations >= maxEvaluations {
                stopReason = .maxEvaluations
                break
            }
            guard let slope = work.searchDirection() else {
                // No descent direction from the model: start again from steepest descent, or give up.
                if work.pairCount > 0 {
                    work.resetMemory()
                    continue
                }
                stopReason = .lineSearchFailed
                break
            }
            let limited = steepestStepLimit == .firstIteration ? iterations == 0 : work.pairCount == 0
            let steps = work.stepLimits(isScaledRetry: isScaledRetry, limitedSteepest: limited)
            let outcome = try work.lineSearch(
                initialStep: steps.initial,
                maximumStep: steps.maximum,
                slope: slope,
                evaluationLimit: maxEvaluations,
                objective
            )
            switch outcome {
            case .accepted(let newValue):
                let oldValue = work.value
                work.acceptStep(value: newValue)
                iterations += 1
                isScaledRetry = false
                projectedGradientNorm = work.projectedGradientNorm()
                if projectedGradientNorm <= gradientTolerance { break iterating }
                let scale = max(abs(oldValue), abs(newValue), 1)
                if oldValue - newValue <= functionTolerance * scale {
                    stopReason = .functionTolerance
                    break iterating
                }
            case .belowRounding:
                // Confirm along steepest descent scaled by the last curvature estimate before concluding.
                if work.pairCount > 0 {
                    work.resetMemory(keepingScale: true)
                    isScaledRetry = true
                    continue
                }
                stopReason = .roundingLimit
                break iterating
            case .failed:
                if work.evaluations >= maxEvaluations {
                    stopReason = .maxEvaluations
                    break iterating
                }
                if work.pairCount > 0 {
                    work.resetMemory()
                    isScaledRetry = false
                    continue
                }
                stopReason = .lineSearchFailed
                break iterating
            }
        }
        return work.result(value: work.value, iterations: iterations, stopReason: stopReason)
    }
}
