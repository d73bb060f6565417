import Foundation

/// Waiting for what a loaded machine may take a moment to show: a process to appear in /proc, to exit, or (just
/// sent SIGKILL) to leave /proc, which it does when it is next scheduled.
public enum Polling {
    /// Whether `condition` holds within `patience`, asked every 20 ms.
    public static func eventually(within patience: Duration = .seconds(10), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + patience
        while !condition() {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }
}
