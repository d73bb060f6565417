/// Which regret the analyses across problems (ranks, scores, data profile, pairwise tests, time to target) and
/// `tunebench compare` use on problems with observation noise.
///
/// - *best evaluated*: the best noiseless value among the points the optimizer evaluated, minus the optimum
///   (`traces.csv`): what an oracle that knows the noiseless values would pick from the run, the simple regret of the
///   best point found. Without noise it is the only metric.
/// - *recommended*: the noiseless value of the configuration the optimizer itself would return, minus the optimum
///   (`traces-recommended.csv`, ``TunebenchCore/Optimizer/recommendation()``): what a user gets, who sees only noisy
///   values. It is at least the best-evaluated regret, and may rise when the optimizer changes its mind.
///
/// Noiseless problems have only the best-evaluated metric, which the recommended analyses keep for them.
public enum ReportMetric: String, Sendable, CaseIterable {
    case bestEvaluated = "best-evaluated"
    case recommended

    /// How the report names it.
    public var name: String {
        switch self {
        case .bestEvaluated: "best-evaluated regret"
        case .recommended: "recommended regret"
        }
    }
}

extension ReportInput {
    /// The labels of the problems with observation noise (`noisy` in `summary.json`), in experiment order.
    public var noisyProblems: [String] { recommended.map(\.problem) }

    /// The input whose ``problems`` are measured by `metric`: with ``ReportMetric/recommended``, the noisy problems'
    /// runs are their recommended traces; everything else (curves, summaries) is unchanged.
    public func measured(by metric: ReportMetric) -> ReportInput {
        guard metric == .recommended, !recommended.isEmpty else { return self }
        var input = self
        input.problems = problems.map { runs in recommended.first { $0.problem == runs.problem } ?? runs }
        return input
    }
}
