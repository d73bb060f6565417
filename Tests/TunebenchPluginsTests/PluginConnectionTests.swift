import Foundation
import Testing
import TunebenchTestSupport
@testable import TunebenchPlugins

/// How a plugin's failure is reported does not depend on timing, so that the reasons in `summary.json` are the
/// same bytes from one execution to the next.
@Suite(.python())
struct PluginConnectionTests {
    /// Whether process `pid` has exited and waits, unreaped, as a zombie (the state after the command's parenthesis
    /// in /proc/PID/stat).
    private func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// A plugin that exits after its spec: the harness's next casts either land in the pipe (the plugin exits a
    /// second later) or meet its closed input (the harness waits until it has exited); in both cases the failure is
    /// reported by the receive that follows, with the same words.
    @Test func anExitIsReportedByTheNextReceiveWhateverTheWritesMet() throws {
        var reasons: [String] = []
        for mode in ["exit-late", "exit"] {
            let script = PluginFixtures.fixtures.appendingPathComponent("broken_solver.py").path
            let connection = try PluginConnection(
                PluginCommand(name: "solver", arguments: ["python3", script, mode], timeout: 10))
            defer { connection.close() }
            _ = try connection.receive("SOLVER_SPEC_CAST", during: "start-up")
            if mode == "exit" {
                #expect(Polling.eventually { isZombie(connection.pid) }, "the plugin did not exit")
            } else {
                #expect(!isZombie(connection.pid), "the plugin exited before the harness wrote")
            }
            try connection.send("CREATE_SOLVER_CAST", during: "CREATE_SOLVER_CAST")
            try connection.send("ASK_CALL", during: "ASK_CALL for trial 0")
            do {
                _ = try connection.receive("ASK_REPLY", during: "ASK_CALL for trial 0")
                Issue.record("expected the exit to be reported")
            } catch let error as PluginError {
                reasons.append("\(error)")
            }
        }
        #expect(reasons == Array(repeating: "plugin 'solver' exited with status 0 during ASK_CALL for trial 0 (its standard error is empty)", count: 2))
    }
}
