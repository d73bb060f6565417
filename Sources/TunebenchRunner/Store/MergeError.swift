/// Errors raised while merging the result folders of shards (``ResultMerger``).
///
/// Kept apart from ``RunnerError`` because only the merge raises them; storage errors and unreadable experiment or
/// run files are still ``RunnerError``s.
public enum MergeError: Error, Sendable, Equatable {
    /// No shard folder was given.
    case noShardFolders
    /// A folder is named twice, or is both the output and a shard folder.
    case repeatedFolder(path: String)
    /// A shard folder has no `experiment.json`.
    case notAResultFolder(path: String)
    /// Two shard folders hold experiments whose runs differ (another seed, budget, or other options under one label).
    case incompatibleShards(folder: String, reference: String, difference: String)
    /// The output folder already holds the results of an experiment that differs from the shards'.
    case incompatibleOutput(folder: String, difference: String)
    /// Two files of the same run differ in more than their timings, and both runs completed.
    case conflictingRunFiles(first: String, second: String, difference: String)
}

extension MergeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noShardFolders:
            return "no shard folder to merge; name the result folders of the shards after the output folder"
        case .repeatedFolder(let path):
            return "\(path) is named twice (as the output or as a shard folder); name each folder once"
        case .notAResultFolder(let path):
            return "\(path) is not a result folder: it has no experiment.json (did this shard start?)"
        case .incompatibleShards(let folder, let reference, let difference):
            return "\(folder) cannot be merged with \(reference): their experiments' runs differ (\(difference))"
        case .incompatibleOutput(let folder, let difference):
            return "\(folder) holds the results of a different experiment (\(difference)); merge into another "
                + "folder, or delete its results first"
        case .conflictingRunFiles(let first, let second, let difference):
            return "\(first) and \(second) record the same run differently (\(difference)), not only in timings; "
                + "the code or the environment changed between them: delete the one to drop and merge again"
        }
    }
}
