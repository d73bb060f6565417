import Foundation
import TunebenchCore

/// Bytes collected in memory up to `limit`, then in a hidden scratch file, and copied out in order: how an output
/// whose size grows with the number of evaluations (a run's trials, a problem's rows of `evaluations.csv`) is
/// assembled in bounded memory. Small outputs never touch the disk.
///
/// When the bytes may already go to the file they are for (a problem's rows while every problem before it has been
/// written, as with one aggregation job), `destination` says so, and the buffer then writes into that file instead
/// of a scratch file, so that the rows are written once rather than three times (scratch, read back, file).
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
    /// Asked at the first spill: the file the bytes may be appended to now, or `nil` (see ``init(scratchURL:
    /// reportedPath:limit:destination:)``).
    private let destination: (() -> AtomicFile?)?
    /// The file the bytes went to at the first spill, when `destination` gave one.
    private var direct: AtomicFile?

    /// - Parameter destination: asked once, when the bytes first reach `limit`: the file they are for, when they may
    ///   be appended to it from then on (and that file is then the one ``copy(into:)`` gets), or `nil` for a
    ///   scratch file.
    init(scratchURL: URL, reportedPath: String, limit: Int = 4 << 20, destination: (() -> AtomicFile?)? = nil) {
        self.scratchURL = scratchURL
        self.reportedPath = reportedPath
        self.limit = limit
        self.destination = destination
    }

    deinit {
        scratch?.remove()
    }

    func append(_ bytes: some Collection<UInt8>) throws {
        precondition(!sealed, "a sealed SpillBuffer takes no more bytes")
        memory.append(contentsOf: bytes)
        if memory.count >= limit { try spill() }
    }

    /// Moves the bytes in memory to the destination, or else to the scratch file (created on first use), which
    /// writes them at once.
    private func spill() throws {
        if scratch == nil, direct == nil { direct = destination?() }
        if let direct {
            try direct.append(memory)
        } else {
            let file: FileOutput
            if let scratch {
                file = scratch
            } else {
                file = try FileOutput(creating: scratchURL, reportedPath: reportedPath, bufferSize: 0)
                scratch = file
            }
            try file.append(memory)
        }
        memory.removeAll(keepingCapacity: true)
    }

    /// Frees what the buffer holds until it is copied out: once it has a scratch file, the bytes in memory go there
    /// and the file is closed; otherwise they stay in memory, which is less than the limit.
    func seal() throws {
        guard !sealed else { return }
        sealed = true
        guard let scratch else { return }
        try spill()
        memory = []
        try scratch.close()
    }

    func appendLine(_ text: String) throws {
        try append(text.utf8)
        try append(CollectionOfOne(0x0A))
    }

    /// Appends everything collected, in order, to `file`, then deletes the scratch file.
    func copy(into file: AtomicFile) throws {
        precondition(direct.map { $0 === file } ?? true, "a buffer that wrote to its destination is copied there")
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
