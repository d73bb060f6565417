import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// Tunebench tells each solver process its run's budget in `TUNEBENCH_BUDGET` (a documented extension of kurobako's
/// protocol), and `smac-hpo` takes it as SMAC's `n_trials`, which sizes its initial design as `forest-smac` sizes its
/// own. The solver's spec, which Tunebench records as the optimizer's metadata, says which `n_trials` it used.
///
/// Skipped when SMAC3 is missing (`pip install -r Plugins/python-smac/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "smac-hpo")) {
        PluginsFolderTests.unavailable["smac-hpo"].map { "plugin smac-hpo cannot start here: \($0)" }
    })
struct PluginBudgetTests {
    @Test(arguments: [12, 40])
    func smacSizesItsScenarioByTheRunsBudget(budget: Int) throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "smac-hpo" })
        let space = try SearchSpace([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)])
        var optimizer = try PluginOptimizer(
            command: manifest.command, context: OptimizerContext(space: space, seed: 3, budget: budget))
        let metadata = optimizer.metadata.values.joined(separator: " ")
        #expect(metadata.contains("n_trials=\(budget))"), "\(optimizer.metadata)")
        _ = try optimizer.ask()
    }

    /// With a cost budget the solver is told the full-fidelity evaluations it buys, not the cap on suggestions.
    @Test func aCostBudgetTellsTheFullFidelityEvaluationsItBuys() throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "smac-hpo" })
        let space = try SearchSpace([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)])
        let context = OptimizerContext(
            space: space, seed: 3, budget: 100_000, fidelities: Fidelity.levels(steps: [1, 3, 9]), costBudget: 40.5)
        var optimizer = try PluginOptimizer(command: manifest.command, context: context)
        let metadata = optimizer.metadata.values.joined(separator: " ")
        #expect(metadata.contains("n_trials=40)"), "\(optimizer.metadata)")
        _ = try optimizer.ask()
    }
}
