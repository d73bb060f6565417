import Testing
import Tunebench
import TunebenchConformance

/// Every registered optimizer, with its default options, passes the conformance suite.
struct OptimizerConformanceTests {
    /// Every built-in entry, in the default experiment or not (the reference variants, the gradient track, the
    /// multi-fidelity methods); `external`, which needs a command, is checked by the plugin tests.
    @Test(arguments: Registry.builtin.optimizers.filter { $0.name != "external" }.map(\.name))
    func registeredOptimizerConforms(name: String) throws {
        let entry = try Registry.builtin.optimizer(named: name)
        let options = try Options.resolve([:], specs: entry.options, entry: name)
        let failures = OptimizerConformance.check(capabilities: entry.capabilities, options: options) {
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
}
