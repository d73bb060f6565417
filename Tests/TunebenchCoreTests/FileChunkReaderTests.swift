import Foundation
import Testing
import TunebenchCore

/// Chunked reading of files: the chunks make up the file, and a file smaller than a chunk is read at once.
struct FileChunkReaderTests {
    @Test(arguments: [0, 1, 99, 100, 101, 350])
    func theChunksMakeUpTheFile(size: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try Data(bytes).write(to: url)
        let reader = try #require(try FileChunkReader(path: url.path, chunkSize: 100))
        var chunks: [[UInt8]] = []
        while let chunk = try reader.next() { chunks.append(chunk) }
        #expect(chunks.flatMap { $0 } == bytes)
        #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= 100 })
        #expect(chunks.count == (size + 99) / 100)
        #expect(try reader.next() == nil)
    }

    @Test func aMissingFileIsNilAndAFolderCannotBeRead() throws {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(try FileChunkReader(path: folder + "/no-such-file-\(UUID().uuidString)") == nil)
        do {
            let reader = try FileChunkReader(path: folder)
            _ = try reader?.next()
            Issue.record("a folder was read")
        } catch {
            #expect(error.path == folder && error.operation == "read")
        }
    }
}
