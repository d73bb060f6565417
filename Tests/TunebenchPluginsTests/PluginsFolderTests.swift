import Foundation
import Testing
import Tunebench

/// Every plugin under `Plugins/` has a valid manifest and passes `tunebench plugin check` when it can start.
///
/// A plugin whose requirements are missing (its manifest's check command fails) is skipped, with the reason and
/// the fix. CI installs the requirements and sets `TUNEBENCH_REQUIRE_PLUGINS=1`, which turns a missing plugin into a
/// failure, except those named in `TUNEBENCH_OPTIONAL_PLUGINS` (optuna-gp needs PyTorch, kept out of CI).
struct PluginsFolderTests {
    static let catalog = PluginCatalog.discover(in: PluginFixtures.pluginsFolder)

    static let names = catalog.manifests.map(\.name)

    @Test func everyManifestIsValid() {
        #expect(Self.catalog.invalid.isEmpty, "\(Self.catalog.invalid)")
        #expect(!Self.catalog.manifests.isEmpty)
        var registry = Registry.builtin
        #expect(Self.catalog.register(into: &registry).isEmpty)
    }

    @Test(arguments: names)
    func pluginPassesTheCheck(name: String) throws {
        let manifest = try #require(Self.catalog.manifests.first { $0.name == name })
        if case .unavailable(let reason, let fix) = PluginCatalog.availability(of: manifest) {
            let environment = ProcessInfo.processInfo.environment
            let optional = Set((environment["TUNEBENCH_OPTIONAL_PLUGINS"] ?? "").split(separator: ",").map(String.init))
            if environment["TUNEBENCH_REQUIRE_PLUGINS"] == "1" && !optional.contains(name) {
                Issue.record("plugin \(name) cannot start, though TUNEBENCH_REQUIRE_PLUGINS=1: \(reason); fix: \(fix ?? "?")")
                return
            }
            try Test.cancel("skipped: plugin \(name) cannot start here (\(reason)); to run it: \(fix ?? "see its README")")
        }
        let items = PluginCheck.run(manifest.command)
        let failed = items.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed.map(\.description))")
    }
}
