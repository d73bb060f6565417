import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// The bayesmark plugins (`Plugins/python-bayesmark`): their manifest is what the suite module declares, and their
/// objective is bayesmark 0.0.8's, value for value, in the environment bayesmark runs in.
struct BayesmarkPluginTests {
    static let folder = PluginFixtures.pluginsFolder.appendingPathComponent("python-bayesmark")

    /// `plugin.json` is `bayesmark_problem.py --manifest`: an entry per problem of `bayesmark_suite.problems()`, and
    /// the suite of all 108, so that the two cannot drift apart.
    @Test(.python(.numpy, .sklearn))
    func theManifestIsWhatTheSuiteModuleDeclares() throws {
        let result = try PythonScript.run(
            Self.folder.appendingPathComponent("bayesmark_problem.py"), ["--manifest"], in: Self.folder)
        #expect(result.status == 0, "\(result.errors)")
        let generated = try JSONValue.parse(Data(result.output.utf8))
        let committed = try JSONValue.parse(Data(contentsOf: Self.folder.appendingPathComponent("plugin.json")))
        #expect(generated == committed, "plugin.json is not `python3 bayesmark_problem.py --manifest`")
        let file = try PluginManifest.loadFile(Self.folder.appendingPathComponent("plugin.json"))
        #expect(file.plugins.count == 108 && file.suites.map(\.name) == ["bayesmark"])
        #expect(file.suites[0].problems == file.plugins.map(\.name))
        #expect(file.plugins.contains { $0.name == "bayesmark-rf-digits-nll" && $0.command.arguments.suffix(3) == ["RF", "digits", "nll"] })
    }

    /// `Tests/Scripts/bayesmark_agreement.py` in the environment of `Tests/Scripts/requirements-bayesmark.txt`
    /// (`TUNEBENCH_BAYESMARK_PYTHON`, its interpreter; .ci/run makes it): every problem's space equals bayesmark's
    /// `get_api_config()`, and two configurations of each, drawn by bayesmark's random search, give bayesmark's
    /// cross-validation loss to 1e-12, and the emulation of `normalize` for today's scikit-learn gives 1.1.3's own
    /// `normalize=True` to 1e-9. The full check, 50 configurations of each, is the same script without
    /// `--configurations`.
    @Test(.bayesmark)
    func theObjectiveIsBayesmarksValueForValue() throws {
        let python = try #require(TestEnvironment.bayesmarkPython)
        let script = PluginFixtures.packageRoot.appendingPathComponent("Tests/Scripts/bayesmark_agreement.py")
        let result = try PythonScript.run(
            script, ["--configurations", "2"], in: PluginFixtures.packageRoot, python: python)
        #expect(result.status == 0, "\(result.output.suffix(2000))\(result.errors.suffix(2000))")
        #expect(result.output.contains("scikit-learn 1.1.3"))
        #expect(result.output.contains("all agree: 216 evaluations"), "\(result.output.suffix(500))")
        #expect(result.output.contains("; 4 normalize emulations;"), "\(result.output.suffix(500))")
    }
}
