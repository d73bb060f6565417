/// A problem that an analysis leaves out, and why.
public struct ExcludedProblem: Sendable, Hashable {
    public var problem: String
    /// A sentence for the report, naming the missing or degenerate quantity.
    public var reason: String

    public init(problem: String, reason: String) {
        self.problem = problem
        self.reason = reason
    }
}

/// What an analysis derives from one problem, or why it leaves the problem out.
enum ProblemOutcome<Value> {
    case included(Value)
    case excluded(ExcludedProblem)
}

extension Array where Element == ProblemRuns {
    /// The optimizers of the experiment in its order: each label where it first appears, problem by problem.
    var optimizerLabels: [String] {
        var labels: [String] = []
        for problem in self {
            for optimizer in problem.optimizers where !labels.contains(optimizer.optimizer) {
                labels.append(optimizer.optimizer)
            }
        }
        return labels
    }
}

extension ProblemRuns {
    /// The runs of `optimizer`; none when it is not listed.
    func runs(of optimizer: String) -> [RunTrace] {
        optimizers.first { $0.optimizer == optimizer }?.runs ?? []
    }

    /// The failed runs of `optimizer`; none when it is not listed.
    func failedRuns(of optimizer: String) -> Int {
        optimizers.first { $0.optimizer == optimizer }?.failedRuns ?? 0
    }

    /// The lowest final metric over every run of every optimizer; `nil` without runs.
    var lowestFinal: Double? {
        optimizers.flatMap(\.runs).map(\.final).min()
    }
}

extension ReportAxis.Kind {
    /// Whether a run that reaches something at `position` has reached it once `x` has been spent; on the cost and
    /// time axes with the relative tolerance (``tolerance``) that ``RunTrace/metric(at:on:)`` allows for rounding.
    func reached(_ position: Double, by x: Double) -> Bool {
        position <= x * (1 + tolerance)
    }
}
