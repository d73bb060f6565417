import Foundation
import Testing
import TunebenchCore
import TunebenchTestSupport

@testable import TunebenchProblems

/// The 55 functions of bbob-biobj in the six dimensions and instances 1 to 15 (4,950 problems) against
/// coco-experiment's `cocoex.Suite("bbob-biobj", ...)` (`Tests/Scripts/coco_biobj_reference.py`): COCO's name of
/// each problem names the same two bbob functions and instances; the bounds are COCO's; the ideal and nadir points
/// and both objectives at four points (two in [−5, 5]ⁿ, two in [−100, 100]ⁿ) are COCO's, to the bit but where bbob's
/// own values may differ (f20 near its optimum, by at most 4·10⁻¹⁵: `BBOBProblem`'s documentation), to a relative
/// 10⁻¹⁴; and the front volume of instances 1 to 10 is the reference value COCO's bbob-biobj logger measures
/// against, times the area between the ideal and nadir points.
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or cocoex, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct BBOBBiobjectiveAgreementTests {
    static func doubles(_ url: URL) throws -> [Double] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { bytes in
            (0..<(data.count / 8)).map {
                Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
            }
        }
    }

    /// Equal to the bit, or to a relative 10⁻¹⁴ where bbob f20 is one of the objectives.
    static func agree(_ ours: Double, _ theirs: Double, nearlyOnly: Bool) -> Bool {
        nearlyOnly ? ReferenceScript.relativeError(ours, theirs) <= 1e-14 : ours == theirs
    }

    @Test(.python(.numpy, .cocoex))
    func everyProblemAgreesWithCOCO() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-biobj-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let json = try ReferenceScript.json("coco_biobj_reference.py", [folder.path]) else { return }
        let points = try Self.doubles(folder.appendingPathComponent("points.bin"))
        let values = try Self.doubles(folder.appendingPathComponent("values.bin"))
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.count == 55 * 6 * 15)
        var pointStart = 0
        var mismatches = 0
        var references = 0
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            guard !condition else { return }
            mismatches += 1
            if mismatches <= 10 { Issue.record(Comment(rawValue: message())) }
        }
        for item in problems {
            let f = try #require(item["function"] as? Int)
            let d = try #require(item["dimension"] as? Int)
            let i = try #require(item["instance"] as? Int)
            let label = "bbob-biobj f\(f) d\(d) i\(i)"
            var problem = try BBOBBiobjectiveProblem(function: f, dimension: d, instance: i)
            let (first, second) = problem.objectives
            let nearlyOnly = first.function == 20 || second.function == 20
            let same = { (a: Double, b: Double) in Self.agree(a, b, nearlyOnly: nearlyOnly) }
            let name = String(
                format: "bbob_f%03d_i%02d_d%02d__bbob_f%03d_i%02d_d%02d", first.function, first.instance, d,
                second.function, second.instance, d)
            check(item["name"] as? String == name, "\(label): COCO's \(item["name"] ?? "nil"), ours \(name)")
            if case .real(let lower, let upper, _) = problem.space.parameters[0].domain {
                let bounds = [try ReferenceScript.double(item["lower"]), try ReferenceScript.double(item["upper"])]
                check([lower, upper] == bounds, "\(label): bounds [\(lower), \(upper)], COCO's \(bounds)")
            }
            let nadir = try #require(item["nadir"] as? [Any]).map(ReferenceScript.double)
            let ideal = try #require(item["ideal"] as? [Any]).map(ReferenceScript.double)
            check(zip(problem.nadir, nadir).allSatisfy(same), "\(label): nadir \(problem.nadir), COCO's \(nadir)")
            check(zip(problem.ideal, ideal).allSatisfy(same), "\(label): ideal \(problem.ideal), COCO's \(ideal)")
            let offset = try #require(item["offset"] as? Int)
            for k in 0..<4 {
                let x = Array(points[(pointStart + k * d)..<(pointStart + (k + 1) * d)])
                let y = problem.evaluate(Configuration.reals(x)).objectives!
                let expected = [values[2 * (offset + k)], values[2 * (offset + k) + 1]]
                check(zip(y, expected).allSatisfy(same), "\(label) point \(k): \(y), COCO's \(expected)")
            }
            pointStart += 4 * d
            if let text = item["reference"] as? String {
                references += 1
                let volume = try #require(Double(text))
                let area = (nadir[0] - ideal[0]) * (nadir[1] - ideal[1])
                let ours = try #require(problem.paretoReference?.hypervolume, "\(label): no front volume")
                check(same(ours, volume * area), "\(label): front volume \(ours), COCO's \(volume) × \(area)")
            } else {
                check(problem.paretoReference?.hypervolume == nil, "\(label): a volume COCO does not know")
            }
            check(problem.paretoReference?.point == problem.nadir, "\(label): the reference point is not the nadir")
        }
        #expect(references == 55 * 6 * 10)
        #expect(mismatches == 0)
    }

    /// The function pairs of COCO's documentation: f1 = (f1, f1), f2 = (f1, f2), f10 = (f1, f21), f11 = (f2, f2),
    /// f19 = (f2, f21), f20 = (f6, f6), f55 = (f21, f21).
    @Test func functionsPairTheTenBBOBFunctionsInRowOrder() {
        #expect(BBOBBiobjectiveProblem.bbobPair(1) == (1, 1))
        #expect(BBOBBiobjectiveProblem.bbobPair(2) == (1, 2))
        #expect(BBOBBiobjectiveProblem.bbobPair(10) == (1, 21))
        #expect(BBOBBiobjectiveProblem.bbobPair(11) == (2, 2))
        #expect(BBOBBiobjectiveProblem.bbobPair(19) == (2, 21))
        #expect(BBOBBiobjectiveProblem.bbobPair(20) == (6, 6))
        #expect(BBOBBiobjectiveProblem.bbobPair(55) == (21, 21))
    }
}
