import Foundation
import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchTestSupport
@testable import TunebenchOptimizers

/// The `smac` warping of the random-forest optimizer equals the costs SMAC3 2.4.1's `RunHistoryLogScaledEncoder`
/// hands its model (`Tests/Scripts/smac_log_scaled_reference.py` runs SMAC's own encoder on the same costs).
struct SMACWarpingTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts/smac_log_scaled_reference.py")

    /// Costs of several shapes: random sets from 1 to 200 values over many magnitudes, ties with the best, a
    /// constant set, and a constant set so large that the floor rounds to the maximum (SMAC's nudge).
    static func cases() -> [[Double]] {
        var generator = Xoshiro256StarStar(seed: 5)
        var cases: [[Double]] = [[3, 1, 2, 10, 1.5], [0.3978873577297384, 5.2, 0.41, 80], [7], [2, 2, 2], [1e12, 1e12]]
        cases.append([0.5, 0.5, 0.5, 0.5, 3, 4])
        for count in [2, 3, 10, 20, 50, 100, 200] {
            let scale: Double = pow(10, 6 * generator.nextUnit() - 3)
            var costs: [Double] = []
            for _ in 0..<count {
                let u = generator.nextUnit() - 0.3
                let spread = 1 + 100 * generator.nextUnit()
                costs.append(scale * u * spread)
            }
            cases.append(costs)
        }
        return cases
    }

    @Test func warpedValuesEqualSMACsEncoder() throws {
        let cases = Self.cases()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-smac-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("costs.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: input)
        let result = try PythonScript.run(Self.script, [input.path])
        try #require(result.status == 0, "smac_log_scaled_reference.py failed: \(result.errors)")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[Double]])
        try #require(reference.count == cases.count)
        var worst = 0.0
        for (costs, expected) in zip(cases, reference) {
            let warped = ForestOptimizer.OutputWarping.smac.apply(costs)
            #expect(warped.count == expected.count)
            for (ours, theirs) in zip(warped, expected) {
                let error = abs(ours - theirs) / max(1, abs(theirs))
                worst = max(worst, error)
                #expect(error <= 1e-12, "\(costs): \(ours) against SMAC's \(theirs)")
            }
        }
        print("smac warping: worst relative difference \(worst) over \(cases.count) cost sets")
    }
}
