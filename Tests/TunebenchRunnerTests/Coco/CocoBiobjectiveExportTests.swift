import Foundation
import Testing
import Tunebench
import TunebenchTestSupport

/// The bbob-biobj part of ``CocoExport`` writes what COCO's own bi-objective logger writes: an experiment of random
/// search and NSGA-II on five bbob-biobj functions (one of each kind of pair: separable with separable, moderate,
/// weakly structured; ill-conditioned with ill-conditioned; weakly structured with weakly structured) in 2, 3 and 10
/// dimensions (the archive logs the variables up to 5), on instances 1, 2 and 11 (11 has COCO's placeholder best
/// volume 1.0), and in both boxes (in COCO's [−100, 100]ⁿ random search rarely reaches the region of interest, and
/// the indicator carries the distance to it), is exported; `Tests/Scripts/coco_biobj_logger_reference.py` evaluates
/// the same points in the same order through cocoex's suite with a "bbob-biobj" observer attached, and every file
/// of the two folders must be equal byte for byte.
///
/// The functions leave out those of bbob's f20, whose values differ from cocoex's in the last bits
/// (``BBOBBiobjectiveProblem``'s agreement test), which the 16 digits of COCO's files could show.
@Suite(.python(.numpy, .cocoex))
struct CocoBiobjectiveExportTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/coco_biobj_logger_reference.py")
    static let functions = [1, 3, 10, 36, 55]

    static var experiment: Experiment {
        Experiment(
            name: "biobj-export", seed: 7, repetitions: 3, budget: 150, budgetPerDimension: true,
            optimizers: [EntrySpec("random"), EntrySpec("nsga2")],
            problems: [2, 3, 10].flatMap { d in
                functions.map { f in
                    EntrySpec(
                        BBOBBiobjectiveProblems.name(f), label: "f\(f)-d\(d)",
                        options: [
                            "dimension": .integer(d), "instances": .string("1,2,11"),
                            "box": .string(f == 10 ? "coco" : "bbob"),
                        ])
                }
            })
    }

    @Test func filesEqualCOCOsBiobjectiveLogger() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("biobj-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = Self.experiment
        _ = try ExperimentRunner(
            registry: .builtin, experiment: experiment, output: folder, options: RunOptions(jobs: 2)
        ).run()
        let store = ResultStore(directory: folder)

        // Each optimizer's runs in COCO's suite order (dimension, function, repetition), their points in files.
        var algorithms: [[String: Any]] = []
        for optimizer in experiment.optimizers {
            let runs = Plan(experiment).runs.filter { $0.optimizer.label == optimizer.label }.enumerated()
                .sorted { a, b in
                    let (x, y) = (Self.identity(a.element), Self.identity(b.element))
                    return (x.dimension, x.function, a.offset) < (y.dimension, y.function, b.offset)
                }.map(\.element)
            var specs: [[String: Any]] = []
            for (k, run) in runs.enumerated() {
                var points: [Double] = []
                let record = try store.stream(run) { _, trial in
                    for value in trial.configuration {
                        guard case .number(let x)? = value else { Issue.record("a point is not numeric"); return }
                        points.append(x)
                    }
                }
                let header = try #require(record)
                let identity = try #require(CocoProblemIdentity(metadata: header.problemMetadata))
                let path = folder.appendingPathComponent("points-\(optimizer.label)-\(k).bin")
                try Self.data(points).write(to: path)
                specs.append([
                    "function": identity.function, "dimension": identity.dimension, "instance": identity.instance,
                    "points": path.path,
                ])
            }
            algorithms.append([
                "name": optimizer.label,
                "info": "Tunebench \(optimizer.name), experiment '\(experiment.name)', seed \(experiment.seed)",
                "runs": specs,
            ])
        }
        let spec = folder.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: ["algorithms": algorithms]).write(to: spec)
        let reference = folder.appendingPathComponent("reference")
        let result = try PythonScript.run(Self.script, [spec.path, reference.path])
        try #require(result.status == 0, "the reference script failed: \(result.errors)")
        let version = result.output.trimmingCharacters(in: .whitespacesAndNewlines)

        let summary = try CocoExport.write(
            store: store, experiment: experiment, to: folder.appendingPathComponent("coco"), version: version,
            biobjective: CocoBiobjectiveFacts.builtin)
        #expect(summary.folders.map(\.runs) == [45, 45])
        var compared = 0
        for optimizer in experiment.optimizers {
            let ours = folder.appendingPathComponent("coco/bbob-biobj/\(optimizer.label)")
            let theirs = reference.appendingPathComponent(optimizer.label)
            let files = try Self.files(in: theirs)
            // 5 types' .info; per function and dimension .dat, .tdat, .rdat, .mdat; an archive per instance.
            #expect(files.count == 5 + 15 * 4 + 15 * 3, "\(optimizer.label): \(files.count) files")
            #expect(try Self.files(in: ours) == files, "\(optimizer.label): the same files")
            for file in files {
                let a = try String(contentsOf: ours.appendingPathComponent(file), encoding: .utf8)
                let b = try String(contentsOf: theirs.appendingPathComponent(file), encoding: .utf8)
                #expect(a == b, "\(optimizer.label)/\(file) differs: \(Self.firstDifference(a, b))")
                compared += 1
            }
        }
        #expect(compared == 2 * 110)
    }

    static func identity(_ run: PlannedRun) -> (dimension: Int, function: Int) {
        guard case .integer(let d)? = run.problem.options["dimension"],
            let f = Int(run.problem.name.dropFirst("bbob-biobj-f".count))
        else { preconditionFailure("not a bbob-biobj entry") }
        return (d, f)
    }

    /// The files under `folder`, relative, sorted.
    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
    }

    static func data(_ values: [Double]) -> Data {
        var data = Data()
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The first line where `a` and `b` differ, both versions.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let (x, y) = (a.split(separator: "\n", omittingEmptySubsequences: false),
                      b.split(separator: "\n", omittingEmptySubsequences: false))
        for k in 0..<max(x.count, y.count) where k >= x.count || k >= y.count || x[k] != y[k] {
            return "line \(k + 1): '\(k < x.count ? x[k] : "")' against COCO's '\(k < y.count ? y[k] : "")'"
        }
        return "none"
    }
}
