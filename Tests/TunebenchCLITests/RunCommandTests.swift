import Foundation
import Testing
import Tunebench
import TunebenchCLI

struct RunCommandTests {
    @Test func runFromFlagsWritesResultsAndPrintsTheTable() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let arguments = [
            "run", "--optimizers", "random,grid", "--problems", "branin,hartmann6", "--repetitions", "3", "--budget",
            "20", "--seed", "7", "--jobs", "2", "--output", output.path,
        ]
        let result = try CommandRunner.run("tunebench", arguments)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Median final regret after 20 evaluations over 3 repetitions"))
        #expect(result.output.contains("branin") && result.output.contains("hartmann6") && result.output.contains("*"))
        #expect(result.errors.contains("Experiment 'cli': 2 optimizers x 2 problems x 3 repetitions, budget 20, seed 7"))
        #expect(result.errors.contains("progress: 12/12 runs"))  // not a terminal: plain progress lines
        for path in ["experiment.json", "evaluations.csv", "curves/branin.csv", "curves/hartmann6.csv", "summary.json",
            "timings.json", "runs/hartmann6/grid/rep-002.json"]
        {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "\(path) missing")
        }
        // Again into the same folder: everything is resumed, nothing runs, the same table is printed.
        let again = try CommandRunner.run("tunebench", arguments + ["--quiet"])
        #expect(again.status == 0 && again.errors.isEmpty)
        #expect(again.output == result.output)
        // The stored experiment runs again from its file.
        let fromFile = try CommandRunner.run("tunebench", ["run", output.appendingPathComponent("experiment.json").path, "-q"])
        #expect(fromFile.status == 0 && fromFile.output == result.output)
    }

    @Test func aFolderHoldsOneExperimentWhichMayGrowUnderItsName() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two experiment files in one folder, which is the default output of both; same seed and budget.
        let body = #""seed": 3, "budget": 5, "repetitions": 2, "problems": ["branin"]"#
        try Data("{\(body), \"optimizers\": [\"random\"]}".utf8).write(to: folder.appendingPathComponent("first.json"))
        try Data("{\(body), \"optimizers\": [\"sobol\"]}".utf8).write(to: folder.appendingPathComponent("second.json"))
        let first = try CommandRunner.run("tunebench", ["run", "first.json", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.errors)")
        func contents() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
                files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
            }
            return files
        }
        let before = try contents()

        let second = try CommandRunner.run("tunebench", ["run", "second.json", "--quiet"], in: folder)
        #expect(second.status == 1)
        #expect(second.errors.contains("holds the results of a different experiment (experiment 'first' there, 'second' here)"),
            "\(second.errors)")
        #expect(second.errors.contains("--output"))
        #expect(try contents() == before, "the refused experiment changed the folder")

        // The first experiment grown (more repetitions, another optimizer) under its name is accepted...
        try Data("{\"name\": \"first\", \(body.replacingOccurrences(of: "\"repetitions\": 2", with: "\"repetitions\": 3")), \"optimizers\": [\"random\", \"grid\"]}".utf8)
            .write(to: folder.appendingPathComponent("first-grown.json"))
        let grown = try CommandRunner.run("tunebench", ["run", "first-grown.json", "--quiet"], in: folder)
        #expect(grown.status == 0, "\(grown.errors)")
        #expect(grown.errors.isEmpty)
        // ... and the second runs where --output sends it.
        let elsewhere = try CommandRunner.run(
            "tunebench", ["run", "second.json", "--quiet", "--output", "second-results"], in: folder)
        #expect(elsewhere.status == 0, "\(elsewhere.errors)")
        // Experiments built from flags are all named 'cli': another set of entries in the same folder is refused too.
        let flags = ["run", "--repetitions", "1", "--budget", "5", "--quiet", "--output", "cli-results"]
        let firstFlags = try CommandRunner.run(
            "tunebench", flags + ["--optimizers", "random", "--problems", "branin"], in: folder)
        #expect(firstFlags.status == 0, "\(firstFlags.errors)")
        let otherFlags = try CommandRunner.run(
            "tunebench", flags + ["--optimizers", "sobol", "--problems", "hartmann3"], in: folder)
        #expect(otherFlags.status == 1 && otherFlags.errors.contains("optimizer 'random' there, not here"), "\(otherFlags.errors)")
        let grownFlags = try CommandRunner.run(
            "tunebench", flags + ["--optimizers", "random,sobol", "--problems", "branin,hartmann3"], in: folder)
        #expect(grownFlags.status == 0, "\(grownFlags.errors)")
    }

    @Test func badInputFailsWithAClearMessage() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = try CommandRunner.run("tunebench", ["run", "--optimizers", "randm", "--output", folder.path])
        #expect(typo.status == 64)
        #expect(typo.errors.contains("unknown optimizer 'randm'; did you mean 'random'?"))
        let shard = try CommandRunner.run("tunebench", ["run", "--shard", "3/2"])
        #expect(shard.status == 64 && shard.errors.contains("--shard '3/2' must be k/n"))
        let file = folder.appendingPathComponent("bad.json")
        try Data(#"{"optimizers": ["random"], "problems": [{"name": "rosenbrock", "options": {"dimension": "four"}}]}"#.utf8)
            .write(to: file)
        let badFile = try CommandRunner.run("tunebench", ["run", file.path])
        #expect(badFile.status == 1)
        #expect(badFile.errors.contains("bad.json: field 'problems[0].options.dimension' is \"four\""))
        let missing = try CommandRunner.run("tunebench", ["run", folder.appendingPathComponent("none.json").path])
        #expect(missing.status == 1 && missing.errors.contains("none.json: cannot be read"))
    }

    @Test func suiteOptionsReachEveryProblemAndFlagsBesideAFileWriteElsewhere() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            "tunebench",
            ["run", "--optimizers", "random", "--problems", "classic:noise=0.1", "--repetitions", "1", "--budget", "3",
                "--output", folder.appendingPathComponent("out").path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("branin-noise0.1 ") && result.output.contains("shekel-7-noise0.1 "))
        // The file's own folder keeps the file's results; a run changed by flags goes to tunebench-out/NAME.
        let file = folder.appendingPathComponent("exp.json")
        try Data(#"{"optimizers": ["random"], "problems": ["branin"], "budget": 5, "repetitions": 2}"#.utf8).write(to: file)
        #expect(try CommandRunner.run("tunebench", ["run", file.path, "-q"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/branin/random/rep-001.json").path))
        #expect(try CommandRunner.run("tunebench", ["run", file.path, "--repetitions", "3", "-q"], in: folder).status == 0)
        #expect(
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("tunebench-out/exp/runs/branin/random/rep-002.json").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/branin/random/rep-002.json").path))
    }

    @Test func aggregateNeedsRunFiles() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"optimizers": ["random"], "problems": ["branin"]}"#.utf8).write(to: folder.appendingPathComponent("experiment.json"))
        let result = try CommandRunner.run("tunebench", ["aggregate", folder.path])
        #expect(result.status == 64 && result.errors.contains("holds no run file of this experiment"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
    }

    @Test func failedRunsGiveExitStatusThree() throws {
        struct Broken: Optimizer {
            mutating func ask() throws -> Suggestion? { throw CoreError.invalidConfiguration(reason: "broken on purpose") }
            mutating func tell(_ observation: Observation) {}
        }
        var registry = Registry.builtin
        try registry.register(OptimizerEntry(name: "broken", summary: "always throws") { _ in Broken() })
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = TunebenchCommand.run(
            registry: registry,
            arguments: ["run", "--optimizers", "random,broken", "--problems", "branin", "--repetitions", "2", "--budget", "5",
                "--output", folder.path, "--quiet"])
        #expect(status == 3)
        #expect(TunebenchCommand.run(registry: registry, arguments: ["aggregate", folder.path]) == 3)
        let summary = try JSONDecoder().decode(Aggregate.self, from: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        #expect(summary.failed == 2 && summary.complete == 2)
        #expect(summary.failures.allSatisfy { $0.reason.contains("broken on purpose") })
    }
}
