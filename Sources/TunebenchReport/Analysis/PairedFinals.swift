/// The final metrics of two optimizers' complete runs, matched by repetition: the sample of a paired test.
///
/// The runs of one repetition share the problem instance (its seed derives from the experiment seed, the problem
/// label and the repetition), so the difference of their finals measures the optimizers on the same instance. Only
/// repetitions in which both runs are complete form pairs; a repetition that failed or is missing on either side is
/// left out of both.
public struct PairedFinals: Sendable, Hashable {
    /// The repetitions of the pairs, ascending.
    public var repetitions: [Int]
    /// The first side's final metric in each of those repetitions.
    public var first: [Double]
    /// The second side's.
    public var second: [Double]

    /// Matches the runs `first` and `second` by repetition (the first run of a repetition when one side lists it
    /// twice).
    /// - Complexity: O(n log n).
    public init(_ first: [RunTrace], _ second: [RunTrace]) {
        var others: [Int: Double] = [:]
        for run in second where others[run.repetition] == nil { others[run.repetition] = run.final }
        var mine: [Int: Double] = [:]
        for run in first where mine[run.repetition] == nil { mine[run.repetition] = run.final }
        repetitions = mine.keys.filter { others[$0] != nil }.sorted()
        self.first = repetitions.map { mine[$0]! }
        self.second = repetitions.map { others[$0]! }
    }

    /// The number of pairs.
    public var count: Int { repetitions.count }
}
