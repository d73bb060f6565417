import Foundation
import Synchronization
import Testing
import Tunebench
import TunebenchTestSupport

/// Every plugin under `Plugins/` has a valid manifest and passes `tunebench plugin check` when it can start.
///
/// Whether each plugin can start (its manifest's check command succeeds) is decided once, before the checks run: a
/// plugin that cannot start here is not checked, and `pluginsNotCheckedHereAreReported` is skipped with the reason (each
/// missing Python module named) and the fix. CI installs the requirements and sets `TUNEBENCH_REQUIRE_PLUGINS=1`,
/// which checks every plugin, so that a missing one fails, except those named in `TUNEBENCH_OPTIONAL_PLUGINS`
/// (optuna-gp needs PyTorch, kept out of CI).
struct PluginsFolderTests {
    static let catalog = PluginCatalog.discover(in: PluginFixtures.pluginsFolder)

    /// Why each plugin that cannot start here cannot, by name; the checks run in parallel, once, when a test of
    /// this suite first needs them.
    static let unavailable: [String: String] = {
        let manifests = catalog.manifests
        let pairs = zip(manifests, PluginCatalog.availabilities(of: manifests)).compactMap { manifest, availability in
            guard case .unavailable(let reason, let fix) = availability else { return nil as (String, String)? }
            return (manifest.name, "\(missingModules(of: manifest) ?? reason); fix: \(fix ?? "see its README")")
        }
        return Dictionary(uniqueKeysWithValues: pairs)
    }()

    /// For a plugin whose check is `python3 -c "import a, b, c"`, the modules of those that are missing, each named
    /// (the check's own error names the first only).
    static func missingModules(of manifest: PluginManifest) -> String? {
        guard let check = manifest.check, check.count == 3, check[0] == "python3", check[1] == "-c",
            check[2].hasPrefix("import ")
        else { return nil }
        let modules = check[2].dropFirst("import ".count).split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        return Python.missing(modules)
    }

    /// The plugins that are checked: those that can start here, and those that must (their check then fails); of a
    /// family of more than ``familySample`` plugins that run one program with different arguments (the 108 bayesmark
    /// problems), every ``familySample``-th in manifest order: for bayesmark's 12 problems per model, 9 that walk
    /// across models, data sets and metrics (regressors, Boston and the bools and log integers among them).
    static var checked: [String] {
        let sizes = Dictionary(catalog.manifests.map { (familyKey($0), 1) }, uniquingKeysWith: +)
        var members: [String: Int] = [:]
        let sampled = catalog.manifests.filter { manifest in
            let family = familyKey(manifest)
            let size = sizes[family]!
            let index = members[family, default: 0]
            members[family] = index + 1
            return size <= familySample || index % familySample == 0
        }
        return sampled.map(\.name).filter { unavailable[$0] == nil || TestEnvironment.requires(plugin: $0) }
    }

    /// Plugins of one family share their folder and the first two words of their command.
    static let familySample = 13

    static func familyKey(_ manifest: PluginManifest) -> String {
        ([manifest.command.directory ?? ""] + manifest.command.arguments.prefix(2)).joined(separator: "\u{0}")
    }

    @Test func everyManifestIsValid() {
        #expect(Self.catalog.invalid.isEmpty, "\(Self.catalog.invalid)")
        #expect(!Self.catalog.manifests.isEmpty)
        var registry = Registry.builtin
        #expect(Self.catalog.register(into: &registry).isEmpty)
    }

    @Test(arguments: checked)
    func pluginPassesTheCheck(name: String) throws {
        let manifest = try #require(Self.catalog.manifests.first { $0.name == name })
        if let reason = Self.unavailable[name] {
            Issue.record("plugin \(name) cannot start, though TUNEBENCH_REQUIRE_PLUGINS=1: \(reason)")
            return
        }
        let items = PluginCheck.run(manifest.command)
        let failed = items.filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed.map(\.description))")
    }

    /// Not a check but a report: skipped, with the reason and the fix of each, when some plugins cannot start here
    /// and need not (so are not checked by `pluginPassesTheCheck`); when every plugin is checked there is nothing to
    /// report and it passes. Without it those plugins would be left out of the run silently.
    @Test(
        .requirement(mandatory: false) {
            let skipped = PluginsFolderTests.catalog.manifests.map(\.name).filter {
                PluginsFolderTests.unavailable[$0] != nil && !TestEnvironment.requires(plugin: $0)
            }
            guard !skipped.isEmpty else { return nil }
            return "plugins that cannot start here, not checked: "
                + skipped.map { "\($0) (\(PluginsFolderTests.unavailable[$0]!))" }.joined(separator: "; ")
        })
    func pluginsNotCheckedHereAreReported() {}
}
