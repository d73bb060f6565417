import Foundation
import Testing
import Tunebench
@testable import TunebenchCLI

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
        #expect(subcommands.map { $0.name.split(separator: " ")[0] } == ["run", "list", "aggregate", "merge", "slurm", "report", "compare", "speedup", "export", "plugin", "bench"])
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
        for section in ["WHAT RUNS", "EXIT STATUS", "OUTPUT AND RESUMING", "SHARDS", "ENTRY LISTS", "INTERRUPTIONS"] {
            #expect(result.output.contains(section + "\n"), "run --help has no \(section) section")
        }
    }

    /// A plugins folder with one plugin that can start and one that cannot (its check fails), checked quickly.
    private func pluginsFolder() throws -> URL {
        let folder = CommandRunner.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("demo"), withIntermediateDirectories: true)
        let manifest = """
            {"plugins": [
              {"name": "demo-ready", "kind": "solver", "summary": "starts", "command": ["x"], "check": ["true"]},
              {"name": "demo-missing", "kind": "problem", "summary": "cannot start", "command": ["x"],
               "check": ["false"], "install": "make demo"}]}
            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("demo/plugin.json"))
        return folder
    }

    /// The lines of `text` that start an entry (`  NAME  ...`) and the lines indented under them.
    private func entryLines(_ text: String) -> (entries: [Substring], details: [Substring]) {
        let lines = text.split(separator: "\n")
        return (lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }, lines.filter { $0.hasPrefix("   ") })
    }

    @Test func listShowsEveryEntryOnOneLineWithoutOptions() throws {
        let plugins = try pluginsFolder()
        defer { try? FileManager.default.removeItem(at: plugins) }
        let result = try CommandRunner.run("tunebench", ["list", "--plugins", plugins.path])
        #expect(result.status == 0, "\(result.errors)")
        let registry = Registry.builtin
        let names =
            registry.optimizers.map(\.name) + registry.problems.map(\.name) + registry.suites.map(\.name)
            + ["demo-ready", "demo-missing"]
        let (entries, details) = entryLines(result.output)
        // One line per entry, in registry order (external is an optimizer and a problem), and none per option.
        #expect(entries.map { String($0.dropFirst(2).prefix { $0 != " " }) } == names)
        #expect(!result.output.contains("\n      option "))
        // Under an optimizer, only its notes: the gradient track, and deviations from its reference defaults.
        let notes = registry.optimizers.flatMap { entry in RegistryListing.notes(entry).map { "      " + $0 } }
        #expect(details.map(String.init) == notes + ["      fix: make demo  (false exited with status 1)"])
        #expect(notes.contains { $0.contains("from Optuna 5.0.0's TPESampler (`tunebench list tpe`); `tpe-optuna`") })
        #expect(notes.contains { $0.contains("gradient track") })
        // About 100 lines of single-objective entries, 24 of the multi-objective families (zdt, dtlz, wfg) and 56 of
        // bbob-biobj.
        #expect(result.output.split(separator: "\n").count < 195)
        // What each entry handles.
        func line(_ name: String) -> Substring? { entries.first { $0.hasPrefix("  \(name) ") } }
        #expect(line("random")?.contains(" any, multi-objective ") == true)
        #expect(line("tpe")?.contains(" any, multi-objective ") == true)
        #expect(line("cmaes")?.contains(" any ") == true)
        #expect(line("hyperband")?.contains(" any, multi-fidelity ") == true)
        #expect(line("branin")?.contains(" 2-D real ") == true)
        #expect(line("mlp")?.contains(" 8-D real int cat cond log, 5 levels ") == true)
        #expect(line("classic")?.contains(" 21 problems ") == true)
        #expect(line("demo-ready")?.contains(" solver ") == true && line("demo-ready")?.contains(" ready ") == true)
        #expect(line("demo-missing")?.contains(" cannot start ") == true)
        #expect(result.output.contains("`tunebench list NAME` shows an entry's options"))
    }

    @Test func listNameShowsOneEntryInFull() throws {
        let ucb = try CommandRunner.run("tunebench", ["list", "gp-ucb"])
        #expect(ucb.status == 0, "\(ucb.errors)")
        #expect(ucb.output.hasPrefix("OPTIMIZER\n  gp-ucb\n      Gaussian-process Bayesian optimization"))
        // A tuned entry names its reference, the entry with the reference's defaults, and each deviation with the
        // problems it was chosen on.
        let tpe = try CommandRunner.run("tunebench", ["list", "tpe"])
        #expect(tpe.output.contains("      reference: Optuna 5.0.0's TPESampler"))
        #expect(tpe.output.contains("(entry `tpe-optuna` runs with its defaults)"))
        #expect(tpe.output.contains("      deviates: `candidates` 96 (reference 24): "))
        #expect(tpe.output.contains("chosen on Branin, Hartmann3, Hartmann6, Rosenbrock-4 and Ackley-5"))
        let lbfgsb = try CommandRunner.run("tunebench", ["list", "lbfgsb"])
        #expect(lbfgsb.output.contains("      track: gradient"))
        #expect(ucb.output.contains("      handles: real, integer, categorical, conditional, log-scale\n"))
        #expect(ucb.output.contains("      option kappa = 2.0  (a number in [0.0, 100.0]) κ of the confidence bound"))
        for option in try Registry.builtin.optimizer(named: "gp-ucb").options {
            #expect(ucb.output.contains("option \(option.name) = \(option.defaultValue.text)  (\(option.expected)) "))
        }
        #expect(entryLines(ucb.output).entries == ["  gp-ucb"])
        let mlp = try CommandRunner.run("tunebench", ["list", "mlp"])
        #expect(mlp.output.hasPrefix("PROBLEM\n  mlp\n"))
        #expect(mlp.output.contains("      space: 8 parameters: real, integer, categorical, conditional, log-scale; 5 fidelity levels\n"))
        #expect(mlp.output.contains("      option samples = 3000  (an integer in [20, 1000000]) rows of the dataset\n"))
        // external is both an optimizer and a problem: both are shown.
        let external = try CommandRunner.run("tunebench", ["list", "external"])
        #expect(external.output.contains("OPTIMIZER\n  external\n") && external.output.contains("PROBLEM\n  external\n"))
        let suite = try CommandRunner.run("tunebench", ["list", "ml"])
        #expect(suite.output.contains("      problems: logreg, mlp, random-forest, knn, cash, ridge\n"))
        let plugins = try pluginsFolder()
        defer { try? FileManager.default.removeItem(at: plugins) }
        let plugin = try CommandRunner.run("tunebench", ["list", "demo-missing", "--plugins", plugins.path])
        #expect(plugin.output.hasPrefix("PLUGIN\n  demo-missing  (problem)\n"))
        #expect(plugin.output.contains("      status: cannot start: false exited with status 1\n      fix: make demo\n"))
        #expect(plugin.output.contains("      option timeout = 60.0  (a number in [0.001, 86400.0]) "))
    }

    @Test func listOfAnUnknownNameSuggestsTheNearest() throws {
        let typo = try CommandRunner.run("tunebench", ["list", "gp-ubc"])
        #expect(typo.status == 64 && typo.output.isEmpty)
        #expect(typo.errors.contains("'gp-ubc' is no optimizer, problem, suite, plugin or section; did you mean 'gp-ucb'?"))
        let section = try CommandRunner.run("tunebench", ["list", "problem"])
        #expect(section.status == 64 && section.errors.contains("did you mean 'problems'?"))
        let names = try CommandRunner.run("tunebench", ["list", "gp", "--names"])
        #expect(names.status == 64 && names.errors.contains("--names lists the names of a section"))
    }

    @Test func verboseListShowsEveryOptionOfEveryEntry() throws {
        let plugins = try pluginsFolder()
        defer { try? FileManager.default.removeItem(at: plugins) }
        let result = try CommandRunner.run("tunebench", ["list", "--verbose", "--plugins", plugins.path])
        #expect(result.status == 0, "\(result.errors)")
        // The text of each entry under its section's heading.
        var blocks: [String: String] = [:]
        var section = "", name = ""
        for line in result.output.split(separator: "\n") {
            if !line.hasPrefix(" ") {
                section = String(line.prefix { $0 != " " })
            } else if !line.hasPrefix("   ") {
                name = String(line.dropFirst(2).prefix { $0 != " " })
            } else {
                blocks["\(section)/\(name)", default: ""] += line + "\n"
            }
        }
        let registry = Registry.builtin
        let entries =
            registry.optimizers.map { ("OPTIMIZERS/\($0.name)", $0.options) }
            + registry.problems.map { ("PROBLEMS/\($0.name)", $0.options) }
        for (key, options) in entries {
            let block = try #require(blocks[key], "--verbose does not show \(key)")
            for option in options {
                #expect(
                    block.contains("option \(option.name) = \(option.defaultValue.text)  (\(option.expected)) \(option.summary)\n"),
                    "\(key) lacks option \(option.name)")
            }
        }
        #expect(blocks["PROBLEMS/branin"]?.contains("space: 2 parameters: real\n") == true)
        #expect(blocks["SUITES/classic"]?.contains("problems: branin, hartmann3,") == true)
        #expect(blocks["PLUGINS/demo-missing"]?.contains("fix: make demo") == true)
        #expect(blocks.count == entries.count + registry.suites.count + 2)
        let problems = try CommandRunner.run("tunebench", ["list", "problems", "--verbose"])
        #expect(problems.output.hasPrefix("PROBLEMS\n") && problems.output.contains("option dimension = 4"))
        #expect(!problems.output.contains("OPTIMIZERS") && !problems.output.contains("PLUGINS"))
    }

    @Test func sectionsAndNamesListOnlyTheirEntries() throws {
        let optimizers = try CommandRunner.run("tunebench", ["list", "optimizers"])
        #expect(optimizers.output.hasPrefix("OPTIMIZERS (handles: "))
        #expect(!optimizers.output.contains("PROBLEMS") && !optimizers.output.contains("\n      option "))
        let names = try CommandRunner.run("tunebench", ["list", "optimizers", "--names"])
        // Plugins of ./Plugins are listed in their own section, not among the optimizers.
        #expect(names.output == Registry.builtin.optimizers.map { $0.name + "\n" }.joined())
    }
}
