import TunebenchCore
import TunebenchNumerics

/// The contract every ``Optimizer`` must satisfy, as a reusable check.
///
/// A third-party optimizer passes when `OptimizerConformance.check(...)` returns no failures:
///
/// ```swift
/// @Test func myOptimizerConforms() {
///     let failures = OptimizerConformance.check(capabilities: .allParameterKinds) { MyOptimizer(context: $0) }
///     #expect(failures.isEmpty, "\(failures)")
/// }
/// ```
///
/// On every space of ``ConformanceSpaces/all`` the optimizer can handle, it checks that
/// - every suggestion belongs to the space (kinds, bounds, inactive parameters without a value);
/// - it makes at most `budget` suggestions, and keeps answering `nil` once it has answered `nil`;
/// - the same seed gives the same trace, and (on continuous spaces) different seeds give different traces;
/// - it survives failed evaluations (`nil` values, NaN and infinity) and goes on suggesting valid points;
/// - neither `ask` nor `tell` throws on these well-formed inputs.
public enum OptimizerConformance {
    /// Runs every check and returns the failures (empty when the optimizer conforms).
    /// - Parameters:
    ///   - capabilities: what the optimizer claims to handle; spaces needing more are skipped.
    ///   - options: options passed in every context.
    ///   - budget: the budget of each run.
    ///   - factory: builds an optimizer from a context.
    public static func check(
        capabilities: Capabilities, options: Options = .init(), budget: Int = 40,
        factory: (OptimizerContext) throws -> any Optimizer
    ) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        for named in ConformanceSpaces.all where named.space.requiredCapabilities.isSubset(of: capabilities) {
            func context(seed: UInt64) -> OptimizerContext {
                OptimizerContext(space: named.space, seed: seed, budget: budget, options: options)
            }
            let first = run(factory, context(seed: 11), failEvery: nil, label: named.name, into: &failures)
            let again = run(factory, context(seed: 11), failEvery: nil, label: named.name, into: &failures)
            if let first, let again, first != again {
                failures.append(
                    .init(
                        check: "same seed gives the same trace", context: named.name,
                        message: "two runs with seed 11 differ at suggestion \(firstDifference(first, again))"))
            }
            let continuous = named.space.parameters.allSatisfy {
                if case .real = $0.domain { return $0.condition == nil }
                return false
            }
            if continuous, let first,
                let other = run(factory, context(seed: 12), failEvery: nil, label: named.name, into: &failures),
                first == other
            {
                failures.append(
                    .init(
                        check: "different seeds differ", context: named.name,
                        message: "seeds 11 and 12 gave the same \(first.count) suggestions"))
            }
            _ = run(factory, context(seed: 13), failEvery: 3, label: named.name, into: &failures)
        }
        return failures
    }

    /// Runs one optimizer for its budget on a smooth test objective and records broken rules.
    ///
    /// The objective is `sum_i (u_i - 0.3)^2` over the unit-cube encoding of the configuration. With
    /// `failEvery = k`, every k-th evaluation fails, in turn as a `nil` value, NaN, and +infinity.
    /// - Returns: the trace (suggestions in order), or `nil` if the run threw.
    static func run(
        _ factory: (OptimizerContext) throws -> any Optimizer, _ context: OptimizerContext, failEvery: Int?,
        label: String, into failures: inout [ConformanceFailure]
    ) -> [Suggestion]? {
        let place = "\(label), seed \(context.seed)" + (failEvery == nil ? "" : ", failing evaluations")
        let checkName = failEvery == nil ? "ask and tell do not throw" : "survives failed evaluations"
        var trace: [Suggestion] = []
        do {
            var optimizer = try factory(context)
            var failureKind = 0
            while let suggestion = try optimizer.ask() {
                guard trace.count < context.budget else {
                    failures.append(
                        .init(
                            check: "never suggests more than the budget", context: place,
                            message: "suggestion \(trace.count + 1) exceeds the budget of \(context.budget)"))
                    return trace
                }
                do {
                    try context.space.validate(suggestion.configuration)
                } catch {
                    failures.append(
                        .init(check: "suggestions are inside the space", context: place, message: "\(error)"))
                    return trace
                }
                trace.append(suggestion)
                var value: Double? = context.space.encode(suggestion.configuration).reduce(0) {
                    $0 + ($1 - 0.3) * ($1 - 0.3)
                }
                if let k = failEvery, trace.count % k == 0 {
                    value = [nil, Double.nan, Double.infinity][failureKind % 3]
                    failureKind += 1
                }
                try optimizer.tell(Observation(suggestion, value: value))
            }
            for _ in 0..<2 where try optimizer.ask() != nil {
                failures.append(
                    .init(
                        check: "stays done after nil", context: place,
                        message: "ask returned a suggestion after returning nil"))
                break
            }
        } catch {
            failures.append(.init(check: checkName, context: place, message: "threw \(error)"))
            return nil
        }
        return trace
    }

    private static func firstDifference(_ a: [Suggestion], _ b: [Suggestion]) -> Int {
        a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? min(a.count, b.count)
    }
}
