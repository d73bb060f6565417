import Foundation
import Synchronization
import TunebenchCore

/// Reads and parses run files on several threads, returning the records in the order of the runs.
enum RecordLoader {
    /// The record of each run (`nil` where it has no file yet), in the order of `runs`.
    /// - Throws: the first ``RunnerError/corruptRunFile(path:reason:)`` in run order.
    static func load(_ runs: [PlannedRun], from store: ResultStore, jobs: Int) throws -> [RunRecord?] {
        let results = Mutex([Result<RunRecord?, any Error>](repeating: .success(nil), count: runs.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, runs.count))) { worker in
            for index in stride(from: worker, to: runs.count, by: max(1, min(jobs, runs.count))) {
                let result = Result { try store.read(runs[index]) }
                results.withLock { $0[index] = result }
            }
        }
        return try results.withLock { results in try results.map { try $0.get() } }
    }
}
