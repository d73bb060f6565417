import Foundation
import Synchronization
import TunebenchCore

/// How an experiment is executed.
public struct RunOptions: Sendable {
    /// Runs executed at the same time, each on its own thread.
    public var jobs: Int
    /// Execute only this shard of the plan.
    public var shard: Shard?
    /// Delete the results already in the output folder first, and run everything again.
    public var overwrite: Bool
    /// Execute again the runs recorded as failed.
    public var retryFailed: Bool
    /// Stops the execution when requested (by a signal handler); `nil` for an execution that cannot be interrupted.
    public var interruption: Interruption?

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard? = nil, overwrite: Bool = false,
        retryFailed: Bool = false, interruption: Interruption? = nil)
    {
        self.jobs = jobs
        self.shard = shard
        self.overwrite = overwrite
        self.retryFailed = retryFailed
        self.interruption = interruption
    }
}

/// What one execution of an experiment did.
public struct RunOutcome: Sendable {
    /// Runs of the plan (or shard) that already had a file and were skipped.
    public var skipped: Int
    /// Runs executed now.
    public var executed: Int
    /// Runs executed now that failed.
    public var failedNow: Int
    /// The summary of the whole folder after this execution.
    public var aggregate: Aggregate
}

/// Runs an experiment into a result folder: checks it, skips what is done, executes the rest in parallel,
/// writes each run file as it finishes, then derives the aggregates.
public struct ExperimentRunner: Sendable {
    public var registry: Registry
    public var experiment: Experiment
    public var store: ResultStore
    public var options: RunOptions

    public init(registry: Registry, experiment: Experiment, output: URL, options: RunOptions = .init()) {
        self.registry = registry
        self.experiment = experiment
        self.store = ResultStore(directory: output)
        self.options = options
    }

    /// Checks the experiment before any run: non-empty lists, unique labels that can name files, and every
    /// problem and every optimizer-problem pair built once, so that a bad entry fails before any run.
    /// - Throws: ``RunnerError/unusableEntry(field:label:reason:)`` naming the entry's place in the experiment.
    public func validate() throws {
        for (field, specs) in [("optimizers", experiment.optimizers), ("problems", experiment.problems)] {
            guard !specs.isEmpty else {
                throw RunnerError.unusableEntry(field: field, label: "", reason: "the experiment lists none")
            }
            var seen: Set<String> = []
            for (index, spec) in specs.enumerated() {
                guard EntrySpec.isValidLabel(spec.label) else {
                    throw RunnerError.unusableEntry(
                        field: "\(field)[\(index)]", label: spec.label,
                        reason: "a label names files: use ASCII letters, digits and ._+=-")
                }
                guard seen.insert(spec.label).inserted else {
                    throw RunnerError.unusableEntry(
                        field: "\(field)[\(index)]", label: spec.label, reason: "the label is used twice")
                }
            }
        }
        for (problemIndex, problemSpec) in experiment.problems.enumerated() {
            let seed = SeedDerivation.instanceSeed(
                experiment: experiment.seed, problem: problemSpec.seedLabel, repetition: 0)
            let problem: any Problem
            do {
                problem = try registry.makeProblem(problemSpec, seed: seed)
            } catch {
                awaitInterruption(after: error)
                throw RunnerError.unusableEntry(field: "problems[\(problemIndex)]", label: problemSpec.label, reason: "\(error)")
            }
            let evaluationBudget = experiment.evaluationBudget(
                fidelities: problem.fidelities, dimension: problem.space.dimension)
            if let costBudget = experiment.costBudget, evaluationBudget == 0 {
                let cheapest = problem.fidelities.map(\.cost).min() ?? 1
                throw RunnerError.unusableEntry(
                    field: "problems[\(problemIndex)]", label: problemSpec.label,
                    reason: "the cost budget \(costBudget) cannot pay for one evaluation, which costs at least \(cheapest)")
            }
            for (optimizerIndex, optimizerSpec) in experiment.optimizers.enumerated() {
                do {
                    try registry.checkOptimizer(
                        optimizerSpec, for: problem, problemLabel: problemSpec.label, budget: evaluationBudget,
                        costBudget: experiment.costBudget)
                } catch {
                    awaitInterruption(after: error)
                    // A missing capability already names the problem.
                    var reason = "\(error)"
                    if case .missingCapability? = error as? CoreError {} else {
                        reason = "on problem '\(problemSpec.label)': " + reason
                    }
                    throw RunnerError.unusableEntry(
                        field: "optimizers[\(optimizerIndex)]", label: optimizerSpec.label, reason: reason)
                }
            }
        }
    }

    /// Gives a plugin that a signal ended while the experiment was checked the time to be seen as part of an
    /// interruption (see ``RunExecutor/signalGrace``), so that the caller reports the interruption, not a bad entry.
    private func awaitInterruption(after error: any Error) {
        TunebenchRunner.awaitInterruption(
            after: error, grace: RunExecutor.defaultSignalGrace, requested: { options.interruption?.isRequested == true })
    }

    /// The runs of the plan (or shard) that this execution will execute.
    public func pendingRuns() throws -> (pending: [PlannedRun], skipped: Int) {
        let selected = Plan(experiment).runs(in: options.shard)
        var pending: [PlannedRun] = []
        for run in selected {
            if !store.hasRecord(run) {
                pending.append(run)
            } else if options.retryFailed, try store.status(of: run) == .failed {
                pending.append(run)
            }
        }
        return (pending, selected.count - pending.count)
    }

    /// Validates, prepares the folder, executes the pending runs with up to `options.jobs` threads, and aggregates.
    /// - Parameter progress: told when the execution starts, as each run goes on and when it ends, and at the end.
    /// - Throws: validation and storage errors; failed runs are not errors (see ``RunOutcome/failedNow``);
    ///   ``RunnerError/interrupted(signal:abandoned:)`` once ``RunOptions/interruption`` is requested, before the
    ///   aggregation when the request comes during the execution (see ``Interruption``).
    public func run(progress: (any ProgressObserver)? = nil) throws -> RunOutcome {
        try validate()
        // A request made while the experiment was checked: before --overwrite could delete anything.
        if let signal = options.interruption?.signal { throw RunnerError.interrupted(signal: signal, abandoned: 0) }
        try store.prepare(for: experiment, registry: registry, overwrite: options.overwrite)
        let (pending, skipped) = try pendingRuns()
        // Every run of this execution's shard, not only the pending ones: a run rewritten by --retry-failed and
        // killed may have left a temporary file beside its (older, complete) file. Shards are disjoint, so another
        // process's files are never touched.
        store.removeTemporaryFiles(of: Plan(experiment).runs(in: options.shard))
        progress?.started(total: pending.count, skipped: skipped)
        let failedNow = try execute(pending, progress: progress)
        if let signal = options.interruption?.signal { throw RunnerError.interrupted(signal: signal, abandoned: 0) }
        progress?.ended()
        let aggregate = try Aggregator(
            experiment: experiment, store: store, jobs: options.jobs, interruption: options.interruption,
            gradientTrack: experiment.gradientTrack(in: registry),
            referenceFront: Experiment.referenceFront(in: registry)
        ).aggregate()
        return RunOutcome(skipped: skipped, executed: pending.count, failedNow: failedNow, aggregate: aggregate)
    }

    /// Executes `runs` on worker threads; the first storage error stops the workers and is thrown.
    ///
    /// Once the interruption is requested, no run starts, the runs in flight stop before their next trial, and a
    /// run that ends after the request leaves no file, whatever its status: a plugin ended by the interruption
    /// fails its run, and that failure is not the run's own (see ``Interruption``).
    private func execute(_ runs: [PlannedRun], progress: (any ProgressObserver)?) throws -> Int {
        guard !runs.isEmpty else { return 0 }
        let queue = WorkQueue(runs)
        let executor = RunExecutor(registry: registry, experiment: experiment)
        let store = self.store
        let interruption = options.interruption
        let group = DispatchGroup()
        for _ in 0..<max(1, min(options.jobs, runs.count)) {
            group.enter()
            let thread = Thread {
                while interruption?.isRequested != true, let run = queue.next() {
                    var writer: RunFileWriter?
                    let record: RunRecord
                    do {
                        var sink = try store.runFileWriter(for: run)
                        writer = sink
                        record = try executor.execute(
                            run, into: &sink, advanced: { fraction in progress?.advanced(run, fraction: fraction) },
                            stop: { interruption?.isRequested == true })
                        // Checked after the run has ended: a failure caused by the interruption is seen after it.
                        if interruption?.isRequested == true {
                            sink.discard()
                            queue.abandoned()
                            break
                        }
                        try sink.finish(record)
                    } catch {
                        writer?.discard()
                        queue.stop(with: error)
                        break
                    }
                    queue.finished(failed: record.status == .failed)
                    progress?.finished(run, record: record)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let signal = interruption?.signal {
            throw RunnerError.interrupted(signal: signal, abandoned: queue.abandonedCount)
        }
        return try queue.result()
    }
}

/// The shared state of the worker threads: the next run to take, the failure count, the runs abandoned to an
/// interruption, the first storage error.
final class WorkQueue: Sendable {
    private struct State {
        var next = 0
        var failed = 0
        var abandoned = 0
        var error: (any Error)?
    }

    private let runs: [PlannedRun]
    private let state = Mutex(State())

    init(_ runs: [PlannedRun]) {
        self.runs = runs
    }

    /// The next run to execute, or `nil` when all are taken or the queue was stopped.
    func next() -> PlannedRun? {
        state.withLock { state in
            guard state.error == nil, state.next < runs.count else { return nil }
            defer { state.next += 1 }
            return runs[state.next]
        }
    }

    func finished(failed: Bool) {
        if failed { state.withLock { $0.failed += 1 } }
    }

    /// A run taken from the queue was left unrecorded because of an interruption.
    func abandoned() {
        state.withLock { $0.abandoned += 1 }
    }

    var abandonedCount: Int { state.withLock { $0.abandoned } }

    func stop(with error: any Error) {
        state.withLock { state in
            if state.error == nil { state.error = error }
        }
    }

    /// The number of failed runs, or the storage error that stopped the queue.
    func result() throws -> Int {
        try state.withLock { state in
            if let error = state.error { throw error }
            return state.failed
        }
    }
}
