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

    @Test func badInputFailsWithAClearMessage() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = try CommandRunner.run("tunebench", ["run", "--optimizers", "randm", "--output", folder.path])
        #expect(typo.status == 1)
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
        let summary = try JSONDecoder().decode(Aggregate.self, from: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        #expect(summary.failed == 2 && summary.complete == 2)
        #expect(summary.failures.allSatisfy { $0.reason.contains("broken on purpose") })
    }
}
