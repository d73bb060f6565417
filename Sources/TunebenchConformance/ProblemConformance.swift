import Foundation
import TunebenchCore
import TunebenchNumerics

/// The contract every ``Problem`` must satisfy, as a reusable check.
///
/// It checks, for a problem built by `factory` from instance seeds:
/// - the same seed gives the same instance (the same values for the same sequence of evaluations);
/// - values at random points of the space are finite (`finiteEverywhere`);
/// - no value is below the stated optimum (minus `tolerance`), and the noiseless value is the one compared; on a
///   constrained problem, no *feasible* value is;
/// - a constrained problem (``Problem/constraintCount``) reports that many finite constraint values with every finite
///   value, the same for the same seed; an unconstrained one reports none;
/// - a multi-objective problem (``Problem/objectiveCount`` `m > 1`) declares a ``Problem/paretoReference`` of `m`
///   values and no optimum, and reports `m` finite objective values with every finite value, the first equal to the
///   value, the same for the same seed; a single-objective one reports none;
/// - `space` and `optimum` do not change while evaluating;
/// - when the problem provides gradients: `evaluateWithGradient` gives the value `evaluate` gives, a finite gradient
///   with one component per parameter, and each real parameter's component matches a central difference of the
///   noiseless value (step 10⁻⁶ of the parameter's range, in the logarithm for a log-scaled one; relative tolerance
///   10⁻⁴; coordinates within a step of a bound are skipped).
public enum ProblemConformance {
    /// Runs every check on `samples` random points and returns the failures (empty when the problem conforms).
    public static func check(
        name: String, samples: Int = 200, finiteEverywhere: Bool = true, tolerance: Double = 1e-9,
        factory: (UInt64) throws -> any Problem
    ) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        func fail(_ check: String, _ message: String) {
            failures.append(.init(check: check, context: name, message: message))
        }
        do {
            var first = try factory(5)
            var second = try factory(5)
            let space = first.space
            let optimum = first.optimum
            var generator = Xoshiro256StarStar(seed: 99)
            for sample in 0..<samples {
                let point = (0..<space.dimension).map { _ in generator.nextUnit() }
                let configuration = space.decode(point)
                let a = try first.evaluate(configuration)
                let b = try second.evaluate(configuration)
                if !(a.value == b.value || (a.value.isNaN && b.value.isNaN)) || a.constraints != b.constraints
                    || a.objectives != b.objectives
                {
                    fail(
                        "same seed gives the same instance",
                        "sample \(sample): \(a.value) and \(b.value), constraints \(a.constraints ?? []) and "
                            + "\(b.constraints ?? [])")
                    break
                }
                if a.value.isFinite, let message = constraintMismatch(a.constraints, count: first.constraintCount) {
                    fail("constraint values match the count", "at \(space.describe(configuration)): \(message)")
                    break
                }
                if a.value.isFinite, let message = objectivesMismatch(a, count: first.objectiveCount) {
                    fail("objective values match the count", "at \(space.describe(configuration)): \(message)")
                    break
                }
                if finiteEverywhere, !a.value.isFinite {
                    fail("values are finite", "value \(a.value) at \(space.describe(configuration))")
                    break
                }
                if let optimum, a.isFeasible, a.trueValue < optimum - tolerance {
                    fail(
                        "no value below the optimum",
                        "value \(a.trueValue) at \(space.describe(configuration)) is below the optimum \(optimum)")
                    break
                }
            }
            if first.objectiveCount > 1,
                first.paretoReference?.point.count != first.objectiveCount || first.optimum != nil
            {
                fail(
                    "a multi-objective problem declares its reference point",
                    "\(first.objectiveCount) objectives, reference point \(first.paretoReference?.point ?? []), "
                        + "optimum \(first.optimum.map { "\($0)" } ?? "none")")
            }
            if first.space != space || first.optimum != optimum {
                fail("space and optimum are constant", "they changed while evaluating")
            }
            if first.providesGradient, let message = try gradientMismatch(factory: factory, samples: min(samples, 20)) {
                fail("gradients match the values", message)
            }
        } catch {
            fail("evaluation does not throw", "threw \(error)")
        }
        return failures
    }

    /// What is wrong with an evaluation's constraint values for a problem with `count` constraints, or `nil`.
    private static func constraintMismatch(_ values: [Double]?, count: Int) -> String? {
        let values = values ?? []
        if values.count != count { return "\(values.count) constraint values, but the problem declares \(count)" }
        if let bad = values.first(where: { !$0.isFinite }) { return "a constraint value is \(bad)" }
        return nil
    }

    /// What is wrong with an evaluation's objective values for a problem of `count` objectives, or `nil`.
    private static func objectivesMismatch(_ evaluation: Evaluation, count: Int) -> String? {
        guard count > 1 else {
            return evaluation.objectives.map { "\($0.count) objective values from a single-objective problem" }
        }
        let values = evaluation.objectives ?? []
        if values.count != count { return "\(values.count) objective values, but the problem declares \(count)" }
        if let bad = values.first(where: { !$0.isFinite }) { return "an objective value is \(bad)" }
        if values[0] != evaluation.value {
            return "the value \(evaluation.value) is not the first objective \(values[0])"
        }
        return nil
    }

    /// The first disagreement between `evaluateWithGradient` and `evaluate` or central differences, or `nil`.
    private static func gradientMismatch(factory: (UInt64) throws -> any Problem, samples: Int) throws -> String? {
        var withGradient = try factory(7)
        var plain = try factory(7)
        var probe = try factory(7)
        let space = withGradient.space
        var generator = Xoshiro256StarStar(seed: 98)
        for _ in 0..<samples {
            let point = (0..<space.dimension).map { _ in generator.nextUnit() }
            let configuration = space.decode(point)
            let a = try withGradient.evaluateWithGradient(configuration)
            let b = try plain.evaluate(configuration)
            let described = space.describe(configuration)
            guard a.value == b.value || (a.value.isNaN && b.value.isNaN) else {
                return "at \(described): evaluateWithGradient gives \(a.value), evaluate \(b.value)"
            }
            guard let gradient = a.gradient, gradient.count == space.dimension, gradient.allSatisfy(\.isFinite) else {
                return "at \(described): the gradient is \(a.gradient.map { "\($0)" } ?? "missing")"
            }
            for (j, parameter) in space.parameters.enumerated() {
                guard case .real(let lower, let upper, let parameterScale) = parameter.domain,
                    let value = configuration.values[j]
                else {
                    continue
                }
                let x = value.numericValue
                // 10⁻⁶ of the range as the optimizer sees it: of log(upper/lower), relative to x, on a log scale.
                let step = parameterScale == .log ? 1e-6 * x * log(upper / lower) : 1e-6 * (upper - lower)
                guard x - step >= lower, x + step <= upper else { continue }
                var values = configuration.values
                values[j] = .real(x + step)
                let up = try probe.evaluate(Configuration(values)).trueValue
                values[j] = .real(x - step)
                let down = try probe.evaluate(Configuration(values)).trueValue
                let difference = (up - down) / (2 * step)
                let scale = max(1, abs(difference), abs(gradient[j]))
                if abs(difference - gradient[j]) > 1e-4 * scale {
                    return "at \(described): ∂f/∂\(parameter.name) is \(gradient[j]), a central difference gives \(difference)"
                }
            }
        }
        return nil
    }
}
