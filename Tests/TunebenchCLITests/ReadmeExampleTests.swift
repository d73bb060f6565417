import Foundation
import Testing
import Tunebench

/// The experiment files shown in README.md and docs/experiments.md are valid experiments, and the repository's example
/// of an added optimizer (docs/adding-an-optimizer.md) registers it and runs it.
struct ReadmeExampleTests {
    /// The ```json block of a Markdown file that holds an experiment (it has "optimizers"), parsed; the file must
    /// have exactly one.
    static func experiment(in path: String) throws -> Experiment {
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent(path), encoding: .utf8)
        let blocks = text.components(separatedBy: "```json\n").dropFirst().compactMap { block -> String? in
            guard let end = block.range(of: "```") else { return nil }
            let code = String(block[..<end.lowerBound])
            return code.contains("\"optimizers\"") ? code : nil
        }
        try #require(blocks.count == 1, "\(path) shows \(blocks.count) experiment files")
        return try ExperimentFile.parse(Data(blocks[0].utf8), file: path, defaultName: "example", registry: .builtin)
    }

    @Test func theReadmesExperimentFileIsValid() throws {
        let experiment = try Self.experiment(in: "README.md")
        #expect(experiment.name == "my-experiment")
        #expect(experiment.problems.contains { $0.label == "rosenbrock-dimension8-noise0.1" })
    }

    @Test func theExperimentsPagesExampleFileIsValid() throws {
        let experiment = try Self.experiment(in: "docs/experiments.md")
        #expect(experiment.name == "my-experiment" && experiment.costBudget == 33.5)
        #expect(experiment.problems.contains { $0.label == "rosenbrock-4d" })
    }

    @Test func exampleRegistersItsOptimizerAndRunsIt() throws {
        let list = try CommandRunner.run("CustomOptimizerExample", ["list", "optimizers"])
        #expect(list.status == 0)
        #expect(list.output.contains("\n  local-search "))
        let entry = try CommandRunner.run("CustomOptimizerExample", ["list", "local-search"])
        #expect(entry.status == 0 && entry.output.contains("option step = 0.1"))
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CommandRunner.run(
            "CustomOptimizerExample",
            ["run", "--optimizers", "random,local-search:step=0.05", "--problems", "branin", "--repetitions", "5",
                "--budget", "60", "--output", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("local-search-step0.05"))
        // Local search should beat random search on Branin with 60 evaluations.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        let problems = (summary as? [String: Any])?["problems"] as? [[String: Any]]
        let optimizers = problems?.first?["optimizers"] as? [[String: Any]]
        let medians = optimizers?.compactMap { $0["finalMedian"] as? Double } ?? []
        #expect(medians.count == 2 && medians[1] < medians[0])
    }
}
