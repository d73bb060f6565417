import TunebenchNumerics

/// How far each optimizer's own recommendation falls behind the best point it evaluated, on the problems with
/// observation noise (``ReportMetric``): per problem and optimizer, the medians of both final regrets and the number
/// of runs whose final recommendation *is* the best point evaluated (equal final metrics); across the noisy problems,
/// the average rank at the end of the budget by each metric.
///
/// With the default rule (the lowest observed value) a recommendation is the best evaluated point only when the noise
/// did not reorder the best points; a model-based rule can do better. Without noise the two metrics are equal for the
/// default rule.
public struct RecommendationGap: Sendable, Hashable {
    /// One optimizer on one noisy problem.
    public struct Entry: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// Complete runs (with a recommended trace).
        public var runs: Int
        /// Medians of the final best-evaluated and recommended metrics (`nil` without runs).
        public var bestEvaluatedMedian: Double?
        public var recommendedMedian: Double?
        /// The recommended metric's quartiles.
        public var recommendedQ25: Double?
        public var recommendedQ75: Double?
        /// Runs whose final recommended metric equals their final best-evaluated one.
        public var identified: Int
    }

    /// One optimizer's average rank at the end of the budget over the noisy problems' (problem, repetition) pairs.
    public struct FinalRank: Sendable, Hashable {
        public var optimizer: String
        public var bestEvaluated: Double?
        public var recommended: Double?
    }

    /// Problem by problem, optimizer by optimizer, in the experiment's order.
    public var entries: [Entry]
    /// In the experiment's optimizer order.
    public var ranks: [FinalRank]

    /// Compares the two metrics on the noisy problems.
    /// - Parameters:
    ///   - bestEvaluated: every problem's runs by the best-evaluated metric (the noiseless problems are skipped).
    ///   - recommended: the noisy problems' runs by the recommended metric.
    ///   - axis: the report's axis; the ranks are taken at its end.
    public static func compute(
        bestEvaluated: [ProblemRuns], recommended: [ProblemRuns], axis: ReportAxis
    ) -> RecommendationGap {
        let noisy = Set(recommended.map(\.problem))
        let oracle = bestEvaluated.filter { noisy.contains($0.problem) }
        var entries: [Entry] = []
        for problem in recommended {
            let other = oracle.first { $0.problem == problem.problem }
            for optimizer in problem.optimizers {
                let finals = optimizer.runs.map(\.final).sorted()
                let bestFinals = (other?.runs(of: optimizer.optimizer) ?? []).map(\.final).sorted()
                let paired = PairedFinals(other?.runs(of: optimizer.optimizer) ?? [], optimizer.runs)
                entries.append(
                    Entry(
                        problem: problem.problem, optimizer: optimizer.optimizer, runs: optimizer.runs.count,
                        bestEvaluatedMedian: bestFinals.isEmpty ? nil : Statistics.quantile(sorted: bestFinals, 0.5),
                        recommendedMedian: finals.isEmpty ? nil : Statistics.quantile(sorted: finals, 0.5),
                        recommendedQ25: finals.isEmpty ? nil : Statistics.quantile(sorted: finals, 0.25),
                        recommendedQ75: finals.isEmpty ? nil : Statistics.quantile(sorted: finals, 0.75),
                        identified: zip(paired.first, paired.second).filter { $0 == $1 }.count))
            }
        }
        let end = ReportAxis(kind: axis.kind, budget: axis.budget, points: [axis.budget])
        let byBest = AverageRank.compute(oracle, axis: end).curves
        let byRecommendation = AverageRank.compute(recommended, axis: end).curves
        let ranks = byBest.map { curve in
            FinalRank(
                optimizer: curve.optimizer, bestEvaluated: curve.ranks.first,
                recommended: byRecommendation.first { $0.optimizer == curve.optimizer }?.ranks.first)
        }
        return RecommendationGap(entries: entries, ranks: ranks)
    }
}
