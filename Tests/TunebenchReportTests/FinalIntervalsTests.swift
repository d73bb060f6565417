import Testing
import Tunebench

/// The confidence intervals of the final values (``FinalIntervals``); the intervals themselves are checked against
/// SciPy in `TunebenchNumericsTests` (`MedianConfidenceIntervalTests`, `BootstrapIntervalTests`).
@Suite struct FinalIntervalsTests {
    /// Twelve runs of one optimizer, four of another.
    static let problem = ProblemRuns(
        problem: "p", metric: "regret", optimum: 0,
        optimizers: [
            OptimizerRuns(
                optimizer: "many",
                runs: [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.2, 0.05, 1.5].enumerated().map {
                    ReportFixtures.run($0.offset, [(1, 2), (6, $0.element)])
                },
                evaluationMedian: 2),
            OptimizerRuns(
                optimizer: "few",
                runs: [0.2, 0.4, .infinity, 0.3].enumerated().map { ReportFixtures.run($0.offset, [(6, $0.element)]) },
                evaluationMedian: 2),
            OptimizerRuns(optimizer: "none", runs: [], evaluationMedian: nil),
        ],
        repetitions: 12)

    @Test func theMedianIntervalIsOfOrderStatistics() throws {
        let intervals = FinalIntervals.compute([Self.problem])
        #expect(intervals.entries.map(\.optimizer) == ["many", "few", "none"])
        let many = intervals.entries[0]
        // Twelve values: l = 3 (coverage 1 − 2 · 79/4096), the 3rd and 10th smallest.
        let median = try #require(many.medianInterval)
        #expect(median.ranks.lower == 3 && median.ranks.upper == 10)
        #expect(median.lower == 0.2 && median.upper == 0.9 && median.ranks.coverage == 1 - 2 * 79.0 / 4096)
        #expect(abs(many.median! - 0.55) < 1e-15)
        // Four values have none; an infinite final leaves the mean without a bootstrap interval.
        #expect(intervals.entries[1].medianInterval == nil && intervals.entries[1].meanLower == nil)
        #expect(intervals.entries[2].median == nil && intervals.entries[2].meanUpper == nil)
    }

    /// The bootstrap draws from a generator seeded by the labels alone: the same runs give the same bits, in any
    /// report, whatever the other problems and optimizers.
    @Test func theBootstrapIsSeededByTheLabels() throws {
        let alone = FinalIntervals.compute([Self.problem]).entries[0]
        var other = Self.problem
        other.problem = "q"
        let together = FinalIntervals.compute([ReportFixtures.sphere, Self.problem, other])
        let again = try #require(together.entries.first { $0.problem == "p" && $0.optimizer == "many" })
        #expect(alone.meanLower?.bitPattern == again.meanLower?.bitPattern)
        #expect(alone.meanUpper?.bitPattern == again.meanUpper?.bitPattern)
        let renamed = try #require(together.entries.first { $0.problem == "q" && $0.optimizer == "many" })
        #expect(renamed.meanLower != alone.meanLower || renamed.meanUpper != alone.meanUpper)
        let lower = try #require(alone.meanLower)
        let upper = try #require(alone.meanUpper)
        let mean = try #require(alone.mean)
        #expect(0.05 <= lower && lower < mean && mean < upper && upper <= 1.5)
        #expect(FinalIntervals.runsNeeded(level: 0.95) == 6 && FinalIntervals.runsNeeded(level: 0.99) == 8)
    }
}
