import Testing
import Tunebench
import TunebenchConformance

/// Every registered optimizer, with its default options, passes the conformance suite.
struct OptimizerConformanceTests {
    /// The built-ins that promise never to suggest a pending configuration again (docs/experiments.md): the GP and
    /// forest families keep pending configurations in their observed sets, and grid search walks its grid once.
    static let distinctPending: Set<String> = [
        "gp", "gp-optuna", "gp-ei", "gp-logei", "gp-ucb", "forest", "forest-smac", "grid",
    ]

    /// Every built-in entry, in the default experiment or not (the reference variants, the gradient track, the
    /// multi-fidelity methods); `external`, which needs a command, is checked by the plugin tests.
    @Test(arguments: Registry.builtin.optimizers.filter { $0.name != "external" }.map(\.name))
    func registeredOptimizerConforms(name: String) throws {
        let entry = try Registry.builtin.optimizer(named: name)
        let options = try Options.resolve([:], specs: entry.options, entry: name)
        let failures = OptimizerConformance.check(
            capabilities: entry.capabilities, options: options, distinctPending: Self.distinctPending.contains(name)
        ) {
            try entry.factory($0)
        }
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    /// The suite itself must be able to fail: a broken optimizer breaks several rules.
    @Test func brokenOptimizerIsCaught() {
        struct OutOfBounds: Optimizer {
            var count = 0
            mutating func ask() -> Suggestion? {
                count += 1
                return Suggestion(Configuration([.real(Double(count) * 100), .real(0), .real(0)]))
            }
            mutating func tell(_ observation: Observation) {}
        }
        let failures = OptimizerConformance.check(capabilities: [.real]) { _ in OutOfBounds() }
        #expect(failures.contains { $0.check == "suggestions are inside the space" })
    }

    @Test func unseededAndGreedyOptimizersAreCaught() {
        struct Greedy: Optimizer {
            var space: SearchSpace
            var generator = Xoshiro256StarStar(seed: 1)  // ignores the context seed
            mutating func ask() -> Suggestion? {
                Suggestion(space.decode((0..<space.dimension).map { _ in generator.nextUnit() }))  // never stops
            }
            mutating func tell(_ observation: Observation) throws {
                if observation.value == nil { throw CoreError.invalidConfiguration(reason: "cannot handle failures") }
            }
        }
        let checks = Set(OptimizerConformance.check(capabilities: .allParameterKinds) { Greedy(space: $0.space) }.map(\.check))
        #expect(checks.contains("never suggests more than the budget"))
        #expect(checks.contains("different seeds differ"))
        #expect(checks.contains("survives failed evaluations"))
    }

    /// Random search in a space of six configurations repeats pending ones: it breaks the promise of distinct
    /// pending configurations, which it does not make (the check runs only when asked for).
    @Test func repeatedPendingConfigurationsAreCaughtWhenPromised() throws {
        let entry = try Registry.builtin.optimizer(named: "random")
        let options = try Options.resolve([:], specs: entry.options, entry: "random")
        let promised = OptimizerConformance.check(
            capabilities: entry.capabilities, options: options, distinctPending: true
        ) { try entry.factory($0) }
        #expect(promised.contains { $0.check == "never suggests a pending configuration again" })
        let unpromised = OptimizerConformance.check(capabilities: entry.capabilities, options: options) {
            try entry.factory($0)
        }
        #expect(unpromised.isEmpty)
    }

    /// An optimizer that assumes each tell answers its last ask breaks in a parallel run, and is caught.
    @Test func sequentialAssumptionsAreCaught() {
        struct LastAskOnly: Optimizer {
            var space: SearchSpace
            var generator: Xoshiro256StarStar
            var remaining: Int
            var asked = 0
            mutating func ask() -> Suggestion? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                asked += 1
                return Suggestion(space.decode((0..<space.dimension).map { _ in generator.nextUnit() }))
            }
            mutating func tell(_ observation: Observation) throws {
                if let trial = observation.trial, trial != asked - 1 {
                    throw CoreError.invalidConfiguration(reason: "told trial \(trial), expected \(asked - 1)")
                }
            }
        }
        let failures = OptimizerConformance.check(capabilities: [.real]) {
            LastAskOnly(space: $0.space, generator: Xoshiro256StarStar(seed: $0.seed), remaining: $0.budget)
        }
        #expect(Set(failures.map(\.check)) == ["accepts tells in any order"], "\(failures)")
    }

    /// A recommendation must be a configuration told a finite value, must follow from what was told, and must not
    /// change the suggestions: an optimizer breaking each rule is caught.
    @Test func brokenRecommendationsAreCaught() {
        /// Random points; `recommend` picks the recommendation from the draws and the configurations told.
        final class Recommender: Optimizer {
            let space: SearchSpace
            var generator: Xoshiro256StarStar
            var remaining: Int
            var told: [(Configuration, Double?)] = []
            let recommend: (Recommender) -> Configuration?
            init(_ context: OptimizerContext, recommend: @escaping (Recommender) -> Configuration?) {
                space = context.space
                generator = Xoshiro256StarStar(seed: context.seed)
                remaining = context.budget
                self.recommend = recommend
            }
            func ask() -> Suggestion? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                return Suggestion(space.decode((0..<space.dimension).map { _ in generator.nextUnit() }))
            }
            func tell(_ observation: Observation) {
                told.append((observation.suggestion.configuration, observation.finiteValue))
            }
            func recommendation() -> Configuration? { recommend(self) }
        }
        func checks(_ recommend: @escaping (Recommender) -> Configuration?) -> Set<String> {
            Set(OptimizerConformance.check(capabilities: [.real]) { Recommender($0, recommend: recommend) }.map(\.check))
        }
        // The centre of the cube, never suggested.
        let centre = checks { $0.space.decode([Double](repeating: 0.5, count: $0.space.dimension)) }
        #expect(centre.contains("recommendations are evaluated configurations"))
        // The last configuration told, failed or not.
        let last = checks { $0.told.last.map(\.0) }
        #expect(last.contains("recommendations are evaluated configurations"))
        // Draws from the optimizer's own generator: the next suggestions change.
        let drawing = checks { optimizer in
            _ = optimizer.generator.next()
            return nil
        }
        #expect(drawing.contains("asking for recommendations changes no suggestion"))
        // State shared by every run (a counter outside the optimizer): the same trace recommends differently.
        final class Counter { var calls = 0 }
        let shared = Counter()
        let counting = checks { optimizer in
            shared.calls += 1
            let evaluated = optimizer.told.filter { $0.1 != nil }.map(\.0)
            return evaluated.isEmpty ? nil : evaluated[shared.calls % evaluated.count]
        }
        #expect(counting.contains("the same trace gives the same recommendations"))
        // A correct one: the successful observation of lowest value.
        let lowest = checks { optimizer in
            optimizer.told.filter { $0.1 != nil }.min { $0.1! < $1.1! }?.0
        }
        #expect(lowest.isEmpty, "\(lowest)")
    }
}
