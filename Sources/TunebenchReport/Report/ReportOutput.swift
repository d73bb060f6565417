import Foundation
import TunebenchRunner

/// The files a report writes, relative to the result folder, collected before anything is written so that a report
/// that fails half-way writes nothing.
struct ReportOutput {
    /// Relative path and contents, in writing order.
    private(set) var files: [(path: String, contents: String)] = []

    mutating func add(_ path: String, _ contents: String) {
        files.append((path, contents))
    }

    /// A CSV file from a header and rows of fields.
    mutating func csv(_ path: String, header: [String], rows: [[String]]) {
        var text = header.joined(separator: ",") + "\n"
        for row in rows { text += row.joined(separator: ",") + "\n" }
        add(path, text)
    }

    /// Writes every file atomically under `directory`, then deletes the files under `directory/report/` that this
    /// output does not hold (an earlier report's plots of renamed problems, say), so that the folder never mixes two
    /// reports once this returns.
    ///
    /// Every file is first written whole to a temporary file beside it (`.NAME.HOST-PID.tmp`, after the temporary
    /// files that a killed report left in that folder are deleted), and only then are they all renamed into place:
    /// a failure (a full disk) leaves the previous report as it was, and a process ended while renaming leaves each
    /// file whole.
    /// - Throws: ``ReportError/unwritable(path:reason:)``.
    func write(to directory: URL) throws {
        let manager = FileManager.default
        let store = ResultStore(directory: directory)
        var cleaned: Set<String> = []
        var written: [(temporary: URL, url: URL)] = []
        func discard() {
            for file in written { try? manager.removeItem(at: file.temporary) }
        }
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent()
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                discard()
                throw ReportError.unwritable(path: folder.path, reason: error.localizedDescription)
            }
            if cleaned.insert(folder.path).inserted { store.removeStaleTemporaryFiles(in: folder) }
            let temporary = ResultStore.temporaryURL(for: url)
            do {
                try Data(contents.utf8).write(to: temporary)
            } catch {
                try? manager.removeItem(at: temporary)
                discard()
                throw ReportError.unwritable(path: url.path, reason: error.localizedDescription)
            }
            written.append((temporary, url))
        }
        for (index, file) in written.enumerated() where rename(file.temporary.path, file.url.path) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in written[index...] { try? manager.removeItem(at: rest.temporary) }
            throw ReportError.unwritable(path: file.url.path, reason: reason)
        }
        removeStale(in: directory)
    }

    private func removeStale(in directory: URL) {
        let manager = FileManager.default
        let report = directory.appendingPathComponent("report")
        let kept = Set(files.map(\.path))
        guard let paths = manager.enumerator(atPath: report.path) else { return }
        for case let path as String in paths {
            let url = report.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if !kept.contains("report/" + path) && (path.hasSuffix(".csv") || path.hasSuffix(".svg")) {
                try? manager.removeItem(at: url)
            }
        }
    }
}
