/// The trials an optimizer has suggested and not yet been told, each with what the optimizer keeps for it.
///
/// Trials are numbered from 0 in the order of the asks that returned a suggestion (``Observation/trial``). The
/// entries are kept in that order in an array, so iterating them never depends on hashing; a run has few pending
/// trials (one per worker), so the linear lookups cost nothing that matters.
public struct PendingTrials<State> {
    private var entries: [(trial: Int, state: State)] = []
    /// The number of trials suggested so far: the next trial's number.
    public private(set) var suggested = 0

    public init() {}

    /// Records a new trial with its state.
    /// - Returns: the trial's number.
    @discardableResult
    public mutating func add(_ state: State) -> Int {
        let trial = suggested
        entries.append((trial, state))
        suggested += 1
        return trial
    }

    /// Removes the trial an observation reports and returns its state: trial `trial`, or the earliest pending one
    /// when `trial` is `nil`. `nil` when no such trial is pending (told already, or never suggested).
    public mutating func remove(_ trial: Int?) -> State? {
        let index: Int?
        if let trial {
            index = entries.firstIndex { $0.trial == trial }
        } else {
            index = entries.indices.first
        }
        return index.map { entries.remove(at: $0).state }
    }

    /// The state of pending trial `trial`, if pending.
    public func state(of trial: Int) -> State? {
        entries.first { $0.trial == trial }?.state
    }

    /// The pending trials' states in the order they were suggested.
    public var states: [State] { entries.map(\.state) }

    /// The pending trials' numbers in ascending order.
    public var trials: [Int] { entries.map(\.trial) }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
}

extension PendingTrials: Sendable where State: Sendable {}
