import Foundation
import Testing
import Tunebench

/// Reports of real result folders: written by ``ExperimentRunner``, then reported from their files alone.
@Suite struct ReportFolderTests {
    static let experiment = Experiment(
        name: "report-fixture", description: "A small experiment for report tests.", seed: 3, repetitions: 4,
        budget: 25, optimizers: [EntrySpec("random"), EntrySpec("sobol"), EntrySpec("nelder-mead")],
        problems: [EntrySpec("branin"), EntrySpec("sphere", label: "sphere-3", options: ["dimension": .integer(3)])])

    /// Runs the fixture experiment into a new temporary folder.
    static func runFolder(jobs: Int = 2) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-report-\(UUID().uuidString)")
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: jobs)
        ).run()
        return folder
    }

    static func write(_ folder: URL) throws {
        try ReportBuilder(input: try ReportInput(experiment: experiment, directory: folder)).write()
    }

    @Test func theReportNeedsNoRunFiles() throws {
        let folder = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("runs"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("evaluations.csv"))
        try Self.write(folder)
        for name in [
            "report.md", "report.html", "report/ranks.csv", "report/scores.csv", "report/normalised-losses.csv",
            "report/pairwise.csv", "report/targets.csv", "report/data-profile.csv", "report/time-to-target.csv",
            "report/overhead.csv", "report/finals.csv",
            "report/plots/branin.svg", "report/plots/sphere-3.svg", "report/plots/ranks.svg",
            "report/plots/data-profile.svg", "report/plots/scores.svg",
        ] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) missing")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("href=\"http") && !html.contains("src="))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 + 3)
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("![") && markdown.contains("(report/plots/branin.svg)"))
        #expect(markdown.contains("## Failed and missing runs") && markdown.contains("None: all 24 planned runs"))
        // The pairwise matrix's net column next to the names; 3 optimizers on 2 problems run down the rows of the
        // normalised losses and of the overhead.
        #expect(markdown.contains("| wins/ties/losses | net | random | sobol | nelder-mead |\n"))
        #expect(markdown.components(separatedBy: "| optimizer | branin | sphere-3 |\n").count - 1 == 2)
        // Four runs are too few for a 95% interval of a median, and the table says so; the mean has one.
        #expect(markdown.contains("| median 95% CI | mean ± std | mean 95% CI |\n"))
        #expect(markdown.components(separatedBy: " | needs 6 runs | ").count - 1 == 6)
        let finals = try String(contentsOf: folder.appendingPathComponent("report/finals.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(finals.count == 1 + 6)
        #expect(finals.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[4] == "" })
        // The score CSVs name their rule in a last column.
        for name in ["report/scores.csv", "report/normalised-losses.csv"] {
            let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.hasSuffix(",rule") == true && lines.dropFirst().allSatisfy { $0.hasSuffix(",tunebench") })
        }
        // A file an earlier report wrote and this one does not is deleted, and so are the temporary files of a report
        // killed while writing (a process of this host that no longer runs: pid 2^22 + 1 is above Linux's pid_max).
        let stale = folder.appendingPathComponent("report/plots/renamed-problem.svg")
        try "<svg/>".write(to: stale, atomically: true, encoding: .utf8)
        let mine = ResultStore.temporaryURL(for: folder.appendingPathComponent("report.html")).lastPathComponent
        let pid = "\(ProcessInfo.processInfo.processIdentifier).tmp"
        let leftover = folder.appendingPathComponent(mine.replacingOccurrences(of: pid, with: "4194305.tmp"))
        try "<html>".write(to: leftover, atomically: false, encoding: .utf8)
        try Self.write(folder)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: leftover.path), "\(leftover.lastPathComponent) is left")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(hidden)")
        // 3 optimizers on 2 problems: 6 pairwise tests.
        let pairwise = try String(contentsOf: folder.appendingPathComponent("report/pairwise.csv"), encoding: .utf8)
        #expect(pairwise.split(separator: "\n").count == 1 + 6)
    }

    /// A problem with a failing region gets a failed-trials table, from the counts in `summary.json`; the problem
    /// without failures is left out of it.
    @Test func failedTrialsAreCountedAndReported() throws {
        let experiment = Experiment(
            name: "failures", seed: 1, repetitions: 2, budget: 40,
            optimizers: [EntrySpec("random"), EntrySpec("gp")],
            problems: [
                EntrySpec("branin", options: ["failure": .string("halfspace"), "failure-share": .real(0.4)]),
                EntrySpec("hartmann3"),
            ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-fail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()
        #expect(result.aggregate.failed == 0)
        let failing = try #require(result.aggregate.problems.first)
        for summary in failing.optimizers {
            #expect(summary.trials == 80 && (summary.failedTrials ?? 0) > 0 && (summary.failedTrialShareMax ?? 0) > 0)
        }
        #expect(result.aggregate.problems[1].optimizers.allSatisfy { $0.trials == nil && $0.failedTrials == nil })
        try ReportBuilder(input: try ReportInput(experiment: experiment, directory: folder)).write()
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## Failed trials"))
        #expect(markdown.contains("| optimizer | branin-failurehalfspace-failure-share0.4 |"))
        let csv = try String(contentsOf: folder.appendingPathComponent("report/failed-trials.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 2)
        // The failed share over evaluations, plotted for the failing problem only.
        #expect(markdown.contains("(report/plots/branin-failurehalfspace-failure-share0.4-failures.svg)"))
        #expect(!markdown.contains("hartmann3-failures.svg"))
    }

    /// A constrained problem gets an infeasible-trials table and its curves and finals are called feasible regret; the
    /// unconstrained problem is left out of the table.
    @Test func infeasibleTrialsAreCountedAndReported() throws {
        let experiment = Experiment(
            name: "constraints", seed: 1, repetitions: 2, budget: 30,
            optimizers: [EntrySpec("random"), EntrySpec("tpe")], problems: [EntrySpec("gramacy"), EntrySpec("branin")])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-con-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        #expect(result.aggregate.problems.map(\.constrained) == [true, nil])
        try ReportBuilder(input: try ReportInput(experiment: experiment, directory: folder)).write()
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## Infeasible trials"))
        #expect(markdown.contains("Best feasible regret so far against evaluations: median (line) and quartiles (band) over the complete runs, from `curves/gramacy.csv`"))
        #expect(!markdown.contains("feasible regret so far against evaluations: median (line) and quartiles (band) over the complete runs, from `curves/branin.csv`"))
        let csv = try String(contentsOf: folder.appendingPathComponent("report/infeasible-trials.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "problem,optimizer,runs,trials,infeasible,share,runs-without-feasible")
        #expect(rows.count == 1 + 2 && rows.dropFirst().allSatisfy { $0.hasPrefix("gramacy,") })
    }

    /// The same experiment run with one job and with two gives the same report, byte for byte, but for the overhead
    /// (wall-clock times: report/overhead.csv and its table in report.md and report.html).
    @Test func theReportIsTheSameWhateverTheJobs() throws {
        let one = try Self.runFolder(jobs: 1)
        let two = try Self.runFolder(jobs: 2)
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        try Self.write(one)
        try Self.write(two)
        let files = try FileManager.default.subpathsOfDirectory(atPath: one.appendingPathComponent("report").path)
            .filter { ($0.hasSuffix(".csv") || $0.hasSuffix(".svg")) && $0 != "overhead.csv" }
        #expect(files.count == 13)
        for name in files.sorted() + ["../traces.csv"] {
            let a = try Data(contentsOf: one.appendingPathComponent("report/" + name))
            let b = try Data(contentsOf: two.appendingPathComponent("report/" + name))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 2")
        }
    }

    /// traces.csv holds, per run, exactly the evaluations where evaluations.csv's best falls, plus the last one,
    /// with the regret there.
    @Test func tracesAreTheImprovementsOfTheEvaluations() throws {
        let folder = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluations = try String(contentsOf: folder.appendingPathComponent("evaluations.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var expected: [String] = []
        for (index, row) in evaluations.enumerated() {
            let run = row[0...2]
            let last = index + 1 == evaluations.count || evaluations[index + 1][0...2] != run
            let first = index == 0 || evaluations[index - 1][0...2] != run
            let improves = first ? row[5] != "inf" : Double(row[5])! < Double(evaluations[index - 1][5])!
            if improves || last {
                expected.append("\(row[0]),\(row[1]),\(row[2]),\(row[3]),\(row[8]),\(row[6])")
            }
        }
        let traces = try String(contentsOf: folder.appendingPathComponent("traces.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(traces.first == "problem,optimizer,repetition,evaluation,cost,metric")
        #expect(Array(traces.dropFirst()) == expected)
        let input = try ReportInput(experiment: Self.experiment, directory: folder)
        #expect(input.problems.map { $0.optimizers.map(\.runs.count) } == [[4, 4, 4], [4, 4, 4]])
        #expect(input.problems[0].optimizers[0].runs.allSatisfy { $0.evaluations == 25 })
        #expect(input.problems.allSatisfy { $0.optimizers.allSatisfy { $0.evaluationMedian != nil } })
    }

    @Test func aMissingOrMalformedInputIsNamedWithTheCommandThatWritesIt() throws {
        let folder = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let traces = folder.appendingPathComponent("traces.csv")
        let text = try String(contentsOf: traces, encoding: .utf8)
        try text.replacingOccurrences(of: "branin,random,0,1,", with: "branin,random,zero,1,")
            .write(to: traces, atomically: true, encoding: .utf8)
        #expect {
            try ReportInput(experiment: Self.experiment, directory: folder)
        } throws: { error in
            "\(error)" == "\(traces.path):2: repetition 'zero': not an integer"
        }
        // A traces file from another aggregation (one run fewer) is refused, not read as fewer runs.
        try text.split(separator: "\n").filter { !$0.hasPrefix("sphere-3,sobol,2,") }.joined(separator: "\n")
            .appending("\n").write(to: traces, atomically: true, encoding: .utf8)
        #expect {
            try ReportInput(experiment: Self.experiment, directory: folder)
        } throws: { error in
            "\(error)".hasPrefix("\(traces.path): sphere-3/sobol '3 runs': summary.json counts 4 complete runs")
        }
        try FileManager.default.removeItem(at: traces)
        #expect {
            try ReportInput(experiment: Self.experiment, directory: folder)
        } throws: { error in
            "\(error)".hasPrefix("\(traces.path) does not exist; `tunebench aggregate \(folder.path)` writes it")
        }
    }
}
