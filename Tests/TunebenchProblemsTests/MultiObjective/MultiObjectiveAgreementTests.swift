import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

@testable import TunebenchProblems

/// ZDT1-4 and 6, DTLZ1-7 (2, 3 and 5 objectives) and WFG1-9 (2 and 3 objectives) against pymoo's
/// `get_problem(...).evaluate` on 10,000 points each (`Tests/Scripts/pymoo_problems_reference.py`): 9,900 uniform in
/// the box and 100 on the Pareto set, where values reach 0 and the WFG transformations meet their corrections.
///
/// Agreement: |ours − pymoo's| ≤ 10⁻¹² max(1, |pymoo's|) for every objective of every point (measured: see the
/// printed largest error; most values are equal to the last bit, the products being taken in pymoo's order).
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or pymoo, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct MultiObjectiveAgreementTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/pymoo_problems_reference.py")

    static func function(_ item: [String: Any]) throws -> any MultiObjectiveFunction {
        let number = try #require(item["number"] as? Int)
        let m = try #require(item["objectives"] as? Int)
        let n = try #require(item["variables"] as? Int)
        switch item["family"] as? String {
        case "zdt": return ZDTFunction(try #require(ZDTFunction.Kind(rawValue: number)), variables: n)
        case "dtlz": return DTLZFunction(number, objectives: m, variables: n)
        default:
            let k = try #require(item["k"] as? Int)
            return WFGFunction(number, objectives: m, positionVariables: k, distanceVariables: n - k)
        }
    }

    static func doubles(_ url: URL) throws -> [Double] {
        let data = try Data(contentsOf: url)
        var values = [Double](repeating: 0, count: data.count / 8)
        _ = values.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        return values.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
    }

    @Test(.python(.numpy, .pymoo))
    func valuesEqualPymoos() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-pymoo-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try PythonScript.run(Self.script, [folder.path])
        guard result.status == 0 else {
            Issue.record("pymoo_problems_reference.py failed (\(result.status)): \(result.errors)")
            return
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.count == 5 + 21 + 18)
        var largest: (error: Double, name: String) = (0, "")
        for item in cases {
            let name = try #require(item["name"] as? String)
            let function = try Self.function(item)
            let n = function.bounds.count
            let m = function.objectiveCount
            #expect(n == item["variables"] as? Int, "\(name): variables")
            let x = try Self.doubles(folder.appendingPathComponent("\(name).x.bin"))
            let f = try Self.doubles(folder.appendingPathComponent("\(name).f.bin"))
            try #require(x.count == 10_000 * n && f.count == 10_000 * m, "\(name): file sizes")
            var failures = 0
            for row in 0..<10_000 {
                let values = function.values(Array(x[(row * n)..<((row + 1) * n)]))
                for i in 0..<m {
                    let expected = f[row * m + i]
                    let error = abs(values[i] - expected) / max(1, abs(expected))
                    if error > largest.error { largest = (error, name) }
                    if !(error <= 1e-12) {
                        failures += 1
                        if failures <= 3 {
                            Issue.record("\(name) row \(row) f\(i + 1): \(values[i]) against pymoo's \(expected)")
                        }
                    }
                }
            }
            #expect(failures == 0, "\(name): \(failures) values differ")
        }
        print("pymoo agreement: largest scaled error \(largest.error) (\(largest.name))")
    }
}
