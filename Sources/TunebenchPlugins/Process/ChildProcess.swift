import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process with a pipe to its standard input, a pipe from its standard output, and its standard error
/// appended to an unlinked temporary file (so that a chatty child can never block on a full pipe, and the harness
/// can read the tail of what it wrote).
///
/// The child leads a new process group, so that ``terminate(grace:)`` reaches its own children too (a shell
/// wrapper, a Python multiprocessing pool). SIGPIPE is ignored in the harness, and restored to its default in the
/// child. Every read and write has a deadline. ``terminate(grace:)`` closes the input, waits, then sends SIGTERM
/// and SIGKILL to the group, and reaps the child, so that no zombie or orphan is left; the group is killed while the
/// leader is still unreaped, so its id cannot have been reused by another process.
///
/// One instance is used by one thread at a time.
final class ChildProcess {
    let pid: pid_t
    private var input: Int32
    private var output: Int32
    private let errors: Int32
    private var buffered: [UInt8] = []
    /// The wait status, once reaped.
    private var exitStatus: Int32?
    /// How the child ended, once known (reaped or not).
    private var ending: String?
    /// The signal that ended the child, once known to have been one: it died of it, or exited with 128 + an
    /// interruption signal, as a program that handles SIGTERM by exiting (a JVM, a Python handler calling
    /// `sys.exit(143)`) conventionally does.
    private(set) var endingSignal: Int32?
    private var terminated = false

    /// The longest line accepted from the child, so that a child writing without newlines cannot exhaust memory.
    static let maximumLineLength = 64 << 20
    /// The size beyond which the standard error file is cut back to its last 64 KiB.
    static let maximumErrorLog = 8 << 20

    /// Starts `arguments[0]` (searched in `PATH` when it has no slash) with `arguments`, in `directory`.
    /// - Parameters:
    ///   - environment: added to (or replacing entries of) the harness's environment.
    ///   - discardOutput: send the child's standard output to /dev/null instead of a pipe (for check commands).
    /// - Throws: ``PluginError/cannotStart(plugin:reason:)``.
    init(
        arguments: [String], directory: String?, environment: [String: String], name: String,
        discardOutput: Bool = false
    ) throws {
        guard let executable = arguments.first, !executable.isEmpty else {
            throw PluginError.cannotStart(plugin: name, reason: "the command is empty")
        }
        Self.ignoreSIGPIPE
        // Descriptors are made close-on-exec, and no other child is started between their creation and the flag
        // being set, so that no child inherits another child's pipes (an inherited write end of a pipe would keep
        // the harness from ever seeing that pipe's end of file).
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        guard LiveChildren.shared.isOpen else {
            throw PluginError.cannotStart(plugin: name, reason: "tunebench is being interrupted")
        }
        let stdinPipe = try Self.pipe(name)
        let stdoutPipe: (read: Int32, write: Int32)
        do {
            stdoutPipe = try Self.pipe(name)
        } catch {
            close(stdinPipe.read)
            close(stdinPipe.write)
            throw error
        }
        let stderrFile = Self.anonymousFile()
        defer {
            close(stdinPipe.read)
            close(stdoutPipe.write)
        }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        if discardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        }
        if stderrFile >= 0 {
            posix_spawn_file_actions_adddup2(&actions, stderrFile, 2)
        }
        if let directory {
            guard let addChangeDirectory = Self.addChangeDirectory else {
                throw PluginError.cannotStart(
                    plugin: name, reason: "this C library cannot start a program in another folder (\(directory))")
            }
            _ = addChangeDirectory(&actions, directory)
        }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGXFSZ)  // ignored by the CLI (TunebenchCommand.main)
        // Ignored by the CLI while it listens for them; those the harness was started ignoring stay ignored.
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] where !InheritedSignals.ignored.contains(signalNumber) {
            sigaddset(&defaults, signalNumber)
        }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var environmentEntries = ProcessInfo.processInfo.environment
        for (key, value) in environment { environmentEntries[key] = value }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environmentEntries.keys.sorted().map { strdup("\($0)=\(environmentEntries[$0]!)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(stdinPipe.write)
            close(stdoutPipe.read)
            if stderrFile >= 0 { close(stderrFile) }
            throw PluginError.cannotStart(
                plugin: name, reason: "\(arguments.joined(separator: " ")): \(String(cString: strerror(status)))"
                    + (directory.map { " (in \($0))" } ?? ""))
        }
        pid = child
        input = stdinPipe.write
        output = stdoutPipe.read
        errors = stderrFile
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        LiveChildren.shared.insert(child)
    }

    deinit {
        terminate(grace: .milliseconds(500))
        if errors >= 0 { close(errors) }
    }

    // MARK: - I/O

    /// Writes `bytes` to the child's input within `deadline`.
    /// - Throws: `Failure.closed` when the child closed its input, `.timedOut` after the deadline.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(Failure) {
        guard input >= 0 else { throw .closed }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(input, $0.baseAddress, $0.count) }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN: try wait(for: input, events: Int16(POLLOUT), until: deadline)
            default: throw .closed  // EPIPE: the child closed its input or exited
            }
        }
    }

    /// Reads one line (without its newline) from the child's output within `deadline`.
    /// - Throws: `.endOfOutput(partial:)` at end of output, `.timedOut`, `.lineTooLong`.
    func readLine(deadline: ContinuousClock.Instant) throws(Failure) -> [UInt8] {
        trimErrorLog()
        var searched = 0
        while true {
            if let newline = buffered[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffered[..<newline])
                buffered.removeFirst(newline + 1)
                return line
            }
            searched = buffered.count
            guard buffered.count <= Self.maximumLineLength else { throw .lineTooLong }
            guard output >= 0 else { throw .endOfOutput(partial: buffered) }  // terminated: no more output
            try wait(for: output, events: Int16(POLLIN), until: deadline)
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { systemRead(output, $0.baseAddress, $0.count) }
            if count > 0 {
                buffered.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                let partial = buffered
                buffered = []
                throw .endOfOutput(partial: partial)
            } else if errno != EINTR && errno != EAGAIN {
                throw .endOfOutput(partial: buffered)
            }
        }
    }

    /// Waits until `descriptor` is ready for `events`, or throws at the deadline.
    private func wait(for descriptor: Int32, events: Int16, until deadline: ContinuousClock.Instant) throws(Failure) {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { throw .timedOut }
            let milliseconds = Int32(min(remaining.inSeconds * 1000 + 1, 60_000))
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 { return }  // readable, writable, or hung up: the read or write says which
            if ready < 0 && errno != EINTR { throw .closed }
        }
    }

    /// The last `limit` bytes the child wrote to its standard error, as text.
    func stderrTail(limit: Int = 4096) -> String {
        guard errors >= 0 else { return "" }
        var info = stat()
        guard fstat(errors, &info) == 0 else { return "" }
        let size = Int(info.st_size)
        let start = max(0, size - limit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        let count = bytes.withUnsafeMutableBytes { pread(errors, $0.baseAddress, $0.count, off_t(start)) }
        guard count > 0 else { return "" }
        var text = String(decoding: bytes[..<count], as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        return text
    }

    /// Cuts the standard error file back to its last 64 KiB once it passes ``maximumErrorLog``, so that a chatty
    /// plugin cannot fill the disk over a long run (the file is opened for appending, so the child's next writes
    /// land at the new end).
    private func trimErrorLog() {
        guard errors >= 0 else { return }
        var info = stat()
        guard fstat(errors, &info) == 0, Int(info.st_size) > Self.maximumErrorLog else { return }
        let tail = Array(stderrTail(limit: 65_536).utf8)
        _ = ftruncate(errors, 0)
        _ = tail.withUnsafeBytes { pwrite(errors, $0.baseAddress, $0.count, 0) }
    }

    // MARK: - Life cycle

    /// How the child ended once it has (waiting up to `patience` for it), else `nil`. The child is not reaped, so
    /// that ``terminate(grace:)`` can still kill what is left of its process group safely.
    func exitDescription(patience: Duration = .milliseconds(200)) -> String? {
        let deadline = ContinuousClock.now + patience
        while ending == nil {
            ending = peekEnding()
            if ending != nil || ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return ending
    }

    /// Ends the child: closes its input, waits `grace` for it to exit, then sends SIGTERM and, after another
    /// second, SIGKILL to its process group, and reaps it. Idempotent.
    func terminate(grace: Duration) {
        guard !terminated else { return }
        terminated = true
        if input >= 0 {
            close(input)
            input = -1
        }
        if !waitForExit(upTo: grace) {
            kill(-pid, SIGTERM)
            _ = waitForExit(upTo: .seconds(1))
        }
        // The leader is now a zombie at most, so the group id is still its own: kill what is left of the group
        // (children it started), leave the live set while the id is still ours, then reap the leader.
        kill(-pid, SIGKILL)
        LiveChildren.shared.remove(pid)
        reap()
        if output >= 0 {
            close(output)
            output = -1
        }
    }

    /// Waits up to `duration` for the child to exit, without reaping it.
    private func waitForExit(upTo duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        while true {
            if let ended = peekEnding() {
                ending = ended
                return true
            }
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// How the child ended, if it has, read with `WNOWAIT` so that it stays unreaped.
    private func peekEnding() -> String? {
        if let ending { return ending }
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            return errno == ECHILD ? "ended" : nil
        }
        #if os(Linux)
        let childPID = info._sifields._sigchld.si_pid
        let status = info._sifields._sigchld.si_status
        #else
        let childPID = info.si_pid
        let status = info.si_status
        #endif
        guard childPID == pid else { return nil }  // still running
        guard info.si_code == CLD_EXITED else {
            endingSignal = status
            return Self.describeSignal(status)
        }
        endingSignal = Self.conventionalSignal(exitStatus: status)
        return "exited with status \(status)"
    }

    /// Reaps the child (blocking), retrying when interrupted by a signal.
    private func reap() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid {
                exitStatus = status
                if ending == nil {
                    ending = Self.describe(status)
                    endingSignal = status & 0x7f != 0
                        ? status & 0x7f : Self.conventionalSignal(exitStatus: (status >> 8) & 0xff)
                }
                return
            }
            if result < 0 && errno == EINTR { continue }
            return  // ECHILD: already reaped elsewhere
        }
    }

    // MARK: - Helpers

    /// How a read or write failed, before it is given the plugin's name and context.
    enum Failure: Error {
        case closed
        case timedOut
        case endOfOutput(partial: [UInt8])
        case lineTooLong
    }

    private static let ignoreSIGPIPE: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Serialises the creation of descriptors and the start of children (see ``init``).
    private static let spawnLock = NSLock()

    #if canImport(Glibc)
    private typealias FileActions = posix_spawn_file_actions_t
    #else
    private typealias FileActions = posix_spawn_file_actions_t?
    #endif

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29, macOS 10.15), which the Swift overlay does not export.
    private static let addChangeDirectory:
        (@convention(c) (UnsafeMutablePointer<FileActions>, UnsafePointer<CChar>) -> Int32)? = {
            #if os(Linux)
            let defaultHandle: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
            #else
            let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
            #endif
            guard let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<FileActions>, UnsafePointer<CChar>) -> Int32).self)
        }()

    private static func pipe(_ name: String) throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        let result = systemPipe(&descriptors)
        if result == 0 {
            _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        }
        guard result == 0 else {
            throw PluginError.cannotStart(plugin: name, reason: "no pipe: \(String(cString: strerror(errno)))")
        }
        return (descriptors[0], descriptors[1])
    }

    /// A temporary file, already unlinked (it disappears when the last descriptor is closed), opened for appending.
    private static func anonymousFile() -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/tunebench-stderr-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return -1 }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_APPEND)
        return descriptor
    }

    /// A wait status in words: "exited with status 1", "was killed by signal 11 (SIGSEGV)".
    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : describeSignal(signal)
    }

    /// The interruption signal that exit status `128 + signal` conventionally stands for (SIGHUP, SIGINT, SIGTERM).
    static func conventionalSignal(exitStatus: Int32) -> Int32? {
        [SIGHUP, SIGINT, SIGTERM].first { 128 + $0 == exitStatus }
    }

    static func describeSignal(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGBUS: "SIGBUS",
            SIGFPE: "SIGFPE", SIGILL: "SIGILL", SIGPIPE: "SIGPIPE", SIGINT: "SIGINT", SIGHUP: "SIGHUP",
        ]
        return "was killed by signal \(signal)" + (names[signal].map { " (\($0))" } ?? "")
    }
}

// The C library's calls, under names that the methods of ChildProcess do not shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, buffer, count) }
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func systemPipe(_ descriptors: UnsafeMutablePointer<Int32>) -> Int32 { pipe(descriptors) }

/// The process groups of the plugins alive in this process, so that an interrupted harness can end them: they lead
/// their own groups, so a Ctrl-C at the terminal does not reach them.
///
/// ``terminateAll(grace:)`` also closes the door: a plugin started afterwards is refused (``ChildProcess/init``
/// throws), and one whose start was already under way is killed as it is registered, so that no plugin outlives an
/// interruption.
public final class LiveChildren: Sendable {
    public static let shared = LiveChildren()

    private struct State {
        var groups: Set<pid_t> = []
        var closed = false
    }

    private let state = Mutex(State())

    /// Whether new plugins may start.
    var isOpen: Bool { state.withLock { !$0.closed } }

    /// Registers a started plugin's group; once closed, kills the group instead and returns `false`.
    @discardableResult
    func insert(_ group: pid_t) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.groups.insert(group)
            return true
        }
        if !accepted { kill(-group, SIGKILL) }
        return accepted
    }

    func remove(_ group: pid_t) { state.withLock { _ = $0.groups.remove(group) } }

    /// Refuses new plugins, sends SIGTERM to every live plugin's process group, waits until their owners have ended
    /// them (and left the set) or `grace` has passed, then sends SIGKILL to the groups still registered.
    ///
    /// Only registered groups are signalled, while the lock is held: a group leaves the set after its owner has killed
    /// what was left of it and before it reaps the leader (``ChildProcess/terminate(grace:)``), so a registered
    /// group's id cannot have been reused.
    public func terminateAll(grace: Duration = .seconds(1)) {
        state.withLock { state in
            state.closed = true
            // Under the lock: a registered group's leader is not reaped yet (its owner leaves the set first).
            for group in state.groups { kill(-group, SIGTERM) }
        }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline && state.withLock({ !$0.groups.isEmpty }) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        state.withLock { state in
            for group in state.groups { kill(-group, SIGKILL) }
        }
    }
}
