import Foundation
import Testing
import TunebenchNumerics

/// Test objectives, each writing its gradient.
private enum Objectives {
    /// The chained Rosenbrock function `sum 100 (x_(i+1) - x_i^2)^2 + (1 - x_i)^2`; minimum 0 at all ones.
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        var value = 0.0
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            value += 100 * a * a + b * b
            gradient[i] += -400 * a * x[i] - 2 * b
            gradient[i + 1] += 200 * a
        }
        return value
    }

    /// `(x_0 - 2)^2 + (x_1 + 1)^2`.
    static func shiftedBowl(_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double
    {
        gradient[0] = 2 * (x[0] - 2)
        gradient[1] = 2 * (x[1] + 1)
        return (x[0] - 2) * (x[0] - 2) + (x[1] + 1) * (x[1] + 1)
    }
}

/// The quadratic `x'Ax/2 - b'x` of `quadraticWithMixedBoundsMatchesTheExactSolution`.
private struct Quadratic {
    let a: [[Double]] = [
        [7.75, -1.5, -2.75, 1.25, 1.75, -3.0], [-1.5, 7.75, -2.5, -3.0, 1.75, 1.25],
        [-2.75, -2.5, 5.75, -0.25, -3.5, 0.25], [1.25, -3.0, -0.25, 7.0, -1.75, -2.5],
        [1.75, 1.75, -3.5, -1.75, 8.0, -1.75], [-3.0, 1.25, 0.25, -2.5, -1.75, 7.0],
    ]
    let b = [4.0, -3.0, 2.0, 5.0, -1.0, 0.5]

    func callAsFunction(_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        var value = 0.0
        for i in 0..<6 {
            var row = 0.0
            for j in 0..<6 { row += a[i][j] * x[j] }
            gradient[i] = row - b[i]
            value += x[i] * (0.5 * row - b[i])
        }
        return value
    }
}

struct BoundedMinimizerTests {
    let tight = BoundedMinimizer(
        maxIterations: 1000,
        maxEvaluations: 5000,
        gradientTolerance: 1e-12,
        functionTolerance: 0
    )
    let unbounded2 = ([-Double.infinity, -.infinity], [Double.infinity, .infinity])

    @Test func rosenbrockTwoDimensionalConvergesToTheMinimum() {
        let result = tight.minimize(
            start: [-1.2, 1],
            lower: unbounded2.0,
            upper: unbounded2.1,
            objective: Objectives.rosenbrock
        )
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        #expect(abs(result.x[0] - 1) <= 1e-8 && abs(result.x[1] - 1) <= 1e-8, "\(result.x)")
        #expect(result.value <= 1e-16)
        // SciPy 1.17's L-BFGS-B takes 39 iterations and 47 evaluations with ftol=0, gtol=1e-12 (this: 38 and 47).
        #expect(result.iterations < 60 && result.evaluations < 80, "\(result.iterations) \(result.evaluations)")
    }

    @Test func rosenbrockTenDimensionalConvergesToTheGlobalMinimum() {
        let start = (0..<10).map { $0 % 2 == 0 ? -1.2 : 1.0 }
        let infinite = [Double](repeating: .infinity, count: 10)
        let result = tight.minimize(
            start: start,
            lower: infinite.map { -$0 },
            upper: infinite,
            objective: Objectives.rosenbrock
        )
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        #expect(result.x.allSatisfy { abs($0 - 1) <= 1e-8 }, "\(result.x)")
        // SciPy 1.17's L-BFGS-B from this start: 85 iterations, 103 evaluations (ftol=0, gtol=1e-12; this: 91, 108).
        #expect(result.iterations < 150 && result.evaluations < 200, "\(result.iterations) \(result.evaluations)")
    }

    @Test func boundsThatCutOffTheMinimumAreActiveAtTheSolution() {
        let result = BoundedMinimizer().minimize(
            start: [0.5, 0.5],
            lower: [0, 0],
            upper: [1, 1],
            objective: Objectives.shiftedBowl
        )
        #expect(result.x == [1, 0])
        #expect(result.value == 2)
        #expect(result.projectedGradientNorm == 0 && result.stopReason == .gradientTolerance)
        #expect(result.gradient == [-2, 2])
    }

    /// SciPy 1.17, `scipy.optimize.minimize(f, np.zeros(6), jac=g, method='L-BFGS-B', bounds=..., options=dict(ftol=0,
    /// gtol=1e-14))` finds x = [0.7141369465157792, -0.08795516242270214, 0.25, 0.5, 0.08451511753403716,
    /// 0.5839651783491441] with variables 2 and 3 at their upper bounds; the exact solution with that active set,
    /// `np.linalg.solve(A[F, F], b[F] - A[F, A] @ x[A])` over the free set F, is the reference below (its KKT
    /// multipliers, the gradient components -2.5813 and -2.0138 at the upper bounds, have the right sign).
    @Test func quadraticWithMixedBoundsMatchesTheExactSolution() {
        let exact = [0.7141369465505946, -0.08795516240756343, 0.25, 0.5, 0.08451511747636435, 0.5839651783206965]
        let lower = [0.0, -1.0, -.infinity, 0.0, -0.5, -2.0]
        let upper = [1.0, .infinity, 0.25, 0.5, 0.5, 2.0]
        let quadratic = Quadratic()
        let result = tight.minimize(start: [0, 0, 0, 0, 0, 0], lower: lower, upper: upper) { quadratic($0, $1) }
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        for i in 0..<6 { #expect(abs(result.x[i] - exact[i]) <= 1e-10, "x[\(i)] = \(result.x[i])") }
        #expect(result.x[2] == 0.25 && result.x[3] == 0.5)
        #expect(abs(result.value - -3.9900473444959275) <= 1e-14)
    }

    /// SciPy 1.17, `scipy.optimize.minimize(rosen, [-1.2, 1, 1, -0.5], jac=rosen_der, method='L-BFGS-B',
    /// bounds=[(-2, 0.5), (-2, 2), (0.6, 2), (-2, 2)], options=dict(ftol=0, gtol=1e-13))`: a local minimizer with
    /// the third variable at its lower bound, f = 3.7311831113595306.
    @Test func boundedRosenbrockMatchesSciPy() {
        let reference = [-0.8719630585792811, 0.7710537635454732, 0.6, 0.35999999994946036]
        let result = tight.minimize(
            start: [-1.2, 1, 1, -0.5],
            lower: [-2, -2, 0.6, -2],
            upper: [0.5, 2, 2, 2],
            objective: Objectives.rosenbrock
        )
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        for i in 0..<4 { #expect(abs(result.x[i] - reference[i]) <= 1e-7, "x[\(i)] = \(result.x[i])") }
        #expect(result.x[2] == 0.6)
        #expect(abs(result.value - 3.7311831113595306) <= 1e-12)
    }

    /// With a tolerance of 0, the run ends when no step can show a decrease in floating point, after a handful of
    /// evaluations rather than two failed 20-trial line searches.
    @Test func zeroToleranceStopsAtTheRoundingLimit() {
        let quadratic = Quadratic()
        let exhaustive = BoundedMinimizer(
            maxIterations: 1000,
            maxEvaluations: 5000,
            gradientTolerance: 0,
            functionTolerance: 0
        )
        let result = exhaustive.minimize(
            start: [0, 0, 0, 0, 0, 0],
            lower: [0.0, -1.0, -.infinity, 0.0, -0.5, -2.0],
            upper: [1.0, .infinity, 0.25, 0.5, 0.5, 2.0]
        ) { quadratic($0, $1) }
        #expect(result.stopReason == .roundingLimit && result.stopReason.isConverged)
        #expect(result.evaluations <= result.iterations + 12, "\(result.iterations) \(result.evaluations)")
        #expect(abs(result.value - -3.9900473444959275) <= 1e-14)
    }

    @Test func startOutsideTheBoxIsProjected() {
        var first: [Double]?
        let result = BoundedMinimizer().minimize(start: [5, -3], lower: [0, 0], upper: [1, 1]) { x, gradient in
            if first == nil { first = Array(x) }
            return Objectives.shiftedBowl(x, gradient)
        }
        #expect(first == [1, 0])
        #expect(result.x == [1, 0] && result.iterations == 0 && result.evaluations == 1)
        let nan = BoundedMinimizer().minimize(start: [.nan, .nan], lower: [0.5, -.infinity], upper: [1, -2]) {
            Objectives.shiftedBowl($0, $1)
        }
        #expect(nan.x == [1, -2])
    }

    /// A coupled quadratic with variables 2 and 4 fixed; the reference is the exact solution over the free variables,
    /// `np.linalg.solve(H[F, F], b[F] - H[F, A] @ x[A])` with NumPy 2.4.
    @Test func fixedVariablesStayFixedAndTheOthersConverge() {
        let target = [1.0, -2.0, 3.0, 0.5, -1.5]
        let exact = [1.4323640960809103, -2.632427307206068, 7.0, 0.246875, -0.25]
        var fixedGradientsSeen = 0
        let result = BoundedMinimizer().minimize(
            start: [0, 0, 7, 0, 0],
            lower: [-5, -5, 7, -5, -0.25],
            upper: [5, 5, 7, 5, -0.25]
        ) { x, gradient in
            var value = 0.0
            for i in 0..<5 {
                let weight = Double(i + 1)
                value += weight * (x[i] - target[i]) * (x[i] - target[i]) + 0.3 * x[i] * x[(i + 1) % 5]
                gradient[i] += 2 * weight * (x[i] - target[i]) + 0.3 * x[(i + 1) % 5]
                gradient[(i + 1) % 5] += 0.3 * x[i]
            }
            if gradient[2] != 0 { fixedGradientsSeen += 1 }
            return value
        }
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        #expect(result.x[2] == 7 && result.x[4] == -0.25)
        for i in 0..<5 { #expect(abs(result.x[i] - exact[i]) <= 1e-7, "x[\(i)] = \(result.x[i])") }
        #expect(fixedGradientsSeen > 0)  // the fixed variables' gradient is non-zero and ignored
        #expect(abs(result.gradient[2] - 23.28433430783818) <= 1e-6)
    }

    @Test func allVariablesFixedNeedsOneEvaluation() {
        let result = BoundedMinimizer().minimize(
            start: [0, 0],
            lower: [1, 2],
            upper: [1, 2],
            objective: Objectives.shiftedBowl
        )
        #expect(result.x == [1, 2] && result.evaluations == 1 && result.stopReason == .gradientTolerance)
    }

    /// The pseudo-Huber bowl `sqrt(1 + (x - 1)^2) + sqrt(1 + (y - 1)^2)`, whose curvature fades away from the
    /// minimum (1, 1), so that extrapolating line searches and secant models overshoot it, into NaN values beyond
    /// x = -0.5 and infinite values beyond y = 2.5: those trials must be backtracked from.
    @Test func nanAndInfiniteRegionsAreBacktrackedFrom() {
        var unusable = 0
        let result = tight.minimize(start: [8, -6], lower: unbounded2.0, upper: unbounded2.1) { x, gradient in
            if x[0] < -0.5 || x[1] > 2.5 {
                unusable += 1
                return x[0] < -0.5 ? .nan : .infinity
            }
            let a = (1 + (x[0] - 1) * (x[0] - 1)).squareRoot()
            let b = (1 + (x[1] - 1) * (x[1] - 1)).squareRoot()
            gradient[0] = (x[0] - 1) / a
            gradient[1] = (x[1] - 1) / b
            return a + b
        }
        #expect(result.stopReason.isConverged, "\(result.stopReason)")
        #expect(abs(result.x[0] - 1) <= 1e-10 && abs(result.x[1] - 1) <= 1e-10, "\(result.x)")
        #expect(unusable > 0)
    }

    /// The minimum of `(x - 3)^2` lies in a NaN region x >= 2: the minimizer must stop at a usable point below 2,
    /// better than the start, without ever returning a NaN.
    @Test func minimumInsideANaNRegionGivesTheBestUsablePoint() {
        let result = BoundedMinimizer().minimize(start: [0], lower: [-10], upper: [10]) { x, gradient in
            if x[0] >= 2 { return .nan }
            gradient[0] = 2 * (x[0] - 3)
            return (x[0] - 3) * (x[0] - 3)
        }
        #expect(result.value.isFinite && result.value < 9)
        #expect(result.x[0] < 2 && result.x[0] > 1.9, "\(result.x) \(result.stopReason)")
    }

    @Test func nanAtTheStartIsReported() {
        let result = BoundedMinimizer().minimize(start: [1, 1], lower: [0, 0], upper: [2, 2]) { _, _ in .nan }
        #expect(result.stopReason == .nonFiniteStart && result.evaluations == 1 && result.x == [1, 1])
        let badGradient = BoundedMinimizer().minimize(start: [1], lower: [0], upper: [2]) { _, gradient in
            gradient[0] = .infinity
            return 1
        }
        #expect(badGradient.stopReason == .nonFiniteStart)
    }

    @Test func evaluationsAreCountedAndBudgetsRespected() {
        var calls = 0
        let result = tight.minimize(start: [-1.2, 1], lower: unbounded2.0, upper: unbounded2.1) { x, gradient in
            calls += 1
            return Objectives.rosenbrock(x, gradient)
        }
        #expect(result.evaluations == calls)

        calls = 0
        let limited = BoundedMinimizer(maxEvaluations: 7).minimize(
            start: [-1.2, 1],
            lower: unbounded2.0,
            upper: unbounded2.1
        ) {
            calls += 1
            return Objectives.rosenbrock($0, $1)
        }
        #expect(calls == 7 && limited.evaluations == 7 && limited.stopReason == .maxEvaluations)

        let iterationLimited = BoundedMinimizer(maxIterations: 3).minimize(
            start: [-1.2, 1],
            lower: unbounded2.0,
            upper: unbounded2.1,
            objective: Objectives.rosenbrock
        )
        #expect(iterationLimited.iterations == 3 && iterationLimited.stopReason == .maxIterations)
    }

    @Test func runsAreDeterministic() {
        let run = {
            tight.minimize(
                start: [0.3, -0.7, 0.1, 0.9],
                lower: [-1, -1, 0.2, -1],
                upper: [1, 1, 1, 1],
                objective: Objectives.rosenbrock
            )
        }
        #expect(run() == run())
    }

    /// On a concave slope every BFGS update is skipped (`s'y < 0`). Limiting steepest-descent steps to unit length
    /// while the memory is empty makes each step `|g|` long, so the run creeps; L-BFGS-B's rule (the limit at the first
    /// iteration only) lets the line search extrapolate to the bound in a few evaluations.
    @Test func onAConcaveSlopeOnlyTheFirstSteepestStepIsLimited() {
        // f(u) = -0.001 e^u on [0, 1] from u = 0: the minimum is the bound u = 1.
        let concave: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double = { x, gradient in
            gradient[0] = -0.001 * exp(x[0])
            return -0.001 * exp(x[0])
        }
        let faithful = BoundedMinimizer(maxEvaluations: 40, steepestStepLimit: .firstIteration)
            .minimize(start: [0], lower: [0], upper: [1], objective: concave)
        #expect(abs(faithful.x[0] - 1) < 1e-12)
        #expect(faithful.evaluations < 15)
        let creeping = BoundedMinimizer(maxEvaluations: 40, steepestStepLimit: .whileMemoryIsEmpty)
            .minimize(start: [0], lower: [0], upper: [1], objective: concave)
        #expect(creeping.x[0] < 0.1)  // steps of |g| ≈ 0.001 each
    }

    /// A multimodal function on a box, from many starts: the result is never worse than the projected start and
    /// always inside the box.
    @Test func resultIsNeverWorseThanTheStart() {
        var generator = SplitMix64(state: 11)
        let rastrigin: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double = { x, gradient in
            var value = 10.0 * Double(x.count)
            for i in 0..<x.count {
                value += x[i] * x[i] - 10 * cos(2 * .pi * x[i])
                gradient[i] = 2 * x[i] + 20 * .pi * sin(2 * .pi * x[i])
            }
            return value
        }
        for _ in 0..<50 {
            let start = (0..<5).map { _ in generator.nextUniform(-6, 6) }
            let lower = [Double](repeating: -5.12, count: 5)
            let upper = [Double](repeating: 5.12, count: 5)
            let result = BoundedMinimizer().minimize(start: start, lower: lower, upper: upper, objective: rastrigin)
            let projected = zip(start, lower).map { max($0, $1) }.map { min($0, 5.12) }
            var scratch = [Double](repeating: 0, count: 5)
            let startValue = projected.withUnsafeBufferPointer { x in
                scratch.withUnsafeMutableBufferPointer { rastrigin(x, $0) }
            }
            #expect(result.value <= startValue)
            #expect(result.x.allSatisfy { abs($0) <= 5.12 })
            #expect(result.stopReason.isConverged || result.stopReason == .lineSearchFailed, "\(result.stopReason)")
        }
    }

    @Test func errorsFromTheObjectiveAreRethrown() {
        struct Stop: Error {}
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try BoundedMinimizer().minimize(start: [-1.2, 1], lower: unbounded2.0, upper: unbounded2.1) {
                (x, g) throws(Stop) -> Double in
                calls += 1
                if calls == 4 { throw Stop() }
                return Objectives.rosenbrock(x, g)
            }
        }
    }

    @Test func smallMemoryAndZeroDimensionsWork() {
        let result = BoundedMinimizer(
            memory: 1,
            maxIterations: 2000,
            maxEvaluations: 5000,
            gradientTolerance: 1e-10,
            functionTolerance: 0
        ).minimize(
            start: [-1.2, 1],
            lower: unbounded2.0,
            upper: unbounded2.1,
            objective: Objectives.rosenbrock
        )
        #expect(abs(result.x[0] - 1) <= 1e-6 && abs(result.x[1] - 1) <= 1e-6, "\(result.x) \(result.stopReason)")
        let empty = BoundedMinimizer().minimize(start: [], lower: [], upper: []) { _, _ in 4 }
        #expect(empty.value == 4 && empty.x.isEmpty && empty.stopReason == .gradientTolerance)
    }
}
