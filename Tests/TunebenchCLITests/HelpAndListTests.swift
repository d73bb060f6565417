import Foundation
import Testing
import Tunebench

struct HelpAndListTests {
    /// The entries of a help section (`OPTIONS:`, `SUBCOMMANDS:`) as (name, help text) pairs.
    private func entries(of section: String, in help: String) -> [(name: String, text: String)] {
        guard let start = help.range(of: section + "\n") else { return [] }
        var entries: [(name: String, text: String)] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || !line.hasPrefix(" ") { break }
            let trimmed = line.drop { $0 == " " }
            if line.hasPrefix("  ") && !line.hasPrefix("   ") {
                // "  --jobs <jobs>           Runs executed ..." or a name alone, with its text on the next lines.
                let parts = trimmed.split(separator: "  ", maxSplits: 1)
                let text = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                entries.append((String(parts[0]), text))
            } else if !entries.isEmpty {
                entries[entries.count - 1].text += " " + trimmed
            }
        }
        return entries
    }

    @Test func topLevelHelpDescribesEverySubcommand() throws {
        let result = try CommandRunner.run("tunebench", ["--help"])
        #expect(result.status == 0)
        let subcommands = entries(of: "SUBCOMMANDS:", in: result.output)
        #expect(subcommands.map { $0.name.split(separator: " ")[0] } == ["run", "list", "aggregate", "merge", "slurm", "report", "compare", "plugin", "bench"])
        #expect(subcommands.allSatisfy { $0.text.count > 20 }, "\(subcommands)")
    }

    @Test func runHelpExplainsEveryFlag() throws {
        let result = try CommandRunner.run("tunebench", ["run", "--help"])
        #expect(result.status == 0)
        let options = entries(of: "OPTIONS:", in: result.output)
        let flags = [
            "--optimizers", "--problems", "--repetitions", "--budget", "--seed", "--name", "--jobs", "--output", "--shard",
            "--overwrite", "--retry-failed", "--quiet",
        ]
        for flag in flags {
            let entry = options.first { $0.name.split(separator: " ").contains { $0.hasPrefix(flag) || $0 == flag + "," } }
            #expect((entry?.text.count ?? 0) > 20, "run --help does not explain \(flag): \(String(describing: entry))")
        }
        for section in ["WHAT RUNS", "EXIT STATUS", "OUTPUT AND RESUMING", "SHARDS", "ENTRY LISTS"] {
            #expect(result.output.contains(section + "\n"), "run --help has no \(section) section")
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
        // Plugins of ./Plugins are listed in their own section, not among the optimizers.
        #expect(names.output == Registry.builtin.optimizers.map { $0.name + "\n" }.joined())
    }
}
