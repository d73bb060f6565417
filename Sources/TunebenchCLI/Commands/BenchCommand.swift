import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench`: benchmarks that print numbers.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of Tunebench itself; they print measurements and assert nothing.",
        subcommands: [
            HarnessBenchmark.self, BBOBBenchmark.self, PluginRoundTripBenchmark.self, GaussianProcessBenchmark.self, ProblemBenchmark.self,
            SklearnBenchmark.self, SimulationBenchmark.self, HypervolumeBenchmark.self,
        ]
    )
}

/// `tunebench bench harness`: evaluations per second of the runner with a trivial optimizer and objective.
struct HarnessBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Measure the runner's overhead: random search on Branin, result writing included.",
        discussion: """
            Runs random search on Branin for REPETITIONS runs of EVALUATIONS evaluations into a temporary folder \
            (deleted afterwards) and prints evaluations per second for the runs (run files included) and for the \
            aggregation (CSVs and summary), and both together; then the sizes of the result files and the peak \
            memory (resident set) of the process. Run files and aggregates are streamed, so the peak stays near \
            its value for small runs: compare `--repetitions 1 --evaluations 1000000` with `--evaluations 10000`.
            """
    )

    @Option(parsing: .unconditional, help: "Runs.")
    var repetitions = 20

    @Option(parsing: .unconditional, help: "Evaluations per run.")
    var evaluations = 10_000

    @Option(parsing: .unconditional, help: "Runs executed in parallel.")
    var jobs = 1

    func validate() throws {
        for (flag, value) in [("--repetitions", repetitions), ("--evaluations", evaluations)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, got \(value)")
        }
        guard (1...1024).contains(jobs) else { throw ValidationError("--jobs must be in [1, 1024], got \(jobs)") }
    }

    @OptionGroup var plugins: PluginOptions

    mutating func run(registry: Registry) throws {
        let measured = try Self.measure(
            registry: registry,
            experiment: Experiment(
                name: "harness", seed: 0, repetitions: repetitions, budget: evaluations,
                optimizers: [EntrySpec("random")], problems: [EntrySpec("branin")]),
            jobs: jobs)
        print("harness: random search on branin, \(repetitions) runs x \(evaluations) evaluations, --jobs \(jobs)")
        measured.print()
        print("  peak memory (maximum resident set): \(Self.megabytes(Self.peakMemory()))")
    }

    /// What one timed experiment gave: evaluations per second end to end, for the runs, for the aggregation, and the
    /// sizes of the result files.
    struct Measurement {
        var evaluations: Double
        var total: Double
        var aggregation: Double
        var sizes: String

        var endToEnd: Double { evaluations / total }

        func print() {
            func rate(_ seconds: Double) -> String {
                String(format: "%.0f evaluations/s (%.3f s)", evaluations / seconds, seconds)
            }
            Swift.print("  tunebench run (validate, run, write, aggregate): " + rate(total))
            Swift.print("  runs and run files (total minus aggregation):    " + rate(total - aggregation))
            Swift.print("  aggregation alone (CSVs, summary):               " + rate(aggregation))
            Swift.print("  result files: " + sizes)
        }
    }

    /// Runs `experiment` the way `tunebench run` does (validate, prepare the folder, run, write run files,
    /// aggregate) into a temporary folder, deleted afterwards, then times its aggregation alone again.
    static func measure(registry: Registry, experiment: Experiment, jobs: Int) throws -> Measurement {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tunebench-bench-\(getpid())-\(experiment.name)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = ExperimentRunner(
            registry: registry, experiment: experiment, output: folder,
            options: RunOptions(jobs: jobs, overwrite: true))
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try runner.run(progress: nil)
        let total = clock.now - start
        let aggregateStart = clock.now
        // The same aggregation as the run's (its gradient track and reference fronts), timed alone.
        try Aggregator(
            experiment: experiment, store: runner.store, jobs: jobs,
            gradientTrack: experiment.gradientTrack(in: registry),
            referenceFront: Experiment.referenceFront(in: registry)
        ).aggregate()
        let aggregation = clock.now - aggregateStart
        let sizes = ["runs", "evaluations.csv", "curves", "traces.csv"].map { name in
            "\(name) \(Self.megabytes(Self.size(of: folder.appendingPathComponent(name))))"
        }
        guard outcome.failedNow == 0 else { throw ValidationError("\(outcome.failedNow) runs of the benchmark failed") }
        return Measurement(
            evaluations: Double(experiment.runCount * experiment.budget), total: Self.seconds(total),
            aggregation: Self.seconds(aggregation), sizes: sizes.joined(separator: ", "))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The process's peak resident set in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// The bytes of a file, or of every file under a folder.
    static func size(of url: URL) -> Int {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { return 0 }
        guard isFolder.boolValue, let paths = manager.enumerator(atPath: url.path) else {
            return (try? manager.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        }
        var total = 0
        while let path = paths.nextObject() as? String {
            total += (try? manager.attributesOfItem(atPath: url.appendingPathComponent(path).path)[.size] as? Int) ?? 0
        }
        return total
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

/// `tunebench bench plugin`: start-up and ask/tell round-trip time of a solver plugin.
struct PluginRoundTripBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Measure a solver plugin's start-up time and the round trip of one ask and one tell.",
        discussion: """
            Starts the solver STARTS times (process start to SOLVER_SPEC_CAST), then runs ROUNDS ask/tell rounds \
            on a 2-D continuous space, and prints the medians and quartiles. The round trip includes the solver's \
            own work, so it is the protocol's cost only for a solver that does little (random search). Give the \
            command after `--`, or the name of a plugin of a manifest.
            """
    )

    @Option(parsing: .unconditional, help: "Process starts to time.")
    var starts = 5

    @Option(parsing: .unconditional, help: "Ask/tell rounds to time.")
    var rounds = 200

    @OptionGroup var plugins: PluginOptions

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The solver's command after `--`, or a plugin name.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        guard !command.filter({ $0 != "--" }).isEmpty else { throw ValidationError("give the solver's command after --") }
        for (flag, value) in [("--starts", starts), ("--rounds", rounds)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, got \(value)")
        }
    }

    func run() throws {
        InterruptHandler.installEndingPlugins()
        let plugin = try plugins.command(for: command)
        let result = try PluginBenchmark.measure(plugin, starts: starts, rounds: rounds)
        func summary(_ values: [Double], scale: Double, unit: String) -> String {
            let sorted = values.sorted()
            let q = [0.25, 0.5, 0.75].map { Statistics.quantile(sorted: sorted, $0) * scale }
            return String(format: "median %.1f %@ [q25 %.1f, q75 %.1f] over %d", q[1], unit, q[0], q[2], values.count)
        }
        print("plugin: \(result.solver.name) (\(plugin.arguments.joined(separator: " ")))")
        print("  start-up to SOLVER_SPEC_CAST: " + summary(result.startups, scale: 1000, unit: "ms"))
        print("  ask + tell round trip:        " + summary(result.roundTrips, scale: 1e6, unit: "µs"))
    }
}

/// `tunebench bench gp`: ask latency of the Gaussian-process optimizer, and Cholesky time beside NumPy's.
struct GaussianProcessBenchmark: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "gp",
        abstract: "Measure the Gaussian-process optimizer's ask latency and the Cholesky factorisation's speed.",
        discussion: """
            Ask latency: the optimizer is given N Hartmann-6 observations at scrambled Sobol points (as its initial \
            design) and answers one ask (its first model fit, from the prior, untimed); after that observation is \
            told, the next ask (hyperparameter re-estimation warm-started from the previous estimate, acquisition \
            over the candidate pool, L-BFGS-B refinement) is timed, REPEATS times with different seeds, and the \
            median is printed for each N. Cholesky: the factorisation of an n × n kernel matrix \
            (CholeskyBenchmark), and NumPy's np.linalg.cholesky of a matrix of the same kind with OpenBLAS on one \
            thread (OPENBLAS_NUM_THREADS=1), when python3 with NumPy is available.
            """
    )

    @Option(help: "Observations before the timed ask, comma-separated.")
    var observations = "50,100,200,500,1000"

    @Option(parsing: .unconditional, help: "Timed asks per size.")
    var repeats = 3

    @Option(help: "Matrix sizes for the Cholesky timing, comma-separated.")
    var sizes = "100,500,1000,2000"

    @OptionGroup var plugins: PluginOptions

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard !parse(observations).isEmpty, !parse(sizes).isEmpty else {
            throw ValidationError("--observations and --sizes must be lists of positive integers")
        }
    }

    private func parse(_ list: String) -> [Int] {
        list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
    }

    mutating func run(registry: Registry) throws {
        print("Gaussian-process optimizer, 6 dimensions (Hartmann6), median ask latency over \(repeats) asks:")
        for n in parse(observations) {
            var latencies: [Double] = []
            for repeat_ in 0..<repeats {
                var problem = try registry.makeProblem(EntrySpec("hartmann6"), seed: 1)
                var settings = GaussianProcessOptimizer.Settings()
                settings.initialPoints = n
                var optimizer = try GaussianProcessOptimizer(
                    context: OptimizerContext(space: problem.space, seed: UInt64(repeat_ + 1), budget: n + 2),
                    settings: settings)
                for _ in 0..<(n + 1) {
                    guard let suggestion = optimizer.ask() else { break }
                    let value = try problem.evaluate(suggestion.configuration).value
                    optimizer.tell(Observation(suggestion, value: value))
                }
                let clock = ContinuousClock()
                let start = clock.now
                _ = optimizer.ask()
                latencies.append((clock.now - start).inSeconds)
            }
            print(String(format: "  %5d observations: %9.2f ms", n, Statistics.median(latencies) * 1000))
        }
        print("Cholesky factorisation, median of 5 (ms):")
        let numpy = numpyTimings(parse(sizes))
        for n in parse(sizes) {
            let swift = Statistics.median(CholeskyBenchmark.seconds(n: n, repetitions: 5)) * 1000
            var line = String(format: "  n = %5d: Tunebench %9.3f", n, swift)
            if let reference = numpy[n] {
                line += String(format: "   NumPy/OpenBLAS (1 thread) %9.3f   ratio %.2f", reference, swift / reference)
            }
            print(line)
        }
        if numpy.isEmpty { print("  (NumPy timings unavailable: python3 with numpy was not found)") }
    }

    /// NumPy's Cholesky times in milliseconds by size, or none when python3 or NumPy is missing.
    private func numpyTimings(_ sizes: [Int]) -> [Int: Double] {
        let script = """
            import sys, time, numpy as np
            for n in map(int, sys.argv[1:]):
                rng = np.random.default_rng(1)
                x = rng.random((n, 6))
                d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
                a = np.exp(-d2 / (2 * 0.25)) + 1e-3 * np.eye(n)
                np.linalg.cholesky(a)
                times = []
                for _ in range(5):
                    t = time.perf_counter(); np.linalg.cholesky(a); times.append(time.perf_counter() - t)
                print(n, sorted(times)[2] * 1000)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + sizes.map(String.init)
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        environment["OMP_NUM_THREADS"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [:] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [:] }
        var timings: [Int: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let n = Int(parts[0]), let ms = Double(parts[1]) { timings[n] = ms }
        }
        return timings
    }
}
