import Foundation
import Testing
import Tunebench

/// Suites declared in a manifest's `suites` list: read with the plugins, registered after them when every problem
/// they name is one, refused with the file and the field named when malformed.
struct PluginSuiteManifestTests {
    /// A plugins folder with one manifest whose text is `manifest`.
    static func folder(_ manifest: String) throws -> URL {
        let folder = PluginFixtures.temporaryFolder()
        let demo = folder.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: demo, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: demo.appendingPathComponent("plugin.json"))
        return folder
    }

    static let plugins = """
        "plugins": [
          {"name": "demo-a", "kind": "problem", "command": ["x"]},
          {"name": "demo-b", "kind": "problem", "command": ["y"]},
          {"name": "demo-solver", "kind": "solver", "command": ["z"]}]
        """

    @Test func aSuiteOfTheManifestsProblemsIsRegistered() throws {
        let folder = try Self.folder("""
            {\(Self.plugins), "suites": [{"name": "demo", "summary": "both", "problems": ["demo-b", "demo-a", "branin"]}]}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = PluginCatalog.discover(in: folder)
        #expect(catalog.invalid.isEmpty, "\(catalog.invalid)")
        #expect(catalog.suites.map(\.name) == ["demo"] && catalog.suites[0].summary == "both")
        var registry = Registry.builtin
        #expect(catalog.register(into: &registry).isEmpty)
        let suite = try registry.suite(named: "demo")
        #expect(suite.problems.map(\.name) == ["demo-b", "demo-a", "branin"])
        #expect(suite.problems.map(\.label) == ["demo-b", "demo-a", "branin"])
    }

    @Test func aSuiteNamingNoProblemOrATakenNameIsLeftOutWithAWarning() throws {
        let folder = try Self.folder("""
            {\(Self.plugins), "suites": [{"name": "odd", "problems": ["demo-a", "demo-solver"]},
              {"name": "classic", "problems": ["demo-a"]}, {"name": "fine", "problems": ["demo-a"]}]}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        var registry = Registry.builtin
        let warnings = PluginCatalog.discover(in: folder).register(into: &registry)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings[0].hasPrefix("suite 'odd' of ") && warnings[0].hasSuffix("it names 'demo-solver', which is no problem"))
        #expect(warnings[1].hasPrefix("suite 'classic' of ") && warnings[1].contains("is left out"))
        #expect((try? registry.suite(named: "fine")) != nil && (try? registry.suite(named: "odd")) == nil)
    }

    @Test(arguments: [
        (#""suites": {}"#, "field 'suites'"),
        (#""suites": [{"name": "s", "problem": ["demo-a"]}]"#, "field 'suites[0].problem': unknown field; did you mean 'problems'?"),
        (#""suites": [{"name": "s/t", "problems": ["demo-a"]}]"#, "field 'suites[0].name'"),
        (#""suites": [{"name": "s", "problems": []}]"#, "field 'suites[0].problems'"),
        (#""suites": [{"name": "s", "problems": ["demo-a", 3]}]"#, "field 'suites[0].problems[1]'"),
        (#""suites": [{"name": "s", "problems": ["demo-a", "demo-a"]}]"#, "'demo-a' is listed twice"),
        (#""suite": []"#, "field 'suite': unknown field; did you mean 'suites'?"),
    ])
    func malformedSuitesNameTheFileAndTheField(suites: String, message: String) throws {
        let folder = try Self.folder("{\(Self.plugins), \(suites)}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = PluginCatalog.discover(in: folder)
        #expect(catalog.invalid.count == 1)
        #expect(catalog.invalid.first?.contains("demo/plugin.json") == true, "\(catalog.invalid)")
        #expect(catalog.invalid.first?.contains(message) == true, "\(catalog.invalid)")
    }
}
