import Testing
import TunebenchTestSupport

import TunebenchNumerics

/// The two-objective attainment surfaces against moocore's `eaf` (`Tests/Scripts/moocore_eaf_reference.py`): 30 cases
/// of 1 to 12 runs, noisy fronts and grids with ties, at the percentiles 0, 10, 25, 50, 75, 90 and 100; the corners
/// are equal, value for value.
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or moocore, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct AttainmentSurfaceTests {
    @Test(.python(.numpy, .moocore))
    func cornersEqualMoocores() throws {
        guard let json = try ReferenceScript.json("moocore_eaf_reference.py") else { return }
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.count == 30)
        for (index, item) in cases.enumerated() {
            let runs = try #require(item["runs"] as? [[[Any]]]).map { run in
                try run.map { try $0.map(ReferenceScript.double) }
            }
            let surfaces = try #require(item["surfaces"] as? [String: [[Any]]])
            for (percentile, corners) in surfaces {
                let expected = try corners.map { try $0.map(ReferenceScript.double) }
                let level = AttainmentSurface.level(percentile: try #require(Double(percentile)), runs: runs.count)
                let ours = AttainmentSurface.corners(of: runs, level: level)
                #expect(ours == expected, "case \(index), \(runs.count) runs, percentile \(percentile)")
            }
        }
    }

    @Test func levelsOfPercentiles() {
        #expect(AttainmentSurface.level(percentile: 0, runs: 4) == 1)
        #expect(AttainmentSurface.level(percentile: 50, runs: 4) == 2)
        #expect(AttainmentSurface.level(percentile: 50, runs: 3) == 2)
        #expect(AttainmentSurface.level(percentile: 100, runs: 7) == 7)
    }
}
