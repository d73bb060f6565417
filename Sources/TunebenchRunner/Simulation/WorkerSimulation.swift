/// How a run's evaluations share simulated workers: their number, whether they work asynchronously or in synchronous
/// batches, and a budget of simulated seconds.
public struct WorkerSettings: Sendable, Hashable, Codable {
    /// How free workers get their next trial.
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// A worker asks for its next trial as soon as its evaluation completes.
        case asynchronous
        /// All workers wait for the whole batch: the optimizer is asked for up to `workers` suggestions at once, and
        /// the next batch starts when the last of them completes.
        case synchronous
    }

    /// The number of workers (1: a sequential run).
    public var workers: Int
    public var mode: Mode
    /// The simulated seconds after which no trial starts and no completion is seen; `nil` for none.
    public var timeBudget: Double?
    /// The optimizer's overhead charged to the clock: the simulated seconds each ask that gives a trial occupies its
    /// worker before the evaluation starts (0, the default: asks take no time). One latency for every ask of every
    /// optimizer of the experiment: it models a fixed scheduling cost (so it weighs more against short evaluations),
    /// not how slow one optimizer is against another; a fixed charge keeps results the same on every machine, where
    /// measured ask times would not.
    public var askCharge: Double

    public init(workers: Int = 1, mode: Mode = .asynchronous, timeBudget: Double? = nil, askCharge: Double = 0) {
        self.workers = workers
        self.mode = mode
        self.timeBudget = timeBudget
        self.askCharge = askCharge
    }

    /// Whether the run needs the simulation: more than one worker, or a time budget. A run without either is the
    /// sequential ask, evaluate, tell loop, and its records carry no simulated times.
    public var isSimulated: Bool { workers > 1 || timeBudget != nil }

    /// "4 asynchronous workers, time budget 100 s", for messages.
    public var summary: String {
        let budget = timeBudget.map { t in
            ", time budget \(t == t.rounded() && t < 1e15 ? String(Int(t)) : String(t)) s"
        }
        let charge = askCharge == 0 ? "" : ", \(askCharge) s per ask"
        return "\(workers) \(mode.rawValue) worker\(workers == 1 ? "" : "s")" + (budget ?? "") + charge
    }
}

/// One trial on the simulated clock: the worker that evaluated it, and when it started and completed.
///
/// Completions are ordered by `(end, worker, trial)`: the earlier first, ties by the lower worker and then the lower
/// trial number, so the order never depends on how a tie happened to arise.
public struct SimulatedTrial: Sendable, Hashable, Comparable {
    public var trial: Int
    public var worker: Int
    public var start: Double
    public var end: Double

    public init(trial: Int, worker: Int, start: Double, end: Double) {
        self.trial = trial
        self.worker = worker
        self.start = start
        self.end = end
    }

    public static func < (a: SimulatedTrial, b: SimulatedTrial) -> Bool {
        if a.end != b.end { return a.end < b.end }
        if a.worker != b.worker { return a.worker < b.worker }
        return a.trial < b.trial
    }
}

/// A discrete-event simulation of ``WorkerSettings/workers`` workers evaluating an optimizer's trials on a simulated
/// clock. No real clock takes part: the times are sums of the evaluations' simulated durations, so a run's schedule
/// depends only on its trials.
///
/// **Asynchronous.** At time 0 the free workers, lowest index first, each ask for a trial. Then, repeatedly: the
/// clock moves to the earliest completion; every trial completing at that time is told, in the order of
/// ``SimulatedTrial`` (end, worker, trial); and the free workers, lowest index first, ask for their next trials.
/// An ask that gives no trial while trials are running waits for the next completion; with none running, the run is
/// over.
///
/// **Synchronous.** The optimizer is asked for up to `workers` trials at the current time (worker `k` takes the
/// `k`-th; an ask that gives none ends the batch early); all are told in completion order; the clock moves to the
/// batch's last completion, and the next batch begins. A batch of no trial ends the run.
///
/// **Time budget.** No trial starts at or after `timeBudget`, and a completion after it is not seen: its trial is
/// returned as cut off, neither told nor counted.
///
/// A worker is one evaluation at a time; the time an ask takes is not charged to the clock.
public struct WorkerSimulation: Sendable {
    public let settings: WorkerSettings

    public init(settings: WorkerSettings) {
        precondition(settings.workers >= 1, "a simulation needs at least one worker")
        self.settings = settings
    }

    /// What a simulated run ends with.
    public struct Outcome: Sendable, Hashable {
        /// The trials started but not completed within the time budget, by trial number.
        public var cutOff: [SimulatedTrial]
        /// The time of the last completion told (0 when none was).
        public var end: Double
    }

    /// Runs the simulation.
    /// - Parameters:
    ///   - start: asked for trial `trial` on worker `worker` at time `time`; returns the trial's simulated duration
    ///     in seconds (finite, `>= 0`: anything else is a programming error, since no completion could be ordered),
    ///     or `nil` when the optimizer has no trial to give now.
    ///   - complete: told each completed trial, in the order the simulation sees them.
    public func run(
        start: (_ trial: Int, _ worker: Int, _ time: Double) throws -> Double?,
        complete: (SimulatedTrial) throws -> Void
    ) rethrows -> Outcome {
        switch settings.mode {
        case .asynchronous: return try runAsynchronously(start: start, complete: complete)
        case .synchronous: return try runSynchronously(start: start, complete: complete)
        }
    }

    private func withinBudget(_ time: Double) -> Bool {
        settings.timeBudget.map { time < $0 } ?? true
    }

    private func runAsynchronously(
        start: (Int, Int, Double) throws -> Double?, complete: (SimulatedTrial) throws -> Void
    ) rethrows -> Outcome {
        var free = MinimumHeap<Int>()
        for worker in 0..<settings.workers { free.push(worker) }
        var running = MinimumHeap<SimulatedTrial>()
        var time = 0.0
        var lastCompletion = 0.0
        var nextTrial = 0
        while true {
            while let worker = free.minimum, withinBudget(time) {
                guard let duration = try start(nextTrial, worker, time) else { break }
                precondition(duration.isFinite && duration >= 0, "a simulated duration must be finite and >= 0")
                _ = free.popMinimum()
                running.push(SimulatedTrial(trial: nextTrial, worker: worker, start: time, end: time + duration))
                nextTrial += 1
            }
            guard let first = running.minimum, settings.timeBudget.map({ first.end <= $0 }) ?? true else { break }
            time = first.end
            while let next = running.minimum, next.end == time {
                _ = running.popMinimum()
                try complete(next)
                free.push(next.worker)
            }
            lastCompletion = time
        }
        var cutOff: [SimulatedTrial] = []
        while let trial = running.popMinimum() { cutOff.append(trial) }
        return Outcome(cutOff: cutOff.sorted { $0.trial < $1.trial }, end: lastCompletion)
    }

    private func runSynchronously(
        start: (Int, Int, Double) throws -> Double?, complete: (SimulatedTrial) throws -> Void
    ) rethrows -> Outcome {
        var time = 0.0
        var lastCompletion = 0.0
        var nextTrial = 0
        while withinBudget(time) {
            var batch: [SimulatedTrial] = []
            for worker in 0..<settings.workers {
                guard let duration = try start(nextTrial, worker, time) else { break }
                precondition(duration.isFinite && duration >= 0, "a simulated duration must be finite and >= 0")
                batch.append(SimulatedTrial(trial: nextTrial, worker: worker, start: time, end: time + duration))
                nextTrial += 1
            }
            guard !batch.isEmpty else { break }
            batch.sort()
            var cutOff: [SimulatedTrial] = []
            for trial in batch {
                if settings.timeBudget.map({ trial.end > $0 }) ?? false {
                    cutOff.append(trial)
                } else {
                    try complete(trial)
                    lastCompletion = trial.end
                }
            }
            guard cutOff.isEmpty else {
                return Outcome(cutOff: cutOff.sorted { $0.trial < $1.trial }, end: lastCompletion)
            }
            time = batch[batch.count - 1].end
        }
        return Outcome(cutOff: [], end: lastCompletion)
    }
}
