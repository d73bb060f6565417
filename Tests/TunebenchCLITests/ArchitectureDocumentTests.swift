import Foundation
import Testing

/// docs/ARCHITECTURE.md draws the modules as Package.swift declares them: its table of targets names every target
/// with exactly its dependencies, and its text names every test target and product.
struct ArchitectureDocumentTests {
    /// Package.swift as `swift package dump-package` reads it: each target's type, name and dependencies.
    static func manifest() throws -> (targets: [(type: String, name: String, dependencies: Set<String>)], products: [String]) {
        // Another scratch folder than .build, which the running `swift test` keeps locked.
        let scratch = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dump = try CommandRunner.run(
            "/usr/bin/env", ["swift", "package", "--scratch-path", scratch.path, "dump-package"],
            in: CommandRunner.packageRoot)
        try #require(dump.status == 0, "swift package dump-package failed: \(dump.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]]).map { target in
            let dependencies = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency in
                // {"byName": ["X", null]}, {"target": ["X", null]} or {"product": ["X", "package", ...]}
                (dependency.values.first as? [Any])?.first as? String
            }
            return (target["type"] as? String ?? "", target["name"] as? String ?? "", Set(dependencies))
        }
        let products = try #require(json["products"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        return (targets, products)
    }

    /// The rows of a module table: target name and the dependencies its second column lists, with the
    /// short names (`Core`) expanded (`TunebenchCore`).
    static func documentedTargets(_ text: String) -> [String: Set<String>] {
        var rows: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 3, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { continue }
            let name = String(cells[1].dropFirst().dropLast())
            guard !name.contains(" "), !name.contains("/") else { continue }
            let dependencies = cells[2] == "nothing" ? [] : cells[2].split(separator: ",").map { word -> String in
                let short = word.trimmingCharacters(in: .whitespaces)
                let expanded = [
                    "Core", "Numerics", "Problems", "Optimizers", "Runner", "Plugins", "Report", "Conformance",
                ].contains(short) ? "Tunebench" + short : short
                return expanded
            }
            rows[name] = Set(dependencies)
        }
        return rows
    }

    @Test func theModuleTableIsPackageSwift() throws {
        let text = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let (targets, products) = try Self.manifest()
        let section = try #require(text.range(of: "\n## 1.")).upperBound..<(try #require(text.range(of: "\n## 2."))).lowerBound
        let documented = Self.documentedTargets(String(text[section]))
        for target in targets where target.type != "test" {
            #expect(documented[target.name] == target.dependencies,
                "docs/ARCHITECTURE.md gives \(target.name) the dependencies \(documented[target.name].map { $0.sorted() } ?? []), Package.swift \(target.dependencies.sorted())")
        }
        let names = Set(targets.map(\.name))
        let unknown = documented.keys.filter { !names.contains($0) }.sorted()
        #expect(unknown.isEmpty, "docs/ARCHITECTURE.md's table has \(unknown), which Package.swift does not")
        for target in targets where target.type == "test" {
            #expect(text.contains("`\(target.name)`"), "docs/ARCHITECTURE.md does not name the test target \(target.name)")
        }
        for product in products {
            #expect(text.contains("`\(product)`"), "docs/ARCHITECTURE.md does not name the product \(product)")
        }
    }
}
