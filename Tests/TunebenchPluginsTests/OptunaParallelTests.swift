import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// `optuna-tpe` declares kurobako's `CONCURRENT` capability, so on simulated workers Tunebench asks it several trials
/// before it tells the earlier ones, and Optuna's TPE, which reads the running trials (`constant_liar`, true by
/// default in Optuna 5), then suggests, point for point, what it suggests when driven so directly:
/// `Tests/Scripts/optuna_parallel_reference.py` (Optuna 5.0.0, `TPESampler(seed=7)`, 24 trials in batches of 4 asks
/// and 4 tells on `(x1 − 0.3)² + (x2 − 0.7)²`, as 4 workers with one-second evaluations schedule them). Asked one at a
/// time, Optuna's suggestions part from these at trial 11 (the script prints both runs).
///
/// Skipped when Optuna is missing (`pip install -r Plugins/python-optuna/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) {
        PluginsFolderTests.unavailable["optuna-tpe"].map { "plugin optuna-tpe cannot start here: \($0)" }
    })
struct OptunaParallelTests {
    static let reference: [[Double]] = [
        [0.07630828937395717, 0.7799187922401146],
        [0.4384092314408935, 0.7234651778309412],
        [0.9779895119966027, 0.5384958704104337],
        [0.5011204636599379, 0.07205113335976154],
        [0.26843898010187117, 0.49988250082555996],
        [0.6792299961209405, 0.8037390361043755],
        [0.3809411331485384, 0.06593634690590511],
        [0.28814559930799355, 0.9095935277196137],
        [0.2133853535799155, 0.4521239618176831],
        [0.9312060196890217, 0.024899227550348013],
        [0.6005489174641225, 0.9501295004136456],
        [0.2303028790209648, 0.5484899192360304],
        [0.7120979041567628, 0.4734320505242957],
        [0.3752466680982872, 0.7231168291056747],
        [0.051309263329434085, 0.5990990407280958],
        [0.922748458052463, 0.9393031648850535],
        [0.43863377828045463, 0.6742023872191325],
        [0.7052517044889001, 0.35489935608226686],
        [0.5802991647057305, 0.6630309689422449],
        [0.08346155752358198, 0.1310580367759815],
        [0.5461884513904096, 0.26786629010203655],
        [0.7708161841394131, 0.6154126647081412],
        [0.31198615404741586, 0.7202786697626259],
        [0.4901916357065447, 0.8171605663998396],
    ]

    @Test func optunaTPEAskedInBatchesSuggestsWhatOptunaSuggests() throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "optuna-tpe" })
        let space = try SearchSpace([.real("x1", lower: 0, upper: 1), .real("x2", lower: 0, upper: 1)])
        let optimizer = try PluginOptimizer(
            command: manifest.command,
            context: OptimizerContext(space: space, seed: 7, budget: Self.reference.count))
        #expect(optimizer.spec.capabilities.contains(PluginOptimizer.concurrentCapability))
        var asked: [[Double]] = []
        while asked.count < Self.reference.count {
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
        #expect(asked == Self.reference)
    }
}
