import TunebenchCore

/// Receives progress events of an execution. `finished` is called from worker threads.
public protocol ProgressObserver: Sendable {
    /// The execution starts with `total` runs to do; `skipped` runs were already complete.
    func started(total: Int, skipped: Int)
    /// A run finished (completed or failed) and its file is written.
    func finished(_ record: RunRecord)
    /// Every run is done.
    func ended()
}
