import Foundation
import TunebenchCore

/// A file written front to back through a buffer of `bufferSize` bytes; every failure (a full disk, a file-size
/// limit, a read-only folder) is a ``RunnerError/storage(path:reason:)`` naming the file the user asked for.
final class FileOutput {
    /// The file being written (a temporary file, for an ``AtomicFile``).
    let url: URL
    /// The path errors name.
    let reportedPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int

    /// Creates (or truncates) `url`.
    init(creating url: URL, reportedPath: String? = nil, bufferSize: Int = 1 << 20) throws {
        self.url = url
        self.reportedPath = reportedPath ?? url.path
        self.bufferSize = bufferSize
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        let code = errno
        guard descriptor >= 0 else { throw Self.failure(reportedPath ?? url.path, "cannot be created", code) }
        buffer.reserveCapacity(min(bufferSize, 1 << 16))
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    func append(_ bytes: some Collection<UInt8>) throws {
        if buffer.isEmpty && bytes.count >= bufferSize,
            try bytes.withContiguousStorageIfAvailable({ try write(UnsafeRawBufferPointer($0)) }) != nil
        {
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { try flush() }
    }

    func append(_ text: String) throws {
        try append(text.utf8)
    }

    /// Writes the buffered bytes to the file.
    func flush() throws {
        try buffer.withUnsafeBytes { try write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` to the file, all of them.
    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw Self.failure(reportedPath, "cannot be written", code)
            }
            offset += written
        }
    }

    /// Flushes and closes the file; a failure of `close` (which can report a deferred write error) is an error too.
    func close() throws {
        guard descriptor >= 0 else { return }
        do {
            try flush()
        } catch {
            Foundation.close(descriptor)
            descriptor = -1
            throw error
        }
        let result = Foundation.close(descriptor)
        let code = errno
        descriptor = -1
        if result != 0 { throw Self.failure(reportedPath, "cannot be written", code) }
    }

    /// Closes and deletes the file, ignoring errors: used when giving up.
    func remove() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
        unlink(url.path)
    }

    /// The storage error for `operation` failing with `code`; a full disk or a file-size limit says that nothing
    /// already recorded is lost.
    static func failure(_ path: String, _ operation: String, _ code: Int32) -> RunnerError {
        var reason = "\(operation): \(String(cString: strerror(code)))"
        let remedy =
            switch code {
            case ENOSPC, EDQUOT: "free space"
            case EFBIG: "raise the file-size limit (ulimit -f)"
            default: ""
            }
        if !remedy.isEmpty {
            reason += " (the run files already written are complete and kept; \(remedy), then run again to resume)"
        }
        return RunnerError.storage(path: path, reason: reason)
    }
}

/// A file written through a hidden temporary file beside it (`.NAME.HOST-PID.tmp`) and renamed into place by
/// ``commit()``, so that the file either keeps its old content or has the whole new one; never a part.
final class AtomicFile {
    private enum State {
        case writing, closed, committed, abandoned
    }

    let url: URL
    private let output: FileOutput
    private var state = State.writing

    /// The hidden temporary file beside `url` that this process writes it through: `.NAME.HOST-PID.SUFFIX`, the
    /// process token always just before the suffix (`tmp`, `trials.tmp` or `part.tmp`), so that a later process can
    /// tell a file left by a killed process (same host, no such process) from one a live process is writing, here or
    /// on another node sharing the folder (``ProcessIdentity/isLeftByDeadProcess(_:)``).
    static func temporaryURL(for url: URL, suffix: String = "tmp") -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessIdentity.token).\(suffix)")
    }

    init(url: URL, bufferSize: Int = 1 << 20) throws {
        self.url = url
        output = try FileOutput(creating: Self.temporaryURL(for: url), reportedPath: url.path, bufferSize: bufferSize)
    }

    deinit {
        if state == .writing || state == .closed { output.remove() }
    }

    func append(_ bytes: some Collection<UInt8>) throws { try output.append(bytes) }

    func append(_ text: String) throws { try output.append(text) }

    /// Appends a line and its line feed.
    func appendLine(_ text: String) throws {
        try output.append(text.utf8)
        try output.append(CollectionOfOne(0x0A))
    }

    /// Writes the rest and closes the temporary file, so that a later ``commit()`` cannot fail for want of space;
    /// on failure the temporary file is deleted and the file abandoned.
    func close() throws {
        guard state == .writing else { return }
        do {
            try output.close()
            state = .closed
        } catch {
            state = .abandoned
            output.remove()
            throw error
        }
    }

    /// Closes the temporary file if still open and renames it to ``url``; on failure the temporary file is deleted.
    func commit() throws {
        try close()
        switch state {
        case .committed: return
        case .abandoned, .writing:
            throw RunnerError.storage(path: url.path, reason: "was abandoned after an earlier error and not written")
        case .closed: break
        }
        guard rename(output.url.path, url.path) == 0 else {
            let code = errno
            state = .abandoned
            output.remove()
            throw FileOutput.failure(url.path, "cannot be renamed into place", code)
        }
        state = .committed
    }

    /// Deletes the temporary file; ``url`` is left as it was.
    func discard() {
        guard state == .writing || state == .closed else { return }
        state = .abandoned
        output.remove()
    }
}

/// This process as named in temporary files: the host's short name (letters, digits and `-`) and the process id.
enum ProcessIdentity {
    static let host: String = {
        var buffer = [UInt8](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBytes { gethostname($0.baseAddress!.assumingMemoryBound(to: CChar.self), 255) }
        guard status == 0 else { return "host" }
        let name = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self).split(separator: ".").first.map(String.init) ?? ""
        let cleaned = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        return cleaned.isEmpty ? "host" : cleaned
    }()

    static let token = "\(host)-\(ProcessInfo.processInfo.processIdentifier)"

    /// Whether `name` (a file name) is a temporary file of a process of this host that no longer runs: a name
    /// `.NAME.HOST-PID.tmp`, `.NAME.HOST-PID.trials.tmp` or `.NAME.HOST-PID.part.tmp` (see
    /// ``AtomicFile/temporaryURL(for:suffix:)``) whose HOST is this host's and whose PID no process has.
    ///
    /// Hosts that share a short name (in different domains), or containers that share a host name but not their
    /// process ids, cannot be told apart: do not let two of them write into one result folder at the same time.
    static func isLeftByDeadProcess(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        var components = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard components.count >= 3, components.removeLast() == "tmp" else { return false }
        if components.last == "trials" || components.last == "part" { components.removeLast() }
        guard let token = components.last, token.hasPrefix(host + "-"),
            let pid = Int32(token.dropFirst(host.count + 1)), pid > 0
        else { return false }
        if pid == ProcessInfo.processInfo.processIdentifier { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
