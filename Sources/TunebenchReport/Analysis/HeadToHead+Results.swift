import TunebenchNumerics

extension HeadToHead {
    /// One pair on one problem.
    public struct ProblemResult: Sendable, Hashable {
        public var pair: Pair
        public var problem: String
        /// The problem's group: its dimension, or `nil` without grouping.
        public var dimension: Int?
        /// The repetitions in which both have a complete run, `n` (0 when the problem is in the gradient track).
        public var pairs = 0
        /// The built-in's failed runs on the problem (``OptimizerRuns/failedRuns``).
        public var builtinFailed = 0
        /// The peer's failed runs on the problem.
        public var peerFailed = 0
        /// The built-in's missing runs on the problem: planned repetitions neither complete nor failed (not run yet).
        public var builtinMissing = 0
        /// The peer's missing runs on the problem.
        public var peerMissing = 0
        /// The median of the built-in's finals over the `n` pairs, or `nil` without pairs.
        public var builtinMedian: Double?
        /// The median of the peer's finals over the `n` pairs, or `nil` without pairs.
        public var peerMedian: Double?
        /// The test, or `nil` when untested.
        public var test: WilcoxonSignedRank.Result?
        public var outcome = Outcome.untested
        /// The labels of the pair that are in the gradient track on this problem, in the pair's order; empty for
        /// black-box pairs. A problem with any is untested.
        public var gradientTrack: [String] = []
        /// The built-in's optimizer seconds per complete run over the peer's, or `nil` without both timings or
        /// without a complete run on either side.
        public var overheadRatio: Double?

        public init(pair: Pair, problem: String, dimension: Int?) {
            self.pair = pair
            self.problem = problem
            self.dimension = dimension
        }

        /// The two-sided p-value, or `nil` when untested.
        public var p: Double? { test?.pTwoSided }

        /// Whether the problem is untested for want of pairs, `p_min(n) ≥ alpha`
        /// (``HeadToHead/canReject(pairs:alpha:)``), not for the gradient track.
        public var hasTooFewPairs: Bool { outcome == .untested && gradientTrack.isEmpty }
    }

    /// The counts of one pair over a group of problems.
    public struct Row: Sendable, Hashable {
        public var pair: Pair
        /// The group's dimension; `nil` for the row of every problem.
        public var dimension: Int?
        public var problems = 0
        public var wins = 0
        public var ties = 0
        public var losses = 0
        public var untested = 0
        /// The built-in's failed runs over the group's problems: `Σ builtinFailed`.
        public var builtinFailed = 0
        /// The peer's failed runs over the group's problems: `Σ peerFailed`.
        public var peerFailed = 0
        /// The built-in's missing runs over the group's problems: `Σ builtinMissing`.
        public var builtinMissing = 0
        /// The peer's missing runs over the group's problems: `Σ peerMissing`.
        public var peerMissing = 0
        /// The median of the problems' overhead ratios, or `nil` when none has one.
        public var medianOverheadRatio: Double?

        public init(pair: Pair, dimension: Int?) {
            self.pair = pair
            self.dimension = dimension
        }
    }
}

extension HeadToHead.Row {
    /// The counts of `results` (one pair's, in one group).
    init(pair: HeadToHead.Pair, dimension: Int?, results: [HeadToHead.ProblemResult]) {
        self.init(pair: pair, dimension: dimension)
        problems = results.count
        for result in results {
            switch result.outcome {
            case .win: wins += 1
            case .tie: ties += 1
            case .loss: losses += 1
            case .untested: untested += 1
            }
            builtinFailed += result.builtinFailed
            peerFailed += result.peerFailed
            builtinMissing += result.builtinMissing
            peerMissing += result.peerMissing
        }
        let ratios = results.compactMap(\.overheadRatio)
        medianOverheadRatio = ratios.isEmpty ? nil : Statistics.median(ratios)
    }
}
