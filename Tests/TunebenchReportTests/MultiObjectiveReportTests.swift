import Foundation
import Testing
import Tunebench

/// Reports of folders with multi-objective problems: the metric named as hypervolume regret, and for two objectives
/// each optimizer's median attainment surface, drawn from `fronts/PROBLEM.csv`.
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
    }
}
