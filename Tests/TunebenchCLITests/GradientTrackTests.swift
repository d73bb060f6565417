import Foundation
import Testing
import Tunebench

/// An optimizer that reads gradients (`lbfgsb`) is never marked best beside black-box methods on a problem that
/// provides them: the summary table shows it in a table of its own, `summary.json` says its track, and the report
/// leaves it out of every comparison and shows it in its own section. On a problem without gradients (bbob), or
/// with finite differences, it is a black-box method like the others.
struct GradientTrackTests {
    @Test func gradientMethodsAreReportedApart() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        // On Sphere, lbfgsb with the exact gradient ends at 0 where random search cannot.
        let result = try CommandRunner.run(
            "tunebench",
            ["run", "--optimizers", "random,sobol,lbfgsb", "--problems", "sphere,branin,bbob-f01:dimension=2",
                "--repetitions", "2", "--budget", "30", "--output", output.path])
        #expect(result.status == 0, "\(result.errors)")
        let tables = result.output.components(separatedBy: "Gradient track")
        #expect(tables.count == 2, "\(result.output)")
        // lbfgsb is a column of the black-box table for bbob only (bbob has no gradients): '-' on the others.
        let main = tables[0].split(separator: "\n").filter { $0.hasPrefix("sphere") || $0.hasPrefix("bbob") }
        #expect(main.count == 2 && main[0].hasSuffix(" -") && !main[1].hasSuffix(" -"), "\(tables[0])")
        #expect(tables[1].contains("lbfgsb") && !tables[1].contains("*") && !tables[1].contains("bbob"))

        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("summary.json")))
                as? [String: Any])
        let problems = try #require(summary["problems"] as? [[String: Any]])
        for problem in problems {
            let optimizers = try #require(problem["optimizers"] as? [[String: Any]])
            let gradients = (problem["problem"] as? String) != "bbob-f01-dimension2"
            for optimizer in optimizers {
                let label = optimizer["optimizer"] as? String
                #expect((optimizer["track"] as? String) == (label == "lbfgsb" && gradients ? "gradient" : nil))
                if label == "lbfgsb" && gradients { #expect(optimizer["best"] as? Bool == false) }
            }
            if gradients {
                #expect(optimizers.contains { $0["best"] as? Bool == true && $0["optimizer"] as? String != "lbfgsb" })
            }
        }

        let report = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        let sections = report.components(separatedBy: "## Gradient track")
        #expect(sections.count == 2)
        #expect(!sections[0].contains("lbfgsb") || sections[0].contains("Optimizers: `random`, `sobol`, `lbfgsb`"))
        // The analyses that tally across problems, the pairwise matrix among them, leave it out everywhere.
        for file in ["ranks.csv", "scores.csv", "normalised-losses.csv", "pairwise.csv"] {
            let text = try String(contentsOf: output.appendingPathComponent("report/\(file)"), encoding: .utf8)
            #expect(!text.contains("lbfgsb"), "report/\(file) mixes lbfgsb's tracks across problems")
        }
        let finals = try String(contentsOf: output.appendingPathComponent("report/finals.csv"), encoding: .utf8)
        let rows = finals.split(separator: "\n").filter { $0.contains("lbfgsb") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("bbob") }, "report/finals.csv: \(rows)")
        let gradient = try String(contentsOf: output.appendingPathComponent("report/gradient-track.csv"), encoding: .utf8)
        #expect(gradient.split(separator: "\n").count == 3 && gradient.contains("sphere,lbfgsb,2,"))
        #expect(!gradient.contains("bbob"))

        // `compare` against random search does not hold lbfgsb against it where it reads gradients.
        let compare = try CommandRunner.run("tunebench", ["compare", output.path])
        let lines = compare.output.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("sphere") }?.hasSuffix("gradient track") == true, "\(compare.output)")
        #expect(lines.first { $0.hasPrefix("bbob") }?.contains("gradient track") == false)
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
