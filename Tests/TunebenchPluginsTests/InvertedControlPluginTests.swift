import Foundation
import Testing
import Tunebench
@testable import TunebenchPlugins
import TunebenchTestSupport

/// The pycma bridges (`pycma`, `pycma-bipop`, `pycma-centre`) run `cma.fmin2` on a thread whose objective waits for the harness's
/// tell (`Plugins/python-common/tunebench_inverted.py`). A session that ends while `fmin2` waits in the middle of a
/// generation ends that thread, whether the solver was dropped first (as every run ends) or is still alive when the
/// input closes: the plugin exits with status 0 and writes nothing to its standard error (no traceback of the
/// unwound thread). `tunebench plugin check` (``PluginsFolderTests``) checks the exit status only.
///
/// Skipped when pycma is missing (`pip install -r Plugins/python-cma/requirements.txt`), failed then under
/// `TUNEBENCH_REQUIRE_PLUGINS=1`.
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "pycma")) {
        PluginsFolderTests.unavailable["pycma"].map { "plugin pycma cannot start here: \($0)" }
    })
struct InvertedControlPluginTests {
    @Test(arguments: ["pycma", "pycma-bipop", "pycma-centre"], [true, false])
    func sessionEndingMidGenerationEndsTheSearchThread(plugin: String, dropSolver: Bool) throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == plugin })
        let client = try SolverClient(manifest.command)
        let space = try SearchSpace([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)])
        try client.createSolver(id: 0, seed: 11, problem: ProblemSpecification(space: space, name: "branin"))
        // 2-D: a population of 6, so 9 evaluations leave fmin2 waiting in its second generation.
        var nextTrialID = 0
        for _ in 0..<9 {
            let proposal = try client.ask(solver: 0, nextTrialID: nextTrialID)
            let configuration = try ParameterValues.configuration(from: proposal.params, space: space).get()
            let value = space.encode(configuration).reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) }
            try client.tell(solver: 0, trialID: proposal.trialID, values: [value], currentStep: 1)
            nextTrialID = proposal.nextTrialID
        }
        if dropSolver { client.drop(solver: 0) }
        let status = client.connection.close(grace: .seconds(10))
        #expect(status == "exited with status 0")
        #expect(client.connection.stderrTail().isEmpty, "\(client.connection.stderrTail())")
    }

    /// pycma's bridge does not declare kurobako's `CONCURRENT` capability (its `fmin2` thread waits for each tell), so
    /// the adapter does not ask it again while a trial is pending: `nil` means "wait", and the next tell lets it go on.
    @Test func aSolverWithoutConcurrentIsAskedOneTrialAtATime() throws {
        let manifest = try #require(PluginsFolderTests.catalog.manifests.first { $0.name == "pycma" })
        let space = try SearchSpace([.real("x", lower: -5, upper: 10), .real("y", lower: 0, upper: 15)])
        let optimizer = try PluginOptimizer(
            command: manifest.command, context: OptimizerContext(space: space, seed: 3, budget: 6, problem: "branin"))
        #expect(!optimizer.spec.capabilities.contains(PluginOptimizer.concurrentCapability))
        for trial in 0..<6 {
            let suggestion = try #require(try optimizer.ask())
            #expect(try optimizer.ask() == nil, "trial \(trial) is pending")
            try optimizer.tell(Observation(suggestion, value: Double(trial), trial: trial))
        }
        #expect(try optimizer.ask() == nil)
    }
}
