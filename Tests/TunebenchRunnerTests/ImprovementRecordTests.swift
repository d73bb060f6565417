import Foundation
import Testing
import TunebenchCore
import Tunebench

/// `improvements` records (``TrialRecording/improvements``) give what full records give where they promise to: the
/// same COCO export byte for byte, the same first evaluation at which every one of COCO's targets (20 per decade
/// of regret, down to 1e-8) is reached, the same run lengths and final values; in far smaller run files.
struct ImprovementRecordTests {
    static func experiment(_ recording: TrialRecording) -> Experiment {
        Experiment(
            name: "improvements", seed: 5, repetitions: 3, budget: 500, budgetPerDimension: true, recording: recording,
            optimizers: [EntrySpec("random"), EntrySpec("cmaes"), EntrySpec("nelder-mead")],
            problems: [
                EntrySpec("bbob-f01", label: "f01", options: ["dimension": .integer(5)]),
                EntrySpec("bbob-f15", label: "f15", options: ["dimension": .integer(3)]),
                EntrySpec("bbob-f21", label: "f21", options: ["dimension": .integer(2), "instances": .string("101-110")]),
                EntrySpec("rosenbrock", options: ["dimension": .integer(3)]),
            ])
    }

    @Test func improvementsGiveTheSameCocoLogsTargetsAndFinalValues() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-impr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [TrialRecording: URL] = [:]
        for recording in TrialRecording.allCases {
            let folder = root.appendingPathComponent(recording.rawValue)
            _ = try ExperimentRunner(
                registry: .builtin, experiment: Self.experiment(recording), output: folder, options: RunOptions(jobs: 2)
            ).run()
            _ = try CocoExport.write(
                store: ResultStore(directory: folder), experiment: Self.experiment(recording),
                to: folder.appendingPathComponent("coco"), version: "test")
            folders[recording] = folder
        }
        let (all, improvements) = (folders[.all]!, folders[.improvements]!)

        // The COCO export, file for file.
        let files = try FileManager.default.subpathsOfDirectory(atPath: all.appendingPathComponent("coco").path)
            .filter { $0.contains(".") }.sorted()
        #expect(files.count == 3 * (3 + 3 * 4))  // per optimizer: 3 .info files and 3 x 4 data files
        #expect(try FileManager.default.subpathsOfDirectory(atPath: improvements.appendingPathComponent("coco").path)
            .filter { $0.contains(".") }.sorted() == files)
        for file in files {
            let a = try Data(contentsOf: all.appendingPathComponent("coco/" + file))
            let b = try Data(contentsOf: improvements.appendingPathComponent("coco/" + file))
            #expect(a == b, "coco/\(file) differs")
        }

        // Each run's length, final value and first reach of every COCO target.
        let full = try ReportInput(experiment: Self.experiment(.all), directory: all)
        let thinned = try ReportInput(experiment: Self.experiment(.improvements), directory: improvements)
        let targets = (-160...60).map { pow(10, Double($0) / 20) }  // 10^3 down to 1e-8, COCO's
        var checked = 0
        for (a, b) in zip(full.problems, thinned.problems) {
            #expect(a.problem == b.problem)
            for (x, y) in zip(a.optimizers, b.optimizers) {
                for (r, s) in zip(x.runs, y.runs) {
                    #expect(r.evaluations == s.evaluations && r.final == s.final, "\(a.problem) \(x.optimizer)")
                    for target in targets {
                        #expect(
                            r.firstReach(target, on: .evaluations) == s.firstReach(target, on: .evaluations),
                            "\(a.problem) \(x.optimizer) rep \(r.repetition) target \(target)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 4 * 3 * 3 * targets.count)

        // The run files: the same runs, a fraction of the trials.
        func bytes(_ folder: URL) throws -> Int {
            let runs = folder.appendingPathComponent("runs")
            return try FileManager.default.subpathsOfDirectory(atPath: runs.path).reduce(0) { total, path in
                total + ((try? FileManager.default.attributesOfItem(atPath: runs.appendingPathComponent(path).path)[.size])
                    as? Int ?? 0)
            }
        }
        #expect(try bytes(improvements) * 3 < bytes(all))
        let record = try #require(
            try ResultStore(directory: improvements).read(Plan(Self.experiment(.improvements)).runs[0]))
        #expect(record.recording == .improvements && record.format == 2)
        #expect(record.trials.count < 2500 / 5 && record.trials.last?.number == 2499)
        // Costs add up: every evaluation of a bbob problem costs 1.
        #expect(record.trials.map(\.cost).reduce(0, +) == 2500)
    }

    /// On a multi-fidelity problem only full-fidelity values count towards the best, for the selection of the kept
    /// trials as for the aggregation: a lower value at a lower level must not hide a full-fidelity improvement.
    @Test func lowerFidelitiesDoNotHideFullFidelityImprovements() throws {
        var finals: [TrialRecording: [Double?]] = [:]
        for recording in TrialRecording.allCases {
            let folder = Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let experiment = Experiment(
                name: "levels", repetitions: 2, budget: 6, recording: recording, optimizers: [EntrySpec("ladder")],
                problems: [EntrySpec("levels")])
            let outcome = try ExperimentRunner(registry: Fixtures.registry, experiment: experiment, output: folder).run()
            finals[recording] = outcome.aggregate.problems[0].optimizers.map(\.finalMedian)
        }
        #expect(finals[.all] == [0.2])
        #expect(finals[.improvements] == finals[.all])
    }

    /// COCO's instances each have their own optimum: every run's regret is against its own, curves and summaries
    /// included, and the summary gives no single optimum.
    @Test func instancesWithTheirOwnOptimaGiveTheirOwnRegrets() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "optima", repetitions: 3, budget: 50, optimizers: [EntrySpec("random")],
            problems: [EntrySpec("bbob-f01", options: ["dimension": .integer(2)])])
        let outcome = try ExperimentRunner(registry: .builtin, experiment: experiment, output: folder).run()
        let summary = outcome.aggregate.problems[0]
        #expect(summary.metric == "regret" && summary.optimum == nil)
        let store = ResultStore(directory: folder)
        var regrets: [Double] = []
        var optima: Set<Double> = []
        for run in Plan(experiment).runs {
            let record = try #require(try store.read(run))
            let optimum = try #require(record.optimum)
            optima.insert(optimum)
            regrets.append(record.trials.compactMap(\.trueValue).min()! - optimum)
        }
        #expect(optima.count == 3)
        #expect(summary.optimizers[0].finalMedian == regrets.sorted()[1])
        #expect(regrets.allSatisfy { $0 >= 0 })
        let curve = try String(contentsOf: folder.appendingPathComponent("curves/bbob-f01-dimension2.csv"), encoding: .utf8)
        let last = try #require(curve.split(separator: "\n").last?.split(separator: ","))
        #expect(Double(last[3]) == regrets.sorted()[1])
    }
}
