import Foundation
import Tunebench

/// What a result folder must hold after any interruption or failure: complete run files only, no leftover temporary
/// file, and derived files that can be compared byte for byte with another execution's.
enum ResultFolderChecks {
    /// The derived files that are the same for the same experiment (every output but timings and the report), by
    /// path relative to `folder`; with observation noise also `traces-recommended.csv` and `curves-recommended/`.
    static func deterministicFiles(_ folder: URL) throws -> [String: Data] {
        let manager = FileManager.default
        var files: [String: Data] = [:]
        for name in ["evaluations.csv", "traces.csv", "summary.json"] {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        let recommended = folder.appendingPathComponent("traces-recommended.csv")
        if manager.fileExists(atPath: recommended.path) {
            files["traces-recommended.csv"] = try Data(contentsOf: recommended)
        }
        for folderName in ["curves", "curves-recommended", "curves-cost", "curves-time"] {
            let curves = folder.appendingPathComponent(folderName)
            guard folderName == "curves" || manager.fileExists(atPath: curves.path) else { continue }
            for name in try manager.contentsOfDirectory(atPath: curves.path) {
                files[folderName + "/" + name] = try Data(contentsOf: curves.appendingPathComponent(name))
            }
        }
        return files
    }

    /// Every visible file under `folder/runs`, each read as a complete run record with its wall-clock timings set to
    /// zero (the only part of a run file that differs between executions), by path relative to `folder`.
    /// - Throws: when a run file is not a complete record, naming it.
    static func runRecords(_ folder: URL) throws -> [String: RunRecord] {
        var records: [String: RunRecord] = [:]
        let runs = folder.appendingPathComponent("runs")
        guard let paths = FileManager.default.enumerator(atPath: runs.path) else { return [:] }
        while let path = paths.nextObject() as? String {
            let url = runs.appendingPathComponent(path)
            var isFolder: ObjCBool = false
            guard !url.lastPathComponent.hasPrefix("."), FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            do {
                records["runs/" + path] = try RunRecord(json: Array(try Data(contentsOf: url))).untimed
            } catch {
                throw FolderCheckFailure("runs/\(path) is not a complete run file: \(error)")
            }
        }
        return records
    }

    /// Every file or folder under `folder` whose name starts with a dot (temporary and scratch files).
    static func hiddenFiles(_ folder: URL) -> [String] {
        var hidden: [String] = []
        guard let paths = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        while let path = paths.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasPrefix(".") { hidden.append(path) }
        }
        return hidden.sorted()
    }

    struct FolderCheckFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
