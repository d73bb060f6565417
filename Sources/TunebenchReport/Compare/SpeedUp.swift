import TunebenchNumerics

/// Speed-up on simulated workers: how much sooner, in simulated seconds, an optimizer's median run reaches a target
/// with W workers than in a base folder (one worker, say), folder against folder; or how much sooner one optimizer
/// reaches another's target in the same folder (ASHA against synchronous Hyperband).
///
/// **Median curve.** For one optimizer on one problem, `m(t)` is the median over its complete runs of the best metric
/// among the trials completed by simulated time `t` (``RunTrace/metric(at:on:)`` on the time axis; `+inf` before a
/// run's first completion, its final metric after its last). It is a step function that changes only where some
/// run's steps do, so the first time it reaches a target is found exactly among those times, not on a grid.
///
/// **Target.** On each problem, the base folder's median final metric `m(T)` of the *target optimizer* (the
/// optimizer itself by default), at the base folder's last completion of that optimizer's runs.
///
/// **Time to target.** `τ_F(o)`: the first simulated time at which optimizer `o`'s median curve in folder `F` is at
/// most the target; `nil` when it never is. **Speed-up** `τ_base(target optimizer) / τ_F(o)`: above 1 when `o` in `F`
/// gets there sooner. On the base folder with the optimizer itself as its target, it is 1 by construction.
public struct SpeedUp: Sendable, Hashable {
    /// One (problem, optimizer) row: the target and, per folder, the time to it.
    public struct Row: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// The optimizer whose base median final is the target.
        public var targetOptimizer: String
        public var target: Double?
        /// `τ_base(target optimizer)`.
        public var baseTime: Double?
        /// `τ_F(optimizer)` per folder, in the folders' order (the base first).
        public var times: [Double?]

        /// `baseTime / times[k]`, or `nil` when either is missing.
        public func speedUp(_ k: Int) -> Double? {
            guard let base = baseTime, let time = times[k], time > 0 else { return nil }
            return base / time
        }
    }

    public var rows: [Row]

    /// The rows of every problem and optimizer present in every folder, in the base folder's order.
    /// - Parameters:
    ///   - folders: each folder's complete runs with time steps (`traces.csv`'s `time`), the base first.
    ///   - targetOptimizer: the optimizer whose base median final is every row's target on its problem; `nil` for
    ///     each optimizer's own.
    public static func compute(_ folders: [[ProblemRuns]], targetOptimizer: String? = nil) -> SpeedUp {
        guard let base = folders.first else { return SpeedUp(rows: []) }
        var rows: [Row] = []
        for problem in base {
            let others = folders.map { folder in folder.first { $0.problem == problem.problem } }
            guard others.allSatisfy({ $0 != nil }) else { continue }
            for optimizer in problem.optimizers {
                let runsByFolder = others.map { $0!.optimizers.first { $0.optimizer == optimizer.optimizer }?.runs }
                guard runsByFolder.allSatisfy({ $0 != nil }) else { continue }
                let targetName = targetOptimizer ?? optimizer.optimizer
                guard let targetRuns = problem.optimizers.first(where: { $0.optimizer == targetName })?.runs else {
                    continue
                }
                let target = finalMedian(targetRuns)
                var row = Row(
                    problem: problem.problem, optimizer: optimizer.optimizer, targetOptimizer: targetName,
                    target: target, baseTime: nil, times: [])
                if let target {
                    row.baseTime = firstTime(targetRuns, reaching: target)
                    row.times = runsByFolder.map { firstTime($0!, reaching: target) }
                } else {
                    row.times = runsByFolder.map { _ in nil }
                }
                rows.append(row)
            }
        }
        return SpeedUp(rows: rows)
    }

    /// The median final metric of `runs`, `nil` without runs or when it is not finite.
    static func finalMedian(_ runs: [RunTrace]) -> Double? {
        guard !runs.isEmpty else { return nil }
        let median = Statistics.median(runs.map(\.final))
        return median.isFinite ? median : nil
    }

    /// The first simulated time at which the median over `runs` of the best metric so far is at most `target`, or
    /// `nil` when it never is. Only a run's step times can change the median, so they are the candidates, in order.
    static func firstTime(_ runs: [RunTrace], reaching target: Double) -> Double? {
        guard !runs.isEmpty else { return nil }
        let times = Set(runs.flatMap { $0.steps.map(\.time) }).sorted()
        for t in times where Statistics.median(runs.map { $0.metric(at: t, on: .time) }) <= target {
            return t
        }
        return nil
    }
}
