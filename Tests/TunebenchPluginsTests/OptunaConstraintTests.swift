import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// `optuna-tpe` hands a constrained problem's values to Optuna (`constraint_values` in `TELL_CALL`, the bridge's
/// `Trial.set_constraint`), and Optuna's constrained TPE then suggests, point for point, what it suggests when driven
/// directly: `Tests/Scripts/optuna_constrained_reference.py tpe --json` (Optuna 5.0.0, `TPESampler(seed=7)`, 24
/// trials on Gramacy's problem), run by the test on the same machine (NumPy's vectorised `exp` and `log` may differ in
/// their last bit between processors: two machines gave points 13 and 14 one unit apart in the last place). Without
/// the constraints Optuna's suggestions part from these at trial 11, its first model-based one (checked too).
///
/// Skipped when Optuna is missing (`pip install -r Plugins/python-optuna/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) {
        PluginsFolderTests.unavailable["optuna-tpe"].map { "plugin optuna-tpe cannot start here: \($0)" }
    })
struct OptunaConstraintTests {
    /// The points Optuna suggests when driven directly, and those of the run that ignores the constraints, from
    /// `Tests/Scripts/optuna_constrained_reference.py tpe --json` run on this machine.
    static func reference() throws -> (points: [[Double]], other: [[Double]])? {
        let keys = ["constrained", "unconstrained"]
        let script = "optuna_constrained_reference.py"
        guard let lists = try ReferenceScript.points(script, ["tpe", "--json"], keys: keys) else { return nil }
        return (try #require(lists[keys[0]]), try #require(lists[keys[1]]))
    }

    @Test func optunaTPESuggestsWhatOptunaSuggestsWithTheConstraints() throws {
        guard let reference = try Self.reference() else { return }
        // The script's second run parts from the first at trial 11, so the points show what reached the sampler.
        try #require(reference.points.count == 24 && reference.other.count == 24)
        #expect(reference.points.prefix(10) == reference.other.prefix(10))
        #expect(reference.points[10] != reference.other[10])
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "optuna-tpe" })
        var problem = try ConstrainedProblem(Gramacy())
        let optimizer = try PluginOptimizer(
            command: manifest.command,
            context: OptimizerContext(
                space: problem.space, seed: 7, budget: reference.points.count,
                constraintCount: problem.constraintCount))
        #expect(optimizer.spec.readsConstraints)
        var asked: [[Double]] = []
        while let suggestion = try optimizer.ask() {
            asked.append([suggestion.configuration.real(0), suggestion.configuration.real(1)])
            let evaluation = problem.evaluate(suggestion.configuration)
            try optimizer.tell(
                Observation(suggestion, value: evaluation.value, constraints: evaluation.constraints))
        }
        #expect(asked == reference.points)
    }
}
