import Foundation
import TunebenchCore
import TunebenchRunner

/// Everything a report reads from a result folder, and only from its files:
/// - `experiment.json` (already loaded by the caller: names, budget, repetitions);
/// - `summary.json`: run counts, failed runs with reasons, final-value statistics, each optimizer's
///   `evaluationMedian`, the optimum per problem;
/// - `traces.csv`: the best-so-far step function of every complete run;
/// - `curves/PROBLEM.csv`, or `curves-cost/PROBLEM.csv` with a cost budget, or `curves-time/PROBLEM.csv` on
///   simulated workers with a time budget (which then gives the axis): the median and quartile curves;
/// - for the problems with observation noise (`noisy` in `summary.json`), `traces-recommended.csv` and
///   `curves-recommended/PROBLEM.csv`: the same for the recommended regret (``ReportMetric``);
/// - `timings.json` when present: optimizer (ask + tell), evaluation and wall times.
public struct ReportInput: Sendable {
    public var experiment: Experiment
    public var directory: URL
    public var aggregate: Aggregate
    public var timings: [TimingSummary]?
    public var problems: [ProblemRuns]
    /// Per problem label, the curves in the experiment's optimizer order.
    public var curves: [String: [Curve]]
    /// The problems with observation noise, in experiment order, with the traces of their recommended regret (the
    /// noiseless value of what each optimizer would recommend, minus the optimum); empty without noise.
    public var recommended: [ProblemRuns] = []
    /// Per noisy problem, the curves of the recommended regret, on the evaluation axis.
    public var recommendedCurves: [String: [Curve]] = [:]
    /// Per problem where some trial failed, the curves of the share of trials failed so far (`curves-failures/`), on
    /// the evaluation axis; absent for a folder aggregated before they were written (2026-12-06).
    public var failureCurves: [String: [Curve]] = [:]
    /// Per two-objective problem, each optimizer's complete runs' attained fronts (`fronts/PROBLEM.csv`), by
    /// optimizer label and repetition.
    public var fronts: [String: [String: [Int: [[Double]]]]] = [:]
    public var axis: ReportAxis
    /// The labels of the problems from COCO's suites (``CocoTimeToTarget/isCoco(_:)``), when the axis counts
    /// evaluations.
    public var cocoProblems: Set<String> {
        guard axis.kind == .evaluations else { return [] }
        return Set(experiment.problems.filter { CocoTimeToTarget.isCoco($0.name) }.map(\.label))
    }

    /// The command that writes the aggregate files of `directory`, for error messages.
    public static func aggregateHint(_ directory: URL) -> String {
        "`tunebench aggregate \(directory.path)` writes it from the run files"
    }

    /// Reads the folder's files.
    /// - Throws: ``ReportError`` naming the file, line, field and value of the first problem.
    public init(experiment: Experiment, directory: URL) throws {
        self.experiment = experiment
        self.directory = directory
        let hint = Self.aggregateHint(directory)
        aggregate = try Self.readSummary(
            directory.appendingPathComponent("summary.json"), experiment: experiment, hint: hint)
        let problemLabels = experiment.problems.map(\.label)
        timings = try Self.timings(directory: directory)
        problems = try Self.readTraces(
            directory.appendingPathComponent("traces.csv"), experiment: experiment, aggregate: aggregate, hint: hint)
        var curves: [String: [Curve]] = [:]
        let kind: ReportAxis.Kind =
            experiment.workers.timeBudget != nil ? .time : experiment.costBudget != nil ? .cost : .evaluations
        for problem in problemLabels {
            curves[problem] = try Self.readCurves(
                directory.appendingPathComponent("\(kind.curvesFolder)/\(problem).csv"), x: kind.unit, hint: hint)
        }
        self.curves = curves
        recommended = try Self.readRecommendedTraces(directory, experiment: experiment, aggregate: aggregate, hint: hint)
        for problem in recommended.map(\.problem) {
            recommendedCurves[problem] = try Self.readCurves(
                directory.appendingPathComponent("\(Aggregator.recommendedCurves)/\(problem).csv"), x: "evaluation",
                hint: hint)
        }
        for summary in aggregate.problems where summary.optimizers.contains(where: { $0.failedTrials != nil }) {
            let url = directory.appendingPathComponent("\(Aggregator.failureCurves)/\(summary.problem).csv")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            failureCurves[summary.problem] = try Self.readCurves(url, x: "evaluation", hint: hint)
        }
        for summary in aggregate.problems where summary.referencePoint?.count == 2 {
            let url = directory.appendingPathComponent("fronts/\(summary.problem).csv")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            var byOptimizer: [String: [Int: [[Double]]]] = [:]
            try CSVReader.forEachRow(url, required: ["optimizer", "repetition", "f1", "f2"], hint: hint) { row in
                let point = [try row.number("f1"), try row.number("f2")]
                byOptimizer[String(row.text("optimizer")), default: [:]][try row.integer("repetition"), default: []]
                    .append(point)
            }
            fronts[summary.problem] = byOptimizer
        }
        if let timeBudget = experiment.workers.timeBudget {
            axis = .time(budget: timeBudget, points: Aggregator.timePoints)
        } else if let costBudget = experiment.costBudget {
            axis = .cost(budget: costBudget, points: Aggregator.costPoints)
        } else if experiment.budgetPerDimension {
            // Each problem's budget is its own (budget x dimension, the end of its curves); the analyses across
            // problems run to the largest, where a shorter run keeps its final value.
            let longest = curves.values.flatMap { $0.compactMap(\.x.last) }.max() ?? Double(experiment.budget)
            axis = .evaluations(budget: Int(longest))
        } else {
            axis = .evaluations(budget: experiment.budget)
        }
    }

    /// The complete runs of every optimizer by problem, from `summary.json` and `traces.csv` only (what comparing
    /// two folders needs); with `metric` ``ReportMetric/recommended``, the noisy problems' runs are their recommended
    /// traces (`traces-recommended.csv`).
    /// - Throws: ``ReportError`` naming the file, line, field and value of the first problem.
    public static func runs(
        experiment: Experiment, directory: URL, metric: ReportMetric = .bestEvaluated
    ) throws -> [ProblemRuns] {
        let hint = aggregateHint(directory)
        let aggregate = try readSummary(directory.appendingPathComponent("summary.json"), experiment: experiment, hint: hint)
        let runs = try readTraces(
            directory.appendingPathComponent("traces.csv"), experiment: experiment, aggregate: aggregate, hint: hint)
        guard metric == .recommended else { return runs }
        let recommended = try readRecommendedTraces(directory, experiment: experiment, aggregate: aggregate, hint: hint)
        return runs.map { problem in recommended.first { $0.problem == problem.problem } ?? problem }
    }

    /// The folder's `timings.json`: optimizer (ask + tell), evaluation and wall times per (problem, optimizer), or
    /// `nil` when the file does not exist.
    /// - Throws: ``ReportError/malformed(path:line:field:value:reason:)`` when it cannot be read as timings.
    public static func timings(directory: URL) throws -> [TimingSummary]? {
        let url = directory.appendingPathComponent("timings.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder.report.decode([TimingSummary].self, from: data)
        } catch {
            throw ReportError.malformed(path: url.path, line: 0, field: "timings", value: "", reason: "\(error)")
        }
    }

    /// The recommended traces of the noisy problems (`traces-recommended.csv`), or none when no problem is noisy.
    static func readRecommendedTraces(
        _ directory: URL, experiment: Experiment, aggregate: Aggregate, hint: String
    ) throws -> [ProblemRuns] {
        let noisy = Set(aggregate.problems.filter { $0.noisy == true }.map(\.problem))
        guard !noisy.isEmpty else { return [] }
        return try readTraces(
            directory.appendingPathComponent(Aggregator.recommendedTraces), experiment: experiment,
            aggregate: aggregate, only: noisy, hint: hint)
    }

    static func readSummary(_ url: URL, experiment: Experiment, hint: String) throws -> Aggregate {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError.missingFile(path: url.path, hint: hint)
        }
        let aggregate: Aggregate
        do {
            aggregate = try JSONDecoder.report.decode(Aggregate.self, from: data)
        } catch {
            throw ReportError.malformed(path: url.path, line: 0, field: "summary", value: "", reason: "\(error)")
        }
        let problemLabels = experiment.problems.map(\.label)
        guard aggregate.problems.map(\.problem) == problemLabels else {
            throw ReportError.malformed(
                path: url.path, line: 0, field: "problems", value: aggregate.problems.map(\.problem).joined(separator: ","),
                reason: "they are not the experiment's (\(problemLabels.joined(separator: ","))); " + hint)
        }
        let optimizerLabels = experiment.optimizers.map(\.label)
        if let problem = aggregate.problems.first(where: { $0.optimizers.map(\.optimizer) != optimizerLabels }) {
            throw ReportError.malformed(
                path: url.path, line: 0, field: "problems[\(problem.problem)].optimizers",
                value: problem.optimizers.map(\.optimizer).joined(separator: ","),
                reason: "they are not the experiment's (\(optimizerLabels.joined(separator: ","))); " + hint)
        }
        return aggregate
    }

    /// The runs of `traces.csv`, or of a file with its columns, for every problem of `aggregate` or, given `only`,
    /// for those (the file must then hold no other).
    static func readTraces(
        _ url: URL, experiment: Experiment, aggregate: Aggregate, only: Set<String>? = nil, hint: String
    ) throws -> [ProblemRuns] {
        // Runs by (problem, optimizer), steps in file order.
        var runs: [String: [String: [Int: [RunTrace.Step]]]] = [:]
        var order: [String: [String: [Int]]] = [:]
        try CSVReader.forEachRow(
            url, required: ["problem", "optimizer", "repetition", "evaluation", "cost", "metric"], hint: hint
        ) { row in
            if experiment.workers.isSimulated, !row.has("time") {
                throw ReportError.malformed(
                    path: url.path, line: 1, field: "time", value: "",
                    reason: "a folder run on simulated workers needs the column of simulated times; " + hint)
            }
            let problem = String(row.text("problem"))
            let optimizer = String(row.text("optimizer"))
            let repetition = try row.integer("repetition")
            let step = RunTrace.Step(
                evaluation: try row.integer("evaluation"), cost: try row.number("cost"),
                metric: try row.number("metric"), time: row.has("time") ? try row.number("time") : 0)
            if runs[problem, default: [:]][optimizer, default: [:]][repetition] == nil {
                order[problem, default: [:]][optimizer, default: []].append(repetition)
            }
            runs[problem, default: [:]][optimizer, default: [:]][repetition, default: []].append(step)
        }
        let known = only ?? Set(experiment.problems.map(\.label))
        if let stray = runs.keys.sorted().first(where: { !known.contains($0) }) {
            throw ReportError.malformed(
                path: url.path, line: 0, field: "problem", value: stray,
                reason: only == nil ? "not a problem of the experiment" : "not a noisy problem of summary.json; " + hint)
        }
        let optimizers = Set(experiment.optimizers.map(\.label))
        for (problem, byOptimizer) in runs.sorted(by: { $0.key < $1.key }) {
            if let stray = byOptimizer.keys.sorted().first(where: { !optimizers.contains($0) }) {
                throw ReportError.malformed(
                    path: url.path, line: 0, field: "optimizer", value: stray,
                    reason: "not an optimizer of the experiment (problem \(problem))")
            }
        }
        let summaries = aggregate.problems.filter { only?.contains($0.problem) ?? true }
        for summary in summaries {
            for optimizer in summary.optimizers {
                let found = runs[summary.problem]?[optimizer.optimizer] ?? [:]
                guard found.count == optimizer.runs else {
                    throw ReportError.malformed(
                        path: url.path, line: 0, field: "\(summary.problem)/\(optimizer.optimizer)", value: "\(found.count) runs",
                        reason: "summary.json counts \(optimizer.runs) complete runs; the files are from different "
                            + "aggregations: " + hint)
                }
                for (repetition, steps) in found.sorted(by: { $0.key < $1.key })
                where zip(steps, steps.dropFirst()).contains(where: {
                    $0.evaluation >= $1.evaluation || $0.cost > $1.cost || $0.time > $1.time
                }) {
                    throw ReportError.malformed(
                        path: url.path, line: 0, field: "\(summary.problem)/\(optimizer.optimizer)/\(repetition)",
                        value: "", reason: "its rows are not in increasing evaluation, cost and time order")
                }
            }
        }
        return summaries.map { summary in
            var problem = ProblemRuns(
                problem: summary.problem, metric: summary.metric, optimum: summary.optimum,
                optimizers: summary.optimizers.map { optimizer in
                    let repetitions = order[summary.problem]?[optimizer.optimizer] ?? []
                    return OptimizerRuns(
                        optimizer: optimizer.optimizer,
                        runs: repetitions.map {
                            RunTrace(repetition: $0, steps: runs[summary.problem]![optimizer.optimizer]![$0]!)
                        },
                        evaluationMedian: optimizer.evaluationMedian,
                        evaluationLowerMedian: optimizer.evaluationLowerMedian, failedRuns: optimizer.failedRuns)
                },
                repetitions: experiment.repetitions)
            problem.constrained = summary.constrained == true
            problem.referencePoint = summary.referencePoint
            return problem
        }
    }

    /// Reads a curves file, keeping of each stretch of equal rows (same median and quartiles) only its first and last
    /// row: the plot is the same (its renderer drops such vertices anyway), and a long budget whose curves change a few
    /// hundred times is held in a few hundred points instead of one per evaluation.
    static func readCurves(_ url: URL, x: String, hint: String) throws -> [Curve] {
        var curves: [Curve] = []
        // The last row read, when it repeats the last kept row and has not been kept itself.
        var held: (x: Double, median: Double, q25: Double, q75: Double)?
        func keep(_ point: (x: Double, median: Double, q25: Double, q75: Double)) {
            curves[curves.count - 1].x.append(point.x)
            curves[curves.count - 1].median.append(point.median)
            curves[curves.count - 1].q25.append(point.q25)
            curves[curves.count - 1].q75.append(point.q75)
        }
        try CSVReader.forEachRow(url, required: ["optimizer", x, "runs", "median", "q25", "q75"], hint: hint) { row in
            let optimizer = row.text("optimizer")
            if curves.last?.optimizer[...] != optimizer {
                if let point = held { keep(point) }
                held = nil
                curves.append(Curve(optimizer: String(optimizer), x: [], median: [], q25: [], q75: [], runs: 0))
            }
            let point = (
                x: try row.number(x), median: try row.number("median"), q25: try row.number("q25"),
                q75: try row.number("q75")
            )
            curves[curves.count - 1].runs = try row.integer("runs")
            let last = curves[curves.count - 1]
            if let median = last.median.last, median.bitPattern == point.median.bitPattern,
                last.q25.last?.bitPattern == point.q25.bitPattern, last.q75.last?.bitPattern == point.q75.bitPattern
            {
                held = point
            } else {
                if let point = held { keep(point) }
                held = nil
                keep(point)
            }
        }
        if let point = held { keep(point) }
        return curves
    }
}

extension JSONDecoder {
    /// Reads the aggregator's JSON, whose non-finite numbers are the strings `inf`, `-inf` and `nan`.
    static var report: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
