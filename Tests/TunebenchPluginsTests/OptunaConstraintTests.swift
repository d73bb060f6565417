import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// `optuna-tpe` hands a constrained problem's values to Optuna (`constraint_values` in `TELL_CALL`, the bridge's
/// `Trial.set_constraint`), and Optuna's constrained TPE then suggests, point for point, what it suggests when driven
/// directly: `Tests/Scripts/optuna_constrained_reference.py tpe` (Optuna 5.0.0, `TPESampler(seed=7)`, 24 trials on
/// Gramacy's problem). Without the constraints Optuna's suggestions part from these at trial 11, its first
/// model-based one (the script prints both runs).
///
/// Skipped when Optuna is missing (`pip install -r Plugins/python-optuna/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) {
        PluginsFolderTests.unavailable["optuna-tpe"].map { "plugin optuna-tpe cannot start here: \($0)" }
    })
struct OptunaConstraintTests {
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
        [0.7120979041567628, 0.4734320505242957],
        [0.050897382634613686, 0.710087584891094],
        [0.02583353655552667, 0.2405216703171239],
        [0.03962381289914805, 0.9212564915355593],
        [0.2633281117143898, 0.3081083709244774],
        [0.04466763195452984, 0.5547597082618467],
        [0.1951167967346028, 0.7226610474894914],
        [0.4728649189085172, 0.45788069777795115],
        [0.20195260445130028, 0.6143219175503016],
        [0.7391977634067182, 0.32827169920014115],
        [0.6446674409935019, 0.6181255790661183],
        [0.13006952913663894, 0.4128415382051561],
        [0.453246965234824, 0.40134643319268887],
        [0.1237396254868936, 0.040469922365433786]
    ]

    @Test func optunaTPESuggestsWhatOptunaSuggestsWithTheConstraints() throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "optuna-tpe" })
        var problem = try ConstrainedProblem(Gramacy())
        let optimizer = try PluginOptimizer(
            command: manifest.command,
            context: OptimizerContext(
                space: problem.space, seed: 7, budget: Self.reference.count, constraintCount: problem.constraintCount))
        #expect(optimizer.spec.readsConstraints)
        var asked: [[Double]] = []
        while let suggestion = try optimizer.ask() {
            asked.append([suggestion.configuration.real(0), suggestion.configuration.real(1)])
            let evaluation = problem.evaluate(suggestion.configuration)
            try optimizer.tell(
                Observation(suggestion, value: evaluation.value, constraints: evaluation.constraints))
        }
        #expect(asked == Self.reference)
    }
}
