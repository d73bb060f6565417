import Foundation
import Testing

struct CompareCommandTests {
    /// Nelder–Mead against random search on the sphere is significant, with or without the run files, paired by
    /// repetition (by default) or not; random search against Nelder–Mead is not, and `--require` turns that into exit
    /// status 1; an unknown baseline is named with the labels there are.
    @Test func compareTestsEachOptimizerAgainstTheBaseline() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let run = try CommandRunner.run("tunebench", [
            "run", "--optimizers", "random,nelder-mead", "--problems", "sphere:dimension=3", "--repetitions", "8",
            "--budget", "150", "--quiet", "--output", output.path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let result = try CommandRunner.run("tunebench", ["compare", output.path, "--require"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        // It reads traces.csv, not the run files, which committed folders leave out.
        try FileManager.default.removeItem(at: output.appendingPathComponent("runs"))
        let withoutRuns = try CommandRunner.run("tunebench", ["compare", output.path, "--require"])
        #expect(withoutRuns.status == 0 && withoutRuns.output == result.output, "\(withoutRuns.output)\(withoutRuns.errors)")
        #expect(result.output.contains("One-sided Wilcoxon signed-rank p-values (runs paired by repetition"))
        let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("sphere-dimension3") })
        // Nelder–Mead ends below random search in all 8 repetitions: the exact one-sided p-value is 1/2⁸.
        #expect(line.contains("p=0.00391*"), "\(line)")
        let unpaired = try CommandRunner.run("tunebench", ["compare", output.path, "--require", "--test", "unpaired"])
        #expect(unpaired.status == 0)
        #expect(unpaired.output.contains("One-sided Mann–Whitney U p-values (unpaired) against"))
        let reversed = try CommandRunner.run("tunebench", ["compare", output.path, "--baseline", "nelder-mead", "--require"])
        let reversedLine = try #require(reversed.output.split(separator: "\n").first { $0.hasPrefix("sphere-dimension3") })
        #expect(reversed.status == 1 && !reversedLine.contains("*"))
        let missing = try CommandRunner.run("tunebench", ["compare", output.path, "--baseline", "sobol"])
        #expect(missing.status == 64 && missing.errors.contains("--baseline 'sobol' is not an optimizer of"))
        #expect(missing.errors.contains("random, nelder-mead"))
    }

    /// Two folders whose `opt` is CMA-ES in one and random search in the other, on the sphere: random search is
    /// significantly worse (exit status 2), CMA-ES better (0, or 4 with --fail-on-improvement). With the same seed the
    /// runs pair by repetition; with another seed they do not, and the output says why.
    @Test func compareOfTwoFoldersGatesOnRegressions() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ optimizer: String, into name: String, seed: Int = 1) throws -> String {
            let experiment = folder.appendingPathComponent("\(name).json")
            try """
            {"name": "gate", "seed": \(seed), "repetitions": 10, "budget": 100,
             "optimizers": [{"name": "\(optimizer)", "label": "opt"}],
             "problems": [{"name": "sphere", "options": {"dimension": 5}}]}
            """.write(to: experiment, atomically: true, encoding: .utf8)
            let output = folder.appendingPathComponent(name).path
            let result = try CommandRunner.run("tunebench", ["run", experiment.path, "--quiet", "--output", output])
            #expect(result.status == 0, "\(result.errors)")
            return output
        }
        let good = try run("cmaes", into: "good")
        let bad = try run("random", into: "bad")
        let regression = try CommandRunner.run("tunebench", ["compare", good, bad])
        #expect(regression.status == 2, "\(regression.output)\(regression.errors)")
        let line = try #require(regression.output.split(separator: "\n").first { $0.hasPrefix("sphere-dimension5") })
        #expect(line.hasSuffix("worse"))
        #expect(regression.output.contains("1 worse, 0 better"))
        #expect(regression.output.contains("two-sided Wilcoxon signed-rank test, paired by repetition (same seed"))
        let reseeded = try run("random", into: "reseeded", seed: 2)
        let unpaired = try CommandRunner.run("tunebench", ["compare", good, reseeded])
        #expect(unpaired.status == 2 && unpaired.output.contains("1 worse, 0 better"), "\(unpaired.output)")
        #expect(unpaired.output.contains("Mann–Whitney U test, unpaired (not paired: the seeds differ (1 and 2)"))
        let forced = try CommandRunner.run("tunebench", ["compare", good, reseeded, "--test", "paired"])
        #expect(forced.status == 2 && forced.output.contains("(--test paired, although the seeds differ"))
        let improvement = try CommandRunner.run("tunebench", ["compare", bad, good])
        #expect(improvement.status == 0 && improvement.output.contains("0 worse, 1 better"))
        let gated = try CommandRunner.run("tunebench", ["compare", bad, good, "--fail-on-improvement"])
        #expect(gated.status == 4)
        let tooMany = try CommandRunner.run("tunebench", ["compare", bad, good, good])
        #expect(tooMany.status == 64 && tooMany.errors.contains("give one result folder, or a baseline folder"))
    }

    /// On a noisy problem `--metric recommended` compares the regret of what each optimizer would return
    /// (traces-recommended.csv): another median, never below the best-evaluated one, and said in the heading; the
    /// noiseless problem's line is the same. `report --metric recommended` says which regret its analyses use.
    @Test func compareAndReportCanUseTheRecommendedRegret() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        let run = try CommandRunner.run("tunebench", [
            "run", "--optimizers", "random,nelder-mead", "--problems", "sphere:dimension=3:noise=0.5,sphere:dimension=2",
            "--repetitions", "6", "--budget", "60", "--quiet", "--output", output.path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let best = try CommandRunner.run("tunebench", ["compare", output.path])
        let recommended = try CommandRunner.run("tunebench", ["compare", output.path, "--metric", "recommended"])
        #expect(best.status == 0 && recommended.status == 0, "\(recommended.errors)")
        #expect(recommended.output.contains("final recommended regret on noisy problems over 6 repetitions"))
        func line(_ text: String, _ prefix: String) -> [Substring] {
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }?.split(separator: " ") ?? []
        }
        let noisyBest = line(best.output, "sphere-dimension3-noise0.5")
        let noisyRecommended = line(recommended.output, "sphere-dimension3-noise0.5")
        #expect(noisyBest.count > 1 && noisyRecommended.count > 1)
        #expect(Double(noisyRecommended[1])! >= Double(noisyBest[1])!)
        #expect(noisyBest != noisyRecommended)
        #expect(line(best.output, "sphere-dimension2 ") == line(recommended.output, "sphere-dimension2 "))
        let report = try CommandRunner.run("tunebench", ["report", output.path, "--metric", "recommended"])
        #expect(report.status == 0, "\(report.errors)")
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("use the recommended regret** on the noisy problems"))
        let folders = try CommandRunner.run("tunebench", ["compare", output.path, output.path, "--metric", "recommended"])
        #expect(folders.status == 0 && folders.output.hasPrefix("Final recommended values (on noisy problems) of"))
    }
}
