import Foundation
import TunebenchCore

/// Bytes collected in memory up to `limit`, then in a hidden scratch file, and copied out in order: how an output
/// whose size grows with the number of evaluations (a run's trials, a problem's rows of `evaluations.csv`) is
/// assembled in bounded memory. Small outputs never touch the disk.
final class SpillBuffer {
    /// Where the scratch file goes, should one be needed.
    let scratchURL: URL
    /// The file the bytes are for, which storage errors name (the scratch file is hidden and short-lived).
    let reportedPath: String
    private let limit: Int
    private var memory: [UInt8] = []
    private var scratch: FileOutput?
    /// Whether the scratch file has been closed by ``seal()``.
    private var sealed = false

    init(scratchURL: URL, reportedPath: String, limit: Int = 4 << 20) {
        self.scratchURL = scratchURL
        self.reportedPath = reportedPath
        self.limit = limit
    }

    deinit {
        scratch?.remove()
    }

    func append(_ bytes: some Collection<UInt8>) throws {
        precondition(!sealed, "a sealed SpillBuffer takes no more bytes")
        memory.append(contentsOf: bytes)
        if memory.count >= limit { try spill() }
    }

    /// Moves the bytes in memory to the scratch file (created on first use), which writes them at once.
    private func spill() throws {
        let file: FileOutput
        if let scratch {
            file = scratch
        } else {
            file = try FileOutput(creating: scratchURL, reportedPath: reportedPath, bufferSize: 0)
            scratch = file
        }
        try file.append(memory)
        memory = []
    }

    /// Frees what the buffer holds until it is copied out: once it has a scratch file, the bytes in memory go there
    /// and the file is closed; otherwise they stay in memory, which is less than the limit.
    func seal() throws {
        guard !sealed else { return }
        sealed = true
        guard let scratch else { return }
        try spill()
        try scratch.close()
    }

    func appendLine(_ text: String) throws {
        try append(text.utf8)
        try append(CollectionOfOne(0x0A))
    }

    /// Appends everything collected, in order, to `file`, then deletes the scratch file.
    func copy(into file: AtomicFile) throws {
        if let scratch {
            try scratch.close()
            do {
                guard let reader = try FileChunkReader(path: scratch.url.path) else {
                    throw RunnerError.storage(path: reportedPath, reason: "its scratch file \(scratch.url.path) disappeared")
                }
                while let chunk = try reader.next() { try file.append(chunk) }
            } catch let error as FileAccessError {
                throw RunnerError.storage(
                    path: reportedPath, reason: "its scratch file \(error.path) cannot be read back: \(error.reason)")
            }
            scratch.remove()
            self.scratch = nil
        }
        try file.append(memory)
        memory = []
    }

    /// Deletes the scratch file, if any.
    func remove() {
        scratch?.remove()
        scratch = nil
        memory = []
    }
}
