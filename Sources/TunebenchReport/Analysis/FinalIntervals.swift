import TunebenchCore
import TunebenchNumerics

/// Confidence intervals of each optimizer's final metric on each problem: for the median, the exact
/// distribution-free interval of order statistics (``MedianConfidenceInterval``); for the mean, the bootstrap
/// percentile interval (``BootstrapInterval``).
///
/// The sample is the final metric (``RunTrace/final``) of the complete runs, as for `summary.json`'s median and mean.
/// The bootstrap draws from a ``Xoshiro256StarStar`` seeded with ``bootstrapSeed(problem:optimizer:)``, which depends
/// on the labels alone, so the same runs give the same interval in every report, whatever else the report holds.
public struct FinalIntervals: Sendable, Hashable {
    /// One optimizer on one problem.
    public struct Entry: Sendable, Hashable {
        public var problem: String
        public var optimizer: String
        /// The complete runs.
        public var runs: Int
        /// Their median final metric; `nil` without runs.
        public var median: Double?
        /// The median's interval; `nil` without enough runs for the level (6 at 0.95).
        public var medianInterval: MedianConfidenceInterval.Interval?
        /// Their mean final metric; `nil` without runs.
        public var mean: Double?
        /// The mean's bootstrap interval; `nil` with fewer than two runs or with an infinite final (the mean is then
        /// infinite too).
        public var meanLower: Double?
        public var meanUpper: Double?
    }

    /// The confidence level of both intervals.
    public var level: Double
    /// The bootstrap samples of each mean's interval.
    public var resamples: Int
    /// Problem by problem (experiment order), each problem's optimizers in its order.
    public var entries: [Entry]

    /// The conventional level.
    public static let defaultLevel = 0.95

    /// The fewest runs whose median has an interval at `level`.
    public static func runsNeeded(level: Double) -> Int {
        (1...).first { MedianConfidenceInterval.ranks(count: $0, level: level) != nil }!
    }

    /// The seed of the bootstrap of `optimizer` on `problem`: `SeedDerivation.derive(0, ["report-bootstrap", problem,
    /// optimizer])`.
    public static func bootstrapSeed(problem: String, optimizer: String) -> UInt64 {
        SeedDerivation.derive(0, ["report-bootstrap", problem, optimizer])
    }

    /// The intervals of every optimizer on every problem.
    /// - Parameters:
    ///   - problems: the problems, in the experiment's order.
    ///   - level: the confidence level, in (0, 1).
    ///   - resamples: the bootstrap samples of each mean.
    /// - Complexity: O(problems · k · resamples · n) for k optimizers of n runs.
    public static func compute(
        _ problems: [ProblemRuns], level: Double = defaultLevel, resamples: Int = BootstrapInterval.defaultResamples
    ) -> FinalIntervals {
        var entries: [Entry] = []
        for problem in problems {
            for optimizer in problem.optimizers {
                let finals = optimizer.runs.map(\.final)
                var entry = Entry(
                    problem: problem.problem, optimizer: optimizer.optimizer, runs: finals.count,
                    median: finals.isEmpty ? nil : Statistics.median(finals),
                    medianInterval: MedianConfidenceInterval.interval(finals, level: level),
                    mean: finals.isEmpty ? nil : Statistics.mean(finals))
                if finals.count >= 2 && finals.allSatisfy(\.isFinite) {
                    var generator = Xoshiro256StarStar(
                        seed: bootstrapSeed(problem: problem.problem, optimizer: optimizer.optimizer))
                    let interval = BootstrapInterval.percentile(
                        finals, level: level, resamples: resamples, using: &generator)
                    entry.meanLower = interval.lower
                    entry.meanUpper = interval.upper
                }
                entries.append(entry)
            }
        }
        return FinalIntervals(level: level, resamples: resamples, entries: entries)
    }
}
