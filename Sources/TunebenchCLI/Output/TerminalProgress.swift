import Foundation
import Synchronization
import Tunebench

/// Shows progress on standard error: a line redrawn in place on a terminal, plain lines every `interval` seconds
/// otherwise (logs, CI), and nothing when quiet.
///
/// Each line gives runs done of the total, the percentage, elapsed time, the estimated time left and the number of
/// failed runs, with the reason of each failure as it happens. The percentage counts the runs going on by the
/// fraction of their budget they have used, so that a few long runs show progress too; the time left is the elapsed
/// time scaled by what is left of that percentage, p: elapsed x (1 - p) / p.
final class TerminalProgress: ProgressObserver {
    private struct State {
        var total = 0
        var done = 0
        var failed = 0
        /// The fraction of its budget that each run going on has used, by plan index.
        var going: [Int: Double] = [:]
        var start = ContinuousClock.now
        var lastLine = ContinuousClock.now
        var ended = false
    }

    private let state = Mutex(State())
    private let interactive: Bool
    private let interval: Duration

    /// - Parameters:
    ///   - interactive: redraw one line (`nil`: when standard error is a terminal).
    ///   - interval: the least time between two plain lines.
    init(interactive: Bool? = nil, interval: Duration = .seconds(10)) {
        self.interactive = interactive ?? (isatty(STDERR_FILENO) != 0)
        self.interval = interval
    }

    func started(total: Int, skipped: Int) {
        state.withLock { state in
            state.total = total
            state.start = .now
            state.lastLine = .now
        }
        // A ticker keeps the line moving while long runs are in progress: elapsed time and ETA on a terminal every
        // second, a plain line every `interval` otherwise.
        // Lines are written while the lock is held, so that they come out in the order of the events and none
        // after the line of `ended()`.
        let ticker = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                let going = state.withLock { state in
                    guard !state.ended else { return false }
                    let now = ContinuousClock.now
                    guard now - state.lastLine >= (interactive ? .seconds(1) : interval) else { return true }
                    state.lastLine = now
                    Self.write(
                        interactive ? "\r\u{1B}[K" + Self.status(state, now: now) : "progress: " + Self.status(state, now: now) + "\n")
                    return true
                }
                guard going else { return }
            }
        }
        ticker.start()
    }

    func advanced(_ run: PlannedRun, fraction: Double) {
        state.withLock { $0.going[run.index] = fraction }
    }

    func finished(_ run: PlannedRun, record: RunRecord) {
        state.withLock { state in
            state.going[run.index] = nil
            state.done += 1
            if record.status == .failed { state.failed += 1 }
            if let line = line(after: record, state: &state) { Self.write(line) }
        }
    }

    /// What to print after run `record` finished: its failure, and the status line when it is due (on a terminal at
    /// most ten times a second, otherwise every `interval`; always for the last run).
    private func line(after record: RunRecord, state: inout State) -> String? {
        var text = ""
        if record.status == .failed {
            text += (interactive ? "\r\u{1B}[K" : "")
                + "run failed: \(record.problem) / \(record.optimizer) / repetition \(record.repetition): "
                + (record.failure ?? "no reason") + "\n"
        }
        let now = ContinuousClock.now
        let last = state.done == state.total
        if interactive {
            guard !text.isEmpty || now - state.lastLine >= .milliseconds(100) || last else { return nil }
            state.lastLine = now
            return text + "\r\u{1B}[K" + Self.status(state, now: now)
        }
        if now - state.lastLine >= interval || last {
            state.lastLine = now
            return text + "progress: " + Self.status(state, now: now) + "\n"
        }
        return text.isEmpty ? nil : text
    }

    /// Stops the ticker, and says that the aggregation follows (it reads every run file, which for runs of millions
    /// of evaluations takes a while).
    func ended() {
        state.withLock { state in
            state.ended = true
            Self.write((interactive ? "\n" : "") + "aggregating the run files...\n")
        }
    }

    /// Stops the ticker after an interruption, ending the redrawn line so that the message that follows starts on a
    /// line of its own.
    func interrupted() {
        state.withLock { state in
            guard !state.ended else { return }
            state.ended = true
            if interactive { Self.write("\n") }
        }
    }

    private static func write(_ text: String) {
        StandardStreams.error(text)
    }

    private static func status(_ state: State, now: ContinuousClock.Instant) -> String {
        status(
            done: state.done, total: state.total, going: state.going.values.reduce(0, +), failed: state.failed,
            elapsed: now - state.start)
    }

    /// The status line: `done` runs of `total`, runs going on that have used `going` budgets in all, `failed`
    /// failed runs, after `elapsed`.
    static func status(done: Int, total: Int, going: Double, failed: Int, elapsed: Duration) -> String {
        let fraction = total == 0 ? 1 : min(1, (Double(done) + going) / Double(total))
        var text = "\(done)/\(total) runs (\(String(format: "%.1f", 100 * fraction))%), elapsed " + clock(elapsed)
        let left = elapsed.inSeconds * (1 - fraction) / fraction
        if fraction > 0, done < total, left < 1e9 {
            text += ", eta " + clock(.seconds(left))
        }
        return text + ", \(failed) failed"
    }

    /// A duration as `m:ss` or `h:mm:ss`.
    static func clock(_ duration: Duration) -> String {
        let total = Int(duration.components.seconds)
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
