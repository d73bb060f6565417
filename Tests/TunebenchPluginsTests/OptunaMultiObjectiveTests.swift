import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// The Optuna bridge on several objectives: `optuna-nsga2` and `optuna-nsga3` (Optuna's `NSGAIISampler` and
/// `NSGAIIISampler`) and `optuna-tpe` (then Optuna's multi-objective TPE) are told both of ZDT1's values and suggest,
/// point for point, what the same samplers suggest when driven directly
/// (`Tests/Scripts/optuna_multiobjective_reference.py`, `seed=7`, 60 trials, ZDT1 with three variables): 60 trials
/// reach the genetic algorithms' second generation (population 50) and MOTPE's model (after 10 startup trials).
///
/// Skipped when Optuna is missing (`pip install -r Plugins/python-optuna/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) {
        PluginsFolderTests.unavailable["optuna-tpe"].map { "plugin optuna-tpe cannot start here: \($0)" }
    })
struct OptunaMultiObjectiveTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/optuna_multiobjective_reference.py")

    @Test(arguments: [("optuna-nsga2", "nsga2"), ("optuna-nsga3", "nsga3"), ("optuna-tpe", "tpe")])
    func suggestionsEqualOptunasOwn(plugin: String, sampler: String) throws {
        let trials = 60
        let result = try PythonScript.run(Self.script, [sampler, String(trials)])
        try #require(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let reference = try #require(json["suggestions"] as? [[String]]).map { $0.compactMap(Double.init) }
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == plugin })
        var problem = try MultiObjectiveProblem(ZDTFunction(.zdt1, variables: 3))
        let optimizer = try PluginOptimizer(
            command: manifest.command,
            context: OptimizerContext(space: problem.space, seed: 7, budget: trials, objectiveCount: 2))
        #expect(optimizer.spec.capabilities.contains("MULTI_OBJECTIVE"))
        var asked: [[Double]] = []
        while let suggestion = try optimizer.ask() {
            asked.append((0..<3).map { suggestion.configuration.real($0) })
            let evaluation = problem.evaluate(suggestion.configuration)
            try optimizer.tell(Observation(suggestion, value: evaluation.value, objectives: evaluation.objectives))
        }
        #expect(asked.count == trials)
        #expect(asked == reference)
    }

    /// A solver without kurobako's `MULTI_OBJECTIVE` is refused on a problem of several objectives, by name.
    @Test func aSingleObjectiveSolverIsRefused() throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "optuna-cmaes" })
        let problem = try MultiObjectiveProblem(ZDTFunction(.zdt1, variables: 3))
        #expect(throws: (any Error).self) {
            _ = try PluginOptimizer(
                command: manifest.command,
                context: OptimizerContext(space: problem.space, seed: 7, budget: 10, objectiveCount: 2))
        }
    }
}
