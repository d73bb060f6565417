import Foundation
import TunebenchCore

/// Executes one planned run: builds the problem instance and the optimizer, alternates ask, evaluate and tell
/// for the budget, and returns the record.
///
/// With a cost budget (``Experiment/costBudget``), a suggestion is evaluated only when the cost of its fidelity level
/// (the last level's for full fidelity, 1 for a single-fidelity problem) fits in what is left of the budget; the first
/// that does not ends the run, unevaluated and unrecorded, with status `complete`. The cost spent is the sum of the
/// costs the problem reports (a negative or non-finite cost fails the run). The optimizer's budget is then
/// ``Experiment/evaluationBudget(fidelities:)``: no more evaluations than the cost budget pays for at the cheapest
/// level.
///
/// Failures never escape: an optimizer or problem that throws, a suggestion outside the space or a fidelity the
/// problem does not have all end the run with status `failed` and a reason naming the stage and trial; the
/// trials before the failure are kept. A non-finite objective value fails only its trial: the optimizer is told
/// `nil` and the run goes on.
///
/// **Constraints.** On a constrained problem (``TunebenchCore/Problem/constraintCount``) each successful evaluation
/// must report that many constraint values (another count fails the run; a non-finite value fails the trial, as a
/// non-finite objective does). The optimizer is told them with the value; the record keeps them; only feasible trials
/// count towards the best value, the `improvements` selection and the recommendation ledger.
///
/// **Several objectives.** On a multi-objective problem (``TunebenchCore/Problem/objectiveCount`` `m > 1`) each
/// successful evaluation must report `m` objective values (another count fails the run; a non-finite value fails the
/// trial). The optimizer is told them; the record keeps them with the problem's ``TunebenchCore/ParetoReference``,
/// and its `optimum` is the negated front volume, so that regret is hypervolume regret (the aggregation computes the
/// runs' attained hypervolumes, ``AttainedFront``). Such runs record every trial (`improvements` fails the run).
///
/// **Recommendations.** From the first evaluation that reports a noiseless value (a problem with observation noise),
/// the optimizer is asked for its ``TunebenchCore/Optimizer/recommendation()`` after each `tell`, and the trial records
/// that configuration's noiseless value (`recommended`), looked up among the run's evaluations
/// (``RecommendationLedger``): no evaluation, no noise drawn. A recommendation that is not one of the run's successful
/// full-fidelity configurations fails the run. Noiseless runs never ask, and their files keep their bytes. The time
/// the recommendation takes is left out of the trial's tell seconds (it is the harness's question, not the
/// optimizer's work).
public struct RunExecutor: Sendable {
    public var registry: Registry
    public var experiment: Experiment
    /// How long a run that a signal may have ended waits for `stop` before it is returned as failed.
    public var signalGrace = Self.defaultSignalGrace

    /// Two seconds: a harness handles its own copy of a signal within milliseconds, even on a loaded machine.
    public static let defaultSignalGrace: Duration = .seconds(2)

    public init(registry: Registry, experiment: Experiment) {
        self.registry = registry
        self.experiment = experiment
    }

    /// Runs `run` to completion or failure and returns its record with every trial.
    public func execute(_ run: PlannedRun) -> RunRecord {
        var collector = TrialCollector()
        var record = execute(run, into: &collector)
        record.trials = collector.trials
        return record
    }

    /// Runs `run` to completion or failure, handing each trial to `sink` as soon as it is recorded, and returns the
    /// record without its trials.
    /// - Parameters:
    ///   - advanced: told the fraction of the budget used (see ``ProgressObserver/advanced(_:fraction:)``) each time
    ///     it passes another thousandth.
    ///   - stop: asked before each trial; when it answers `true` the run ends there, unfinished, with status `failed`
    ///     and the reason "stopped before trial N". Such a record is not the run's result: the caller must not keep
    ///     it (``ExperimentRunner`` asks its ``Interruption`` here and discards the run). A run that fails because a
    ///     plugin was ended by SIGINT, SIGTERM or SIGHUP (``TunebenchCore/SignalEndedError``) asks it for up to
    ///     ``signalGrace`` before returning, so that an interruption whose signal reached the plugin before the
    ///     harness is seen by the caller.
    /// - Throws: only what `sink` throws (a run file that cannot be written), which ends the run unrecorded.
    public func execute<Sink: TrialSink>(
        _ run: PlannedRun, into sink: inout Sink, advanced: (_ fraction: Double) -> Void = { _ in },
        stop: () -> Bool = { false }
    ) throws(Sink.Failure) -> RunRecord {
        let clock = ContinuousClock()
        let start = clock.now
        var sinkFailure: Sink.Failure?
        var optimum: Double?
        var parameters: [String] = []
        var problemMetadata: [String: String] = [:]
        var optimizerMetadata: [String: String] = [:]
        var fidelities: [Fidelity] = []
        var constraintCount = 0
        var objectiveCount = 1
        var paretoReference: ParetoReference?
        var failure: String?
        var ended: ContinuousClock.Instant?
        var stage = Stage.buildingProblem
        do {
            var problem = try registry.makeProblem(
                run.problem, seed: run.instanceSeed(experimentSeed: experiment.seed), repetition: run.repetition)
            optimum = problem.optimum
            problemMetadata = problem.metadata
            let space = problem.space
            parameters = space.parameters.map(\.name)
            fidelities = problem.fidelities
            constraintCount = problem.constraintCount
            objectiveCount = problem.objectiveCount
            if objectiveCount > 1 {
                guard let reference = problem.paretoReference, reference.point.count == objectiveCount else {
                    throw RunFailure(
                        "the problem declares \(objectiveCount) objectives but no reference point of as many values")
                }
                paretoReference = reference
                optimum = reference.hypervolume.map { -$0 }
                guard experiment.recording == .all else {
                    throw RunFailure(
                        "a multi-objective run records every trial; its experiment asks for 'improvements'")
                }
            }
            let budget = experiment.evaluationBudget(fidelities: fidelities, dimension: space.dimension)
            stage = .buildingOptimizer
            var optimizer = try registry.makeOptimizer(
                run.optimizer, for: problem, problemLabel: run.problem.label, seed: run.optimizerSeed(experimentSeed: experiment.seed),
                budget: budget, costBudget: experiment.costBudget)
            optimizerMetadata = optimizer.metadata
            var spent = 0.0
            // On simulated workers, the cost of the trials started and not yet told: a start must fit beside them.
            var committed = 0.0
            var thousandths = 0
            // An `improvements` record: the selection, the last trial and the held best (both left out so far), and
            // the cost and times of the trials since the last kept one (see TrialRecording.improvements).
            var selection = experiment.recording == .improvements
                ? ImprovementSelection(optimum: optimum, dimension: space.dimension) : nil
            var last: PendingTrial?
            var held: (trial: PendingTrial, through: TrialTotals)?
            var unkept = TrialTotals()
            // Under observation noise (from the first evaluation that reports a noiseless value): the evaluated
            // configurations' noiseless values, for the recommendation's.
            var ledger: RecommendationLedger?
            func keep(_ pending: PendingTrial, _ totals: TrialTotals) throws(Sink.Failure) {
                try sink.append(pending.record(in: space, totals: totals), parameters: parameters)
            }
            defer {
                // The end of the run, finished or failed: the held best and the last trial, when left out.
                if selection != nil, sinkFailure == nil, let final = last {
                    do throws(Sink.Failure) {
                        if let held, held.trial.number != final.number {
                            try keep(held.trial, held.through)
                            unkept.subtract(held.through)
                        }
                        try keep(final, unkept)
                    } catch {
                        sinkFailure = error
                    }
                }
            }
            /// Checks suggestion `number` and evaluates it; `nil` when its cost does not fit in the cost budget.
            func evaluate(_ suggestion: Suggestion, number: Int) throws -> EvaluatedTrial? {
                stage = .checking(number)
                do {
                    try space.validate(suggestion.configuration)
                } catch {
                    throw RunFailure("the optimizer suggested a configuration outside the space: \(error)")
                }
                if let level = suggestion.fidelity, !fidelities.indices.contains(level) {
                    throw RunFailure(
                        "the optimizer asked for fidelity level \(level), but the problem has \(fidelities.count)")
                }
                if let costBudget = experiment.costBudget {
                    let cost = suggestion.fidelity.map { fidelities[$0].cost } ?? fidelities.last?.cost ?? 1
                    // BudgetTolerance: three thirds fit in a budget of one.
                    if spent + committed + cost > BudgetTolerance.limit(costBudget) { return nil }
                }
                stage = .evaluate(number)
                let withGradient = suggestion.wantsGradient && suggestion.fidelity == nil && problem.providesGradient
                let evaluation = try withGradient
                    ? problem.evaluateWithGradient(suggestion.configuration)
                    : problem.evaluate(suggestion.configuration, fidelity: suggestion.fidelity)
                guard evaluation.cost.isFinite, evaluation.cost >= 0 else {
                    throw RunFailure("the problem reported the cost \(evaluation.cost) for trial \(number)")
                }
                var usable = evaluation.value.isFinite
                var trialFailure = usable ? nil : "the objective returned \(evaluation.value)"
                if usable, let reason = try checkedConstraints(evaluation, count: constraintCount, trial: number) {
                    usable = false
                    trialFailure = reason
                }
                if usable, objectiveCount > 1,
                    let reason = try checkedObjectives(evaluation, count: objectiveCount, trial: number)
                {
                    usable = false
                    trialFailure = reason
                }
                return EvaluatedTrial(
                    suggestion: suggestion, evaluation: evaluation, usable: usable, failure: trialFailure)
            }
            /// Tells the optimizer the result of trial `number`, records the trial and reports progress (`count`
            /// trials told so far, this one included); `false` when the sink failed, which ends the run.
            func conclude(
                _ trial: EvaluatedTrial, number: Int, count: Int, askSeconds: Double, evaluationSeconds: Double,
                simulated: SimulatedTimes?
            ) throws -> Bool {
                let (suggestion, evaluation, usable) = (trial.suggestion, trial.evaluation, trial.usable)
                // Only a successful, feasible full-fidelity evaluation counts towards the best (as in RunScan).
                let feasible = usable && evaluation.isFeasible
                stage = .tell(number)
                let t2 = clock.now
                try optimizer.tell(
                    Observation(
                        suggestion, value: usable ? evaluation.value : nil, gradient: usable ? evaluation.gradient : nil,
                        constraints: usable && constraintCount > 0 ? evaluation.constraints : nil, trial: number,
                        objectives: usable && objectiveCount > 1 ? evaluation.objectives : nil))
                let t3 = clock.now
                spent += evaluation.cost
                // Only full-fidelity values count towards the best, as in the aggregation (RunScan).
                let fullFidelity = suggestion.fidelity.map { $0 == fidelities.count - 1 } ?? true
                if evaluation.noiselessValue != nil, ledger == nil { ledger = RecommendationLedger() }
                var recommended: Double?
                if ledger != nil {
                    if feasible && fullFidelity {
                        ledger!.record(
                            suggestion.configuration, observed: evaluation.value, noiseless: evaluation.trueValue)
                    }
                    recommended = try ledger!.value(of: optimizer.recommendation(), trial: number)
                }
                let pending = PendingTrial(
                    number: number, configuration: suggestion.configuration, fidelity: suggestion.fidelity,
                    evaluation: evaluation, usable: usable, failure: trial.failure, constraintCount: constraintCount,
                    objectiveCount: objectiveCount, recommended: recommended, simulated: simulated,
                    askSeconds: askSeconds, evaluationSeconds: evaluationSeconds, tellSeconds: seconds(t3 - t2))
                do throws(Sink.Failure) {
                    if selection == nil {
                        try keep(pending, pending.totals)
                    } else {
                        let decision = selection!.decide(
                            number: number,
                            value: feasible && fullFidelity ? (evaluation.noiselessValue ?? evaluation.value) : nil)
                        unkept.add(pending.totals)
                        if decision.keep {
                            if decision.keepHeldBestFirst, let best = held {
                                try keep(best.trial, best.through)
                                unkept.subtract(best.through)
                            }
                            try keep(pending, unkept)
                            unkept = TrialTotals()
                            held = nil
                            last = nil
                        } else {
                            if decision.improves { held = (pending, unkept) }
                            last = pending
                        }
                    }
                } catch {
                    sinkFailure = error
                    return false
                }
                let costShare = experiment.costBudget.map { spent / $0 } ?? 0
                let fraction = min(1, max(Double(count) / Double(budget), costShare))
                if Int(fraction * 1000) > thousandths {
                    thousandths = Int(fraction * 1000)
                    advanced(fraction)
                }
                return true
            }
            if experiment.workers.isSimulated {
                guard selection == nil else {
                    throw RunFailure(
                        "a run on simulated workers records every trial; its experiment asks for 'improvements'")
                }
                // Parallel workers on the simulated clock: each trial is evaluated when it starts and told when it
                // completes; the trials cut off by the time budget are neither told nor recorded.
                var started: [(trial: EvaluatedTrial, askSeconds: Double, evaluationSeconds: Double)?] = []
                var costSpentOut = false
                var told = 0
                var inFlight = 0
                do {
                    _ = try WorkerSimulation(settings: experiment.workers).run { number, _, _ in
                        guard number < budget, !costSpentOut else { return nil }
                        if stop() { throw RunFailure("stopped before trial \(number)") }
                        stage = .ask(number)
                        let t0 = clock.now
                        guard let suggestion = try optimizer.ask() else { return nil }
                        let t1 = clock.now
                        guard let trial = try evaluate(suggestion, number: number) else {
                            costSpentOut = true
                            return nil
                        }
                        let duration = trial.evaluation.duration ?? trial.evaluation.cost
                        guard duration.isFinite, duration >= 0 else {
                            throw RunFailure("the problem reported the duration \(duration) for trial \(number)")
                        }
                        // The ask's charge occupies the worker first (0 by default, leaving the sum unchanged).
                        let charge = experiment.workers.askCharge
                        let occupied = charge == 0 ? duration : charge + duration
                        started.append((trial, seconds(t1 - t0), seconds(clock.now - t1)))
                        committed += trial.evaluation.cost
                        inFlight += 1
                        return occupied
                    } complete: { completion in
                        guard let (trial, askSeconds, evaluationSeconds) = started[completion.trial] else { return }
                        started[completion.trial] = nil
                        inFlight -= 1
                        committed = inFlight == 0 ? 0 : committed - trial.evaluation.cost
                        told += 1
                        let times = SimulatedTimes(
                            worker: completion.worker, start: completion.start, end: completion.end)
                        guard
                            try conclude(
                                trial, number: completion.trial, count: told, askSeconds: askSeconds,
                                evaluationSeconds: evaluationSeconds, simulated: times)
                        else { throw SinkStopped() }
                    }
                } catch is SinkStopped {}
            } else {
                for number in 0..<budget {
                    if stop() { throw RunFailure("stopped before trial \(number)") }
                    stage = .ask(number)
                    let t0 = clock.now
                    guard let suggestion = try optimizer.ask() else { break }
                    let t1 = clock.now
                    guard let trial = try evaluate(suggestion, number: number) else { break }
                    let t2 = clock.now
                    guard
                        try conclude(
                            trial, number: number, count: number + 1, askSeconds: seconds(t1 - t0),
                            evaluationSeconds: seconds(t2 - t1), simulated: nil)
                    else { break }
                }
            }
            optimizerMetadata = optimizer.metadata  // again: it may report what happened (the GP's restarts)
        } catch let error as RunFailure {
            failure = error.reason
        } catch {
            failure = "\(stage) failed: \(error)"
            ended = clock.now
            awaitInterruption(after: error, grace: signalGrace, requested: stop)
        }
        if let sinkFailure { throw sinkFailure }
        var record = RunRecord(
            problem: run.problem.label, optimizer: run.optimizer.label, repetition: run.repetition,
            problemSpec: SpecRecord(run.problem), optimizerSpec: SpecRecord(run.optimizer),
            instanceSeed: run.instanceSeed(experimentSeed: experiment.seed), optimizerSeed: run.optimizerSeed(experimentSeed: experiment.seed), budget: experiment.budget,
            optimum: optimum, parameters: parameters, status: failure == nil ? .complete : .failed, failure: failure, trials: [],
            wallSeconds: seconds((ended ?? clock.now) - start))
        record.costBudget = experiment.costBudget
        record.recording = experiment.recording
        if experiment.recording != .all { record.format = 2 }
        record.fidelities = fidelities
        record.constraintCount = constraintCount
        if constraintCount > 0 { record.format = 3 }
        if experiment.workers.isSimulated {
            record.simulation = SimulationRecord(
                workers: experiment.workers.workers, mode: experiment.workers.mode.rawValue,
                timeBudget: experiment.workers.timeBudget, askCharge: experiment.workers.askCharge)
            record.format = 4
        }
        record.paretoReference = paretoReference
        if paretoReference != nil { record.format = 5 }
        record.problemMetadata = problemMetadata
        record.optimizerMetadata = optimizerMetadata
        return record
    }
}

/// Checks a successful evaluation's constraint values against the problem's count of constraints.
/// - Returns: why the trial fails when a constraint value is not finite; `nil` when the values are usable.
/// - Throws: ``RunFailure`` when the evaluation reports another number of values than the problem declares (a
///   broken problem, not a failed trial).
private func checkedConstraints(_ evaluation: Evaluation, count: Int, trial: Int) throws -> String? {
    let values = evaluation.constraints ?? []
    guard values.count == count else {
        throw RunFailure(
            "the problem reported \(values.count) constraint values for trial \(trial), but declares \(count)")
    }
    guard let bad = values.firstIndex(where: { !$0.isFinite }) else { return nil }
    return "constraint \(bad + 1) returned \(values[bad])"
}

/// Checks a successful evaluation's objective values against the problem's count of objectives.
/// - Returns: why the trial fails when an objective value is not finite; `nil` when the values are usable.
/// - Throws: ``RunFailure`` when the evaluation reports another number of values than the problem declares.
private func checkedObjectives(_ evaluation: Evaluation, count: Int, trial: Int) throws -> String? {
    let values = evaluation.objectives ?? []
    guard values.count == count else {
        throw RunFailure(
            "the problem reported \(values.count) objective values for trial \(trial), but declares \(count)")
    }
    guard let bad = values.firstIndex(where: { !$0.isFinite }) else { return nil }
    return "objective \(bad + 1) returned \(values[bad])"
}

/// Where a run is, as the reason of a failure there names it ("ask (trial 3) failed: ..."); a value rather than a
/// string, so that the loop formats nothing per trial.
private enum Stage: CustomStringConvertible {
    case buildingProblem, buildingOptimizer
    case ask(Int), checking(Int), evaluate(Int), tell(Int)

    var description: String {
        switch self {
        case .buildingProblem: "building the problem"
        case .buildingOptimizer: "building the optimizer"
        case .ask(let number): "ask (trial \(number))"
        case .checking(let number): "checking suggestion \(number)"
        case .evaluate(let number): "evaluate (trial \(number))"
        case .tell(let number): "tell (trial \(number))"
        }
    }
}

/// A failure detected by the runner itself, with its full reason.
struct RunFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A duration in seconds, rounded to the nanosecond (finer digits are clock noise and only lengthen run files).
func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    // Whole nanoseconds divided by 1e9: the closest double to the decimal, so it prints as `1.405e-05`.
    return (Double(whole) * 1e9 + (Double(fraction) * 1e-9).rounded()) / 1e9
}

/// When `error` may be the sign of an interruption whose signal reached a plugin before the harness handled its own
/// copy (``TunebenchCore/SignalEndedError``: a plugin ended by SIGINT, SIGTERM or SIGHUP), waits up to `grace` for
/// `requested` to answer `true`, so that the caller sees the interruption and does not record the error as the run's
/// own failure; returns at once for any other error.
func awaitInterruption(after error: any Error, grace: Duration, requested: () -> Bool) {
    guard let ended = error as? any SignalEndedError, ended.endedByInterruptionSignal else { return }
    let deadline = ContinuousClock.now + grace
    while !requested() && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
}

/// A trial as the run loop has it, before it becomes a ``TunebenchCore/TrialRecord``: an `improvements` record builds
/// the record only for the trials it keeps.
private struct PendingTrial {
    var number: Int
    var configuration: Configuration
    var fidelity: Int?
    var evaluation: Evaluation
    var usable: Bool
    /// Why the trial failed, when it did.
    var failure: String?
    /// The problem's number of constraints (0: no constraint values are recorded, not even an empty list).
    var constraintCount: Int
    /// The problem's number of objectives (1: no objective values are recorded).
    var objectiveCount: Int
    /// The noiseless value of the optimizer's recommendation after this trial, in a run with observation noise.
    var recommended: Double?
    /// The worker and simulated times, in a run on simulated workers.
    var simulated: SimulatedTimes?
    var askSeconds: Double
    var evaluationSeconds: Double
    var tellSeconds: Double

    /// The trial's own cost and times.
    var totals: TrialTotals {
        TrialTotals(cost: evaluation.cost, ask: askSeconds, evaluation: evaluationSeconds, tell: tellSeconds)
    }

    /// The record of the trial with `totals` as its cost and times: its own, or in an `improvements` record those of
    /// the trials since the last kept one, its own included.
    func record(in space: SearchSpace, totals: TrialTotals) -> TrialRecord {
        TrialRecord(
            number: number, configuration: space.record(configuration), fidelity: fidelity,
            value: usable ? evaluation.value : nil, noiselessValue: evaluation.noiselessValue, cost: totals.cost,
            status: usable ? .ok : .failed, failure: failure,
            info: evaluation.info.isEmpty ? nil : evaluation.info, askSeconds: totals.ask,
            evaluationSeconds: totals.evaluation, tellSeconds: totals.tell, recommended: recommended,
            constraints: usable && constraintCount > 0 ? evaluation.constraints : nil, simulated: simulated,
            objectives: usable && objectiveCount > 1 ? evaluation.objectives : nil)
    }
}

/// A suggestion that was checked and evaluated, before the optimizer is told.
private struct EvaluatedTrial {
    var suggestion: Suggestion
    var evaluation: Evaluation
    var usable: Bool
    /// Why the trial failed, when it did.
    var failure: String?
}

/// Ends a simulated run whose sink failed (the failure itself is kept and thrown by `execute`).
private struct SinkStopped: Error {}

/// The cost and the times of one trial or of several added up.
private struct TrialTotals {
    var cost = 0.0
    var ask = 0.0
    var evaluation = 0.0
    var tell = 0.0

    mutating func add(_ other: TrialTotals) {
        cost += other.cost
        ask += other.ask
        evaluation += other.evaluation
        tell += other.tell
    }

    mutating func subtract(_ other: TrialTotals) {
        cost -= other.cost
        ask -= other.ask
        evaluation -= other.evaluation
        tell -= other.tell
    }
}
