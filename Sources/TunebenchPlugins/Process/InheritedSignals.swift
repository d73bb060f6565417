#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interruption signals (SIGINT, SIGTERM, SIGHUP) that the process was started with set to be ignored, read the
/// first time this is asked, which must come before the harness changes them: `nohup` ignores SIGHUP, and a shell
/// without job control ignores SIGINT for the commands it starts in the background.
///
/// The harness keeps them ignored (it does not listen for them), and its plugins are started with them ignored too,
/// while the others are reset to their default action for the plugins, so that a plugin ends when it gets one.
public enum InheritedSignals {
    public static let ignored: Set<Int32> = {
        var ignored: Set<Int32> = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            var current = sigaction()
            guard sigaction(signalNumber, nil, &current) == 0 else { continue }
            #if canImport(Glibc)
            let handler = current.__sigaction_handler.sa_handler
            #else
            let handler = current.__sigaction_u.__sa_handler
            #endif
            if let handler, unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                ignored.insert(signalNumber)
            }
        }
        return ignored
    }()
}
