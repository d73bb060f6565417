import Testing
@testable import TunebenchCLI

/// The progress line counts the runs going on by the fraction of their budget they have used, so that one long run
/// shows its percentage and the time left before it ends; there is no estimate before any progress nor at the end.
struct TerminalProgressTests {
    struct Case: Sendable {
        var done: Int
        var total: Int
        var going: Double
        var failed: Int
        var seconds: Int64
        var line: String
    }

    @Test(arguments: [
        // One run of one, a quarter done after 3 s: 9 s are left.
        Case(done: 0, total: 1, going: 0.25, failed: 0, seconds: 3, line: "0/1 runs (25.0%), elapsed 0:03, eta 0:09, 0 failed"),
        // Two of four done and two halfway (1.0 in all) after 90 s: 75% done, 30 s left.
        Case(done: 2, total: 4, going: 1, failed: 1, seconds: 90, line: "2/4 runs (75.0%), elapsed 1:30, eta 0:30, 1 failed"),
        Case(done: 0, total: 8, going: 0, failed: 0, seconds: 5, line: "0/8 runs (0.0%), elapsed 0:05, 0 failed"),
        Case(done: 8, total: 8, going: 0, failed: 2, seconds: 3725, line: "8/8 runs (100.0%), elapsed 1:02:05, 2 failed"),
        Case(done: 0, total: 0, going: 0, failed: 0, seconds: 0, line: "0/0 runs (100.0%), elapsed 0:00, 0 failed"),
    ])
    func statusLine(_ example: Case) {
        let line = TerminalProgress.status(
            done: example.done, total: example.total, going: example.going, failed: example.failed,
            elapsed: .seconds(example.seconds))
        #expect(line == example.line)
    }
}
