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
/// - every suggestion belongs to the space (kinds, bounds, inactive parameters without a value), and names a fidelity
///   level the problem has (none on a single-fidelity problem);
/// - it makes at most `budget` suggestions, and keeps answering `nil` once it has answered `nil`;
/// - the same seed gives the same trace, and (on continuous spaces) different seeds give different traces;
/// - it survives failed evaluations (`nil` values, NaN and infinity) and goes on suggesting valid points, also on a
///   problem with two black-box constraints (``TunebenchCore/OptimizerContext/constraintCount``), where the
///   recommendation must be feasible;
/// - neither `ask` nor `tell` throws on these well-formed inputs;
/// - it works in a parallel run: with up to 4 trials pending and the results told out of ask order (some failed), it
///   neither throws nor breaks the rules above, its `nil` while trials are pending waits for a tell, and the same
///   seed gives the same suggestions;
/// - its ``TunebenchCore/Optimizer/recommendation()``, asked after every `tell`, is `nil` (the default rule) or a
///   configuration it suggested at full fidelity and was told a finite value for; the same seed gives the same
///   recommendations; and asking for them changes no suggestion (a run that asks and one that does not make the same
///   suggestions).
///
/// An optimizer with the `multiFidelity` capability is checked twice on every space: on a single-fidelity problem and
/// on one with ``fidelityLevels`` (where a level `k` below the last adds `0.1 (levels − 1 − k)` to the value).
public enum OptimizerConformance {
    /// The levels of the multi-fidelity checks: 1, 3 and 9 steps, costing 1/9, 1/3 and 1.
    public static let fidelityLevels = [
        Fidelity(steps: 1, cost: 1.0 / 9), Fidelity(steps: 3, cost: 1.0 / 3), Fidelity(steps: 9, cost: 1),
    ]

    /// Runs every check and returns the failures (empty when the optimizer conforms).
    /// - Parameters:
    ///   - capabilities: what the optimizer claims to handle; spaces needing more are skipped.
    ///   - options: options passed in every context.
    ///   - budget: the budget of each run.
    ///   - distinctPending: whether the optimizer promises never to suggest a configuration that is still pending
    ///     (checked on the spaces without real parameters, where a repeat is likely; random search and Optuna's TPE
    ///     make no such promise).
    ///   - factory: builds an optimizer from a context.
    public static func check(
        capabilities: Capabilities, options: Options = .init(), budget: Int = 40, distinctPending: Bool = false,
        factory: (OptimizerContext) throws -> any Optimizer
    ) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        let fidelityCases = capabilities.contains(.multiFidelity) ? [[], fidelityLevels] : [[]]
        for levels in fidelityCases {
            for named in ConformanceSpaces.all where named.space.requiredCapabilities.isSubset(of: capabilities) {
                let label = levels.isEmpty ? named.name : "\(named.name), \(levels.count) fidelity levels"
                let space = ConformanceSpaces.Named(name: label, space: named.space)
                check(
                    space, levels: levels, options: options, budget: budget, distinctPending: distinctPending,
                    factory: factory, into: &failures)
            }
        }
        return failures
    }

    /// The checks on one space.
    static func check(
        _ named: ConformanceSpaces.Named, levels: [Fidelity], options: Options, budget: Int, distinctPending: Bool,
        factory: (OptimizerContext) throws -> any Optimizer, into failures: inout [ConformanceFailure]
    ) {
        func context(seed: UInt64) -> OptimizerContext {
            OptimizerContext(space: named.space, seed: seed, budget: budget, fidelities: levels, options: options)
        }
        let first = run(factory, context(seed: 11), failEvery: nil, label: named.name, into: &failures)
        let again = run(factory, context(seed: 11), failEvery: nil, label: named.name, into: &failures)
        if let first, let again, first.suggestions != again.suggestions {
            failures.append(
                .init(
                    check: "same seed gives the same trace", context: named.name,
                    message: "two runs with seed 11 differ at suggestion "
                        + "\(firstDifference(first.suggestions, again.suggestions))"))
        } else if let first, let again, first.recommendations != again.recommendations {
            let index = first.recommendations.indices.first { first.recommendations[$0] != again.recommendations[$0] }
            failures.append(
                .init(
                    check: "the same trace gives the same recommendations", context: named.name,
                    message: "two runs with seed 11 recommend differently after evaluation \((index ?? 0) + 1)"))
        }
        if let first,
            let silent = run(
                factory, context(seed: 11), failEvery: nil, recommending: false, label: named.name, into: &failures),
            first.suggestions != silent.suggestions
        {
            failures.append(
                .init(
                    check: "asking for recommendations changes no suggestion", context: named.name,
                    message: "a run with seed 11 that asked for a recommendation after every tell and one that did not "
                        + "differ at suggestion \(firstDifference(first.suggestions, silent.suggestions))"))
        }
        let continuous = named.space.parameters.allSatisfy {
            if case .real = $0.domain { return $0.condition == nil }
            return false
        }
        if continuous, let first,
            let other = run(
                factory, context(seed: 12), failEvery: nil, recommending: false, label: named.name, into: &failures),
            first.suggestions == other.suggestions
        {
            failures.append(
                .init(
                    check: "different seeds differ", context: named.name,
                    message: "seeds 11 and 12 gave the same \(first.suggestions.count) suggestions"))
        }
        _ = run(factory, context(seed: 13), failEvery: 3, label: named.name, into: &failures)
        var constrained = context(seed: 14)
        constrained.constraintCount = 2
        _ = run(factory, constrained, failEvery: 3, label: named.name + ", 2 constraints", into: &failures)
        let discrete = named.space.parameters.allSatisfy {
            if case .real = $0.domain { return false }
            return true
        }
        checkParallel(
            context(seed: 15), label: named.name, distinctPending: distinctPending && discrete, factory: factory,
            into: &failures)
    }

    /// What one run of the checks gives: the suggestions in order and, when the run asked for them, the
    /// recommendation after each `tell`.
    struct Trace: Equatable {
        var suggestions: [Suggestion] = []
        var recommendations: [Configuration?] = []
    }

    /// Runs one optimizer for its budget on a smooth test objective and records broken rules.
    ///
    /// The objective is `sum_i (u_i - 0.3)^2` over the unit-cube encoding of the configuration, plus 0.1 per level
    /// below the last for a multi-fidelity suggestion. With
    /// `failEvery = k`, every k-th evaluation fails, in turn as a `nil` value, NaN, and +infinity. With `recommending`,
    /// the optimizer's recommendation is asked for after every `tell` and must be `nil` or a configuration told with a
    /// finite value at full fidelity (and, with constraints, a feasible one). With `context.constraintCount` 2, each
    /// successful evaluation is told the constraint values `c_1 = 0.4 − u_1` and `c_2 = u_last − 0.8` (the first and
    /// last unit-cube coordinates), feasible on part of the cube.
    /// - Returns: the trace, or `nil` if the run threw.
    static func run(
        _ factory: (OptimizerContext) throws -> any Optimizer, _ context: OptimizerContext, failEvery: Int?,
        recommending: Bool = true, label: String, into failures: inout [ConformanceFailure]
    ) -> Trace? {
        let place = "\(label), seed \(context.seed)" + (failEvery == nil ? "" : ", failing evaluations")
        let checkName = failEvery == nil ? "ask and tell do not throw" : "survives failed evaluations"
        var trace = Trace()
        // The configurations told a finite value at full fidelity: the only ones a recommendation may name.
        var evaluated: Set<Configuration> = []
        do {
            var optimizer = try factory(context)
            var failureKind = 0
            while let suggestion = try optimizer.ask() {
                if let broken = brokenRule(suggestion, number: trace.suggestions.count, context, place: place) {
                    failures.append(broken)
                    return trace
                }
                trace.suggestions.append(suggestion)
                let lowerLevels = suggestion.fidelity.map { context.fidelities.count - 1 - $0 } ?? 0
                var value: Double? = objective(suggestion, context)
                if let k = failEvery, trace.suggestions.count % k == 0 {
                    value = [nil, Double.nan, Double.infinity][failureKind % 3]
                    failureKind += 1
                }
                var constraints: [Double]?
                if context.constraintCount == 2, value?.isFinite == true {
                    let u = context.space.encode(suggestion.configuration)
                    constraints = [0.4 - u[0], u[u.count - 1] - 0.8]
                }
                try optimizer.tell(Observation(suggestion, value: value, constraints: constraints))
                guard recommending else { continue }
                if lowerLevels == 0, value?.isFinite == true, Feasibility.holds(constraints) {
                    evaluated.insert(suggestion.configuration)
                }
                let recommendation = optimizer.recommendation()
                if let recommendation, !evaluated.contains(recommendation) {
                    failures.append(
                        .init(
                            check: "recommendations are evaluated configurations", context: place,
                            message: "after evaluation \(trace.suggestions.count) it recommends \(recommendation), "
                                + "which was not told a finite (and feasible) value at full fidelity"))
                    return trace
                }
                trace.recommendations.append(recommendation)
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

    /// The checks' objective: `Σ_i (u_i − 0.3)²` over the unit-cube encoding, plus 0.1 per fidelity level below the
    /// last.
    static func objective(_ suggestion: Suggestion, _ context: OptimizerContext) -> Double {
        let lowerLevels = suggestion.fidelity.map { context.fidelities.count - 1 - $0 } ?? 0
        return context.space.encode(suggestion.configuration).reduce(0.1 * Double(lowerLevels)) {
            $0 + ($1 - 0.3) * ($1 - 0.3)
        }
    }

    /// The rule suggestion number `number` (from 0) breaks, if any: past the budget, outside the space, or at a
    /// fidelity level the problem does not have.
    static func brokenRule(
        _ suggestion: Suggestion, number: Int, _ context: OptimizerContext, place: String
    ) -> ConformanceFailure? {
        guard number < context.budget else {
            return .init(
                check: "never suggests more than the budget", context: place,
                message: "suggestion \(number + 1) exceeds the budget of \(context.budget)")
        }
        do {
            try context.space.validate(suggestion.configuration)
        } catch {
            return .init(check: "suggestions are inside the space", context: place, message: "\(error)")
        }
        if let level = suggestion.fidelity, !context.fidelities.indices.contains(level) {
            return .init(
                check: "fidelity levels exist", context: place,
                message: "suggestion \(number + 1) asks for level \(level) of \(context.fidelities.count)")
        }
        return nil
    }

    static func firstDifference(_ a: [Suggestion], _ b: [Suggestion]) -> Int {
        a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? min(a.count, b.count)
    }
}
