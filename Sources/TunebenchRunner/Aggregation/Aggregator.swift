import Foundation
import TunebenchCore
import TunebenchNumerics

/// Derives every aggregate output of a result folder from its run files, and only from them.
///
/// Outputs (all but `timings.json` byte-identical for the same experiment, whatever `--jobs`, shards or
/// interruptions):
/// - `evaluations.csv`: `problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost`, one row per
///   evaluation of every complete run in plan order. `evaluation` counts from 1; `value` is the observed value
///   (empty for a failed trial); `best` is the best true (noiseless) value so far among full-fidelity evaluations
///   (`inf` before the first); `regret` is `best` minus the known optimum (empty when the problem has none);
///   `fidelity` is the level's steps (empty for a trial without a level: full fidelity); `cost` is the cumulative
///   cost after the evaluation.
/// - `curves/PROBLEM.csv`: `optimizer,evaluation,runs,median,q25,q75,mean` of the best-so-far regret (or best
///   value when the optimum is unknown) over the complete runs, for every evaluation up to the budget (with a cost
///   budget, ``Experiment/evaluationBudget(fidelities:)``); a run that stopped early keeps its last value. Quantiles
///   are Hyndman-Fan type 7.
/// - `curves-cost/PROBLEM.csv`, for an experiment with a cost budget: `optimizer,cost,runs,median,q25,q75,mean` of
///   the same metric over cumulative cost, at ``costPoints`` evenly spaced costs up to the budget: at cost `c`, the
///   best full-fidelity value among the evaluations whose cumulative cost is at most `c`.
/// - `curves-time/PROBLEM.csv`, for an experiment on simulated workers with a time budget
///   (``WorkerSettings/timeBudget``): `optimizer,time,runs,median,q25,q75,mean` of the same metric over simulated
///   seconds, at ``timePoints`` evenly spaced times up to the budget: at time `t`, the best full-fidelity value among
///   the trials completed by `t`.
/// - `traces.csv`: `problem,optimizer,repetition,evaluation,cost,metric`, the best-so-far metric of every complete
///   run as a step function: one row at each evaluation that lowers it and one at the run's last evaluation (a run
///   that made no evaluation has one row, at evaluation 0 with the metric `inf`), in plan order. The metric is the regret (best full-fidelity true value minus the optimum) or, when the optimum is
///   unknown, the best value. Compact (a run of n random evaluations has about ln n rows) and enough for every
///   statistic of a report: ranks, time to target, data profiles, final values. On simulated workers
///   (``WorkerSettings/isSimulated``) a last column, `time`, gives the simulated second the step's trial completed
///   (0 for the row of a run without evaluations); the evaluation number then counts completions.
/// - For problems with observation noise only (``ProblemSummary/noisy``), the *recommended* metric beside this
///   *best-evaluated* one: the noiseless value of the configuration the optimizer would return
///   (``TunebenchCore/Optimizer/recommendation()``, recorded per trial as `recommended`) minus the optimum, which is
///   never below the best-evaluated regret (a recommendation is an evaluated configuration) and, unlike it, may rise.
///   `traces-recommended.csv` has `traces.csv`'s columns, with a row at each change of the metric and one at the run's
///   last evaluation; `curves-recommended/PROBLEM.csv` has `curves/`'s columns, on the evaluation axis; `summary.json`
///   gives `recommendedMedian`, `recommendedQ25`, `recommendedQ75`, `recommendedMean` and `recommendedStd`. None of
///   these exists for an experiment without noise, whose outputs keep their bytes.
/// - `summary.json`: an ``Aggregate``.
/// - `timings.json`: per problem and optimizer, medians over its complete runs of optimizer time (ask + tell),
///   evaluation time and wall time, in seconds; over its failed runs only when none completed (``TimingSummary``).
///
/// **Fidelity rule.** Only full-fidelity evaluations (no level, or the problem's last level) count towards the best
/// value and regret, on both axes: a lower level's value estimates another objective (fewer epochs, fewer trees).
/// A multi-fidelity optimizer therefore shows `inf` until its first full-fidelity evaluation. The summary's final
/// values are those at the end of the evaluation axis; with a cost budget every run stays within it, so they are
/// also the values at the full cost.
///
/// Failed runs are left out of the CSVs and statistics and listed with their reasons in `summary.json`.
///
/// Numbers in the CSVs are written as `"\(x)"` writes them (``TunebenchCore/TextBuffer``): Swift's shortest
/// round-trip form (`0.1`, `1e-05`, `inf`), the same on every platform, so CSVs compare byte for byte.
public struct Aggregator: Sendable {
    /// Points of the cost axis: 300, so that tenths and thirds of the budget fall on it.
    public static let costPoints = 300
    /// The recommended metric's step functions, beside `traces.csv` (noisy problems only).
    public static let recommendedTraces = "traces-recommended.csv"
    /// The folder of the recommended metric's curves, beside `curves/` (noisy problems only).
    public static let recommendedCurves = "curves-recommended"
    /// The folder of the failed-share curves (`optimizer,evaluation,runs,median,q25,q75,mean`: the share of the trials
    /// so far that failed), one file per problem where some trial failed.
    public static let failureCurves = "curves-failures"

    public var experiment: Experiment
    public var store: ResultStore
    /// Problems aggregated at the same time, each on its own thread; the outputs do not depend on it.
    public var jobs: Int
    /// The bytes of a problem's rows of `evaluations.csv` (and of `traces.csv`) kept in memory before they go to a
    /// hidden scratch file in the folder; the outputs do not depend on it.
    var spillLimit = 4 << 20
    /// Once requested, no further problem is aggregated and ``aggregate()`` throws
    /// ``RunnerError/interrupted(signal:abandoned:)``, leaving the previous outputs as they were.
    public var interruption: Interruption?
    /// The (problem, optimizer) pairs of the gradient track (``Experiment/gradientTrack(in:)``): their summaries say
    /// so and are never marked best beside the black-box methods.
    public var gradientTrack: GradientTrack
    /// A multi-objective problem's sample of its Pareto front (``TunebenchCore/Problem/referenceFront``), asked only
    /// for the problems whose runs have several objectives: the summaries' IGD+ (``OptimizerSummary/igdPlusMedian``).
    /// `nil`: no IGD+.
    public var referenceFront: (@Sendable (EntrySpec) -> [[Double]]?)?

    public init(
        experiment: Experiment, store: ResultStore, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        interruption: Interruption? = nil, gradientTrack: GradientTrack = .none,
        referenceFront: (@Sendable (EntrySpec) -> [[Double]]?)? = nil
    ) {
        self.experiment = experiment
        self.store = store
        self.jobs = jobs
        self.interruption = interruption
        self.gradientTrack = gradientTrack
        self.referenceFront = referenceFront
    }

    /// Reads every run file of the plan and writes the outputs.
    ///
    /// Problems are aggregated on up to ``jobs`` threads, one problem per thread. Run files are streamed, and rows go
    /// to their files (hidden temporary files beside them) in plan order as soon as a problem is done, so memory
    /// holds one problem's best-so-far traces (8 bytes per evaluation and run) per job, whatever the number of
    /// evaluations. Outputs are renamed into place only once all are written, `summary.json` last: a failure (a full
    /// disk, a corrupt run file) leaves the previous outputs as they were and no partial file. (A process killed
    /// between two renames leaves some outputs new and some old, each whole; the next aggregation rewrites them.)
    /// - Returns: the summary.
    /// - Throws: ``RunnerError`` when a run file is corrupt or an output cannot be written; with several, the first
    ///   in plan order; ``RunnerError/interrupted(signal:abandoned:)`` when ``interruption`` is requested before the
    ///   outputs are renamed into place (the previous outputs then stay).
    @discardableResult
    public func aggregate() throws -> Aggregate {
        let plan = Plan(experiment)
        for folder in ["curves"] + (experiment.costBudget == nil ? [] : ["curves-cost"])
            + (experiment.workers.timeBudget == nil ? [] : ["curves-time"])
        {
            let url = store.directory.appendingPathComponent(folder)
            try Self.createFolder(url)
            store.removeStaleTemporaryFiles(in: url)
        }
        // Created by the first noisy problem (the first with failed trials); cleaned when a previous aggregation made
        // it.
        for name in [Self.recommendedCurves, Self.failureCurves] {
            let folder = store.directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: folder.path) { store.removeStaleTemporaryFiles(in: folder) }
        }
        store.removeStaleTemporaryFiles(in: store.directory)

        let evaluations = try AtomicFile(url: store.directory.appendingPathComponent("evaluations.csv"))
        let steps = try AtomicFile(url: store.directory.appendingPathComponent("traces.csv"))
        let recommendedSteps = try AtomicFile(url: store.directory.appendingPathComponent(Self.recommendedTraces))
        try evaluations.appendLine("problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost")
        for file in [steps, recommendedSteps] {
            try file.appendLine(
                "problem,optimizer,repetition,evaluation,cost,metric" + (experiment.workers.isSimulated ? ",time" : ""))
        }
        let writer = AggregateWriter(
            problems: experiment.problems.count, evaluations: evaluations, steps: steps,
            recommendedSteps: recommendedSteps)
        let interruption = self.interruption
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, experiment.problems.count))) { _ in
            while interruption?.isRequested != true, let index = writer.claim() {
                writer.hand(
                    index, Result { try ProblemAggregation(problem: index, plan: plan, aggregator: self, writer: writer) })
            }
        }
        do {
            if let signal = interruption?.signal { throw RunnerError.interrupted(signal: signal, abandoned: 0) }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        let aggregate = Aggregate(
            experiment: experiment.name, planned: plan.runs.count, complete: writer.counts.complete,
            failed: writer.counts.failed, missing: writer.counts.missing, problems: writer.summaries,
            failures: writer.failures)
        let timings = try AtomicFile(url: store.directory.appendingPathComponent("timings.json"))
        let summary = try AtomicFile(url: store.directory.appendingPathComponent("summary.json"))
        let noisy = !writer.noisyProblems.isEmpty
        if !noisy { recommendedSteps.discard() }
        let outputs = writer.outputs + [evaluations, steps] + (noisy ? [recommendedSteps] : []) + [timings, summary]
        do {
            try timings.append(try Self.json(writer.timings))
            try summary.append(try Self.json(aggregate))
            // Everything is written before anything is renamed, so that a full disk leaves the old outputs whole.
            for output in outputs { try output.close() }
            for output in outputs { try output.commit() }
        } catch {
            for output in outputs { output.discard() }
            throw error
        }
        try removeStale(Self.recommendedCurves, keeping: writer.noisyProblems, alsoWhenNone: [Self.recommendedTraces])
        try removeStale(Self.failureCurves, keeping: writer.failingProblems)
        return aggregate
    }

    /// Creates `url` and the folders above it when missing.
    /// - Throws: ``RunnerError/storage(path:reason:)``.
    static func createFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.storage(path: url.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    /// Deletes the per-problem curves of `folderName` that this aggregation did not write (an aggregation of the same
    /// folder before its runs changed made them): the files of problems not in `problems`, and, when `problems` is
    /// empty, the folder and the files `alsoWhenNone` (for the recommended outputs: `curves-recommended/` of the noisy
    /// problems and `traces-recommended.csv`; for `curves-failures/`, the problems with failed trials).
    private func removeStale(_ folderName: String, keeping problems: [String], alsoWhenNone: [String] = []) throws {
        let manager = FileManager.default
        let folder = store.directory.appendingPathComponent(folderName)
        var stale: [URL] = []
        if problems.isEmpty {
            stale = [folder] + alsoWhenNone.map(store.directory.appendingPathComponent)
        } else if let names = try? manager.contentsOfDirectory(atPath: folder.path) {
            let kept = Set(problems.map { "\($0).csv" })
            stale = names.filter { !$0.hasPrefix(".") && !kept.contains($0) }.sorted().map(folder.appendingPathComponent)
        }
        for url in stale where manager.fileExists(atPath: url.path) {
            do {
                try manager.removeItem(at: url)
            } catch {
                throw RunnerError.storage(path: url.path, reason: "cannot be deleted (\(error.localizedDescription))")
            }
        }
    }

    /// How a record differs from the run of the plan whose file holds it, or `nil` when it belongs there.
    static func mismatch(_ record: RunRecord, _ run: PlannedRun, _ experiment: Experiment) -> String? {
        let checks: [(String, String, String)] = [
            ("problem", record.problem, run.problem.label),
            ("optimizer", record.optimizer, run.optimizer.label),
            ("repetition", "\(record.repetition)", "\(run.repetition)"),
            ("budget", "\(record.budget)", "\(experiment.budget)"),
            ("trial recording", record.recording.rawValue, experiment.recording.rawValue),
            ("cost budget", record.costBudget.map { "\($0)" } ?? "none", experiment.costBudget.map { "\($0)" } ?? "none"),
            ("instance seed", record.instanceSeed, RunRecord.hex(run.instanceSeed(experimentSeed: experiment.seed))),
            ("optimizer seed", record.optimizerSeed, RunRecord.hex(run.optimizerSeed(experimentSeed: experiment.seed))),
            ("simulation", simulationLabel(record.simulation), simulationLabel(experiment.workers)),
        ]
        return checks.first { $0.1 != $0.2 }.map { "its \($0.0) is \($0.1), the experiment's is \($0.2)" }
    }

    /// "none", or "4 asynchronous workers, time budget 100 s": a record's simulation as ``WorkerSettings/summary``.
    private static func simulationLabel(_ simulation: SimulationRecord?) -> String {
        guard let simulation else { return "none" }
        let mode = WorkerSettings.Mode(rawValue: simulation.mode) ?? .asynchronous
        let settings = WorkerSettings(
            workers: simulation.workers, mode: mode, timeBudget: simulation.timeBudget, askCharge: simulation.askCharge)
        return simulation.mode == mode.rawValue ? settings.summary : settings.summary + " (mode \(simulation.mode))"
    }

    /// "none" for a sequential run, else the experiment's ``WorkerSettings/summary``.
    private static func simulationLabel(_ settings: WorkerSettings) -> String {
        settings.isSimulated ? settings.summary : "none"
    }

    /// Points of the simulated-time axis: 300, as the cost axis.
    public static let timePoints = 300

    /// Time point `k` (from 0) of ``timePoints`` up to `timeBudget`: `timeBudget · (k + 1) / timePoints` simulated
    /// seconds.
    static func timePoint(_ k: Int, of timeBudget: Double) -> Double {
        timeBudget * Double(k + 1) / Double(timePoints)
    }

    /// Cost point `k` (from 0) of ``costPoints`` up to `costBudget`: `costBudget · (k + 1) / costPoints`.
    static func costPoint(_ k: Int, of costBudget: Double) -> Double {
        costBudget * Double(k + 1) / Double(costPoints)
    }

    /// Appends the quantile rows of `traces` at each of their `budget` points, labelled by `x` (the evaluation number
    /// from 1 by default).
    ///
    /// Best-so-far traces change at few points, so a row whose values are those of the row before (bit for bit)
    /// reuses its statistics, already written as text.
    ///
    /// The traces of `improvements` records hold only the evaluation counts ``logSpacedCounts(upTo:)`` (20 per
    /// decade, COCO's first sequence of evaluation counts, and the budget): pass those as `x`.
    static func appendCurve(
        _ optimizer: String, _ traces: [[Double]], budget: Int, to curves: AtomicFile,
        x: (_ point: Int, _ row: inout TextBuffer) -> Void = { point, row in row.append(point + 1) }
    ) throws {
        guard !traces.isEmpty else { return }
        var values = [Double](repeating: 0, count: traces.count)
        var statistics = TextBuffer(capacity: 96)
        var row = TextBuffer(capacity: 128)
        for evaluation in 0..<budget {
            var changed = evaluation == 0
            for (i, trace) in traces.enumerated() where trace[evaluation].bitPattern != values[i].bitPattern {
                values[i] = trace[evaluation]
                changed = true
            }
            if changed {
                let column = values.sorted()
                statistics.removeAll()
                for field in [
                    Statistics.quantile(sorted: column, 0.5), Statistics.quantile(sorted: column, 0.25),
                    Statistics.quantile(sorted: column, 0.75), Statistics.mean(column),
                ] {
                    statistics.append(ascii: ",")
                    statistics.append(field)
                }
                statistics.append(ascii: "\n")
            }
            // optimizer,evaluation,runs,median,q25,q75,mean
            row.removeAll()
            row.append(optimizer)
            row.append(ascii: ",")
            x(evaluation, &row)
            row.append(ascii: ",")
            row.append(traces.count)
            row.append(statistics.bytes)
            try curves.append(row.bytes)
        }
    }

    /// The distinct counts `floor(10^(k/20))` for `k = 0, 1, ...` up to `budget`, and `budget`, increasing.
    static func logSpacedCounts(upTo budget: Int) -> [Int] {
        var counts: [Int] = []
        var k = 0
        while true {
            let count = Int(pow(10, Double(k) / 20).rounded(.down))
            if count >= budget { break }
            if counts.last != count { counts.append(count) }
            k += 1
        }
        return budget > 0 ? counts + [budget] : []
    }

    static func summary(_ optimizer: String, finals: [Double], failedRuns: Int) -> OptimizerSummary {
        guard !finals.isEmpty else {
            return OptimizerSummary(
                optimizer: optimizer, runs: 0, failedRuns: failedRuns, finalMedian: nil, finalQ25: nil, finalQ75: nil,
                finalMean: nil, finalStd: nil, best: false)
        }
        let sorted = finals.sorted()
        return OptimizerSummary(
            optimizer: optimizer, runs: finals.count, failedRuns: failedRuns,
            finalMedian: Statistics.quantile(sorted: sorted, 0.5), finalQ25: Statistics.quantile(sorted: sorted, 0.25),
            finalQ75: Statistics.quantile(sorted: sorted, 0.75), finalMean: Statistics.mean(finals),
            finalStd: finals.count > 1 ? Statistics.standardDeviation(finals) : nil, best: false)
    }

    /// Marks the black-box summaries of the lowest median (ties all marked); gradient-track ones are never marked.
    public static func markBest(_ summaries: inout [OptimizerSummary]) {
        let blackBox = summaries.indices.filter { summaries[$0].track == nil }
        guard let lowest = blackBox.compactMap({ summaries[$0].finalMedian }).min() else { return }
        for i in blackBox where summaries[i].finalMedian == lowest { summaries[i].best = true }
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value) + Data("\n".utf8)
    }
}

/// Median timings of one optimizer on one problem, in seconds.
///
/// The medians are over the optimizer's complete runs `R` on the problem,
///
///     optimizerSeconds = median_{r ∈ R} Σ_{trials of r} (ask + tell),   evaluationSeconds likewise,
///     wallSeconds = median_{r ∈ R} wall(r),
///
/// since a failed run may stop after a few trials and would look cheap. When none of its runs completed they are over its failed runs instead, so that its time is
/// still shown; `runs` says how many runs they are over (compare `summary.json`'s `runs` and `failedRuns` to tell the
/// two apart). An optimizer without any run file on the problem has no entry.
public struct TimingSummary: Codable, Sendable, Hashable {
    public var problem: String
    public var optimizer: String
    /// The runs the medians are over: the complete ones, or the failed ones when none is complete.
    public var runs: Int
    /// Time spent in the optimizer (ask + tell) per run.
    public var optimizerSeconds: Double
    /// Time spent evaluating the objective per run.
    public var evaluationSeconds: Double
    /// Wall time per run.
    public var wallSeconds: Double

    public init(
        problem: String, optimizer: String, runs: Int, optimizerSeconds: Double, evaluationSeconds: Double,
        wallSeconds: Double
    ) {
        self.problem = problem
        self.optimizer = optimizer
        self.runs = runs
        self.optimizerSeconds = optimizerSeconds
        self.evaluationSeconds = evaluationSeconds
        self.wallSeconds = wallSeconds
    }
}
