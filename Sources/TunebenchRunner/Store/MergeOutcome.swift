/// What a merge of shard folders did (``ResultMerger/merge()``).
public struct MergeOutcome: Sendable {
    /// The merged experiment: the first shard folder's.
    public var experiment: Experiment
    /// What each shard folder brought, in the order the folders were given.
    public var shards: [ShardContribution]
    /// The runs found in two folders with different bytes, and which file was kept.
    public var resolutions: [MergeResolution]
    /// The runs of the plan that no folder (nor the output) holds, in plan order.
    public var missing: [PlannedRun]
    /// The summary of the merged folder.
    public var aggregate: Aggregate
}

/// What one shard folder brought to a merge.
public struct ShardContribution: Sendable, Hashable {
    /// The folder's path.
    public var folder: String
    /// Run files of the plan found in the folder: ``copied`` plus ``alreadyMerged``.
    public var runFiles = 0
    /// Run files copied into the output: it had none for the run, or it held a failed run that this folder completed.
    public var copied = 0
    /// Run files whose run the output already held (the same bytes, or another file kept; see ``MergeResolution``).
    public var alreadyMerged = 0
    /// Files under the folder's `runs/` that are not run files of the experiment's plan; they are not copied.
    public var outsidePlan = 0

    public init(folder: String) {
        self.folder = folder
    }
}

/// A run found in two folders with different bytes, and the file that was kept.
public struct MergeResolution: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The files differ only in timings (wall, ask, evaluation and tell seconds); the first is kept.
        case timingsOnly
        /// One run completed and the other failed; the complete one is kept.
        case completeOverFailed
        /// Both runs failed; the first is kept.
        case bothFailed
    }

    /// The path of the file kept.
    public var kept: String
    /// The path of the file not taken.
    public var dropped: String
    public var reason: Reason

    public init(kept: String, dropped: String, reason: Reason) {
        self.kept = kept
        self.dropped = dropped
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .timingsOnly: return "\(dropped) differs from \(kept) only in timings; kept \(kept)"
        case .completeOverFailed: return "kept the complete run \(kept) over the failed run \(dropped)"
        case .bothFailed: return "\(kept) and \(dropped) both record a failed run; kept \(kept)"
        }
    }
}
