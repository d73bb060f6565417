import Foundation
import Testing
import Tunebench

/// The report's "Failures against the same instances without them": each problem with a failure region is paired
/// with its base problem repetition by repetition (same instance, same optimizer seed), tested with the two-sided
/// Wilcoxon signed-rank test, and given its failed-trial counts; `report/failure-cost.csv` holds every figure.
struct FailureCostTests {
    static let failing = EntrySpec("branin", options: ["failure": .string("ball"), "failure-share": .real(0.3)])
    static let experiment = Experiment(
        name: "failure-cost", seed: 2, repetitions: 8, budget: 30,
        optimizers: ["random", "tpe"].map { EntrySpec($0) },
        problems: [EntrySpec("branin"), failing, EntrySpec("hartmann3")])

    @Test func failingProblemsArePairedWithTheirBaseByRepetition() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-fc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ExperimentRunner(registry: .builtin, experiment: Self.experiment, output: folder).run()
        let input = try ReportInput(experiment: Self.experiment, directory: folder)
        let cost = FailureCost.compute(
            experiment: Self.experiment, problems: input.problems, aggregate: input.aggregate, alpha: 0.05)
        #expect(cost.rows.map(\.optimizer) == ["random", "tpe"])
        let failingRuns = try #require(input.problems.first { $0.problem == Self.failing.label })
        let baseRuns = try #require(input.problems.first { $0.problem == "branin" })
        for row in cost.rows {
            #expect(row.problem == Self.failing.label && row.base == "branin")
            #expect(row.shape == "ball" && row.share == 0.3 && row.pairs == 8)
            // The finals by repetition, read independently of PairedFinals.
            func finals(_ problem: ProblemRuns) -> [Double] {
                problem.optimizers.first { $0.optimizer == row.optimizer }!.runs
                    .sorted { $0.repetition < $1.repetition }.map(\.final)
            }
            let (with, without) = (finals(failingRuns), finals(baseRuns))
            #expect(row.median == Statistics.median(with) && row.baseMedian == Statistics.median(without))
            let test = WilcoxonSignedRank.test(with, without)
            #expect(row.test == test)
            let expected: FailureCost.Outcome =
                test.pTwoSided >= 0.05 ? .same : test.positiveRankSum > test.negativeRankSum ? .worse : .better
            #expect(row.outcome == expected)
            let summary = try #require(
                input.aggregate.problems.first { $0.problem == Self.failing.label }?.optimizers
                    .first { $0.optimizer == row.optimizer })
            #expect(row.trials == summary.trials && row.failedTrials == summary.failedTrials)
            #expect(row.failedShare.map { $0 > 0.1 } == true, "a 30% ball fails some of 30 evaluations")
        }

        // A base under the seed label but with other options, or a `failure=none` problem, gives no rows.
        var other = Self.experiment
        other.problems = [
            EntrySpec("branin", options: ["instance": .string("canonical")]).relabelled("branin"), Self.failing,
            EntrySpec("branin", options: ["failure": .string("none")]),
        ]
        let mismatched = FailureCost.compute(experiment: other, problems: input.problems, aggregate: input.aggregate)
        #expect(mismatched.rows.isEmpty)
        // Simulated durations stay on both sides: a failing problem with durations pairs with the base that has the
        // same durations, not with the bare problem.
        let timed: [String: OptionValue] = ["duration": .string("lognormal")]
        var withDurations = Self.experiment
        withDurations.problems = [
            EntrySpec("branin"), EntrySpec("branin", options: timed),
            EntrySpec("branin", options: Self.failing.options.merging(timed) { first, _ in first }),
        ]
        let relabelled = input.problems.compactMap { problem -> ProblemRuns? in
            var copy = problem
            switch problem.problem {
            case "branin": copy.problem = withDurations.problems[1].label
            case Self.failing.label: copy.problem = withDurations.problems[2].label
            default: return nil
            }
            return copy
        }
        let timedCost = FailureCost.compute(
            experiment: withDurations, problems: relabelled, aggregate: input.aggregate, alpha: 0.05)
        #expect(timedCost.rows.map(\.base) == ["branin-durationlognormal", "branin-durationlognormal"])
        #expect(timedCost.rows.map(\.pairs) == [8, 8])
        // Without its base in the folder, a failing problem has no rows.
        let alone = FailureCost.compute(
            experiment: Self.experiment, problems: input.problems.filter { $0.problem != "branin" },
            aggregate: input.aggregate)
        #expect(alone.rows.isEmpty)

        try ReportBuilder(input: input).write()
        let csv = try String(contentsOf: folder.appendingPathComponent("report/failure-cost.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.hasPrefix("problem,base,failure,failure-share,optimizer,pairs,median") == true)
        #expect(lines.count == 3)
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("## Failures against the same instances without them"))
    }
}

private extension EntrySpec {
    /// The same entry and options under another label.
    func relabelled(_ label: String) -> EntrySpec { EntrySpec(name, label: label, options: options) }
}
