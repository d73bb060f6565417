import Foundation
import TunebenchCore

/// Bytes collected in memory up to `limit`, then in a hidden scratch file, and copied out in order: how an output
/// whose size grows with the number of evaluations (a run's trials, a problem's rows of `evaluations.csv`) is
/// assembled in bounded memory. Small outputs never touch the disk.
final class SpillBuffer {
    /// Where the scratch file goes, should one be needed.
    let scratchURL: URL
    private let limit: Int
    private var memory: [UInt8] = []
    private var scratch: FileOutput?

    init(scratchURL: URL, limit: Int = 4 << 20) {
        self.scratchURL = scratchURL
        self.limit = limit
    }

    deinit {
        scratch?.remove()
    }

    var isEmpty: Bool { memory.isEmpty && scratch == nil }

    func append(_ bytes: some Collection<UInt8>) throws {
        memory.append(contentsOf: bytes)
        if memory.count >= limit {
            if scratch == nil { scratch = try FileOutput(creating: scratchURL) }
            try scratch!.append(memory)
            memory.removeAll(keepingCapacity: true)
        }
    }

    func appendLine(_ text: String) throws {
        try append(text.utf8)
        try append(CollectionOfOne(0x0A))
    }

    /// Appends everything collected, in order, to `file`, then deletes the scratch file.
    func copy(into file: AtomicFile) throws {
        if let scratch {
            try scratch.close()
            guard let reader = try FileChunkReader(path: scratch.url.path) else {
                throw RunnerError.storage(path: scratch.url.path, reason: "the scratch file disappeared")
            }
            do {
                while let chunk = try reader.next() { try file.append(chunk) }
            } catch let error as FileAccessError {
                throw RunnerError.storage(path: error.path, reason: "cannot be read back: \(error.reason)")
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
