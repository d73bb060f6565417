import TunebenchNumerics

/// The average rank of each optimizer over the budget, as in the rank plots of HPOBench (K. Eggensperger et al.,
/// "HPOBench: a collection of reproducible multi-fidelity benchmark problems for HPO", NeurIPS Datasets and
/// Benchmarks 2021) and bayesmark.
///
/// The comparison is paired: the runs of one repetition share the problem instance, so at each point `x` of the axis
/// and for each (problem, repetition), the optimizers of the problem are ranked by their metric at `x` (lower is
/// better, rank 1 best; ties, including `+inf` before a first full-fidelity evaluation, share their mean rank:
/// ``Ranking/midRanks(_:)``). An optimizer's average rank at `x` is the mean of its ranks over those pairs:
///
///     r̄ₒ(x) = (1/|P|) Σ_{(p, n) ∈ P} rank of Sₒₚₙ(x) among {S_{o′pn}(x)}ₒ′,
///
/// where `P` holds every repetition `n` of every problem `p`. An optimizer without a complete run in a repetition
/// (failed or missing) is ranked last in it: its metric is `+inf` at every point, tying with any other `+inf` at
/// their mean rank. So one failing optimizer costs itself ranks rather than removing the repetition for everyone;
/// the repetitions where that happened are listed in ``leftOut``.
public struct AverageRank: Sendable, Hashable {
    /// One optimizer's average rank along the axis.
    public struct Curve: Sendable, Hashable {
        public var optimizer: String
        /// The average rank at each of ``AverageRank/axis``'s points; empty when ``pairs`` is 0.
        public var ranks: [Double]
        /// The (problem, repetition) pairs the optimizer was ranked in: every repetition of every problem that lists
        /// it, including those where it has no complete run.
        public var pairs: Int
    }

    /// The repetitions of one problem in which some optimizer had no complete run, and was ranked last.
    public struct LeftOut: Sendable, Hashable {
        public var problem: String
        /// Increasing.
        public var repetitions: [Int]
    }

    public var axis: ReportAxis
    /// One curve per optimizer, in the experiment's order.
    public var curves: [Curve]
    /// The (problem, repetition) pairs ranked: `Σₚ max(repetitionsₚ, highest repetition of a run + 1)` over the
    /// problems that list an optimizer.
    public var pairs: Int
    /// The problems with repetitions in which some optimizer had no complete run and was ranked last (those
    /// repetitions are ranked, not left out; the name is historical), in the experiment's order; problems where every
    /// optimizer has a complete run in every repetition are not listed.
    public var leftOut: [LeftOut]

    /// Ranks the optimizers at every point of `axis`.
    ///
    /// The repetitions of a problem are `0..<max(repetitions, r + 1)` for `r` the highest repetition a run carries
    /// (and any negative one a run carries); if an optimizer lists two runs of one repetition, the first is used. A
    /// problem with a single optimizer ranks it 1.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - axis: the points at which to rank.
    /// - Complexity: O(pairs · points · k log k) for k optimizers per problem.
    public static func compute(_ problems: [ProblemRuns], axis: ReportAxis) -> AverageRank {
        let labels = problems.optimizerLabels
        var sums = [[Double]](repeating: [Double](repeating: 0, count: axis.points.count), count: labels.count)
        var counts = [Int](repeating: 0, count: labels.count)
        var pairs = 0
        var leftOut: [LeftOut] = []
        for problem in problems where !problem.optimizers.isEmpty {
            let columns = problem.optimizers.map { optimizer in labels.firstIndex(of: optimizer.optimizer) ?? 0 }
            let byRepetition = problem.optimizers.map(Self.firstRunByRepetition)
            let carried = problem.optimizers.flatMap(\.runs).map(\.repetition)
            let upper = max(problem.repetitions, (carried.max() ?? -1) + 1, 0)
            let repetitions = Set(0..<upper).union(carried).sorted()
            var rankedLast: [Int] = []
            for repetition in repetitions {
                let runs = byRepetition.map { $0[repetition] }
                if runs.contains(where: { $0 == nil }) { rankedLast.append(repetition) }
                pairs += 1
                for column in columns { counts[column] += 1 }
                for (k, x) in axis.points.enumerated() {
                    let ranks = Ranking.midRanks(runs.map { $0?.metric(at: x, on: axis.kind) ?? .infinity })
                    for (column, rank) in zip(columns, ranks) { sums[column][k] += rank }
                }
            }
            if !rankedLast.isEmpty { leftOut.append(LeftOut(problem: problem.problem, repetitions: rankedLast)) }
        }
        let curves = labels.indices.map { i in
            Curve(
                optimizer: labels[i], ranks: counts[i] == 0 ? [] : sums[i].map { $0 / Double(counts[i]) },
                pairs: counts[i])
        }
        return AverageRank(axis: axis, curves: curves, pairs: pairs, leftOut: leftOut)
    }

    /// The first run of each repetition (a lookup table, never iterated).
    private static func firstRunByRepetition(_ optimizer: OptimizerRuns) -> [Int: RunTrace] {
        var table: [Int: RunTrace] = [:]
        for run in optimizer.runs where table[run.repetition] == nil { table[run.repetition] = run }
        return table
    }
}
