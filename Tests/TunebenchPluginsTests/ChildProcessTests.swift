import Foundation
import Testing
import TunebenchTestSupport
@testable import TunebenchPlugins

/// Ending a plugin leaves no zombie and no orphan, whatever the plugin does.
@Suite(.python())
struct ChildProcessTests {
    private func start(_ mode: String, token: String = "") throws -> ChildProcess {
        try ChildProcess(
            arguments: ["python3", PluginFixtures.fixtures.appendingPathComponent("broken_solver.py").path, mode, token],
            directory: nil, environment: ["PYTHONUNBUFFERED": "1"], name: mode)
    }

    /// Whether the child has been reaped: `waitpid` no longer knows it.
    private func reaped(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD
    }

    @Test(arguments: [
        ("valid", "exited with status 0"),
        ("ignore-eof", "was killed by signal 15 (SIGTERM)"),
        ("ignore-term", "was killed by signal 9 (SIGKILL)"),
    ])
    func terminationEscalatesAndReaps(mode: String, ending: String) throws {
        let child = try start(mode)
        _ = try child.readLine(deadline: .now + .seconds(10))  // SOLVER_SPEC_CAST: the interpreter is up
        let clock = ContinuousClock()
        let begin = clock.now
        // A correct plugin exits on end of input well within the grace; the others need a signal.
        child.terminate(grace: mode == "valid" ? .seconds(5) : .milliseconds(300))
        #expect(child.exitDescription(patience: .zero) == ending)
        #expect(reaped(child.pid))
        #expect(clock.now - begin < .seconds(8))
    }

    @Test func grandchildrenDieWithTheirParent() throws {
        let token = "token-\(UUID().uuidString)"
        let child = try start("orphan", token: token)
        _ = try child.readLine(deadline: .now + .seconds(10))
        // The plugin and its own child.
        _ = Polling.eventually { PluginFixtures.processes(containing: token).count >= 2 }
        #expect(PluginFixtures.processes(containing: token).count == 2)
        child.terminate(grace: .milliseconds(300))
        #expect(PluginFixtures.survivors(containing: token).isEmpty)
    }

    @Test func readsTimeOutAndWritesToAClosedChildFail() throws {
        let child = try start("exit")
        _ = try child.readLine(deadline: .now + .seconds(10))
        #expect(child.exitDescription(patience: .seconds(5)) == "exited with status 0")
        #expect(throws: ChildProcess.Failure.self) { try child.write(Array("{}\n".utf8), deadline: .now + .seconds(1)) }
        let silent = try start("hang")
        _ = try silent.readLine(deadline: .now + .seconds(10))
        do {
            _ = try silent.readLine(deadline: .now + .milliseconds(200))
            Issue.record("expected a timeout")
        } catch ChildProcess.Failure.timedOut {
        } catch {
            Issue.record("unexpected \(error)")
        }
        silent.terminate(grace: .zero)
        #expect(reaped(silent.pid))
    }

    @Test func missingProgramsCannotStart() {
        #expect(throws: PluginError.self) {
            try ChildProcess(arguments: ["no-such-program-xyz"], directory: nil, environment: [:], name: "missing")
        }
        #expect(throws: PluginError.self) {
            try ChildProcess(arguments: ["python3"], directory: "/no/such/folder", environment: [:], name: "nowhere")
        }
    }
}
