import Foundation
import Testing
import Tunebench

/// Reports of folders with observation noise: the recommended regret beside the best-evaluated one.
@Suite struct RecommendedReportTests {
    static let experiment = Experiment(
        name: "noisy-report", seed: 4, repetitions: 4, budget: 25,
        optimizers: [EntrySpec("random"), EntrySpec("tpe"), EntrySpec("nelder-mead")],
        problems: [
            EntrySpec("branin", label: "branin-noisy", options: ["noise": .real(5)]),
            EntrySpec("sphere", label: "sphere-3", options: ["dimension": .integer(3)]),
        ])

    static func runFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-noisy-\(UUID().uuidString)")
        _ = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        return folder
    }

    @Test func noisyProblemsShowBothRegrets() throws {
        let folder = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try ReportInput(experiment: Self.experiment, directory: folder)
        #expect(input.noisyProblems == ["branin-noisy"])
        #expect(input.recommendedCurves.keys.sorted() == ["branin-noisy"])
        try ReportBuilder(input: input).write()
        let manager = FileManager.default
        for name in ["report/recommended.csv", "report/recommended-ranks.csv", "report/plots/recommended/branin-noisy.svg"] {
            #expect(manager.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) missing")
        }
        #expect(!manager.fileExists(atPath: folder.appendingPathComponent("report/plots/recommended/sphere-3.svg").path))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("1 of the 2 problems has observation noise (`branin-noisy`)"))
        #expect(markdown.contains("use the best-evaluated regret** on the noisy problems"))
        #expect(markdown.contains("## Recommended against best-evaluated regret"))
        #expect(markdown.contains("| final best-evaluated regret: median [q25, q75] |"))
        #expect(markdown.components(separatedBy: "final recommended regret: median [q25, q75]").count - 1 == 1)
        // recommended.csv: one row per optimizer on the noisy problem, the recommended median never below the
        // best-evaluated one, and summary.json's medians.
        let rows = try String(contentsOf: folder.appendingPathComponent("report/recommended.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 3)
        let summary = try #require(input.aggregate.problems.first)
        for (row, entry) in zip(rows, summary.optimizers) {
            #expect(row[0] == "branin-noisy" && row[1] == entry.optimizer[...] && row[2] == "4")
            #expect(Double(row[3]) == entry.finalMedian && Double(row[4]) == entry.recommendedMedian)
            #expect(Double(row[4])! >= Double(row[3])!)
            #expect((0...4).contains(Int(row[7])!))
        }

        // With the recommended metric, the noisy problem's runs are its recommended traces; the noiseless one's stay.
        let measured = input.measured(by: .recommended)
        #expect(measured.problems[0] == input.recommended[0] && measured.problems[0] != input.problems[0])
        #expect(measured.problems[1] == input.problems[1])
        let runs = try ReportInput.runs(experiment: Self.experiment, directory: folder, metric: .recommended)
        #expect(runs == measured.problems)
        try ReportBuilder(input: input, options: ReportBuilder.Options(metric: .recommended)).write()
        let recommended = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(recommended.contains("use the recommended regret** on the noisy problems"))
        #expect(recommended.contains("`tunebench report --metric best-evaluated`"))
    }

    /// The gap on fixed traces: the medians of both finals, and the runs whose final recommendation is the best point.
    @Test func theGapCountsTheRunsThatRecommendTheirBestPoint() {
        let run = { (repetition: Int, final: Double) in
            RunTrace(
                repetition: repetition,
                steps: [.init(evaluation: 1, cost: 1, metric: 9), .init(evaluation: 5, cost: 5, metric: final)])
        }
        let best = ProblemRuns(
            problem: "p", metric: "regret", optimum: 0,
            optimizers: [
                OptimizerRuns(optimizer: "a", runs: [run(0, 1), run(1, 2), run(2, 3)], evaluationMedian: 9),
                OptimizerRuns(optimizer: "b", runs: [run(0, 0.5), run(1, 0.5), run(2, 0.5)], evaluationMedian: 9),
            ], repetitions: 3)
        var recommended = best
        recommended.optimizers[0].runs = [run(0, 1), run(1, 4), run(2, 3)]
        recommended.optimizers[1].runs = [run(0, 5), run(1, 6), run(2, 7)]
        let other = ProblemRuns(problem: "q", metric: "regret", optimum: 0, optimizers: [], repetitions: 3)
        let gap = RecommendationGap.compute(
            bestEvaluated: [best, other], recommended: [recommended], axis: .evaluations(budget: 5))
        #expect(gap.entries.map(\.identified) == [2, 0])
        #expect(gap.entries.map(\.bestEvaluatedMedian) == [2, 0.5])
        #expect(gap.entries.map(\.recommendedMedian) == [3, 6])
        #expect(gap.entries.map(\.recommendedQ25) == [2, 5.5])
        // b is better in every repetition by the best point, a by the recommendation.
        #expect(gap.ranks.map(\.bestEvaluated) == [2, 1])
        #expect(gap.ranks.map(\.recommended) == [1, 2])
    }

    /// A summary that marks a noisy problem needs `traces-recommended.csv`, and the error names it.
    @Test func aMissingRecommendedTraceFileIsNamed() throws {
        let folder = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("traces-recommended.csv"))
        #expect {
            _ = try ReportInput(experiment: Self.experiment, directory: folder)
        } throws: { error in
            "\(error)".contains("traces-recommended.csv") && "\(error)".contains("tunebench aggregate")
        }
    }
}
