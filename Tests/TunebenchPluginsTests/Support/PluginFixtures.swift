import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// Paths and helpers for the plugin tests.
enum PluginFixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let pluginsFolder = packageRoot.appendingPathComponent("Plugins")

    /// A command running a fixture script with python3.
    static func python(_ script: String, _ arguments: String..., timeout: Double = 10) -> PluginCommand {
        PluginCommand(
            name: ([script] + arguments).joined(separator: " "),
            arguments: ["python3", fixtures.appendingPathComponent(script).path] + arguments, timeout: timeout)
    }

    /// Processes whose command line contains `marker` (a zombie has an empty command line, so it never matches).
    static func processes(containing marker: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { entry in
            guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else {
                return false
            }
            return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(marker)
        }
    }

    /// The processes whose command line contains `marker` that are still there after up to 10 s: a process that
    /// escaped a kill (sleeping for hours) is still there at the end.
    static func survivors(containing marker: String) -> [String] {
        _ = Polling.eventually { processes(containing: marker).isEmpty }
        return processes(containing: marker)
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-plugins-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
