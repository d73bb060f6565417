import Foundation
import Testing
import Tunebench

struct HelpAndListTests {
    @Test func topLevelHelpNamesTheSubcommands() throws {
        let result = try CommandRunner.run("tunebench", ["--help"])
        #expect(result.status == 0)
        for word in ["run", "list", "aggregate", "bench", "USAGE"] {
            #expect(result.output.contains(word), "missing \(word)")
        }
    }

    @Test func runHelpExplainsEveryFlag() throws {
        let result = try CommandRunner.run("tunebench", ["run", "--help"])
        #expect(result.status == 0)
        for flag in [
            "--optimizers", "--problems", "--repetitions", "--budget", "--seed", "--name", "--jobs", "--output", "--shard",
            "--overwrite", "--retry-failed", "--quiet", "EXIT STATUS", "OUTPUT AND RESUMING", "SHARDS", "ENTRY LISTS",
        ] {
            #expect(result.output.contains(flag), "run --help does not mention \(flag)")
        }
    }

    @Test func listShowsEveryEntryWithItsOptions() throws {
        let result = try CommandRunner.run("tunebench", ["list"])
        #expect(result.status == 0)
        for entry in Registry.builtin.optimizers.map(\.name) + Registry.builtin.problems.map(\.name) + ["classic"] {
            #expect(result.output.contains("  \(entry)\n"), "list does not show \(entry)")
        }
        #expect(result.output.contains("option dimension = "))
        let names = try CommandRunner.run("tunebench", ["list", "optimizers", "--names"])
        #expect(names.output == Registry.builtin.optimizers.map { $0.name + "\n" }.joined())
    }
}
