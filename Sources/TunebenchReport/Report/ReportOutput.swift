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

    /// Writes every file atomically (a temporary file `.NAME.HOST-PID.tmp` renamed into place) under `directory`, then
    /// deletes the files under `directory/report/` that this output does not hold (an earlier report's plots of renamed
    /// problems, say), so that the folder never mixes two reports once this returns. Temporary files that a killed
    /// report left in the folders it writes are deleted first.
    /// - Throws: ``ReportError/unwritable(path:reason:)``.
    func write(to directory: URL) throws {
        let manager = FileManager.default
        defer { removeStale(in: directory) }
        let store = ResultStore(directory: directory)
        var cleaned: Set<String> = []
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            let folder = url.deletingLastPathComponent()
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ReportError.unwritable(path: folder.path, reason: error.localizedDescription)
            }
            if cleaned.insert(folder.path).inserted { store.removeStaleTemporaryFiles(in: folder) }
            let temporary = ResultStore.temporaryURL(for: url)
            do {
                try Data(contents.utf8).write(to: temporary)
            } catch {
                try? manager.removeItem(at: temporary)
                throw ReportError.unwritable(path: url.path, reason: error.localizedDescription)
            }
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: temporary)
                throw ReportError.unwritable(path: url.path, reason: reason)
            }
        }
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
