import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request to stop an execution, made when the process receives a signal such as SIGINT (Ctrl-C) or a scheduler's
/// SIGTERM.
///
/// Once it is made, no run starts, the runs in flight stop before their next trial, and none of them is recorded:
/// ``ExperimentRunner/run(progress:)`` discards the file of every run that ends after the request, whatever its
/// status, and throws ``RunnerError/interrupted(signal:abandoned:)``. A rerun then redoes those runs; the runs
/// recorded before the request are kept.
///
/// # The order that makes it safe
/// Whoever ends the execution's plugin processes must make the request *first*. A run whose plugin is ended fails,
/// and the runner decides whether to record a run only after the run has ended; because the request precedes the
/// ending, every failure the ending causes is seen with the request made, and is never recorded as a failure. When
/// the signal reaches a plugin before the harness (a scheduler signals every process of a job), the run fails with a
/// ``TunebenchCore/SignalEndedError``, and ``RunExecutor`` waits up to ``RunExecutor/signalGrace`` for the request
/// before returning it.
///
/// Made from a signal handler's thread, read by the worker threads: the state is one atomic word.
public final class Interruption: Sendable {
    private let signalNumber = Atomic<Int32>(0)

    public init() {}

    /// Makes the request on behalf of `signal` (a positive signal number).
    /// - Returns: whether this is the first request; a later one keeps the first signal.
    @discardableResult
    public func request(signal: Int32) -> Bool {
        precondition(signal > 0, "a signal number is positive")
        return signalNumber.compareExchange(expected: 0, desired: signal, ordering: .sequentiallyConsistent).exchanged
    }

    /// The signal of the request, or `nil` while none has been made.
    public var signal: Int32? {
        let value = signalNumber.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    public var isRequested: Bool { signal != nil }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, or `signal N`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
