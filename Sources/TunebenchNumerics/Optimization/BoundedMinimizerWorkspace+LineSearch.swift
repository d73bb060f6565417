// The line search: a step a in (0, maximumStep] along d with the strong Wolfe conditions
//
//     phi(a) <= phi(0) + c1 a phi'(0)        (sufficient decrease)
//     |phi'(a)| <= c2 |phi'(0)|              (curvature)
//
// for phi(a) = f(x + a d), with L-BFGS-B's constants c1 = 1e-3, c2 = 0.9. Bracketing then zooming with safeguarded
// cubic interpolation, after J. Nocedal and S. J. Wright, "Numerical Optimization", 2nd ed., Springer 2006,
// Algorithms 3.5 and 3.6 and Eq. (3.59), in the interval-update form of J. J. More and D. J. Thuente, "Line search
// algorithms with guaranteed sufficient decrease", ACM TOMS 20(3), 1994 (the low end always holds the best step with
// sufficient decrease, the high end a step past a minimizer along d).
//
// Additions for robustness: a trial with a NaN or infinite value or gradient becomes the high end of the bracket and
// the next trial is a quarter of the way back from it; at maximumStep (a bound) with sufficient decrease and phi still
// decreasing, the step is accepted as it is; after 20 trials, or once the evaluation budget is spent, the best step
// with sufficient decrease is accepted if there is one. And when a trial fails while the whole linear decrease to it,
// a |phi'(0)|, is below 4 ulps of phi(0), no shorter step can show sufficient decrease in floating point: the search
// ends at once as `.belowRounding` instead of shrinking the step 20 times (x is a minimizer to rounding accuracy;
// Moré and Thuente's search stops on its interval width for the same reason).

/// How a line search ended.
enum LineSearchOutcome {
    /// A step with sufficient decrease was taken (strong Wolfe, or the best one found); its value.
    case accepted(Double)
    /// No trial had sufficient decrease within the trial or evaluation budget.
    case failed
    /// The decrease sought is below the rounding level of `f`: no step can show it.
    case belowRounding
}

extension BoundedMinimizerWorkspace {
    /// Sufficient-decrease constant `c1`.
    static var sufficientDecrease: Double { 1e-3 }
    /// Curvature constant `c2`.
    static var curvatureCondition: Double { 0.9 }
    /// Trials per line search.
    static var maximumTrials: Int { 20 }

    /// Searches along `direction` from `x`; on success the accepted point and gradient are in `acceptedX` and
    /// `acceptedG`.
    ///
    /// - Parameters:
    ///   - initialStep: The first trial step, in `(0, maximumStep]`.
    ///   - maximumStep: The largest step inside the box.
    ///   - slope: `phi'(0) = g'd`, negative.
    ///   - evaluationLimit: The evaluation count at which to stop trying.
    /// - Returns: The value at the accepted step, or why there is none.
    mutating func lineSearch<E: Error>(
        initialStep: Double,
        maximumStep: Double,
        slope: Double,
        evaluationLimit: Int,
        _ objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws(E) -> Double
    ) throws(E) -> LineSearchOutcome {
        let c1 = Self.sufficientDecrease
        let c2 = Self.curvatureCondition
        let startValue = value
        let roundingLevel = 4 * Double.ulpOfOne * abs(startValue)
        var low = (step: 0.0, value: startValue, slope: slope)
        var high = (step: 0.0, value: 0.0, slope: 0.0)
        var highIsUsable = false
        var bracketed = false
        var haveAccepted = false
        var step = initialStep

        for _ in 0..<Self.maximumTrials {
            if evaluations >= evaluationLimit { break }
            setTrialPoint(step: step)
            let trialValue = try evaluate(at: trialX, gradient: trialG, objective)
            if !isUsable(trialValue, gradient: trialG) {
                high = (step, .nan, .nan)
                highIsUsable = false
                bracketed = true
            } else {
                let trialSlope = Self.dot(trialG, direction, n)
                if trialValue > startValue + c1 * step * slope || trialValue >= low.value {
                    if !haveAccepted && -step * slope <= roundingLevel { return .belowRounding }
                    high = (step, trialValue, trialSlope)
                    highIsUsable = true
                    bracketed = true
                } else {
                    swap(&trialX, &acceptedX)
                    swap(&trialG, &acceptedG)
                    haveAccepted = true
                    if abs(trialSlope) <= -c2 * slope { return .accepted(trialValue) }
                    if bracketed ? trialSlope * (high.step - step) >= 0 : trialSlope > 0 {
                        high = low
                        highIsUsable = true
                        bracketed = true
                    }
                    low = (step, trialValue, trialSlope)
                    if !bracketed && step >= maximumStep { return .accepted(trialValue) }  // at the box, descending
                }
            }

            if bracketed {
                let width = high.step - low.step
                if abs(width) <= Double.ulpOfOne * max(abs(high.step), abs(low.step)) { break }
                guard highIsUsable else {
                    step = low.step + 0.25 * width
                    continue
                }
                var next = Self.cubicMinimizer(low, high)
                let near = low.step + 0.1 * width
                let far = high.step - 0.1 * width
                if !next.isFinite {
                    next = low.step + 0.5 * width
                } else {
                    next = min(max(next, min(near, far)), max(near, far))
                }
                step = next
            } else {
                step = min(maximumStep, 4 * step)
            }
        }
        return haveAccepted ? .accepted(low.value) : .failed
    }

    /// The minimizer of the cubic that interpolates `phi` and `phi'` at two steps (Nocedal and Wright, Eq. 3.59);
    /// NaN when the cubic has no minimizer.
    @inline(__always)
    static func cubicMinimizer(
        _ a: (step: Double, value: Double, slope: Double),
        _ b: (step: Double, value: Double, slope: Double)
    ) -> Double {
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return .nan }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        return b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    }
}
