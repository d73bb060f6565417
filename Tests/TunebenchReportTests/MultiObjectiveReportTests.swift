import Foundation
import Testing
import Tunebench

/// Reports of folders with multi-objective problems: the metric named as hypervolume regret, for two objectives
/// each optimizer's median attainment surface, drawn from `fronts/PROBLEM.csv`, and the final IGD+ of the problems
/// whose front is known, which the summary's `igdPlusMedian` gives: the median over the runs of the IGD+ of each
/// run's final front (from `fronts/PROBLEM.csv`) against the problem's sample of its front.
@Suite struct MultiObjectiveReportTests {
    static let experiment = Experiment(
        name: "mo-report", seed: 4, repetitions: 3, budget: 60,
        optimizers: [EntrySpec("random"), EntrySpec("nsga2", options: ["population": .integer(10)])],
        problems: [
            EntrySpec("zdt1", options: ["variables": .integer(3)]), EntrySpec("dtlz2"), EntrySpec("branin"),
        ])

    @Test func twoObjectiveProblemsShowTheirMedianAttainmentSurfaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-mo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // NSGA-II needs several objectives or one: it runs on Branin too.
        _ = try ExperimentRunner(registry: .builtin, experiment: Self.experiment, output: folder).run()
        let input = try ReportInput(experiment: Self.experiment, directory: folder)
        #expect(input.fronts.keys.sorted() == ["zdt1-variables3"])
        #expect(input.fronts["zdt1-variables3"]?.keys.sorted() == ["nsga2-population10", "random"])
        try ReportBuilder(input: input).write()
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: folder.appendingPathComponent("fronts/dtlz2.csv").path))
        #expect(!manager.fileExists(atPath: folder.appendingPathComponent("fronts/branin.csv").path))
        let plot = folder.appendingPathComponent("report/plots/attainment/zdt1-variables3.svg")
        #expect(manager.fileExists(atPath: plot.path))
        #expect(!manager.fileExists(atPath: folder.appendingPathComponent("report/plots/attainment/dtlz2.svg").path))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Each optimizer's median attainment surface at the end of its runs"))
        #expect(try String(contentsOf: plot, encoding: .utf8).contains("zdt1-variables3: median attainment surfaces"))
        #expect(markdown.contains("3 objectives, all minimised, measured by the hypervolume"))
        #expect(markdown.contains("the metric is the hypervolume regret"))

        // IGD+: ZDT1's runs against 1,000 points of its front, recomputed from the fronts file.
        #expect(markdown.contains("## Final IGD+"))
        let zdt1 = try #require(input.aggregate.problems.first { $0.problem == "zdt1-variables3" })
        let front = ZDTFunction(.zdt1, variables: 3).paretoFront(count: 1000)
        let rows = try String(contentsOf: folder.appendingPathComponent("fronts/zdt1-variables3.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for summary in zdt1.optimizers {
            let values = (0..<3).map { repetition in
                let points = rows.filter { $0[0] == summary.optimizer && $0[1] == "\(repetition)" }
                    .map { [Double($0[2])!, Double($0[3])!] }
                return points.isEmpty ? Double.infinity : QualityIndicators.igdPlus(points, reference: front)
            }.sorted()
            #expect(summary.igdPlusMedian == values[1], "\(summary.optimizer)")
        }
        // DTLZ2's front is known too; Branin has one objective.
        #expect(input.aggregate.problems.first { $0.problem == "dtlz2" }?.optimizers.allSatisfy {
            $0.igdPlusMedian != nil
        } == true)
        #expect(input.aggregate.problems.first { $0.problem == "branin" }?.optimizers.allSatisfy {
            $0.igdPlusMedian == nil
        } == true)
    }
}
