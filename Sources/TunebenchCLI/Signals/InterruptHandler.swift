import Dispatch
import Foundation
import Synchronization
import Tunebench

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `tunebench` does on SIGINT (Ctrl-C), SIGTERM (`kill`, a scheduler's time limit) and SIGHUP (a closed
/// terminal).
///
/// Plugins lead their own process groups, so a Ctrl-C at the terminal, which signals the terminal's foreground
/// process group, does not reach them: the harness ends them itself (``LiveChildren/terminateAll(grace:)``).
enum InterruptHandler {
    /// For `run`. The first signal requests `interruption`, so that the runner starts no run and records none of
    /// those in flight, and then ends every plugin; the runner's thread then stops and the command exits with
    /// status 128 + signal (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
    ///
    /// If the process is still there `patience` after the plugins have ended (a step that does not look at the
    /// request), or when a second signal arrives, it exits at once with the first signal's status: every file is
    /// written to a temporary file and renamed, so an exit at any moment leaves none partial.
    static func install(_ interruption: Interruption, patience: Duration = .seconds(10)) {
        listen { signal in
            guard interruption.request(signal: signal) else {
                LiveChildren.shared.terminateAll(grace: .zero)
                _exit(128 + (interruption.signal ?? signal))
            }
            // Away from the signals' queue, so that a second signal is handled while this waits.
            Thread.detachNewThread {
                LiveChildren.shared.terminateAll()
                Thread.sleep(forTimeInterval: patience.inSeconds)
                _exit(128 + signal)
            }
        }
    }

    /// For commands that talk to plugins but record nothing (`plugin check`, `bench plugin`): the first signal ends
    /// every plugin, then the process, with status 128 + signal.
    static func installEndingPlugins() {
        listen { signal in
            LiveChildren.shared.terminateAll()
            _exit(128 + signal)
        }
    }

    /// Calls `handler` with the signal's number on each SIGINT, SIGTERM and SIGHUP, on a queue of its own (not the
    /// global queues, which the aggregation's workers may fill), with the signals' default action (ending the
    /// process) turned off. A signal the process was started ignoring (`nohup`'s SIGHUP) stays ignored
    /// (``InheritedSignals``).
    private static func listen(_ handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] where !InheritedSignals.ignored.contains(signalNumber) {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            sources.withLock { $0.append(SignalSource(source: source)) }
        }
    }

    /// Keeps the signal sources alive. Dispatch sources are thread-safe objects that Swift does not mark `Sendable`;
    /// they are only stored here, never used again.
    private struct SignalSource: @unchecked Sendable {
        let source: any DispatchSourceSignal
    }

    private static let sources = Mutex<[SignalSource]>([])

    private static let queue = DispatchQueue(label: "tunebench.signals")
}
