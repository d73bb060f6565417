import Testing
import TunebenchTestSupport

import TunebenchNumerics

/// NSGA-II's crowding distance against pymoo's `calc_crowding_distance` (`Tests/Scripts/pymoo_crowding_reference.py`),
/// which is Deb's sum divided by the number of objectives: 20 fronts of 2 to 4 objectives and 3 to 60 points, one
/// with tied values in an objective and one with a constant objective. Agreement to a relative 10⁻¹², the ends
/// infinite in both.
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or pymoo, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct CrowdingDistanceTests {
    @Test(.python(.numpy, .pymoo))
    func distancesEqualPymoos() throws {
        guard let json = try ReferenceScript.json("pymoo_crowding_reference.py") else { return }
        let fronts = try #require(json["fronts"] as? [[String: Any]])
        #expect(fronts.count == 20)
        for (index, item) in fronts.enumerated() {
            let points = try #require(item["points"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let expected = try (item["distances"] as? [Any] ?? []).map(ReferenceScript.double)
            let m = Double(points[0].count)
            let ours = CrowdingDistance.of(points).map { $0 / m }
            #expect(ours.count == expected.count)
            for (a, b) in zip(ours, expected) {
                #expect(ReferenceScript.relativeError(a, b) <= 1e-12, "front \(index): \(ours) against \(expected)")
            }
        }
    }

    @Test func endsAreInfiniteAndTwoPointsBoth() {
        #expect(CrowdingDistance.of([[0, 1], [1, 0]]) == [.infinity, .infinity])
        #expect(CrowdingDistance.of([]) == [])
        // The middle point spans the whole range in both objectives: 1 + 1.
        #expect(CrowdingDistance.of([[0, 1], [0.5, 0.5], [1, 0]]) == [.infinity, 2, .infinity])
    }
}
