import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// `tunebench export coco` writes data that COCO's own post-processing reads: an experiment of random search and
/// CMA-ES on six bbob functions (one or two of each of COCO's five groups: f1, f3, f7, f15, f21, f24; all 24 take
/// cocopp a minute and more) in 2 and 3 dimensions, 15 instances, 100 evaluations per dimension, is exported
/// and given to `python -m cocopp` (through `Tests/Scripts/cocopp_check.py`), which must finish without a warning
/// about the data, and whose expected running times to COCO's targets Δf = 10, 0.1, 10⁻³, 10⁻⁵, 10⁻⁷ (cocopp's
/// `DataSet.detERT`) must equal those of Tunebench's report of the same folder (`report/time-to-coco-targets.csv`,
/// `CocoTimeToTarget`, from the folder's traces) to 1e-12 relative.
///
/// The ERTs agree exactly, not just closely: COCO's `.dat` file logs the first evaluation that reaches every
/// target 10^(k/20), so both count the same evaluations for the powers of ten, and the same budget for the runs
/// that miss a target.
@Suite(.python(.numpy, .cocoex, .cocopp))
struct CocoExportTests {
    static let script = CommandRunner.packageRoot.appendingPathComponent("Tests/Scripts/cocopp_check.py")
    static let targets = [1e1, 1e-1, 1e-3, 1e-5, 1e-7]
    static let functions: Set<String> = ["bbob-f01", "bbob-f03", "bbob-f07", "bbob-f15", "bbob-f21", "bbob-f24"]
    /// cocopp's warnings that are not about the data: it looks for its online archive of published data sets (there
    /// is no network in CI), and it calls the `settings` entry that COCO's own logger writes "additional" (it does
    /// so for data written by cocoex too).
    static let unrelated = ["failed to connect to", "Failed fo find workable URL", "settings is an additional attribute"]

    @Test func cocoppReadsTheExportAndAgreesOnExpectedRunningTimes() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Experiment(
            name: "coco-export", seed: 3, repetitions: 15, budget: 100, budgetPerDimension: true,
            optimizers: [EntrySpec("random"), EntrySpec("cmaes")],
            problems: [2, 3].flatMap { d in
                (try! Registry.builtin.suite(named: "bbob")).problems(with: ["dimension": .integer(d)])
                    .filter { Self.functions.contains($0.name) }
            })
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()

        let export = try CommandRunner.run("tunebench", ["export", "coco", folder.path])
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.output.contains("180 runs of random") && export.output.contains("180 runs of cmaes"))
        let algorithms = ["random", "cmaes"].map { folder.appendingPathComponent("coco/\($0)").path }

        let check = try PythonScript.run(
            Self.script, [folder.appendingPathComponent("cocopp").path] + algorithms, in: folder)
        try #require(check.status == 0, "cocopp_check.py failed: \(check.errors)")
        // cocopp's reader prints its own lines first; the script's JSON is the last line.
        let last = try #require(check.output.split(separator: "\n").last)
        let result = try JSONDecoder().decode(CocoppResult.self, from: Data(last.utf8))
        #expect(result.status == 0, "python -m cocopp exited with \(result.status)")
        let aboutTheData = result.warnings.filter { warning in !Self.unrelated.contains { warning.contains($0) } }
        #expect(aboutTheData.isEmpty, "cocopp warned: \(aboutTheData)")

        // Tunebench's own report of the same folder: its table of ERTs to COCO's targets.
        let reportRun = try CommandRunner.run("tunebench", ["report", folder.path])
        #expect(reportRun.status == 0, "\(reportRun.errors)")
        let csv = try String(contentsOf: folder.appendingPathComponent("report/time-to-coco-targets.csv"), encoding: .utf8)
        var reported: [String: Double?] = [:]  // "problem optimizer target" -> ERT
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            reported["\(fields[0]) \(fields[1]) \(Double(fields[2])!)"] = fields[3] == "inf" ? .some(nil) : Double(fields[3])
        }
        let report = try ReportInput(experiment: experiment, directory: folder)
        var compared = 0
        for (optimizer, path) in zip(["random", "cmaes"], algorithms) {
            let sets = try #require(result.ert[path])
            #expect(sets.count == 12)
            for set in sets {
                #expect(set.instances == Array(1...15))
                let label = "bbob-f\(set.function < 10 ? "0" : "")\(set.function)-dimension\(set.dimension)"
                let problem = try #require(report.problems.first { $0.problem == label }, "\(label)")
                let runs = problem.optimizers.first { $0.optimizer == optimizer }?.runs ?? []
                #expect(runs.count == 15)
                // Each run's length: for cocopp, a run that reaches COCO's final target Δf = 1e-8 ends there
                // (`DataSet._cut_data`); ours from the traces.
                let lengths = runs.map { $0.firstReach(1e-8, on: .evaluations) ?? Double($0.evaluations) }
                #expect(set.maxevals.sorted() == lengths.sorted(), "\(optimizer) \(label)")
                #expect(set.maxevals.allSatisfy { $0 <= Double(100 * set.dimension) })
                for (target, expected) in zip(Self.targets, set.ert) {
                    let ours = TimeToTarget.expectedRunningTime(runs, target: target, on: .evaluations).ert
                    let inReport = try #require(reported["\(label) \(optimizer) \(target)"], "\(label) \(target)")
                    #expect(inReport == ours, "the report's ERT for \(optimizer) \(label) Δf \(target)")
                    switch (ours, expected) {
                    case (nil, nil): break
                    case (let a?, let b?):
                        #expect(abs(a - b) <= 1e-12 * b, "\(optimizer) \(label) Δf \(target): \(a) against cocopp's \(b)")
                    default:
                        Issue.record("\(optimizer) \(label) Δf \(target): \(String(describing: ours)) against \(String(describing: expected))")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == 2 * 12 * 5)
    }

    /// The bbob-biobj export too: random search and NSGA-II on three bbob-biobj functions in 2 and 3 dimensions,
    /// instances 1 to 10, 300 evaluations per dimension, exported and given to `python -m cocopp`, which must finish
    /// without a warning about the data, and whose expected running times to the hypervolume-indicator targets
    /// 10⁻¹ to 10⁻⁴ must equal those computed from Tunebench's own traces of the same runs to 1e-12 relative.
    ///
    /// The two measure the same thing: COCO's indicator is the best known normalised volume minus the run's,
    /// Tunebench's regret that difference in raw units, which is the normalised one times the area
    /// `(nadir₁ − ideal₁)(nadir₂ − ideal₂)` (``BBOBBiobjectiveProblem``). Before a point reaches the region of interest
    /// COCO adds a distance and Tunebench's regret is the whole best volume; both lie above these targets. The
    /// agreement does not depend on the digits: COCO's archive rounds the normalised points to 5·10⁻¹³, which would
    /// change a first reach only for a volume within about 10⁻¹² of a target.
    @Test func cocoppReadsTheBiobjectiveExportAndAgreesOnExpectedRunningTimes() throws {
        let folder = CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let functions = [1, 3, 36]
        let experiment = Experiment(
            name: "coco-biobj-export", seed: 4, repetitions: 10, budget: 300, budgetPerDimension: true,
            optimizers: [EntrySpec("random"), EntrySpec("nsga2")],
            problems: [2, 3].flatMap { d in
                functions.map { f in
                    EntrySpec(
                        BBOBBiobjectiveProblems.name(f), label: "f\(f)-d\(d)",
                        options: ["dimension": .integer(d), "box": .string("bbob")])
                }
            })
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()

        let export = try CommandRunner.run("tunebench", ["export", "coco", folder.path])
        #expect(export.status == 0, "\(export.errors)")
        #expect(export.output.contains("60 runs of random") && export.output.contains("60 runs of nsga2"))
        let algorithms = ["random", "nsga2"].map { folder.appendingPathComponent("coco/bbob-biobj/\($0)").path }
        let targets = [1e-1, 1e-2, 1e-3, 1e-4]
        let check = try PythonScript.run(
            Self.script,
            [folder.appendingPathComponent("cocopp").path, "--targets", targets.map { "\($0)" }.joined(separator: ",")]
                + algorithms,
            in: folder)
        try #require(check.status == 0, "cocopp_check.py failed: \(check.errors)")
        let last = try #require(check.output.split(separator: "\n").last)
        let result = try JSONDecoder().decode(CocoppResult.self, from: Data(last.utf8))
        #expect(result.status == 0, "python -m cocopp exited with \(result.status)")
        // cocopp compares a hash of the best known volumes of the data with those of its best 2016 data set, which
        // covers all 55 functions: any subset differs (data written by cocoex too).
        let unrelated = Self.unrelated + ["Reference values for the algorithm"]
        let aboutTheData = result.warnings.filter { warning in !unrelated.contains { warning.contains($0) } }
        #expect(aboutTheData.isEmpty, "cocopp warned: \(aboutTheData)")

        let report = try ReportInput(experiment: experiment, directory: folder)
        var compared = 0
        var reached = 0  // targets with a finite ERT
        for (optimizer, path) in zip(["random", "nsga2"], algorithms) {
            let sets = try #require(result.ert[path])
            #expect(sets.count == 6)
            for set in sets {
                #expect(set.instances == Array(1...10))
                let problem = try #require(report.problems.first { $0.problem == "f\(set.function)-d\(set.dimension)" })
                let runs = try #require(problem.optimizers.first { $0.optimizer == optimizer }?.runs)
                try #require(runs.count == 10)
                #expect(set.maxevals == runs.map { Double($0.evaluations) })
                // Repetition k runs instance k + 1; its regret in COCO's units is the raw regret over its area.
                let areas = try (1...10).map { instance in
                    let p = try BBOBBiobjectiveProblem(
                        function: set.function, dimension: set.dimension, instance: instance)
                    return (p.nadir[0] - p.ideal[0]) * (p.nadir[1] - p.ideal[1])
                }
                for (target, expected) in zip(targets, set.ert) {
                    var spent = 0.0
                    var successes = 0
                    for (run, area) in zip(runs, areas) {
                        if let reach = run.firstReach(target * area, on: .evaluations) {
                            spent += reach
                            successes += 1
                        } else {
                            spent += Double(run.evaluations)
                        }
                    }
                    let ours = successes == 0 ? nil : spent / Double(successes)
                    switch (ours, expected) {
                    case (nil, nil): break
                    case (let a?, let b?):
                        #expect(abs(a - b) <= 1e-12 * b, "\(optimizer) \(set.function) \(target): \(a) against \(b)")
                        reached += 1
                    default:
                        let message = "\(optimizer) f\(set.function) \(set.dimension)-D indicator \(target): "
                            + "\(String(describing: ours)) against cocopp's \(String(describing: expected))"
                        Issue.record(Comment(rawValue: message))
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == 2 * 6 * 4)
        #expect(reached >= 12, "\(reached) of \(compared) targets reached")  // 19 when written
    }

    struct CocoppResult: Decodable {
        var status: Int
        var warnings: [String]
        var ert: [String: [DataSet]]
    }

    struct DataSet: Decodable {
        var function: Int
        var dimension: Int
        var instances: [Int]
        var maxevals: [Double]
        var ert: [Double?]
    }
}
