import Testing
import TunebenchCore

/// The bookkeeping of pending trials: numbers in ask order, removal by number in any order, `nil` for the earliest.
struct PendingTrialsTests {
    @Test func trialsAreNumberedInAskOrderAndRemovedInAnyOrder() {
        var pending = PendingTrials<String>()
        #expect(pending.add("a") == 0)
        #expect(pending.add("b") == 1)
        #expect(pending.add("c") == 2)
        #expect(pending.remove(1) == "b")
        #expect(pending.trials == [0, 2])
        #expect(pending.remove(1) == nil, "a trial is told once")
        #expect(pending.add("d") == 3)
        #expect(pending.states == ["a", "c", "d"])
        #expect(pending.state(of: 2) == "c")
        #expect(pending.remove(nil) == "a", "nil names the earliest pending trial")
        #expect(pending.remove(7) == nil, "never suggested")
        #expect(pending.count == 2)
        #expect(pending.suggested == 4)
    }

    @Test func aSequentialCallerNeedsNoNumbers() {
        var pending = PendingTrials<Int>()
        for k in 0..<5 {
            pending.add(k * k)
            #expect(pending.remove(nil) == k * k)
            #expect(pending.isEmpty)
        }
    }
}
