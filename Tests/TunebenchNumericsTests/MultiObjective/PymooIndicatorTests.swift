import Foundation
import Testing
import TunebenchTestSupport

import TunebenchNumerics

/// Against pymoo's `HV`, `IGD` and `IGDPlus` (`Tests/Scripts/pymoo_indicators_reference.py`) on pymoo's own fronts of
/// ZDT1, ZDT3, DTLZ2 (3 objectives) and DTLZ1 (4): the front itself, a third of it, the front shifted, and the front
/// with noise. Agreement to a relative 10⁻¹² (and exactly 0 where pymoo gives 0).
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or pymoo, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct PymooIndicatorTests {
    @Test(.python(.numpy, .pymoo))
    func indicatorsEqualPymoos() throws {
        guard let json = try ReferenceScript.json("pymoo_indicators_reference.py") else { return }
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.count == 16)
        for item in cases {
            let name = try #require(item["name"] as? String)
            let front = try #require(item["front"] as? [[Double]])
            let points = try #require(item["points"] as? [[Double]])
            let reference = try #require(item["reference"] as? Double)
            let m = try #require(front.first?.count)
            for (key, value) in [
                ("hv", Hypervolume.exact(points, reference: [Double](repeating: reference, count: m))),
                ("igd", QualityIndicators.igd(points, reference: front)),
                ("igd_plus", QualityIndicators.igdPlus(points, reference: front)),
            ] {
                let expected = try ReferenceScript.double(item[key])
                #expect(
                    ReferenceScript.relativeError(value, expected) <= 1e-12,
                    "\(name): \(key) \(value) against pymoo's \(expected)")
            }
        }
    }
}
