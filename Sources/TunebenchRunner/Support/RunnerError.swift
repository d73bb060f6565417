/// Errors raised by the runner: bad experiment files and flags, result folders that cannot be used.
public enum RunnerError: Error, Sendable, Equatable {
    /// An experiment file (or the flags that stand for one) is invalid: `field` is a path such as
    /// `problems[2].options.dimension`, `value` the offending value as written.
    case invalidExperiment(file: String, field: String, value: String, reason: String)
    /// The file cannot be read or is not JSON.
    case unreadableExperiment(file: String, reason: String)
    /// The output folder holds results of a different experiment.
    case differentExperiment(folder: String, difference: String)
    /// A file or folder of the result store cannot be written or read.
    case storage(path: String, reason: String)
    /// A `--shard` value is not `k/n` with `1 <= k <= n`.
    case invalidShard(String)
    /// An entry of the experiment cannot be built or paired (capabilities, factory errors), found before any run;
    /// `field` is its place in the experiment, such as `optimizers[1]`.
    case unusableEntry(field: String, label: String, reason: String)
    /// A run file holds the record of another experiment (copied from elsewhere).
    case foreignRunFile(path: String, mismatch: String)
    /// A run file exists but cannot be decoded.
    case corruptRunFile(path: String, reason: String)
    /// The execution was stopped by `signal` (see ``Interruption``); `abandoned` runs in flight were not recorded
    /// (no file, or the file of an earlier execution that `--retry-failed` was redoing), to be redone by a rerun.
    case interrupted(signal: Int32, abandoned: Int)
}

extension RunnerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidExperiment(let file, let field, let value, let reason):
            return "\(file): field '\(field)'" + (value.isEmpty ? "" : " is \(value)") + ": \(reason)"
        case .unreadableExperiment(let file, let reason):
            return "\(file): \(reason)"
        case .differentExperiment(let folder, let difference):
            return "\(folder) holds the results of a different experiment (\(difference)); a folder holds one "
                + "experiment, which may only grow: choose another --output folder, or pass --overwrite to delete "
                + "those results and start again"
        case .storage(let path, let reason):
            return "\(path): \(reason)"
        case .invalidShard(let text):
            return "--shard '\(text)' must be k/n with 1 <= k <= n, for example 1/4"
        case .unusableEntry(let field, let label, let reason):
            return "field '\(field)'" + (label.isEmpty ? "" : " ('\(label)')") + ": \(reason)"
        case .foreignRunFile(let path, let mismatch):
            return "run file \(path) belongs to another experiment (\(mismatch)); delete it, or aggregate in a "
                + "folder holding only this experiment's runs"
        case .corruptRunFile(let path, let reason):
            return "run file \(path) cannot be read (\(reason)); delete it and run again to redo that run"
        case .interrupted(let signal, let abandoned):
            let runs = abandoned == 1 ? "1 run" : "\(abandoned) runs"
            return "interrupted by \(Interruption.name(of: signal)): "
                + (abandoned > 0 ? "\(runs) in flight \(abandoned == 1 ? "was" : "were") not recorded; " : "")
                + "the runs recorded before are kept; run the same command again to resume"
        }
    }
}
