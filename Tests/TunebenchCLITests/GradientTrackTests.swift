import Foundation
import Testing
import Tunebench

/// An optimizer that reads gradients (`lbfgsb`) is never marked best beside black-box methods: the summary table
/// shows it in a table of its own, `summary.json` says its track, and the report leaves it out of every comparison
/// and shows it in its own section. With finite differences it is a black-box method like the others.
struct GradientTrackTests {
    @Test func gradientMethodsAreReportedApart() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        // On Sphere, lbfgsb with the exact gradient ends at 0 where random search cannot.
        let result = try CommandRunner.run(
            "tunebench",
            ["run", "--optimizers", "random,sobol,lbfgsb", "--problems", "sphere,branin", "--repetitions", "2",
                "--budget", "30", "--output", output.path])
        #expect(result.status == 0, "\(result.errors)")
        let tables = result.output.components(separatedBy: "Gradient track")
        #expect(tables.count == 2, "\(result.output)")
        #expect(!tables[0].contains("lbfgsb") && tables[0].contains("*"))
        #expect(tables[1].contains("lbfgsb") && !tables[1].contains("*"))

        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("summary.json")))
                as? [String: Any])
        let problems = try #require(summary["problems"] as? [[String: Any]])
        for problem in problems {
            let optimizers = try #require(problem["optimizers"] as? [[String: Any]])
            for optimizer in optimizers {
                let label = optimizer["optimizer"] as? String
                #expect((optimizer["track"] as? String) == (label == "lbfgsb" ? "gradient" : nil))
                if label == "lbfgsb" { #expect(optimizer["best"] as? Bool == false) }
            }
            #expect(optimizers.contains { $0["best"] as? Bool == true && $0["optimizer"] as? String != "lbfgsb" })
        }

        let report = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        let sections = report.components(separatedBy: "## Gradient track")
        #expect(sections.count == 2)
        #expect(!sections[0].contains("lbfgsb") || sections[0].contains("Optimizers: `random`, `sobol`, `lbfgsb`"))
        for file in ["ranks.csv", "scores.csv", "pairwise.csv", "finals.csv"] {
            let text = try String(contentsOf: output.appendingPathComponent("report/\(file)"), encoding: .utf8)
            #expect(!text.contains("lbfgsb"), "report/\(file) compares lbfgsb with the black-box methods")
        }
        let gradient = try String(contentsOf: output.appendingPathComponent("report/gradient-track.csv"), encoding: .utf8)
        #expect(gradient.split(separator: "\n").count == 3 && gradient.contains("sphere,lbfgsb,2,"))
    }

    @Test func finiteDifferencesAreBlackBox() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            "tunebench",
            ["run", "--optimizers", "random,lbfgsb:finite-differences=true", "--problems", "sphere", "--repetitions",
                "2", "--budget", "30", "--output", folder.appendingPathComponent("out").path, "--no-report"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.output.contains("Gradient track"))
    }
}
