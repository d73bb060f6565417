import Foundation
import Testing
import Tunebench
@testable import TunebenchOptimizers

/// Multi-start L-BFGS-B: to rounding on smooth functions with analytic gradients, close with finite differences whose
/// probes are counted, the chain rule for log scales, and runs that retrace themselves.
struct QuasiNewtonSearchTests {
    /// Runs `lbfgsb` on `problem` for `budget` evaluations, passing gradients on when the suggestion asks and the
    /// problem provides them; returns the best value, the number of evaluations and the suggestions.
    private func run<P: Problem>(
        _ problem: P, budget: Int, seed: UInt64 = 3, options: [String: OptionValue] = [:]
    ) throws -> (best: Double, count: Int, trace: [Configuration], metadata: [String: String]) {
        var problem = problem
        let entry = try Registry.builtin.optimizer(named: "lbfgsb")
        let resolved = try Options.resolve(options, specs: entry.options, entry: "lbfgsb")
        var optimizer = try entry.factory(
            OptimizerContext(
                space: problem.space, seed: seed, budget: budget, options: resolved,
                gradients: problem.providesGradient))
        var best = Double.infinity
        var trace: [Configuration] = []
        while let suggestion = try optimizer.ask() {
            try problem.space.validate(suggestion.configuration)
            let evaluation =
                suggestion.wantsGradient && problem.providesGradient
                ? try problem.evaluateWithGradient(suggestion.configuration)
                : try problem.evaluate(suggestion.configuration)
            best = min(best, evaluation.value)
            trace.append(suggestion.configuration)
            try optimizer.tell(Observation(suggestion, value: evaluation.value, gradient: evaluation.gradient))
        }
        return (best, trace.count, trace, optimizer.metadata)
    }

    /// The bar: regret below 1e-6 on Sphere and Rosenbrock in 5 dimensions within 500 evaluations.
    @Test(arguments: [1, 2, 3] as [UInt64]) func analyticGradientsReachTheMinimum(seed: UInt64) throws {
        let sphere = try run(SyntheticProblem(Sphere(dimension: 5)), budget: 500, seed: seed)
        #expect(sphere.best < 1e-12, "sphere \(sphere.best)")
        #expect(sphere.metadata["gradients"] == "analytic")
        let rosenbrock = try run(SyntheticProblem(Rosenbrock(dimension: 5)), budget: 500, seed: seed)
        #expect(rosenbrock.best < 1e-10, "rosenbrock \(rosenbrock.best)")
        #expect(rosenbrock.count == 500)
    }

    /// The bar on the ridge problem: with the hypergradient, the best of 30 evaluations has the optimal `α` to
    /// 1e-4 relative. The optimum solves `∂L/∂α = 0`, found by bisection in `log α` between grid neighbours of the
    /// grid's best point, to 1e-12 relative.
    /// Instance 2 starts on the flat plateau of small `α`, where the loss is concave in `log α`: it needs L-BFGS-B's
    /// own step rule (``BoundedMinimizer/SteepestStepLimit/firstIteration``) to leave it in time.
    @Test(arguments: 0..<10) func hypergradientFindsTheOptimalRidgeAlpha(repetition: Int) throws {
        let seed = SeedDerivation.instanceSeed(experiment: 0, problem: "ridge", repetition: repetition)
        let problem = try #require(try Registry.builtin.makeProblem(EntrySpec("ridge"), seed: seed) as? RidgeProblem)
        // The grid's best point, then bisection on the sign of the derivative between its neighbours.
        let grid = (0...80).map { exp(log(1e-4) + Double($0) / 80 * log(1e8)) }
        let values = try grid.map { try problem.evaluate(Configuration([.real($0)])).value }
        let k = values.indices.min { values[$0] < values[$1] }!
        var (low, high) = (log(grid[max(k - 1, 0)]), log(grid[min(k + 1, 80)]))
        #expect(
            try problem.lossDerivative(alpha: exp(low)) < 0 && problem.lossDerivative(alpha: exp(high)) > 0,
            "grid \(zip(grid, values).map { "\($0):\($1)" })")
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if try problem.lossDerivative(alpha: exp(middle)) < 0 { low = middle } else { high = middle }
        }
        let optimal = exp((low + high) / 2)

        let entry = try Registry.builtin.optimizer(named: "lbfgsb")
        var optimizer = try entry.factory(
            OptimizerContext(
                space: problem.space, seed: UInt64(repetition), budget: 30,
                options: try Options.resolve([:], specs: entry.options, entry: "lbfgsb"), gradients: true))
        var best = (value: Double.infinity, alpha: 0.0)
        while let suggestion = try optimizer.ask() {
            let evaluation = try problem.evaluateWithGradient(suggestion.configuration)
            if evaluation.value < best.value { best = (evaluation.value, suggestion.configuration.real(0)) }
            try optimizer.tell(Observation(suggestion, value: evaluation.value, gradient: evaluation.gradient))
        }
        #expect(abs(best.alpha - optimal) / optimal < 1e-4, "found \(best.alpha), optimal \(optimal)")
    }

    /// With forward differences every probe is a suggestion of its own, so the budget is spent exactly, and the
    /// minimum of a quadratic is still found to the accuracy the step allows.
    @Test func finiteDifferencesCountAgainstTheBudget() throws {
        let result = try run(
            SyntheticProblem(Sphere(dimension: 3)), budget: 120, options: ["finite-differences": .bool(true)])
        #expect(result.count == 120)
        #expect(result.metadata["gradients"] == "finite differences")
        #expect(result.best < 1e-9, "best \(result.best)")
        // A probe differs from the point it probes in exactly one coordinate, by about 1e-7 of the range.
        let first = result.trace[0]
        let probe = result.trace[1]
        let moved = (0..<3).filter { first.real($0) != probe.real($0) }
        #expect(moved.count == 1)
        if let j = moved.first { #expect(abs(first.real(j) - probe.real(j)) < 1e-5) }
    }

    @Test func sameSeedSameTrace() throws {
        let problem = try SyntheticProblem(Hartmann6())
        let a = try run(problem, budget: 200, seed: 9)
        let b = try run(problem, budget: 200, seed: 9)
        let c = try run(problem, budget: 200, seed: 10)
        #expect(a.trace == b.trace)
        #expect(a.trace != c.trace)
    }

    /// A log-scaled real: the gradient in the parameter's own units is turned into unit-cube coordinates by
    /// `dx/du = x ln(upper/lower)`; with a wrong factor the minimizer's line search fails or stalls short.
    @Test func logScaleChainRule() throws {
        let result = try run(LogBowl(), budget: 60)
        #expect(result.best < 1e-14, "best \(result.best)")
        // The converted gradient equals the central difference of f(decode(u)) in u.
        let space = try SearchSpace([
            .real("a", lower: 1e-4, upper: 1, scale: .log), .real("b", lower: -2, upper: 6),
            .categorical("c", choices: ["p", "q"]),
        ])
        func f(_ c: Configuration) -> Double { log(c.real(0)) * log(c.real(0)) * c.real(1) }
        let u = [0.37, 0.61, 0.2]
        let configuration = space.decode(u)
        let (a, b) = (configuration.real(0), configuration.real(1))
        let natural = [2 * log(a) / a * b, log(a) * log(a), 0]
        let converted = QuasiNewtonSearch.unitGradient(natural, at: configuration, in: space)
        for j in 0..<2 {
            var (up, down) = (u, u)
            up[j] += 1e-6
            down[j] -= 1e-6
            let difference = (f(space.decode(up)) - f(space.decode(down))) / 2e-6
            #expect(abs(converted[j] - difference) <= 1e-6 * max(1, abs(difference)), "coordinate \(j)")
        }
        #expect(converted[2] == 0)
    }
}

/// `f(x) = (ln x − ln 0.01)²` on a log-scaled `x ∈ [1e-4, 1]`, with its gradient `2 (ln x − ln 0.01) / x`.
private struct LogBowl: Problem {
    let space = try! SearchSpace([.real("x", lower: 1e-4, upper: 1, scale: .log)])
    var providesGradient: Bool { true }

    func value(_ x: Double) -> Double { (log(x) - log(0.01)) * (log(x) - log(0.01)) }

    mutating func evaluate(_ configuration: Configuration) -> Evaluation {
        Evaluation(value: value(configuration.real(0)))
    }

    mutating func evaluateWithGradient(_ configuration: Configuration) -> Evaluation {
        let x = configuration.real(0)
        return Evaluation(value: value(x), gradient: [2 * (log(x) - log(0.01)) / x])
    }
}
