#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file front to back in chunks of a fixed size, so that a file of any size is read in bounded memory.
///
/// Result files can be large (a run of a million evaluations has a 200 MB run file and a 90 MB `evaluations.csv`);
/// every reader of them goes through this type rather than loading the whole file.
public final class FileChunkReader {
    public let path: String
    private var descriptor: Int32
    private let chunkSize: Int
    /// The file's size when opened, and the bytes read so far: the next chunk's storage is no larger than the rest.
    private var size = 0
    private var position = 0

    /// Opens `path`, or returns `nil` when it does not exist.
    /// - Throws: ``FileAccessError`` when it exists but cannot be opened (permissions, a folder).
    public init?(path: String, chunkSize: Int = 1 << 20) throws(FileAccessError) {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw FileAccessError(path: path, operation: "opened", code: errno)
        }
        // A regular file's size bounds the chunks' storage; anything else (a pipe) is read in whole chunks.
        var status = stat()
        let isRegular = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        size = isRegular ? Int(status.st_size) : Int.max
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next chunk (at most `chunkSize` bytes, never empty), or `nil` at the end of the file.
    ///
    /// The first chunk of a file smaller than `chunkSize` is the whole file, read at once into storage of its size.
    /// - Throws: ``FileAccessError`` when reading fails (an I/O error, a folder).
    public func next() throws(FileAccessError) -> [UInt8]? {
        guard descriptor >= 0 else { return nil }
        // One byte more than the rest, so that a file that has not grown is read whole by one read.
        let rest = max(0, size - position)
        let capacity = rest < chunkSize ? rest + 1 : chunkSize
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            while true {
                let result = read(descriptor, buffer.baseAddress, capacity)
                if result >= 0 {
                    count = result
                    return
                }
                if errno != EINTR {
                    failure = errno
                    count = 0
                    return
                }
            }
        }
        if failure != 0 { throw FileAccessError(path: path, operation: "read", code: failure) }
        if chunk.isEmpty {
            close(descriptor)
            descriptor = -1
            return nil
        }
        position += chunk.count
        return chunk
    }
}

/// A file that cannot be opened, read or written, with the system's reason.
public struct FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// What failed, as a past participle: "opened", "read", "written".
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// The system's message for ``code``, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String { "\(path) cannot be \(operation): \(reason)" }
}
