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
/// - `traces.csv`: `problem,optimizer,repetition,evaluation,cost,metric`, the best-so-far metric of every complete
///   run as a step function: one row at each evaluation that lowers it and one at the run's last evaluation, in plan
///   order. The metric is the regret (best full-fidelity true value minus the optimum) or, when the optimum is
///   unknown, the best value. Compact (a run of n random evaluations has about ln n rows) and enough for every
///   statistic of a report: ranks, time to target, data profiles, final values.
/// - `summary.json`: an ``Aggregate``.
/// - `timings.json`: per problem and optimizer, medians over runs of optimizer time (ask + tell), evaluation time
///   and wall time, in seconds.
///
/// **Fidelity rule.** Only full-fidelity evaluations (no level, or the problem's last level) count towards the best
/// value and regret, on both axes: a lower level's value estimates another objective (fewer epochs, fewer trees).
/// A multi-fidelity optimizer therefore shows `inf` until its first full-fidelity evaluation. The summary's final
/// values are those at the end of the evaluation axis; with a cost budget every run stays within it, so they are
/// also the values at the full cost.
///
/// Failed runs are left out of the CSVs and statistics and listed with their reasons in `summary.json`.
public struct Aggregator {
    /// Points of the cost axis: 300, so that tenths and thirds of the budget fall on it.
    public static let costPoints = 300

    public var experiment: Experiment
    public var store: ResultStore
    /// Threads that read and parse run files; the outputs do not depend on it.
    public var jobs: Int

    public init(experiment: Experiment, store: ResultStore, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.experiment = experiment
        self.store = store
        self.jobs = jobs
    }

    /// Reads every run file of the plan and writes the outputs.
    /// - Returns: the summary.
    /// - Throws: ``RunnerError`` when a run file is corrupt or an output cannot be written.
    @discardableResult
    public func aggregate() throws -> Aggregate {
        let plan = Plan(experiment)
        var evaluations = CSVWriter(header: "problem,optimizer,repetition,evaluation,value,best,regret,fidelity,cost")
        var stepRows = CSVWriter(header: "problem,optimizer,repetition,evaluation,cost,metric")
        var problems: [ProblemSummary] = []
        var failures: [FailedRun] = []
        var timings: [TimingSummary] = []
        var counts = (complete: 0, failed: 0, missing: 0)
        try FileManager.default.createDirectory(
            at: store.directory.appendingPathComponent("curves"), withIntermediateDirectories: true)
        if experiment.costBudget != nil {
            try FileManager.default.createDirectory(
                at: store.directory.appendingPathComponent("curves-cost"), withIntermediateDirectories: true)
        }

        let runsPerProblem = experiment.optimizers.count * experiment.repetitions
        for (problemIndex, problem) in experiment.problems.enumerated() {
            // The plan lists a problem's runs together, optimizer by optimizer; read them in parallel, use in order.
            let problemRuns = Array(plan.runs[problemIndex * runsPerProblem..<(problemIndex + 1) * runsPerProblem])
            let records = try RecordLoader.load(problemRuns, from: store, jobs: jobs)
            var optimum: Double?
            var collected:
                [(optimizer: String, traces: [[Double]], costTraces: [[Double]], values: [Double], failedRuns: Int)] =
                    []
            for (optimizerIndex, optimizer) in experiment.optimizers.enumerated() {
                var traces: [[Double]] = []
                var costTraces: [[Double]] = []
                var values: [Double] = []
                var failedRuns = 0
                var overhead: [Double] = []
                var evaluationTime: [Double] = []
                var wall: [Double] = []
                for repetition in 0..<experiment.repetitions {
                    let run = problemRuns[optimizerIndex * experiment.repetitions + repetition]
                    guard let record = records[optimizerIndex * experiment.repetitions + repetition] else {
                        counts.missing += 1
                        continue
                    }
                    if let mismatch = Self.mismatch(record, run, experiment) {
                        throw RunnerError.foreignRunFile(path: store.runURL(run).path, mismatch: mismatch)
                    }
                    optimum = optimum ?? record.optimum
                    overhead.append(record.trials.reduce(0) { $0 + $1.askSeconds + $1.tellSeconds })
                    evaluationTime.append(record.trials.reduce(0) { $0 + $1.evaluationSeconds })
                    wall.append(record.wallSeconds)
                    guard record.status == .complete else {
                        counts.failed += 1
                        failedRuns += 1
                        failures.append(
                            FailedRun(
                                problem: problem.label, optimizer: optimizer.label, repetition: run.repetition,
                                reason: record.failure ?? "no reason recorded"))
                        continue
                    }
                    counts.complete += 1
                    let evaluationBudget = experiment.evaluationBudget(fidelities: record.fidelities)
                    traces.append(
                        Self.bestSoFar(record, budget: evaluationBudget, evaluations: &evaluations, steps: &stepRows))
                    values += record.trials.compactMap { record.isFullFidelity($0) ? $0.trueValue : nil }
                    if let costBudget = experiment.costBudget {
                        costTraces.append(Self.bestOverCost(record, costBudget: costBudget))
                    }
                }
                collected.append((optimizer.label, traces, costTraces, values, failedRuns))
                if !wall.isEmpty {
                    timings.append(
                        TimingSummary(
                            problem: problem.label, optimizer: optimizer.label, runs: wall.count,
                            optimizerSeconds: Statistics.median(overhead),
                            evaluationSeconds: Statistics.median(evaluationTime),
                            wallSeconds: Statistics.median(wall)))
                }
            }
            // The metric needs the optimum, known once any run of the problem has been read.
            var curves = CSVWriter(header: "optimizer,evaluation,runs,median,q25,q75,mean")
            var costCurves = CSVWriter(header: "optimizer,cost,runs,median,q25,q75,mean")
            var summaries: [OptimizerSummary] = []
            for (label, traces, costTraces, values, failedRuns) in collected {
                let metric = traces.map { trace in trace.map { $0 - (optimum ?? 0) } }
                Self.appendCurve(label, metric, budget: metric.first?.count ?? 0, to: &curves)
                if let costBudget = experiment.costBudget {
                    let costMetric = costTraces.map { trace in trace.map { $0 - (optimum ?? 0) } }
                    Self.appendCurve(label, costMetric, budget: Self.costPoints, to: &costCurves) { point in
                        CSVWriter.number(Self.costPoint(point, of: costBudget))
                    }
                }
                var summary = Self.summary(label, finals: metric.compactMap(\.last), failedRuns: failedRuns)
                summary.evaluationMedian = values.isEmpty ? nil : Statistics.median(values) - (optimum ?? 0)
                summaries.append(summary)
            }
            Self.markBest(&summaries)
            problems.append(
                ProblemSummary(
                    problem: problem.label, metric: optimum == nil ? "best value" : "regret", optimum: optimum,
                    optimizers: summaries))
            try curves.write(to: store.directory.appendingPathComponent("curves/\(problem.label).csv"), store: store)
            if experiment.costBudget != nil {
                try costCurves.write(
                    to: store.directory.appendingPathComponent("curves-cost/\(problem.label).csv"), store: store)
            }
        }
        try evaluations.write(to: store.directory.appendingPathComponent("evaluations.csv"), store: store)
        try stepRows.write(to: store.directory.appendingPathComponent("traces.csv"), store: store)
        let aggregate = Aggregate(
            experiment: experiment.name, planned: plan.runs.count, complete: counts.complete, failed: counts.failed,
            missing: counts.missing, problems: problems, failures: failures)
        try store.writeAtomically(try Self.json(aggregate), to: store.directory.appendingPathComponent("summary.json"))
        try store.writeAtomically(try Self.json(timings), to: store.directory.appendingPathComponent("timings.json"))
        return aggregate
    }

    /// How a record differs from the run of the plan whose file holds it, or `nil` when it belongs there.
    static func mismatch(_ record: RunRecord, _ run: PlannedRun, _ experiment: Experiment) -> String? {
        let checks: [(String, String, String)] = [
            ("problem", record.problem, run.problem.label),
            ("optimizer", record.optimizer, run.optimizer.label),
            ("repetition", "\(record.repetition)", "\(run.repetition)"),
            ("budget", "\(record.budget)", "\(experiment.budget)"),
            ("cost budget", record.costBudget.map { "\($0)" } ?? "none", experiment.costBudget.map { "\($0)" } ?? "none"),
            ("instance seed", record.instanceSeed, RunRecord.hex(run.instanceSeed(experimentSeed: experiment.seed))),
            ("optimizer seed", record.optimizerSeed, RunRecord.hex(run.optimizerSeed(experimentSeed: experiment.seed))),
        ]
        return checks.first { $0.1 != $0.2 }.map { "its \($0.0) is \($0.1), the experiment's is \($0.2)" }
    }

    /// The best true value after each evaluation, padded to `budget` with the last value; appends the run's rows
    /// to the evaluations CSV and its improvements (and last evaluation) to the traces CSV on the way.
    static func bestSoFar(
        _ record: RunRecord, budget: Int, evaluations: inout CSVWriter, steps: inout CSVWriter
    ) -> [Double] {
        var best = Double.infinity
        var cost = 0.0
        var trace: [Double] = []
        trace.reserveCapacity(budget)
        let prefix = "\(record.problem),\(record.optimizer),\(record.repetition),"
        for (index, trial) in record.trials.enumerated() {
            if record.isFullFidelity(trial), let value = trial.trueValue, value < best { best = value }
            cost += trial.cost
            if best < (trace.last ?? .infinity) || index == record.trials.count - 1 {
                steps.appendRow(
                    prefix + "\(index + 1),\(CSVWriter.number(cost)),\(CSVWriter.number(best - (record.optimum ?? 0)))")
            }
            trace.append(best)
            let regret = record.optimum.map { CSVWriter.number(best - $0) } ?? ""
            let steps = trial.fidelity.flatMap { record.fidelities.indices.contains($0) ? record.fidelities[$0].steps : nil }
            evaluations.appendRow(
                prefix + "\(index + 1),\(trial.value.map(CSVWriter.number) ?? ""),\(CSVWriter.number(best)),\(regret),"
                    + "\(steps.map { "\($0)" } ?? ""),\(CSVWriter.number(cost))")
        }
        while trace.count < budget { trace.append(best) }
        return trace
    }

    /// Cost point `k` (from 0) of ``costPoints`` up to `costBudget`: `costBudget · (k + 1) / costPoints`.
    static func costPoint(_ k: Int, of costBudget: Double) -> Double {
        costBudget * Double(k + 1) / Double(costPoints)
    }

    /// The best full-fidelity true value at each of the ``costPoints`` costs: among the trials whose cumulative cost
    /// is at most the point (with a relative tolerance of 1e-12 for rounding in the sum).
    static func bestOverCost(_ record: RunRecord, costBudget: Double) -> [Double] {
        var trace = [Double](repeating: .infinity, count: costPoints)
        var best = Double.infinity
        var cost = 0.0
        var point = 0
        for trial in record.trials {
            cost += trial.cost
            while point < costPoints && costPoint(point, of: costBudget) * (1 + 1e-12) < cost {
                trace[point] = best
                point += 1
            }
            if record.isFullFidelity(trial), let value = trial.trueValue, value < best { best = value }
        }
        while point < costPoints {
            trace[point] = best
            point += 1
        }
        return trace
    }

    /// Appends the quantile rows of `traces` at each of their `budget` points, labelled by `x` (the evaluation number
    /// from 1 by default).
    static func appendCurve(
        _ optimizer: String, _ traces: [[Double]], budget: Int, to curves: inout CSVWriter,
        x: (Int) -> String = { "\($0 + 1)" }
    ) {
        guard !traces.isEmpty else { return }
        var column = [Double](repeating: 0, count: traces.count)
        for evaluation in 0..<budget {
            for (i, trace) in traces.enumerated() { column[i] = trace[evaluation] }
            column.sort()
            let fields = [
                Statistics.quantile(sorted: column, 0.5), Statistics.quantile(sorted: column, 0.25),
                Statistics.quantile(sorted: column, 0.75), Statistics.mean(column),
            ].map(CSVWriter.number)
            curves.appendRow("\(optimizer),\(x(evaluation)),\(traces.count)," + fields.joined(separator: ","))
        }
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

    static func markBest(_ summaries: inout [OptimizerSummary]) {
        guard let lowest = summaries.compactMap(\.finalMedian).min() else { return }
        for i in summaries.indices where summaries[i].finalMedian == lowest { summaries[i].best = true }
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
public struct TimingSummary: Codable, Sendable, Hashable {
    public var problem: String
    public var optimizer: String
    public var runs: Int
    /// Time spent in the optimizer (ask + tell) per run.
    public var optimizerSeconds: Double
    /// Time spent evaluating the objective per run.
    public var evaluationSeconds: Double
    /// Wall time per run.
    public var wallSeconds: Double
}
