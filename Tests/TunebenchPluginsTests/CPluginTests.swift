import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// The C SDK's example problem computes the same Hartmann 6-D function as Tunebench's canonical instance, bit for
/// bit (skipped when the SDK is not built, failed then under TUNEBENCH_REQUIRE_PLUGINS=1).
@Suite(
    .requirement(mandatory: TestEnvironment.requires(plugin: "c-hartmann6")) {
        let path = PluginFixtures.pluginsFolder.appendingPathComponent("c-sdk/build/hartmann6_problem").path
        return FileManager.default.isExecutableFile(atPath: path) ? nil : "the C SDK is not built (make -C Plugins/c-sdk)"
    })
struct CPluginTests {
    @Test func hartmann6ValuesEqualTheSwiftFunction() throws {
        let catalog = PluginCatalog.discover(in: PluginFixtures.pluginsFolder)
        let manifest = try #require(catalog.manifests.first { $0.name == "c-hartmann6" })
        let plugin = try PluginProblem(command: manifest.command, seed: 1)
        var swift = try Registry.builtin.makeProblem(
            EntrySpec("hartmann6", options: ["instance": .string("canonical")]), seed: 1)
        #expect(plugin.space == swift.space)
        #expect(plugin.optimum == swift.optimum)
        var generator = Xoshiro256StarStar(seed: 6)
        for _ in 0..<300 {
            let configuration = swift.space.decode((0..<6).map { _ in generator.nextUnit() })
            let expected = try swift.evaluate(configuration).value
            let actual = try plugin.evaluate(configuration).value
            #expect(actual.bitPattern == expected.bitPattern, "\(swift.space.describe(configuration)): \(actual) vs \(expected)")
        }
    }
}
