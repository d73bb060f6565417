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

    /// A hand-written folder (`HeadToHeadFolder`): `random` (as the built-in) is lower than `sobol` (its peer) in
    /// every repetition on win-2, higher on loss-2, equal on equal-3, and on few-3 has a single complete run and 9
    /// failed ones; `lbfgsb` reads the sphere's gradients. The table counts them by dimension with each side's failed
    /// runs and the median overhead ratio, lists the win and the loss with n and p (2/1024), few-3 as untested for
    /// want of pairs and as the problem with failed runs, and `--csv` writes one row per pair and problem.
    @Test func headToHeadCountsWinsTiesAndLossesByDimension() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HeadToHeadFolder.write(folder)
        let csv = folder.appendingPathComponent("h2h.csv")
        let result = try CommandRunner.run("tunebench", [
            "compare", folder.path, "--pair", "random=sobol", "--pair", "lbfgsb=sobol", "--csv", csv.path,
        ])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasPrefix("Head to head in \(folder.path): "))
        #expect(result.output.contains("two-sided Wilcoxon signed-rank test of d = builtin - peer"))
        #expect(result.output.contains("at alpha 0.05 on each problem, without correction for multiplicity"))
        #expect(result.output.contains(
            "about alpha times the problems are expected to be won or lost by chance when the two do not differ"))
        #expect(result.output.contains("final regrets (best-evaluated)"))
        #expect(result.output.contains("non-significant differences and equal values included"))
        #expect(result.output.contains("n pairs cannot go below 2/2^n; at least 6 are needed"))
        #expect(result.output.contains(
            "Against a plugin the ratio mostly measures the plugin's process and messaging, not the algorithm"))
        let rows = HeadToHeadFolder.rows(result.output)
        #expect(rows.first == [
            "built-in", "peer", "dimension", "problems", "wins", "ties", "losses", "untested", "built-in failed",
            "peer failed", "median overhead ratio",
        ])
        #expect(Array(rows.dropFirst()) == [
            ["random", "sobol", "2", "2", "1", "0", "1", "0", "0", "0", "3"],
            ["random", "sobol", "3", "2", "0", "1", "0", "1", "9", "0", "1.75"],
            ["random", "sobol", "all", "4", "1", "1", "1", "1", "9", "0", "2.5"],
            ["lbfgsb", "sobol", "2", "2", "0", "0", "0", "2", "0", "0", "–"],
            ["lbfgsb", "sobol", "3", "2", "0", "0", "0", "2", "0", "0", "–"],
            ["lbfgsb", "sobol", "all", "4", "0", "0", "0", "4", "0", "0", "–"],
        ])
        #expect(result.output.contains(
            "Problems won (p < 0.05, the built-in's values lower), with n complete pairs:\n"
                + "  random vs sobol (1): win-2 (n=10, p=0.00195)\n  lbfgsb vs sobol: none\n"))
        #expect(result.output.contains(
            "Problems lost (p < 0.05, the built-in's values higher), with n complete pairs:\n"
                + "  random vs sobol (1): loss-2 (n=10, p=0.00195)\n  lbfgsb vs sobol: none\n"))
        #expect(result.output.contains(
            "Untested, too few complete pairs (at least 6 are needed at alpha 0.05):\n"
                + "  random vs sobol (1): few-3 (n=1)\n"))
        #expect(result.output.contains(
            "Problems with failed runs (the built-in's, the peer's):\n  random vs sobol (1): few-3 (9, 0)\n"))
        #expect(result.output.contains(
            "  lbfgsb vs sobol (4): win-2 (lbfgsb), loss-2 (lbfgsb), equal-3 (lbfgsb), few-3 (lbfgsb)"))
        let written = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written.first == "builtin,peer,problem,dimension,pairs,builtin_failed,peer_failed,builtin_missing,"
            + "peer_missing,p,outcome,builtin_median,peer_median,overhead_ratio")
        #expect(written.count == 9)
        #expect(written.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] } == [
            "win-2", "loss-2", "equal-3", "few-3", "win-2", "loss-2", "equal-3", "few-3",
        ])
        #expect(written.contains("random,sobol,loss-2,2,10,0,0,0,0,0.001953125,loss,6.95,1.45,4.0"))
        #expect(written.contains("random,sobol,equal-3,3,10,0,0,0,0,1.0,tie,1.45,1.45,0.5"))
        #expect(written.contains("random,sobol,few-3,3,1,9,0,0,3,,too-few-pairs,1.0,1.0,3.0"))
        #expect(written.contains("lbfgsb,sobol,win-2,2,0,0,0,0,0,,gradient-track,,,"))
        // Missing runs (sobol's last 3 on few-3) are listed, as a folder still running has them.
        #expect(result.output.contains(
            "Problems with missing runs, not run yet (the built-in's, the peer's); their n is lower:\n"
                + "  random vs sobol (1): few-3 (0, 3)\n  lbfgsb vs sobol (1): few-3 (0, 3)\n"))
        let ungrouped = try CommandRunner.run(
            "tunebench", ["compare", folder.path, "--pair", "random=sobol", "--group-by", "none", "--csv", csv.path])
        #expect(ungrouped.status == 0, "\(ungrouped.errors)")
        #expect(Array(HeadToHeadFolder.rows(ungrouped.output).dropFirst()) == [
            ["random", "sobol", "all", "4", "1", "1", "1", "1", "9", "0", "2.5"]
        ])
        // Without grouping the problems are not built, and the CSV's dimension is empty.
        #expect(try String(contentsOf: csv, encoding: .utf8).contains("\nrandom,sobol,few-3,,1,9,0,0,3,,too-few-pairs,"))
        // At alpha 0.001 no 10 pairs can be significant (the smallest p is 2/1024): every problem is untested, and the
        // header says the level and the pairs needed.
        let strict = try CommandRunner.run(
            "tunebench", ["compare", folder.path, "--pair", "random=sobol", "--alpha", "0.001"])
        #expect(strict.output.contains("at alpha 0.001 on each problem"))
        #expect(strict.output.contains("at least 11 are needed"))
        #expect(HeadToHeadFolder.rows(strict.output).dropFirst().last == [
            "random", "sobol", "all", "4", "0", "0", "0", "4", "9", "0", "2.5",
        ])
    }

    /// Bad pairs and options of the other modes are usage errors (64) naming the value; missing aggregate files are
    /// errors (1) naming the file and the command that writes it.
    @Test func headToHeadRefusesBadPairsAndNamesMissingFiles() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HeadToHeadFolder.write(folder)
        let unknown = try CommandRunner.run("tunebench", ["compare", folder.path, "--pair", "random=pycma"])
        #expect(unknown.status == 64)
        #expect(unknown.errors.contains("--pair 'random=pycma': 'pycma' is not an optimizer of \(folder.path)/experiment.json"))
        #expect(unknown.errors.contains("it has random, sobol, lbfgsb"))
        let usage: [([String], String)] = [
            (["--pair", "random"], "--pair 'random': give BUILTIN=PEER"),
            (["--pair", "=sobol"], "--pair '=sobol': give BUILTIN=PEER"),
            (["--pair", "random=random"], "--pair 'random=random': the built-in and its peer are the same label"),
            (["--pair", "random=sobol", "--pair", "random=sobol"], "--pair 'random=sobol' is given twice"),
            (["--pair", "random=sobol", "--baseline", "random"], "--pair replaces the baseline mode"),
            (["--pair", "random=sobol", "--require"], "--pair replaces the baseline mode"),
            (["--pair", "random=sobol", folder.path], "--pair compares optimizers within one folder"),
            (["--pair", "random=sobol", "--test", "unpaired"], "leave out --test unpaired"),
            (["--csv", "x.csv"], "--group-by and --csv shape the head-to-head table"),
        ]
        for (arguments, message) in usage {
            let result = try CommandRunner.run("tunebench", ["compare", folder.path] + arguments)
            #expect(result.status == 64 && result.errors.contains(message), "\(arguments): \(result.errors)")
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("timings.json"))
        let noTimings = try CommandRunner.run("tunebench", ["compare", folder.path, "--pair", "random=sobol"])
        #expect(noTimings.status == 1)
        #expect(noTimings.errors.contains("\(folder.path)/timings.json does not exist; `tunebench aggregate \(folder.path)`"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("traces.csv"))
        let noTraces = try CommandRunner.run("tunebench", ["compare", folder.path, "--pair", "random=sobol"])
        #expect(noTraces.status == 1)
        #expect(noTraces.errors.contains("\(folder.path)/traces.csv does not exist; `tunebench aggregate \(folder.path)`"))
    }
}

/// A result folder written by hand for the head-to-head mode: `experiment.json`, `summary.json`, `traces.csv` and
/// `timings.json` of `random`, `sobol` and `lbfgsb` on four spheres (two of dimension 2, two of dimension 3), 10
/// repetitions, one trace row per run (its final regret).
private enum HeadToHeadFolder {
    static let optimizers = ["random", "sobol", "lbfgsb"]
    static let problems = [("win-2", 2), ("loss-2", 2), ("equal-3", 3), ("few-3", 3)]
    static let base = (0..<10).map { 1 + 0.1 * Double($0) }
    static let raised = base.enumerated().map { $0.element + Double($0.offset + 1) }

    /// Per problem, each optimizer's finals by repetition.
    static let finals: [String: [String: [Double]]] = [
        "win-2": ["random": base, "sobol": raised, "lbfgsb": base],
        "loss-2": ["random": raised, "sobol": base, "lbfgsb": base],
        "equal-3": ["random": base, "sobol": base, "lbfgsb": base],
        // sobol's last 3 repetitions of few-3 are missing (not run yet).
        "few-3": ["random": [base[0]], "sobol": Array(base.prefix(7)), "lbfgsb": base],
    ]

    /// Per problem, the optimizers' failed runs (none but these).
    static let failed: [String: [String: Int]] = ["few-3": ["random": 9]]

    /// Per problem, `random`'s and `sobol`'s optimizer seconds: ratios 2, 4, 0.5 and 3.
    static let seconds: [String: (Double, Double)] = [
        "win-2": (2, 1), "loss-2": (4, 1), "equal-3": (0.5, 1), "few-3": (3, 1),
    ]

    static func write(_ folder: URL) throws {
        let problemSpecs = problems.map { #"{"name": "sphere", "label": "\#($0.0)", "options": {"dimension": \#($0.1)}}"# }
        try """
            {"name": "h2h", "seed": 0, "repetitions": 10, "budget": 5,
             "optimizers": ["random", "sobol", "lbfgsb"],
             "problems": [\(problemSpecs.joined(separator: ", "))]}
            """.write(to: folder.appendingPathComponent("experiment.json"), atomically: true, encoding: .utf8)
        let summaries = problems.map { problem, _ in
            let entries = optimizers.map { optimizer in
                #"{"optimizer": "\#(optimizer)", "runs": \#(finals[problem]![optimizer]!.count), "#
                    + #""failedRuns": \#(failed[problem]?[optimizer] ?? 0), "best": false}"#
            }
            return #"{"problem": "\#(problem)", "metric": "regret", "optimum": 0, "optimizers": [\#(entries.joined(separator: ", "))]}"#
        }
        let complete = finals.values.flatMap(\.values).map(\.count).reduce(0, +)
        // The failed runs come after the complete ones (few-3's random completed repetition 0).
        let failures = failed.sorted { $0.key < $1.key }.flatMap { problem, byOptimizer in
            byOptimizer.sorted { $0.key < $1.key }.flatMap { optimizer, count in
                let first = finals[problem]![optimizer]!.count
                return (first..<first + count).map {
                    #"{"problem": "\#(problem)", "optimizer": "\#(optimizer)", "repetition": \#($0), "#
                        + #""reason": "broke"}"#
                }
            }
        }
        try """
            {"experiment": "h2h", "planned": 120, "complete": \(complete), "failed": \(failures.count),
             "missing": \(120 - complete - failures.count),
             "failures": [\(failures.joined(separator: ", "))], "problems": [\(summaries.joined(separator: ", "))]}
            """.write(to: folder.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        var traces = "problem,optimizer,repetition,evaluation,cost,metric\n"
        for (problem, _) in problems {
            for optimizer in optimizers {
                for (repetition, final) in finals[problem]![optimizer]!.enumerated() {
                    traces += "\(problem),\(optimizer),\(repetition),5,5.0,\(final)\n"
                }
            }
        }
        try traces.write(to: folder.appendingPathComponent("traces.csv"), atomically: true, encoding: .utf8)
        var timings: [String] = []
        for (problem, _) in problems {
            let (random, sobol) = seconds[problem]!
            for (optimizer, time) in [("random", random), ("sobol", sobol), ("lbfgsb", 1)] {
                timings.append(
                    #"{"problem": "\#(problem)", "optimizer": "\#(optimizer)", "runs": 10, "optimizerSeconds": \#(time), "#
                        + #""evaluationSeconds": 0, "wallSeconds": 1}"#)
            }
        }
        try "[\(timings.joined(separator: ", "))]".write(
            to: folder.appendingPathComponent("timings.json"), atomically: true, encoding: .utf8)
    }

    /// The table's lines of `output`, split at runs of two spaces or more (columns are two spaces apart; titles
    /// have single spaces): from the header line to the first empty line.
    static func rows(_ output: String) -> [[String]] {
        let lines = output.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("built-in ") }) else { return [] }
        return lines[start...].prefix { !$0.isEmpty }.map { line in
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
