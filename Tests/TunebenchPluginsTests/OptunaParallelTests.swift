import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// `optuna-tpe` declares kurobako's `CONCURRENT` capability, so on simulated workers Tunebench asks it several trials
/// before it tells the earlier ones, and Optuna's TPE, which reads the running trials (`constant_liar`, true by
/// default in Optuna 5), then suggests, point for point, what it suggests when driven so directly:
/// `Tests/Scripts/optuna_parallel_reference.py` (Optuna 5.0.0, `TPESampler(seed=7)`, 24 trials in batches of 4 asks
/// and 4 tells on `(x1 − 0.3)² + (x2 − 0.7)²`, as 4 workers with one-second evaluations schedule them), run by the
/// test on the same machine (NumPy's vectorised `exp` and `log` may differ in their last bit between processors).
/// Asked one at a time, Optuna's suggestions part from these at trial 11 (checked too).
///
/// Skipped when Optuna is missing (`pip install -r Plugins/python-optuna/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) {
        PluginsFolderTests.unavailable["optuna-tpe"].map { "plugin optuna-tpe cannot start here: \($0)" }
    })
struct OptunaParallelTests {
    /// The points Optuna suggests when driven directly, and those of the run that tells each trial before the next
    /// ask, from `Tests/Scripts/optuna_parallel_reference.py --json` run on this machine.
    static func reference() throws -> (points: [[Double]], other: [[Double]])? {
        let keys = ["four workers", "sequential"]
        let script = "optuna_parallel_reference.py"
        guard let lists = try ReferenceScript.points(script, ["--json"], keys: keys) else { return nil }
        return (try #require(lists[keys[0]]), try #require(lists[keys[1]]))
    }

    @Test func optunaTPEAskedInBatchesSuggestsWhatOptunaSuggests() throws {
        guard let reference = try Self.reference() else { return }
        // The script's second run parts from the first at trial 11, so the points show what reached the sampler.
        try #require(reference.points.count == 24 && reference.other.count == 24)
        #expect(reference.points.prefix(10) == reference.other.prefix(10))
        #expect(reference.points[10] != reference.other[10])
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "optuna-tpe" })
        let space = try SearchSpace([.real("x1", lower: 0, upper: 1), .real("x2", lower: 0, upper: 1)])
        let optimizer = try PluginOptimizer(
            command: manifest.command,
            context: OptimizerContext(space: space, seed: 7, budget: reference.points.count))
        #expect(optimizer.spec.capabilities.contains(PluginOptimizer.concurrentCapability))
        var asked: [[Double]] = []
        while asked.count < reference.points.count {
            var batch: [Suggestion] = []
            for _ in 0..<4 {
                let suggestion = try #require(try optimizer.ask(), "asked while \(batch.count) trials are pending")
                batch.append(suggestion)
            }
            for suggestion in batch {
                let (x1, x2) = (suggestion.configuration.real(0), suggestion.configuration.real(1))
                asked.append([x1, x2])
                try optimizer.tell(Observation(suggestion, value: (x1 - 0.3) * (x1 - 0.3) + (x2 - 0.7) * (x2 - 0.7)))
            }
        }
        #expect(asked == reference.points)
    }
}
