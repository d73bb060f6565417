#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error caused by a helper process (a plugin) that a signal ended.
///
/// A terminal's Ctrl-C, a scheduler's time limit (Slurm's `scancel`, a job step's end) or a service manager may send
/// SIGINT, SIGTERM or SIGHUP to every process of a job at once: a helper can then die of the signal a moment before
/// the harness has handled the same signal. The runner therefore waits briefly for the harness's own interruption
/// before it records a run that failed with such an error (see `RunExecutor`), so that an interruption is never
/// recorded as a failure.
public protocol SignalEndedError: Error {
    /// The signal that ended the helper process, or `nil` when the error has another cause.
    var endingSignal: Int32? { get }
}

extension SignalEndedError {
    /// Whether the signal is one that interrupts a whole job: SIGINT, SIGTERM or SIGHUP.
    public var endedByInterruptionSignal: Bool {
        guard let endingSignal else { return false }
        return [SIGINT, SIGTERM, SIGHUP].contains(endingSignal)
    }
}
