import Foundation
import Testing
import TunebenchTestSupport

/// `tunebench plugin check`, `--plugin NAME=COMMAND`, and plugins in `tunebench list`, with the Python fixture plugins.
@Suite(.python())
struct PluginCommandTests {
    static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/TunebenchPluginsTests/Fixtures")

    @Test func pluginCheckPassesAGoodPluginAndFailsABrokenOne() throws {
        let solver = Self.fixtures.appendingPathComponent("broken_solver.py").path
        let good = try CommandRunner.run("tunebench", ["plugin", "check", "--", "python3", solver, "valid"])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("PASS  same seed gives the same answers") && good.output.contains("All 9 checks passed."))
        let broken = try CommandRunner.run("tunebench", ["plugin", "check", "--timeout", "5", "--", "python3", solver, "outside"])
        #expect(broken.status == 1)
        #expect(broken.output.contains("FAIL  ask/tell on a uniform continuous space: plugin"))
        #expect(broken.output.contains("it suggested x = 1000000000.0, outside [-5.0, 10.0]"))
        let missing = try CommandRunner.run("tunebench", ["plugin", "check"])
        #expect(missing.status == 64 && missing.errors.contains("give the plugin's command after --"))
    }

    @Test func pluginsNamedOnTheCommandLineRunAndAreListedInManifests() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A plugins folder with one valid and one unavailable plugin.
        let plugins = folder.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins.appendingPathComponent("demo"), withIntermediateDirectories: true)
        let manifest = """
            {"plugins": [
              {"name": "demo-solver", "kind": "solver", "summary": "the fixture solver",
               "command": ["python3", "\(Self.fixtures.appendingPathComponent("broken_solver.py").path)", "valid"],
               "check": ["python3", "-c", "import json"]},
              {"name": "needs-missing", "kind": "solver", "summary": "needs a module that does not exist",
               "command": ["python3", "x.py"], "check": ["python3", "-c", "import no_such_module_xyz"],
               "install": "pip install no-such-module-xyz"}]}
            """
        try Data(manifest.utf8).write(to: plugins.appendingPathComponent("demo/plugin.json"))
        let list = try CommandRunner.run("tunebench", ["list", "plugins", "--plugins", plugins.path])
        #expect(list.status == 0)
        #expect(list.output.contains("  demo-solver    solver  ready         the fixture solver\n"))
        #expect(list.output.contains("  needs-missing  solver  cannot start  needs a module that does not exist\n"))
        #expect(list.output.contains("      fix: pip install no-such-module-xyz  (python3 -c import no_such_module_xyz "
            + "exited with status 1: ModuleNotFoundError: No module named 'no_such_module_xyz')\n"))
        let full = try CommandRunner.run("tunebench", ["list", "plugins", "--verbose", "--plugins", plugins.path])
        #expect(full.output.contains("demo-solver  (solver)") && full.output.contains("status: ready"))
        #expect(full.output.contains("status: cannot start: python3 -c import no_such_module_xyz exited with status 1"))
        #expect(full.output.contains("No module named 'no_such_module_xyz'"))
        #expect(full.output.contains("fix: pip install no-such-module-xyz"))
        let run = try CommandRunner.run(
            "tunebench",
            ["run", "--plugins", plugins.path, "--optimizers", "random,demo-solver,mine", "--problems", "branin",
                "--plugin", "mine=python3 \(Self.fixtures.appendingPathComponent("broken_solver.py").path) valid",
                "--repetitions", "2", "--budget", "5", "--output", folder.appendingPathComponent("out").path, "-q"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("demo-solver") && run.output.contains("mine"))
        let bad = try CommandRunner.run("tunebench", ["run", "--plugin", "no-equals-sign", "--optimizers", "random"])
        #expect(bad.status == 64 && bad.errors.contains("--plugin 'no-equals-sign' must be NAME=COMMAND"))
    }
}
