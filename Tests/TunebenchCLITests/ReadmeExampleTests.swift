import Foundation
import Testing
import Tunebench

/// The experiment files shown in README.md, docs/experiments.md and docs/coco.md are valid experiments, the README's
/// bbob commands run, and the repository's example
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

    @Test func theCocoPagesCampaignIsValid() throws {
        let experiment = try Self.experiment(in: "docs/coco.md")
        #expect(experiment.budgetPerDimension && experiment.repetitions == 15)
        #expect(experiment.problems.count == 5 * 24)
        #expect(experiment.problems.contains { $0.label == "bbob-f24-dimension20" })
    }

    /// The README's bbob commands: the run (shortened to two functions and 3 repetitions), the export.
    @Test func theReadmesBbobCommandsRun() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CommandRunner.run(
            "tunebench",
            ["run", "--optimizers", "random,cmaes", "--problems", "bbob-f01:dimension=2,bbob-f21:dimension=5",
                "--repetitions", "3", "--budget", "50", "--budget-per-dimension", "--output", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.errors)")
        let export = try CommandRunner.run("tunebench", ["export", "coco", folder.path])
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.output.contains("3 runs of random") || export.output.contains("6 runs of random"))
        for file in ["random/bbobexp_f1.info", "cmaes/bbobexp_f21.info", "cmaes/data_f21/bbobexp_f21_DIM5.tdat"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("coco/" + file).path), "\(file)")
        }
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("tunebench export coco bbob-out") && readme.contains("python -m cocopp"))
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
