import TunebenchCore
import TunebenchNumerics

/// The contract every ``Problem`` must satisfy, as a reusable check.
///
/// It checks, for a problem built by `factory` from instance seeds:
/// - the same seed gives the same instance (the same values for the same sequence of evaluations);
/// - values at random points of the space are finite (`finiteEverywhere`);
/// - no value is below the stated optimum (minus `tolerance`), and the noiseless value is the one compared;
/// - `space` and `optimum` do not change while evaluating.
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
                if !(a.value == b.value || (a.value.isNaN && b.value.isNaN)) {
                    fail("same seed gives the same instance", "sample \(sample): \(a.value) and \(b.value)")
                    break
                }
                if finiteEverywhere, !a.value.isFinite {
                    fail("values are finite", "value \(a.value) at \(space.describe(configuration))")
                    break
                }
                if let optimum, a.trueValue < optimum - tolerance {
                    fail(
                        "no value below the optimum",
                        "value \(a.trueValue) at \(space.describe(configuration)) is below the optimum \(optimum)")
                    break
                }
            }
            if first.space != space || first.optimum != optimum {
                fail("space and optimum are constant", "they changed while evaluating")
            }
        } catch {
            fail("evaluation does not throw", "threw \(error)")
        }
        return failures
    }
}
