#if os(Linux)
import Foundation
import Glibc
import Testing
import Tunebench
import TunebenchTestSupport


/// A real `tunebench run` with plugin runs, interrupted by SIGINT or SIGTERM sent to the process, to its whole
/// process group (as a terminal's Ctrl-C is), or to it and its plugins at once (as a batch scheduler's time limit
/// is), while a plugin starts up or while it answers asks and tells: it exits promptly with 128 + signal, ends its
/// plugins, records none of the runs in flight (no failed run appears), and a plain rerun ends with the results of an
/// uninterrupted run.
///
/// Needs the `optuna-tpe` plugin (`pip install -r Plugins/python-optuna/requirements.txt`), whose start-up (about
/// 0.3 s of Python imports) is the moment of the start-up cases, and `c-random` (`make -C Plugins/c-sdk`), which
/// starts in milliseconds and answers an ask and a tell in about 40 µs, so that a run of 30,000 evaluations spends
/// a second in asks and tells; each test is skipped before it runs without its plugin, or failed under
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (set by `.ci/run`). Linux only: it reads /proc.
@Suite(.serialized) struct InterruptResumeTests {
    /// Why `plugin` cannot start here, with the fix, or `nil` when it can.
    static func unavailable(_ plugin: String) -> String? {
        let catalog = PluginCatalog.discover(in: CommandRunner.packageRoot.appendingPathComponent("Plugins"))
        guard let manifest = catalog.manifests.first(where: { $0.name == plugin }) else {
            return "plugin \(plugin) has no manifest under Plugins/"
        }
        guard case .unavailable(let reason, let fix) = PluginCatalog.availability(of: manifest) else { return nil }
        return "plugin \(plugin) cannot start here (\(reason)); to run it: \(fix ?? "see its README")"
    }

    /// Who gets the signal.
    enum Target: String, Sendable {
        case process = "the process"
        case group = "its process group"
        /// Its plugins first and, once they have died of it, the process a third of a second later: a scheduler
        /// signals every process of a job, and a plugin that dies first makes its run fail before the harness has
        /// handled its own copy of the signal.
        case everyProcess = "its plugins and then the process"
    }

    /// When it comes.
    enum Moment: String, Sendable {
        /// As a plugin process appears once runs are being recorded: while it starts up.
        case startUp = "during a plugin's start-up"
        /// Once a plugin process has been there 0.1 s (far past its start-up).
        case asksAndTells = "during asks and tells"
    }

    struct Case: Sendable, CustomStringConvertible {
        var signal: Int32
        var target: Target
        var moment: Moment
        var description: String { "\(Interruption.name(of: signal)) to \(target.rawValue) \(moment.rawValue)" }
    }

    @Test(.requirement(mandatory: TestEnvironment.requires(plugin: "optuna-tpe")) { unavailable("optuna-tpe") })
    func pythonPluginRunsInterruptedWhileTheirPluginStarts() throws {
        try check(
            experiment: #"""
                {"name": "interrupt-start-up", "seed": 5, "repetitions": 2, "budget": 30,
                 "optimizers": ["random", "optuna-tpe"], "problems": ["branin", "hartmann3"]}
                """#,
            runs: 8,
            cases: [
                Case(signal: SIGINT, target: .process, moment: .startUp),
                Case(signal: SIGTERM, target: .group, moment: .startUp),
                Case(signal: SIGTERM, target: .everyProcess, moment: .startUp),
            ])
    }

    @Test(.requirement(mandatory: TestEnvironment.requires(plugin: "c-random")) { unavailable("c-random") })
    func pluginRunsInterruptedDuringAsksAndTells() throws {
        try check(
            experiment: #"""
                {"name": "interrupt-asks", "seed": 6, "repetitions": 4, "budget": 30000,
                 "optimizers": ["c-random"], "problems": ["branin"]}
                """#,
            runs: 4,
            cases: [
                Case(signal: SIGINT, target: .group, moment: .asksAndTells),
                Case(signal: SIGTERM, target: .process, moment: .asksAndTells),
                Case(signal: SIGTERM, target: .everyProcess, moment: .asksAndTells),
            ])
    }

    /// The other side of the grace a signal-ended plugin gets: a plugin killed by SIGTERM while the harness is left
    /// alone is a failed run, recorded about two seconds later (RunExecutor.signalGrace), and the others go on.
    @Test(.requirement(mandatory: TestEnvironment.requires(plugin: "c-random")) { unavailable("c-random") })
    func aPluginKilledAloneFailsItsRun() throws {
        let root = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let experiment = root.appendingPathComponent("experiment.json")
        let text = """
            {"name": "plugin-killed", "seed": 7, "repetitions": 3, "budget": 30000,
             "optimizers": ["c-random"], "problems": ["branin"]}
            """
        try Data(text.utf8).write(to: experiment)
        let folder = root.appendingPathComponent("out")
        let process = try RunProcess(experiment, output: folder)
        let plugins = try #require(Self.awaitMoment(.asksAndTells, of: process, folder: folder), "no plugin appeared")
        let victim = try #require(plugins.first)
        kill(victim, SIGTERM)
        #expect(process.wait() == 3, "\(process.errors())")
        let records = try ResultFolderChecks.runRecords(folder)
        let failed = records.values.filter { $0.status == .failed }
        #expect(records.count == 3 && failed.count == 1, "\(records.mapValues(\.status))")
        #expect(
            failed.first?.failure?.contains("was killed by signal 15 (SIGTERM)") == true, "\(failed.first?.failure ?? "")")
    }

    /// Runs `experiment` once uninterrupted, then, for each case, runs it afresh, signals it, checks what it left,
    /// and reruns it to the uninterrupted results.
    func check(experiment text: String, runs: Int, cases: [Case]) throws {
        let root = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let experiment = root.appendingPathComponent("experiment.json")
        try Data(text.utf8).write(to: experiment)
        let reference = root.appendingPathComponent("reference")
        let uninterrupted = try RunProcess(experiment, output: reference)
        #expect(uninterrupted.wait() == 0, "the uninterrupted run failed: \(uninterrupted.errors())")
        let expectedRuns = try ResultFolderChecks.runRecords(reference)
        #expect(expectedRuns.count == runs)

        for (index, testCase) in cases.enumerated() {
            let folder = root.appendingPathComponent("interrupted-\(index)")
            let process = try RunProcess(experiment, output: folder)
            let plugins = try #require(Self.awaitMoment(testCase.moment, of: process, folder: folder), "\(testCase): the moment never came")
            let clock = ContinuousClock()
            let sent = clock.now
            switch testCase.target {
            case .process: kill(process.pid, testCase.signal)
            case .group: kill(-process.pid, testCase.signal)
            case .everyProcess:
                for plugin in plugins { kill(plugin, testCase.signal) }
                _ = Polling.eventually { plugins.allSatisfy { !RunProcess.isAlive($0) } }
                Thread.sleep(forTimeInterval: 0.3)
                kill(process.pid, testCase.signal)
            }
            let status = process.wait()
            let took = (clock.now - sent).inSeconds
            print("\(testCase): exit status \(status) \(String(format: "%.2f", took)) s after the signal")

            #expect(status == 128 + testCase.signal, "\(testCase): \(process.errors())")
            #expect(took < 10, "\(testCase): the run took \(took) s to stop")
            let errors = process.errors()
            #expect(errors.contains("interrupted by \(Interruption.name(of: testCase.signal))"), "\(testCase): \(errors)")
            #expect(errors.contains("in flight"), "\(testCase): no run was in flight: \(errors)")
            #expect(!errors.contains("run failed"), "\(testCase): \(errors)")
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

    /// Waits (at most a minute) for `moment` in the run `process` writes into `folder`, and returns its plugin
    /// processes then, or `nil` when the moment never came.
    static func awaitMoment(_ moment: Moment, of process: RunProcess, folder: URL) -> [pid_t]? {
        let clock = ContinuousClock()
        var firstSeen: [pid_t: ContinuousClock.Instant] = [:]
        var known: Set<pid_t>?
        var plugins: [pid_t] = []
        let came = Polling.eventually(within: .seconds(60)) {
            plugins = process.children()
            switch moment {
            case .startUp:
                // Past the experiment's checks (which start each plugin once): a plugin appears for a run.
                guard ((try? ResultFolderChecks.runRecords(folder).count) ?? 0) >= 1 else { return false }
                guard let seen = known else {
                    known = Set(plugins)
                    return false
                }
                return plugins.contains { !seen.contains($0) }
            case .asksAndTells:
                // A run's plugin (runs/ is made as the first run starts, after the checks, which start each plugin
                // once), seen for 0.1 s.
                guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs").path) else {
                    return false
                }
                let now = clock.now
                for plugin in plugins where firstSeen[plugin] == nil { firstSeen[plugin] = now }
                return plugins.contains { now - firstSeen[$0]! >= .milliseconds(100) }
            }
        }
        return came ? plugins : nil
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

#endif
