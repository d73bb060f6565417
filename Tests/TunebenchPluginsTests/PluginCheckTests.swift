import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// `tunebench plugin check` passes correct plugins and fails each deliberately broken one on the right item.
@Suite(.python())
struct PluginCheckTests {
    @Test func correctPluginsPassEveryItem() {
        for (script, mode) in [("broken_solver.py", "valid"), ("broken_solver.py", "chatty"), ("broken_problem.py", "valid")] {
            let items = PluginCheck.run(PluginFixtures.python(script, mode))
            #expect(items.count >= 4 && items.allSatisfy(\.passed), "\(script) \(mode): \(items.filter { !$0.passed })")
        }
    }

    @Test(arguments: [
        ("crash", "ask/tell on a uniform continuous space", "RuntimeError: deliberate crash on the third ask"),
        ("exit", "ask/tell on a uniform continuous space", "exited with status 0"),
        ("hang", "ask/tell on a uniform continuous space", "did not answer within 5 s during ASK_CALL for trial 2"),
        ("partial", "ask/tell on a uniform continuous space", "wrote a partial line"),
        ("garbage", "ask/tell on a uniform continuous space", "wrote a line that is not JSON"),
        ("wrong-id", "ask/tell on a uniform continuous space", "ASK_REPLY proposes trial id 7; expected 2"),
        ("outside", "ask/tell on a uniform continuous space", "it suggested x = 1000000000.0, outside [-5.0, 10.0]"),
        ("nan", "ask/tell on a uniform continuous space", "it suggested NaN for 'x'"),
        ("ignore-eof", "exits cleanly when its input closes", "was killed by signal 15 (SIGTERM)"),
    ])
    func brokenSolverFailsTheRightItem(mode: String, item: String, detail: String) throws {
        let items = PluginCheck.run(PluginFixtures.python("broken_solver.py", mode, timeout: 5))
        let failed = try #require(items.first { !$0.passed }, "no item failed for \(mode)")
        #expect(failed.name == item, "\(failed)")
        #expect(failed.detail.contains(detail), "\(failed)")
    }

    @Test(arguments: [
        ("nan", "evaluates at random points", "it returned NaN at x1="),
        ("crash", "evaluates at random points", "exited with status 3 during EVALUATE_CALL for evaluator 1"),
    ])
    func brokenProblemFailsTheRightItem(mode: String, item: String, detail: String) throws {
        let items = PluginCheck.run(PluginFixtures.python("broken_problem.py", mode, timeout: 5))
        let failed = try #require(items.first { !$0.passed }, "no item failed for \(mode)")
        #expect(failed.name == item && failed.detail.contains(detail), "\(failed)")
    }

    @Test func aCommandThatIsNotAPluginFailsAtOnce() {
        let items = PluginCheck.run(PluginCommand(name: "echo", arguments: ["echo", "hello"], timeout: 5))
        #expect(items.count == 1 && !items[0].passed)
        #expect(items[0].detail.contains("wrote a line that is not JSON") && items[0].detail.contains("'hello'"))
        let missing = PluginCheck.run(PluginCommand(name: "missing", arguments: ["no-such-program-xyz"], timeout: 5))
        #expect(missing.count == 1 && missing[0].detail.contains("No such file or directory"))
    }
}
