extension BoundedMinimizer {
    /// Why a run of `BoundedMinimizer.minimize` stopped.
    public enum StopReason: String, Sendable, Hashable, CaseIterable {
        /// Converged: the projected gradient's infinity norm is at most `gradientTolerance`.
        case gradientTolerance
        /// Converged: the last iteration reduced `f` by at most `functionTolerance`, relative.
        case functionTolerance
        /// Converged to rounding: along the quasi-Newton direction and then along scaled steepest descent, the whole
        /// linear decrease `a |g'd|` to the first failed trial is below 4 ulps of `f`, so that no step can show
        /// sufficient decrease in floating point. Tolerances below what `f`'s precision supports end this way (the
        /// projected gradient cannot be driven much below `sqrt(eps |f| curvature)` by value comparisons).
        case roundingLimit
        /// `maxIterations` iterations were taken.
        case maxIterations
        /// `maxEvaluations` evaluations were spent.
        case maxEvaluations
        /// Even the projected steepest-descent direction gave no step with sufficient decrease within 20 trials:
        /// every step runs into NaN values, or the gradient is inconsistent with the values, or `f` is noisier than
        /// its rounding (a tolerance tighter than the objective's accuracy). The result is still the best point.
        case lineSearchFailed
        /// The objective's value or gradient at the (projected) start was NaN or infinite; nothing was tried.
        case nonFiniteStart

        /// Whether the run stopped by one of the convergence tests (`.gradientTolerance`, `.functionTolerance` or
        /// `.roundingLimit`).
        public var isConverged: Bool {
            self == .gradientTolerance || self == .functionTolerance || self == .roundingLimit
        }
    }

    /// The outcome of `BoundedMinimizer.minimize`.
    public struct Result: Sendable, Hashable {
        /// The best point accepted (the projected start if no step was), inside the box.
        public var x: [Double]
        /// `f(x)`, exactly as the objective returned it at `x`; never above the value at the projected start.
        public var value: Double
        /// The gradient at `x` as the objective wrote it (components of fixed variables included).
        public var gradient: [Double]
        /// The projected gradient's infinity norm at `x`, `max_i |P(x - g)_i - x_i|`.
        public var projectedGradientNorm: Double
        /// The number of accepted steps.
        public var iterations: Int
        /// The number of objective evaluations, the first included.
        public var evaluations: Int
        /// Why the run stopped.
        public var stopReason: StopReason

        /// Creates a result.
        public init(
            x: [Double],
            value: Double,
            gradient: [Double],
            projectedGradientNorm: Double,
            iterations: Int,
            evaluations: Int,
            stopReason: StopReason
        ) {
            self.x = x
            self.value = value
            self.gradient = gradient
            self.projectedGradientNorm = projectedGradientNorm
            self.iterations = iterations
            self.evaluations = evaluations
            self.stopReason = stopReason
        }
    }
}
