import Foundation
import Testing

/// docs/adding-an-optimizer.md works as written: its code blocks, put where their first lines say, make a package that
/// depends on this one by path and builds; its conformance test passes; its command line runs the new optimizer; its
/// `branch: "main"` line resolves against a clone; and its optimizer is the repository's CustomOptimizerExample.
///
/// The package is built in `.build/snippet-packages/` (kept, so that a second run builds incrementally), beside a
/// link named `tunebench` to this package, as the page's `.package(path: "../tunebench")` expects.
@Suite(.serialized) struct AddingAnOptimizerTests {
    static let page = CommandRunner.packageRoot.appendingPathComponent("docs/adding-an-optimizer.md")
    static let workspace = CommandRunner.packageRoot.appendingPathComponent(".build/snippet-packages")

    /// The page's Swift code blocks by the path their first line names (`// Sources/...`), and `Package.swift`.
    static func files() throws -> [String: String] {
        let text = try String(contentsOf: page, encoding: .utf8)
        var files: [String: String] = [:]
        for block in text.components(separatedBy: "```swift\n").dropFirst() {
            guard let end = block.range(of: "```") else { continue }
            let code = String(block[..<end.lowerBound])
            let firstLine = String(code.prefix { $0 != "\n" })
            if firstLine.hasPrefix("// swift-tools-version") {
                files["Package.swift"] = code
            } else if firstLine.hasPrefix("// Sources/") || firstLine.hasPrefix("// Tests/") {
                files[String(firstLine.dropFirst(3))] = code
            }
        }
        return files
    }

    /// Writes the page's package into `workspace/name` (replacing the sources of an earlier run, keeping its build),
    /// with `Package.swift` changed by `manifest`, and returns its folder.
    static func writePackage(_ name: String, manifest: (String) -> String = { $0 }) throws -> URL {
        let manager = FileManager.default
        let folder = workspace.appendingPathComponent(name)
        for stale in ["Package.swift", "Sources", "Tests"] {
            try? manager.removeItem(at: folder.appendingPathComponent(stale))
        }
        for (path, code) in try files() {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((path == "Package.swift" ? manifest(code) : code).utf8).write(to: url)
        }
        return folder
    }

    /// `swift ARGUMENTS` in `folder`.
    static func swift(_ arguments: [String], in folder: URL) throws -> CommandResult {
        try CommandRunner.run("/usr/bin/env", ["swift"] + arguments, in: folder)
    }

    @Test func thePagesPackageBuildsPassesItsTestAndRunsTheOptimizer() throws {
        let files = try Self.files()
        #expect(
            Set(files.keys) == [
                "Package.swift", "Sources/MyOptimizers/LocalSearch.swift", "Sources/my-bench/main.swift",
                "Tests/MyOptimizersTests/LocalSearchTests.swift",
            ])
        try FileManager.default.createDirectory(at: Self.workspace, withIntermediateDirectories: true)
        let link = Self.workspace.appendingPathComponent("tunebench")
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: CommandRunner.packageRoot)
        let folder = try Self.writePackage("my-bench")

        let test = try Self.swift(["test"], in: folder)
        #expect(test.status == 0, "swift test in the page's package failed:\n\(test.output)\n\(test.errors)")
        #expect(test.output.contains("localSearchConforms"))

        let built = folder.appendingPathComponent(".build/debug/my-bench").path
        let entry = try CommandRunner.run(built, ["list", "local-search"])
        #expect(entry.status == 0 && entry.output.contains("step"), "\(entry.output)\(entry.errors)")
        let output = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try CommandRunner.run(
            built,
            ["run", "--optimizers", "random,local-search:step=0.05", "--problems", "branin", "--repetitions", "2",
                "--budget", "20", "--output", output.path, "--quiet", "--no-report"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("local-search-step0.05"))
    }

    @Test func theBranchLineResolvesAgainstAClone() throws {
        let manifest = try #require(try Self.files()["Package.swift"])
        let commented = "// .package(url: \"file:///absolute/path/to/tunebench\", branch: \"main\"),"
        try #require(manifest.contains(commented), "the page's Package.swift has no branch line")
        // A clone of this repository's last commit, on a branch called main.
        let clone = Self.workspace.appendingPathComponent("clone/tunebench")
        try? FileManager.default.removeItem(at: clone.deletingLastPathComponent())
        try FileManager.default.createDirectory(at: clone.deletingLastPathComponent(), withIntermediateDirectories: true)
        let cloned = try CommandRunner.run(
            "/usr/bin/env", ["git", "clone", "--quiet", "--no-checkout", CommandRunner.packageRoot.path, clone.path])
        try #require(cloned.status == 0, "git clone: \(cloned.errors)")
        let head = try CommandRunner.run("/usr/bin/env", ["git", "-C", CommandRunner.packageRoot.path, "rev-parse", "HEAD"])
        let branched = try CommandRunner.run(
            "/usr/bin/env",
            ["git", "-C", clone.path, "update-ref", "refs/heads/main", head.output.trimmingCharacters(in: .whitespacesAndNewlines)])
        try #require(branched.status == 0, "git update-ref: \(branched.errors)")

        let folder = try Self.writePackage("my-bench-git") { manifest in
            manifest.replacingOccurrences(of: ".package(path: \"../tunebench\"),", with: "")
                .replacingOccurrences(
                    of: commented,
                    with: ".package(url: \"\(clone.absoluteURL.absoluteString)\", branch: \"main\"),")
        }
        let resolved = try Self.swift(["package", "resolve"], in: folder)
        #expect(resolved.status == 0, "swift package resolve: \(resolved.output)\(resolved.errors)")
        let dependencies = try Self.swift(["package", "show-dependencies"], in: folder)
        #expect(dependencies.output.contains("tunebench"), "\(dependencies.output)")
    }

    @Test func thePagesOptimizerIsTheRepositorysExample() throws {
        let page = try #require(try Self.files()["Sources/MyOptimizers/LocalSearch.swift"])
        let source = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("Sources/CustomOptimizerExample/LocalSearch.swift"),
            encoding: .utf8)
        let program = String(source[try #require(source.range(of: "\nimport Tunebench\n")).upperBound...])
        #expect(
            page == "// Sources/MyOptimizers/LocalSearch.swift\nimport Tunebench\n" + program,
            "the page and LocalSearch.swift differ")
    }
}
