import Foundation
import Testing
import Tunebench

/// The README's "adding an optimizer" example is the compiled CustomOptimizerExample program, and it works; its
/// example experiment file is a valid experiment.
struct ReadmeExampleTests {
    @Test func theExampleExperimentFileIsValid() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Experiment files\n\n```json\n"))
        let end = try #require(readme[section.upperBound...].range(of: "```"))
        let text = String(readme[section.upperBound..<end.lowerBound])
        let experiment = try ExperimentFile.parse(
            Data(text.utf8), file: "README.md", defaultName: "example", registry: .builtin)
        #expect(experiment.name == "my-experiment" && experiment.costBudget == 33.5)
        #expect(experiment.problems.contains { $0.label == "rosenbrock-4d" })
    }

    @Test func readmeShowsTheCompiledExample() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("Sources/CustomOptimizerExample/main.swift"),
            encoding: .utf8)
        // The README holds the program from its first import on, verbatim.
        let program = String(source[source.range(of: "import Tunebench")!.lowerBound...])
        #expect(readme.contains("```swift\n" + program + "```"), "README.md and CustomOptimizerExample/main.swift differ")
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
