import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench bbob`: evaluations per second of random search on bbob f1 with `improvements` records, beside
/// COCO's own code doing the same from Python, and the harness figure with full records, in one invocation.
struct BBOBBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "bbob",
        abstract: "Measure a bbob campaign's throughput against cocoex, and the harness with full records.",
        discussion: """
            Runs random search on bbob-f01 in DIMENSION dimensions for REPETITIONS runs of EVALUATIONS evaluations \
            with "record": "improvements", as `tunebench run` does (run files and aggregation included, --jobs 1), \
            and prints evaluations per second. Beside it, measured in the same invocation by python3 with \
            coco-experiment (pip install coco-experiment): random search through cocoex with COCO's bbob observer \
            attached, one point at a time from Python (a point drawn with NumPy, then evaluated and logged: what a \
            Python optimizer's loop does); the same with the points drawn beforehand (evaluation and logging only); \
            and cocoex.BareProblem on a NumPy batch of points, without an observer (the raw evaluation speed). \
            Then `tunebench bench harness` with its defaults (random search on Branin, full records), whose \
            figure at the foundation was 157,000-178,000 evaluations/s on this repository's machine.
            """
    )

    @Option(parsing: .unconditional, help: "Runs.")
    var repetitions = 5

    @Option(parsing: .unconditional, help: "Evaluations per run.")
    var evaluations = 1_000_000

    @Option(parsing: .unconditional, help: "Variables of bbob-f01 (one of 2, 3, 5, 10, 20, 40).")
    var dimension = 10

    @Option(parsing: .unconditional, help: "Evaluations of each cocoex measurement.")
    var cocoEvaluations = 1_000_000

    @Flag(help: "Skip the cocoex measurements (when python3 or coco-experiment is missing).")
    var noCoco = false

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        for (flag, value) in [("--repetitions", repetitions), ("--evaluations", evaluations), ("--coco-evaluations", cocoEvaluations)]
        where value < 1 {
            throw ValidationError("\(flag) must be at least 1, got \(value)")
        }
        guard [2, 3, 5, 10, 20, 40].contains(dimension) else {
            throw ValidationError("--dimension must be one of 2, 3, 5, 10, 20, 40, got \(dimension)")
        }
    }

    mutating func run(registry: Registry) throws {
        let experiment = Experiment(
            name: "bench-bbob", seed: 0, repetitions: repetitions, budget: evaluations, recording: .improvements,
            optimizers: [EntrySpec("random")],
            problems: [EntrySpec("bbob-f01", options: ["dimension": .integer(dimension)])])
        print("bbob: random search on bbob-f01, d = \(dimension), \(repetitions) runs x \(evaluations) evaluations, "
            + "\"record\": \"improvements\", --jobs 1")
        let tunebench = try HarnessBenchmark.measure(registry: registry, experiment: experiment, jobs: 1)
        tunebench.print()
        if !noCoco {
            let coco = try Self.cocoex(dimension: dimension, evaluations: cocoEvaluations)
            print("cocoex \(coco.version), bbob f1 instance 1, d = \(dimension), \(cocoEvaluations) evaluations, python3:")
            print(String(format: "  random search, observer attached, point by point:  %.0f evaluations/s", coco.loop))
            print(String(format: "  points drawn beforehand, observer attached:        %.0f evaluations/s", coco.observed))
            print(String(format: "  BareProblem on a NumPy batch, no observer:         %.0f evaluations/s", coco.batch))
            print(String(
                format: "ratio: Tunebench end to end / cocoex random search with its observer = %.2f "
                    + "(target: at least 5); / evaluation and logging alone = %.2f",
                tunebench.endToEnd / coco.loop, tunebench.endToEnd / coco.observed))
        }
        let harness = try HarnessBenchmark.measure(
            registry: registry,
            experiment: Experiment(
                name: "harness", seed: 0, repetitions: 20, budget: 10_000, optimizers: [EntrySpec("random")],
                problems: [EntrySpec("branin")]),
            jobs: 1)
        print("harness: random search on branin, 20 runs x 10000 evaluations, full records, --jobs 1 "
            + "(foundation: 157,000-178,000 evaluations/s end to end)")
        harness.print()
        print("peak memory (maximum resident set): \(HarnessBenchmark.megabytes(HarnessBenchmark.peakMemory()))")
    }

    /// The cocoex measurements, by a python3 child: random search point by point with the observer, the same with
    /// the points drawn first, and a batch without observer; its observer writes into a temporary folder.
    static func cocoex(dimension: Int, evaluations: Int) throws -> (version: String, loop: Double, observed: Double, batch: Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-bench-coco-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import time, cocoex, numpy as np
            cocoex.log_level("warning")
            d, n, folder = \(dimension), \(evaluations), "\(folder.path)"
            def observed(name):
                suite = cocoex.Suite("bbob", "instances: 1", f"function_indices: 1 dimensions: {d}")
                observer = cocoex.Observer("bbob", f"outer_folder: {folder} result_folder: {name} algorithm_name: RS")
                problem = suite.get_problem(0)
                problem.observe_with(observer)
                return problem
            rng = np.random.default_rng(0)
            problem = observed("loop")
            start = time.perf_counter()
            for _ in range(n):
                problem(rng.uniform(-5, 5, d))
            loop = n / (time.perf_counter() - start)
            problem.free()
            points = rng.uniform(-5, 5, (n, d))
            problem = observed("points")
            start = time.perf_counter()
            for x in points:
                problem(x)
            points_rate = n / (time.perf_counter() - start)
            problem.free()
            bare = cocoex.BareProblem("bbob", 1, d, 1)
            start = time.perf_counter()
            bare(points)
            batch = n / (time.perf_counter() - start)
            print(cocoex.__version__, loop, points_rate, batch)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, fields.count == 4, let loop = Double(fields[1]),
            let observed = Double(fields[2]), let batch = Double(fields[3])
        else {
            throw ValidationError(
                "the cocoex measurement failed (python3 with coco-experiment and numpy is needed: "
                    + "pip install coco-experiment; or pass --no-coco)")
        }
        return (String(fields[0]), loop, observed, batch)
    }
}
