import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `tunebench run` with plugin runs, interrupted by SIGINT or SIGTERM sent to the process or to its whole
/// process group (as a terminal's Ctrl-C is), exits promptly with 128 + signal, ends its plugins, records none of
/// the runs in flight (no failed run appears), and a plain rerun ends with the results of an uninterrupted run.
///
/// Needs the `optuna-tpe` plugin (`pip install -r Plugins/python-optuna/requirements.txt`); skipped before it runs
/// without it, or failed under `TUNEBENCH_REQUIRE_PLUGINS=1` (set by `.ci/run`).
@Suite(.serialized) struct InterruptResumeTests {
    static let plugin = "optuna-tpe"
    /// Why the plugin cannot start here, with the fix, or `nil` when it can.
    @Sendable static func unavailable() -> String? {
        let catalog = PluginCatalog.discover(in: CommandRunner.packageRoot.appendingPathComponent("Plugins"))
        guard let manifest = catalog.manifests.first(where: { $0.name == plugin }) else {
            return "plugin \(plugin) has no manifest under Plugins/"
        }
        guard case .unavailable(let reason, let fix) = PluginCatalog.availability(of: manifest) else { return nil }
        return "plugin \(plugin) cannot start here (\(reason)); to run it: \(fix ?? "see its README")"
    }

    struct Case: Sendable, CustomStringConvertible, CustomTestStringConvertible {
        var signal: Int32
        /// Send the signal to the process group the run leads rather than to the process alone.
        var toGroup: Bool
        /// Send it as soon as a plugin process appears (while it starts up) rather than once runs have been recorded.
        var atStartUp: Bool
        var testDescription: String { description }
        var description: String {
            "\(Interruption.name(of: signal)) to the \(toGroup ? "process group" : "process")"
                + (atStartUp ? " during a plugin's start-up" : " during asks and tells")
        }
    }

    static let cases = [
        Case(signal: SIGINT, toGroup: false, atStartUp: true),
        Case(signal: SIGTERM, toGroup: false, atStartUp: false),
        Case(signal: SIGINT, toGroup: true, atStartUp: false),
        Case(signal: SIGTERM, toGroup: true, atStartUp: true),
    ]

    static let experiment = #"""
        {"name": "interrupt-plugins", "seed": 5, "repetitions": 2, "budget": 30,
         "optimizers": ["random", "optuna-tpe"], "problems": ["branin", "hartmann3"]}
        """#

    @Test(.requirement(mandatory: TestEnvironment.requires(plugin: plugin), unavailable))
    func interruptedPluginRunsAreRedoneNotRecordedAsFailed() throws {
        let root = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let experiment = root.appendingPathComponent("experiment.json")
        try Data(Self.experiment.utf8).write(to: experiment)
        let reference = root.appendingPathComponent("reference")
        let uninterrupted = try RunProcess(experiment, output: reference)
        #expect(uninterrupted.wait() == 0, "the uninterrupted run failed: \(uninterrupted.errors())")
        let expectedRuns = try ResultFolderChecks.runRecords(reference)
        #expect(expectedRuns.count == 8)

        for testCase in Self.cases {
            let folder = root.appendingPathComponent("interrupted-\(testCase.signal)-\(testCase.toGroup)")
            let process = try RunProcess(experiment, output: folder)
            // Wait for the moment: a plugin process starting, or plugin runs going on after some runs were recorded.
            let ready = Polling.eventually(within: .seconds(60)) {
                !process.children().isEmpty
                    && (testCase.atStartUp || ((try? ResultFolderChecks.runRecords(folder).count) ?? 0) >= 2)
            }
            try #require(ready, "\(testCase): no plugin process appeared")
            let plugins = process.children()
            let clock = ContinuousClock()
            let sent = clock.now
            kill(testCase.toGroup ? -process.pid : process.pid, testCase.signal)
            let status = process.wait()
            let took = (clock.now - sent).inSeconds
            print("\(testCase): exit status \(status) \(String(format: "%.2f", took)) s after the signal")

            #expect(status == 128 + testCase.signal, "\(testCase): \(process.errors())")
            #expect(took < 10, "\(testCase): the run took \(took) s to stop")
            #expect(process.errors().contains("interrupted by \(Interruption.name(of: testCase.signal))"))
            #expect(!process.errors().contains("run failed"), "\(testCase): \(process.errors())")
            // Every run file is one the uninterrupted run wrote too: none records the interruption as a failure.
            let records = try ResultFolderChecks.runRecords(folder)
            #expect(records.count < expectedRuns.count, "\(testCase): the signal came after the last run")
            for (path, record) in records {
                #expect(record.status == .complete, "\(testCase): \(path): \(record.failure ?? "")")
                let same = expectedRuns[path] == record
                #expect(same, "\(testCase): \(path) differs from the uninterrupted run's")
            }
            let left = plugins.filter { pid in !Polling.eventually { !RunProcess.isAlive(pid) } }
            #expect(left.isEmpty, "\(testCase): plugin processes \(left) outlived the run")

            let rerun = try RunProcess(experiment, output: folder)
            #expect(rerun.wait() == 0, "\(testCase): the rerun failed: \(rerun.errors())")
            let resumed = try ResultFolderChecks.runRecords(folder)
            let differing = expectedRuns.keys.filter { resumed[$0] != expectedRuns[$0] }.sorted()
            #expect(resumed.count == expectedRuns.count && differing.isEmpty, "\(testCase): rerun differs in \(differing)")
            #expect(
                try ResultFolderChecks.deterministicFiles(folder) == ResultFolderChecks.deterministicFiles(reference),
                "\(testCase)")
            #expect(ResultFolderChecks.hiddenFiles(folder) == [], "\(testCase)")
        }
    }
}

/// A `tunebench run` started as the leader of a new process group (so that the whole group can be signalled, as a
/// terminal does), with its standard error in a file.
final class RunProcess {
    let pid: pid_t
    private let errorsURL: URL

    init(_ experiment: URL, output: URL) throws {
        errorsURL = output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + ".stderr")
        let arguments = [
            CommandRunner.productsFolder.appendingPathComponent("tunebench").path, "run", experiment.path,
            "--output", output.path, "--plugins", CommandRunner.packageRoot.appendingPathComponent("Plugins").path,
            "--jobs", "2", "--no-report",
        ]
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorsURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The signals a test runner may have set aside are the child's defaults again, as in a shell.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw ResultFolderChecks.FolderCheckFailure("cannot start tunebench: \(status)") }
        pid = child
    }

    /// Waits for the process and returns its exit status (or 1000 + signal when a signal ended it).
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 1000 + signal
    }

    /// What the process wrote to its standard error so far.
    func errors() -> String {
        (try? String(contentsOf: errorsURL, encoding: .utf8)) ?? ""
    }

    /// The live processes whose parent is this one: its plugins.
    func children() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let child = pid_t(entry), let stat = Self.stat(child), stat.parent == pid, stat.state != "Z" else {
                return nil
            }
            return child
        }
    }

    /// Whether `pid` is a process that has not ended (a zombie has ended).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    /// The state letter and the parent of `pid`, from `/proc/PID/stat` (`pid (comm) state ppid ...`).
    private static func stat(_ pid: pid_t) -> (state: Character, parent: pid_t)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let state = fields[0].first, let parent = pid_t(fields[1]) else { return nil }
        return (state, parent)
    }
}

/// Polling, as the plugin tests do: under load a process may take a moment to appear or to leave /proc.
enum Polling {
    static func eventually(within patience: Duration = .seconds(10), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + patience
        while !condition() {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }
}
