import Foundation
import Testing
import TunebenchCore
import TunebenchRunner
import Tunebench

/// `budget-per-dimension`: a run of a d-dimensional problem makes up to budget x d evaluations, its curves end there,
/// and the setting round-trips through the experiment file and belongs to the folder's experiment.
struct BudgetPerDimensionTests {
    static let experiment = Experiment(
        name: "per-dimension", repetitions: 2, budget: 5, budgetPerDimension: true,
        optimizers: [EntrySpec("random")],
        problems: [
            EntrySpec("sphere", label: "sphere-2", options: ["dimension": .integer(2)]),
            EntrySpec("sphere", label: "sphere-3", options: ["dimension": .integer(3)]),
        ])

    @Test func runsAndCurvesScaleWithTheDimension() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("per-dimension-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: Self.experiment, output: folder).run()
        for (label, evaluations) in [("sphere-2", 10), ("sphere-3", 15)] {
            let curve = try String(contentsOf: folder.appendingPathComponent("curves/\(label).csv"), encoding: .utf8)
            let rows = curve.split(separator: "\n").dropFirst()
            #expect(rows.count == evaluations, "\(label)")
            #expect(rows.last?.hasPrefix("random,\(evaluations),") == true, "\(label)")
        }
        let executor = RunExecutor(registry: .builtin, experiment: Self.experiment)
        #expect(Plan(Self.experiment).runs.map { executor.execute($0).trials.count } == [10, 10, 15, 15])
    }

    @Test func theSettingRoundTripsAndSeparatesExperiments() throws {
        let data = ExperimentFile.encode(Self.experiment)
        #expect(String(decoding: data, as: UTF8.self).contains(#""budget-per-dimension" : true"#)
            || String(decoding: data, as: UTF8.self).contains(#""budget-per-dimension": true"#))
        let read = try ExperimentFile.parse(data, file: "e.json", defaultName: "x", registry: .builtin)
        #expect(read == Self.experiment)
        #expect(Self.experiment.budgetDescription == "5 evaluations per dimension")
        var plain = Self.experiment
        plain.budgetPerDimension = false
        #expect(!String(decoding: ExperimentFile.encode(plain), as: UTF8.self).contains("budget-per-dimension"))
        #expect(plain.evaluationBudget(fidelities: [], dimension: 3) == 5)
        #expect(Self.experiment.evaluationBudget(fidelities: [], dimension: 3) == 15)
    }
}
