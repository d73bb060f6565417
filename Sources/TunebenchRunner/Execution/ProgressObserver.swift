import TunebenchCore

/// Receives progress events of an execution. Every method but `started` and `ended` is called from worker threads.
public protocol ProgressObserver: Sendable {
    /// The execution starts with `total` runs to do; `skipped` runs were already complete.
    func started(total: Int, skipped: Int)
    /// Run `run` has used `fraction` (in 0...1) of its budget: the larger of its evaluations over the evaluation
    /// budget and, with a cost budget, its cost over the cost budget. Called as the run goes on, at most once per
    /// thousandth, so that a long run shows progress before it ends.
    func advanced(_ run: PlannedRun, fraction: Double)
    /// Run `run` finished (completed or failed) with `record`, and its file is written.
    func finished(_ run: PlannedRun, record: RunRecord)
    /// Every run is done; the aggregation follows.
    func ended()
}

extension ProgressObserver {
    /// Does nothing: an observer that shows only whole runs need not follow them as they go.
    public func advanced(_ run: PlannedRun, fraction: Double) {}
}
