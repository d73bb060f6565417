import Foundation
import Testing
import TunebenchCore
import Tunebench
import TunebenchRunner

/// Fidelity levels in runs and aggregates: the cost budget, the full-fidelity rule and the cost axis.
@Suite struct MultiFidelityRunTests {
    func run(costBudget: Double?, budget: Int = 100) throws -> (URL, RunRecord) {
        let folder = Fixtures.temporaryFolder()
        let experiment = Experiment(
            name: "mf", repetitions: 1, budget: budget, costBudget: costBudget, optimizers: [EntrySpec("ladder")],
            problems: [EntrySpec("levels")])
        let outcome = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        #expect(outcome.aggregate.complete == 1)
        let data = try Data(contentsOf: folder.appendingPathComponent("runs/levels/ladder/rep-000.json"))
        return (folder, try RunRecord(json: [UInt8](data)))
    }

    @Test func onlyFullFidelityEvaluationsCountAndEachTrialKeepsItsLevel() throws {
        let (folder, record) = try run(costBudget: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(record.trials.map(\.fidelity) == [0, 1, 2, nil, 0, 1])
        #expect(record.fidelities.map(\.steps) == [1, 3, 9])
        #expect(record.costBudget == nil)
        let evaluations = try String(contentsOf: folder.appendingPathComponent("evaluations.csv"), encoding: .utf8)
        let rows = evaluations.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // value, best, fidelity (steps) per row: the -1 of the low levels never becomes the best.
        #expect(rows.map { "\($0[4]) \($0[5]) \($0[7])" } == [
            "-1.0 inf 1", "-1.0 inf 3", "0.3 0.3 9", "0.2 0.2 ", "-1.0 0.2 1", "-1.0 0.2 3",
        ])
        #expect(try String(contentsOf: folder.appendingPathComponent("curves/levels.csv"), encoding: .utf8)
            .split(separator: "\n").last == "ladder,100,1,0.2,0.2,0.2,0.2")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("curves-cost").path))
    }

    @Test func aCostBudgetEndsTheRunBeforeTheFirstSuggestionThatDoesNotFit() throws {
        // 1/9 + 1/3 + 1 = 1.444 is spent; the fourth suggestion (full fidelity, cost 1) does not fit in 1.5.
        let (folder, record) = try run(costBudget: 1.5)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(record.trials.count == 3)
        #expect(record.costBudget == 1.5)
        #expect(record.status == .complete)
    }

    @Test func costCurvesCountAnEvaluationFromTheCostAtWhichItEnds() throws {
        let (folder, _) = try run(costBudget: 3)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Cumulative costs: 1/9, 4/9, 13/9 (x = 0.3, full), 22/9 (x = 0.2, full), 23/9, 26/9.
        let lines = try String(contentsOf: folder.appendingPathComponent("curves-cost/levels.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.first == "optimizer,cost,runs,median,q25,q75,mean")
        #expect(lines.count == 1 + 300)
        func median(atPoint k: Int) -> Substring { lines[k].split(separator: ",")[3] }
        // Point k (from 1) is at cost 3k/300 = k/100.
        #expect(median(atPoint: 144) == "inf")  // 1.44 < 13/9
        #expect(median(atPoint: 145) == "0.3")  // 1.45 >= 13/9
        #expect(median(atPoint: 244) == "0.3")  // 2.44 < 22/9
        #expect(median(atPoint: 245) == "0.2")
        #expect(lines.last == "ladder,3.0,1,0.2,0.2,0.2,0.2")
    }

    @Test func theCostBudgetIsPartOfTheExperimentFile() throws {
        let json = #"{"optimizers": ["ladder"], "problems": ["levels"], "cost-budget": 2.5}"#
        let experiment = try ExperimentFile.parse(
            Data(json.utf8), file: "mf.json", defaultName: "mf", registry: Fixtures.registry)
        #expect(experiment.costBudget == 2.5)
        #expect(experiment.budget == Experiment.defaultBudgetWithCost)
        let again = try ExperimentFile.parse(
            ExperimentFile.encode(experiment), file: "again.json", defaultName: "mf", registry: Fixtures.registry)
        #expect(again == experiment)
        for bad in ["0", "-1", "\"lots\""] {
            let text = #"{"optimizers": ["ladder"], "problems": ["levels"], "cost-budget": "# + bad + "}"
            #expect(throws: RunnerError.self) {
                try ExperimentFile.parse(Data(text.utf8), file: "mf.json", defaultName: "mf", registry: Fixtures.registry)
            }
        }
    }

    @Test func finalValuesForComparisonsFollowTheFidelityRule() throws {
        let (folder, _) = try run(costBudget: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        // traces.csv, which comparisons and reports read: the final metric is not the -1 of the low levels.
        let traces = try String(contentsOf: folder.appendingPathComponent("traces.csv"), encoding: .utf8)
        let last = try #require(traces.split(separator: "\n").last?.split(separator: ",").last)
        #expect(Double(last) == 0.2)
    }

    @Test func aCompleteRunWithoutEvaluationsHasATraceAtInfinity() throws {
        // A full-fidelity optimizer whose cost budget (0.5) cannot pay for one full evaluation (1): a complete run
        // with no trial, which the report and compare must still find in traces.csv.
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "mf", repetitions: 2, budget: 10, costBudget: 0.5, optimizers: [EntrySpec("scripted")],
            problems: [EntrySpec("levels")])
        let outcome = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        #expect(outcome.aggregate.complete == 2)
        let traces = try String(contentsOf: folder.appendingPathComponent("traces.csv"), encoding: .utf8)
        #expect(traces.split(separator: "\n").dropFirst() == ["levels,scripted,0,0,0.0,inf", "levels,scripted,1,0,0.0,inf"])
        let runs = try ReportInput.runs(experiment: experiment, directory: folder)
        #expect(runs.first?.optimizers.first?.runs.map(\.final) == [.infinity, .infinity])
    }

    @Test func theEvaluationBudgetFollowsTheCostBudgetAndTooSmallABudgetIsRefused() throws {
        var experiment = Experiment(
            name: "mf", repetitions: 1, budget: 100_000, costBudget: 2, optimizers: [EntrySpec("ladder")],
            problems: [EntrySpec("levels")])
        // The cheapest level costs 1/9: a cost of 2 pays for at most 18 evaluations, and curves end there.
        #expect(experiment.evaluationBudget(fidelities: Levels().fidelities, dimension: 1) == 18)
        #expect(experiment.evaluationBudget(fidelities: [], dimension: 1) == 2)
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        let curve = try String(contentsOf: folder.appendingPathComponent("curves/levels.csv"), encoding: .utf8)
        #expect(curve.split(separator: "\n").count == 1 + 18)
        // Resuming with another cost budget is refused, naming it.
        experiment.costBudget = 3
        let error = #expect(throws: RunnerError.self) {
            try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("cost budget 2.0 there, 3.0 here"))
        // A cost budget below the cheapest level is refused before any run.
        experiment.costBudget = 0.1
        let other = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: other) }
        let tooSmall = #expect(throws: RunnerError.self) {
            try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: other).run()
        }
        #expect("\(tooSmall.map { "\($0)" } ?? "")".contains("cannot pay for one evaluation"))
    }
}
