import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

/// Against `Tests/Scripts/median_interval_reference.py`: the ranks and coverages that `scipy.stats.binom` gives for
/// 1 to 1000 values at four levels, and the intervals of `scipy.stats.quantile_test(x, p=0.5).confidence_interval()`
/// on samples. The ranks and the samples' intervals are equal, the coverages agree to a relative 10⁻¹² (measured: at
/// most 7 × 10⁻¹⁵, at 1000 values, where each binomial term carries up to a thousand roundings, and SciPy's
/// incomplete beta function its own).
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or SciPy, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct MedianConfidenceIntervalTests {
    @Test(.python(.numpy, .scipy))
    func matchesSciPy() throws {
        guard let reference = try ReferenceScript.json("median_interval_reference.py") else { return }
        let rows = try #require(reference["ranks"] as? [[String: Any]])
        var largest = 0.0
        for row in rows {
            let n = try #require(row["n"] as? Int)
            let level = try ReferenceScript.double(row["level"])
            let ranks = MedianConfidenceInterval.ranks(count: n, level: level)
            guard let lower = row["lower"] as? Int else {
                #expect(ranks == nil, "n = \(n), level \(level): SciPy finds no interval")
                continue
            }
            let found = try #require(ranks, "n = \(n), level \(level): no interval, SciPy's l = \(lower)")
            #expect(found.lower == lower && found.upper == n + 1 - lower, "n = \(n), level \(level)")
            let error = ReferenceScript.relativeError(found.coverage, try ReferenceScript.double(row["coverage"]))
            largest = max(largest, error)
            #expect(error <= 1e-12, "n = \(n), level \(level): coverage \(found.coverage)")
            #expect(found.coverage >= level)
        }
        for sample in try #require(reference["samples"] as? [[String: Any]]) {
            let x = try (sample["x"] as? [Any] ?? []).map(ReferenceScript.double)
            let interval = try #require(MedianConfidenceInterval.interval(x))
            #expect(interval.lower == (try ReferenceScript.double(sample["low"])), "n = \(x.count)")
            #expect(interval.upper == (try ReferenceScript.double(sample["high"])), "n = \(x.count)")
        }
        print("Median intervals against SciPy \(reference["scipy"] ?? "?"): \(rows.count) (n, level) pairs, largest "
            + "relative difference of a coverage \(largest)")
    }

    /// `[x₍₁₎, x₍ₙ₎]` covers with `1 − 2/2ⁿ`: 0.9375 for five values, short of 0.95; six values reach 0.96875.
    @Test func fewerThanSixValuesHaveNoNinetyFivePercentInterval() {
        #expect(MedianConfidenceInterval.ranks(count: 5) == nil)
        #expect(MedianConfidenceInterval.ranks(count: 0) == nil)
        #expect(MedianConfidenceInterval.interval([1, 2, 3, 4, 5]) == nil)
        let six = MedianConfidenceInterval.ranks(count: 6)
        #expect(six?.lower == 1 && six?.upper == 6 && six?.coverage == 0.96875)
        #expect(MedianConfidenceInterval.ranks(count: 5, level: 0.9)?.coverage == 0.9375)
    }

    /// Infinite values (runs that found nothing) are order statistics like others.
    @Test func infiniteValuesAreOrderStatistics() throws {
        let values: [Double] = [3, .infinity, 1, 2, .infinity, 0.5, 4, 5, .infinity, 0]
        let interval = try #require(MedianConfidenceInterval.interval(values))
        // Ten values: l = 2, the interval [x₍₂₎, x₍₉₎].
        #expect(interval.ranks.lower == 2 && interval.lower == 0.5 && interval.upper == .infinity)
    }

    /// Over many samples of a continuous distribution, the interval covers the median about as often as it claims.
    @Test func coverageIsAtLeastTheClaimedLevel() throws {
        var generator = SplitMix64(state: 7)
        let n = 20
        let claimed = try #require(MedianConfidenceInterval.ranks(count: n)).coverage
        var covered = 0
        let trials = 4000
        for _ in 0..<trials {
            // Exponential(1), whose median is log 2.
            let sample = (0..<n).map { _ in -log(generator.nextOpenUnit()) }
            let interval = try #require(MedianConfidenceInterval.interval(sample))
            if interval.lower <= log(2) && log(2) <= interval.upper { covered += 1 }
        }
        let rate = Double(covered) / Double(trials)
        // Binomial standard error about 0.003; four of them either side.
        #expect(abs(rate - claimed) < 0.013, "covered \(rate), claimed \(claimed)")
    }
}
