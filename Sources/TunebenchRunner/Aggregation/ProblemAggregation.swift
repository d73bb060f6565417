import Foundation
import TunebenchCore
import TunebenchNumerics

/// The aggregation of one problem's runs: its summary, failures and timings, its curve files (written, not yet
/// renamed into place) and its rows of `evaluations.csv`, `traces.csv` and `traces-recommended.csv` (in
/// ``SpillBuffer``s, to be copied into those files in plan order).
///
/// A problem is *noisy* when a complete run recorded the recommendation's noiseless value
/// (``TunebenchCore/TrialRecord/recommended``): then its summary says so (``ProblemSummary/noisy``) and gives the final
/// recommended regret beside the best-evaluated one, it writes `curves-recommended/PROBLEM.csv`, and its rows of
/// `traces-recommended.csv` are kept (a run without any recommendation, whose every trial failed, has `inf` there as
/// in `traces.csv`). A noiseless problem's recommended rows (one `inf` row per run) are dropped, and it writes none
/// of these, so noiseless folders keep their files and bytes.
///
/// `@unchecked Sendable`: it is built on one worker thread and then handed whole to the thread that writes the
/// outputs; no two threads ever hold it at once.
final class ProblemAggregation: @unchecked Sendable {
    var summary: ProblemSummary
    var failures: [FailedRun] = []
    var timings: [TimingSummary] = []
    var complete = 0
    var failed = 0
    var missing = 0
    let evaluationRows: SpillBuffer
    let stepRows: SpillBuffer
    /// The rows of `traces-recommended.csv`, kept in memory or a scratch file (never written straight to the output,
    /// since whether the problem is noisy is known only at its end).
    let recommendedStepRows: SpillBuffer
    /// `curves/PROBLEM.csv`, `curves-cost/PROBLEM.csv` with a cost budget, and `curves-recommended/PROBLEM.csv` for a
    /// noisy problem.
    private(set) var outputs: [AtomicFile] = []

    /// Streams the run files of problem `index` of the plan, one at a time, and writes its curves; its rows go
    /// straight to `writer`'s outputs when it is the next problem to be written there.
    init(problem index: Int, plan: Plan, aggregator: Aggregator, writer: AggregateWriter) throws {
        let experiment = aggregator.experiment
        let store = aggregator.store
        let problem = experiment.problems[index]
        // The plan lists a problem's runs together, optimizer by optimizer.
        let runsPerProblem = experiment.optimizers.count * experiment.repetitions
        let runs = plan.runs[index * runsPerProblem..<(index + 1) * runsPerProblem]
        // `.evaluations.csv.LABEL.HOST-PID.part.tmp`: the process token stays just before the suffix.
        let buffer = { (name: String, destination: (() -> AtomicFile?)?) in
            SpillBuffer(
                scratchURL: AtomicFile.temporaryURL(
                    for: store.directory.appendingPathComponent("\(name).\(problem.label)"), suffix: "part.tmp"),
                reportedPath: store.directory.appendingPathComponent(name).path, limit: aggregator.spillLimit,
                destination: destination)
        }
        evaluationRows = buffer("evaluations.csv") { writer.outputs(ifNext: index)?.evaluations }
        stepRows = buffer("traces.csv") { writer.outputs(ifNext: index)?.steps }
        recommendedStepRows = buffer(Aggregator.recommendedTraces, nil)
        summary = ProblemSummary(problem: problem.label, metric: "regret", optimum: nil, optimizers: [])

        // The runs' optima: one for most problems, one per instance for COCO's (each instance has its own f_opt).
        var optimum: Double?
        var optima: Set<UInt64> = []
        var collected:
            [(
                optimizer: String, traces: [[Double]], costTraces: [[Double]], timeTraces: [[Double]],
                values: [Double], failedRuns: Int,
                sampledCounts: [Int]?, recommendedTraces: [[Double]?], failures: TrialFailures,
                failureTraces: [[Double]?]
            )] = []
        // Whether a complete run recorded recommendations (observation noise).
        var noisy = false
        // Whether the runs' problem has black-box constraints (its metric is then feasible regret).
        var constrained = false
        var referencePoint: [Double]?
        // On a multi-objective problem, each optimizer's complete runs' attained fronts, by repetition.
        var fronts: [[(repetition: Int, points: [[Double]])]] = []
        // Where each run's pooled values start, with its optimum, to shift them when the optima differ.
        var valueOptima: [[(start: Int, optimum: Double)]] = []
        // On simulated workers, each optimizer's complete runs' utilisations (``RunScan/utilisation(workers:)``).
        var utilisations: [[Double]] = []
        for (optimizerIndex, optimizer) in experiment.optimizers.enumerated() {
            var runUtilisations: [Double] = []
            var runFronts: [(repetition: Int, points: [[Double]])] = []
            var traces: [[Double]] = []
            var costTraces: [[Double]] = []
            var timeTraces: [[Double]] = []
            var recommendedTraces: [[Double]?] = []
            var failureTraces: [[Double]?] = []
            var values: [Double] = []
            var valueStarts: [(start: Int, optimum: Double)] = []
            var failedRuns = 0
            var trialFailures = TrialFailures()
            var sampledCounts: [Int]?
            // Each run's (optimizer, evaluation, wall) seconds: the complete runs' and the failed runs'.
            var completeTimes = RunTimes()
            var failedTimes = RunTimes()
            for repetition in 0..<experiment.repetitions {
                let run = runs[runs.startIndex + optimizerIndex * experiment.repetitions + repetition]
                var scan = RunScan(
                    costBudget: experiment.costBudget, timeBudget: experiment.workers.timeBudget,
                    simulated: experiment.workers.isSimulated
                ) {
                    experiment.evaluationBudget(fidelities: $0.fidelities, dimension: $0.parameters.count)
                }
                let read = try store.stream(run) { record, trial in
                    try scan.add(
                        trial, of: record, evaluations: evaluationRows, steps: stepRows,
                        recommendedSteps: recommendedStepRows)
                }
                guard let record = read else {
                    missing += 1
                    continue
                }
                if let mismatch = Aggregator.mismatch(record, run, experiment) {
                    throw RunnerError.foreignRunFile(path: store.runURL(run).path, mismatch: mismatch)
                }
                optimum = optimum ?? record.optimum
                referencePoint = referencePoint ?? record.paretoReference?.point
                if let own = record.optimum { optima.insert(own.bitPattern) }
                guard record.status == .complete else {
                    failedTimes.add(
                        optimizer: scan.optimizerSeconds, evaluation: scan.evaluationSeconds, wall: record.wallSeconds)
                    failed += 1
                    failedRuns += 1
                    failures.append(
                        FailedRun(
                            problem: problem.label, optimizer: optimizer.label, repetition: run.repetition,
                            reason: record.failure ?? "no reason recorded"))
                    continue
                }
                completeTimes.add(
                    optimizer: scan.optimizerSeconds, evaluation: scan.evaluationSeconds, wall: record.wallSeconds)
                complete += 1
                try scan.finish(record, budget: experiment.evaluationBudget(
                    fidelities: record.fidelities, dimension: record.parameters.count), steps: stepRows,
                    recommendedSteps: recommendedStepRows)
                // The metric: each run's regret against its own optimum (the best value without one).
                if let own = record.optimum {
                    for j in scan.trace.indices { scan.trace[j] -= own }
                    for j in scan.costTrace.indices { scan.costTrace[j] -= own }
                    for j in scan.timeTrace.indices { scan.timeTrace[j] -= own }
                    if scan.recommendedTrace != nil {
                        for j in scan.recommendedTrace!.indices { scan.recommendedTrace![j] -= own }
                    }
                    valueStarts.append((values.count, own))
                }
                if let points = scan.attainedPoints { runFronts.append((run.repetition, points)) }
                noisy = noisy || scan.recommendedTrace != nil
                recommendedTraces.append(scan.recommendedTrace)
                failureTraces.append(scan.failureTrace)
                traces.append(scan.trace)
                sampledCounts = sampledCounts ?? scan.sampledCounts
                values += scan.values
                trialFailures.add(
                    trials: scan.trials, failed: scan.failedTrials, infeasible: scan.infeasibleTrials,
                    counted: scan.counted)
                constrained = constrained || record.constraintCount > 0
                if experiment.costBudget != nil { costTraces.append(scan.costTrace) }
                if experiment.workers.timeBudget != nil { timeTraces.append(scan.timeTrace) }
                if experiment.workers.isSimulated, let share = scan.utilisation(workers: experiment.workers.workers) {
                    runUtilisations.append(share)
                }
            }
            utilisations.append(runUtilisations)
            collected.append(
                (optimizer.label, traces, costTraces, timeTraces, values, failedRuns, sampledCounts, recommendedTraces,
                    trialFailures, failureTraces))
            valueOptima.append(valueStarts)
            fronts.append(runFronts)
            // Over the complete runs (a failed run may stop early and look cheap); only without any, the failed ones.
            if let timing = (completeTimes.runs > 0 ? completeTimes : failedTimes).summary(
                problem: problem.label, optimizer: optimizer.label)
            {
                timings.append(timing)
            }
        }

        // The metric needs the optimum, known once any run of the problem has been read.
        // A new curve file of the problem in `folder` (created when missing with `create`), with its header.
        func curveFile(in folder: String, axis: String = "evaluation", create: Bool = false) throws -> AtomicFile {
            let url = store.directory.appendingPathComponent(folder)
            if create { try Aggregator.createFolder(url) }
            let file = try AtomicFile(url: url.appendingPathComponent("\(problem.label).csv"))
            outputs.append(file)
            try file.appendLine("optimizer,\(axis),runs,median,q25,q75,mean")
            return file
        }
        let curves = try curveFile(in: "curves")
        let costCurves = experiment.costBudget == nil ? nil : try curveFile(in: "curves-cost", axis: "cost")
        let timeCurves = experiment.workers.timeBudget == nil ? nil : try curveFile(in: "curves-time", axis: "time")
        let recommendedCurves = noisy ? try curveFile(in: Aggregator.recommendedCurves, create: true) : nil
        // The failed-share curves, on a problem where some trial failed.
        let failureCurves =
            collected.contains(where: { $0.failures.failed > 0 })
            ? try curveFile(in: Aggregator.failureCurves, create: true) : nil
        // The front's sample for IGD+, on a multi-objective problem whose front is known.
        let referenceFront = referencePoint == nil ? nil : aggregator.referenceFront?(problem)
        // The attained fronts, on a multi-objective problem: `fronts/PROBLEM.csv`.
        if let referencePoint {
            let url = store.directory.appendingPathComponent("fronts")
            try Aggregator.createFolder(url)
            let file = try AtomicFile(url: url.appendingPathComponent("\(problem.label).csv"))
            outputs.append(file)
            try file.appendLine(
                "optimizer,repetition," + (1...referencePoint.count).map { "f\($0)" }.joined(separator: ","))
            var row = TextBuffer()
            for (index, optimizer) in experiment.optimizers.enumerated() {
                for (repetition, points) in fronts[index] {
                    for point in points {
                        row.removeAll()
                        row.append(optimizer.label)
                        row.append(ascii: ",")
                        row.append(repetition)
                        for value in point {
                            row.append(ascii: ",")
                            row.append(value)
                        }
                        row.append(ascii: "\n")
                        try file.append(row.bytes)
                    }
                }
            }
        }
        var summaries: [OptimizerSummary] = []
        for index in collected.indices {
            let (label, _, _, _, values, failedRuns, _, _, trialFailures, _) = collected[index]
            // The metric in place, one optimizer at a time, freeing its traces once its curves are written.
            let metric = collected[index].traces
            collected[index].traces = []
            try Self.appendCurve(label, metric, sampledCounts: collected[index].sampledCounts, to: curves)
            if let costBudget = experiment.costBudget, let costCurves {
                let costMetric = collected[index].costTraces
                collected[index].costTraces = []
                try Aggregator.appendCurve(label, costMetric, budget: Aggregator.costPoints, to: costCurves) { point, row in
                    row.append(Aggregator.costPoint(point, of: costBudget))
                }
            }
            if let timeBudget = experiment.workers.timeBudget, let timeCurves {
                let timeMetric = collected[index].timeTraces
                collected[index].timeTraces = []
                try Aggregator.appendCurve(label, timeMetric, budget: Aggregator.timePoints, to: timeCurves) {
                    point, row in row.append(Aggregator.timePoint(point, of: timeBudget))
                }
            }
            if let failureCurves {
                // A run without failed trials has a share of 0 at every count.
                let shares = zip(collected[index].failureTraces, metric).map { own, trace in
                    own ?? [Double](repeating: 0, count: trace.count)
                }
                collected[index].failureTraces = []
                try Self.appendCurve(label, shares, sampledCounts: collected[index].sampledCounts, to: failureCurves)
            }
            var optimizerSummary = Aggregator.summary(label, finals: metric.compactMap(\.last), failedRuns: failedRuns)
            if let recommendedCurves {
                // A run without recommendations (every trial failed) has none at any count, as it has no best value.
                let recommended = zip(collected[index].recommendedTraces, metric).map { own, trace in
                    own ?? [Double](repeating: .infinity, count: trace.count)
                }
                collected[index].recommendedTraces = []
                try Self.appendCurve(
                    label, recommended, sampledCounts: collected[index].sampledCounts, to: recommendedCurves)
                optimizerSummary.addRecommended(
                    Aggregator.summary(label, finals: recommended.compactMap(\.last), failedRuns: failedRuns))
            }
            if aggregator.gradientTrack.contains(problem: problem.label, optimizer: label) { optimizerSummary.track = .gradient }
            if optima.count <= 1 {
                optimizerSummary.evaluationMedian = values.isEmpty ? nil : Statistics.median(values) - (optimum ?? 0)
                optimizerSummary.evaluationLowerMedian =
                    values.isEmpty ? nil : Statistics.lowerMedian(values) - (optimum ?? 0)
            } else {
                // Instances with their own optima: each value's regret against its run's.
                var regrets = values
                let starts = valueOptima[index]
                for (k, run) in starts.enumerated() {
                    let end = k + 1 < starts.count ? starts[k + 1].start : regrets.count
                    for j in run.start..<end { regrets[j] -= run.optimum }
                }
                optimizerSummary.evaluationMedian = regrets.isEmpty ? nil : Statistics.median(regrets)
                optimizerSummary.evaluationLowerMedian = regrets.isEmpty ? nil : Statistics.lowerMedian(regrets)
            }
            // Trial failure counts only on problems where some trial failed, so that other summaries keep their bytes.
            if collected.contains(where: { $0.failures.failed > 0 }) { trialFailures.record(in: &optimizerSummary) }
            if constrained { trialFailures.recordFeasibility(in: &optimizerSummary) }
            if !utilisations[index].isEmpty {
                optimizerSummary.utilisationMedian = Statistics.median(utilisations[index])
            }
            if let referenceFront, !fronts[index].isEmpty {
                optimizerSummary.igdPlusMedian = Statistics.median(
                    fronts[index].map { run in
                        run.points.isEmpty
                            ? .infinity : QualityIndicators.igdPlus(run.points, reference: referenceFront)
                    })
            }
            summaries.append(optimizerSummary)
        }
        Aggregator.markBest(&summaries)
        // A problem whose instances have different optima (COCO's) has no single optimum to report.
        summary = ProblemSummary(
            problem: problem.label, metric: optimum == nil ? "best value" : "regret",
            optimum: optima.count <= 1 ? optimum : nil, optimizers: summaries)
        if noisy { summary.noisy = true }
        if constrained { summary.constrained = true }
        summary.referencePoint = referencePoint
        // Until the rows are copied out in plan order, keep no file open and no more than the spill limit in memory.
        try curves.close()
        try costCurves?.close()
        try timeCurves?.close()
        try recommendedCurves?.close()
        try failureCurves?.close()
        try evaluationRows.seal()
        try stepRows.seal()
        if noisy { try recommendedStepRows.seal() } else { recommendedStepRows.remove() }
    }

    /// The curve rows of `traces` on the evaluation axis: at every evaluation, or at `sampledCounts` for the traces
    /// of `improvements` records.
    private static func appendCurve(
        _ label: String, _ traces: [[Double]], sampledCounts: [Int]?, to curves: AtomicFile
    ) throws {
        if let counts = sampledCounts {
            try Aggregator.appendCurve(label, traces, budget: counts.count, to: curves) { point, row in
                row.append(counts[point])
            }
        } else {
            try Aggregator.appendCurve(label, traces, budget: traces.first?.count ?? 0, to: curves)
        }
    }

}
