import TunebenchCore

/// The x-axis of a report's curves and of every analysis "over the budget": evaluations, cumulative cost when the
/// experiment has a cost budget, or simulated seconds when it runs on simulated workers with a time budget.
public struct ReportAxis: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case evaluations
        case cost
        /// Simulated seconds (``TunebenchRunner/WorkerSettings/timeBudget``): a run's steps at their trials'
        /// completion times.
        case time

        /// The axis in a column name or a sentence: `evaluation`, `cost` or `time`.
        public var unit: String {
            switch self {
            case .evaluations: "evaluation"
            case .cost: "cost"
            case .time: "time"
            }
        }

        /// The axis under a plot: `evaluations`, `cumulative cost` or `simulated seconds`.
        public var label: String {
            switch self {
            case .evaluations: "evaluations"
            case .cost: "cumulative cost"
            case .time: "simulated seconds"
            }
        }

        /// The result folder's curves on this axis: `curves`, `curves-cost` or `curves-time`.
        public var curvesFolder: String {
            switch self {
            case .evaluations: "curves"
            case .cost: "curves-cost"
            case .time: "curves-time"
            }
        }

        /// The relative tolerance a position may exceed `x` by and still count as spent by `x`: 1e-12 on the summed
        /// axes (cost, time), for rounding in the sums, as the aggregator's curves allow; none for evaluations.
        public var tolerance: Double { self == .evaluations ? 0 : BudgetTolerance.relative }
    }

    public var kind: Kind
    /// The end of the axis: the evaluation budget, or the cost budget.
    public var budget: Double
    /// The positions at which curves and analyses are evaluated, increasing, ending at `budget`.
    public var points: [Double]

    public init(kind: Kind, budget: Double, points: [Double]) {
        self.kind = kind
        self.budget = budget
        self.points = points
    }

    /// The most points an axis gets; a longer evaluation budget is sampled.
    public static let maximumPoints = 300

    /// Evaluations 1, 2, …, `budget`; for a budget above ``maximumPoints``, that many evaluations evenly spaced
    /// (rounded to whole evaluations, duplicates dropped), always ending at `budget`.
    public static func evaluations(budget: Int) -> ReportAxis {
        let count = max(budget, 1)
        let points: [Double]
        if count <= maximumPoints {
            points = (1...count).map(Double.init)
        } else {
            var sampled: [Double] = []
            for k in 1...maximumPoints {
                let x = (Double(count) * Double(k) / Double(maximumPoints)).rounded()
                if sampled.last != x { sampled.append(x) }
            }
            points = sampled
        }
        return ReportAxis(kind: .evaluations, budget: Double(count), points: points)
    }

    /// `points` costs evenly spaced up to `budget`: `budget · k / points` for k = 1…points (the aggregator's
    /// `curves-cost/` grid for `points` = 300).
    public static func cost(budget: Double, points: Int = 300) -> ReportAxis {
        ReportAxis(kind: .cost, budget: budget, points: (1...points).map { budget * Double($0) / Double(points) })
    }

    /// `points` simulated times evenly spaced up to the time budget `budget`, as ``cost(budget:points:)`` (the
    /// aggregator's `curves-time/` grid for `points` = 300).
    public static func time(budget: Double, points: Int = 300) -> ReportAxis {
        ReportAxis(kind: .time, budget: budget, points: (1...points).map { budget * Double($0) / Double(points) })
    }
}
