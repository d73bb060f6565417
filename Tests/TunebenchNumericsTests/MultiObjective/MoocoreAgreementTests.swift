import Foundation
import Testing
import TunebenchTestSupport

@testable import TunebenchNumerics

/// Against moocore's C code (`Tests/Scripts/moocore_reference.py`): 1,000 random sets of 2, 3 and 4 objectives
/// (and 20 of 5 and 6) of 1 to 1,000 points, uniform, on concave, linear and convex fronts, noisy and on a grid
/// with ties and duplicates (every kind for each of 2, 3 and 4 objectives), with reference points above, on and
/// inside the sets.
///
/// Agreement: the hypervolume, IGD, IGD+ and additive epsilon to a relative 10⁻¹² each; the non-dominated flags and
/// the non-dominated sorting ranks equal, on the sets of at most 200 points.
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or moocore, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct MoocoreAgreementTests {
    struct PointSet {
        var index: Int
        var kind: String
        var points: [[Double]]
        var reference: [Double]
        var values: [String: Any]
    }

    /// The script's sets with their points, and the reference fronts by number of objectives.
    static func reference() throws -> (sets: [PointSet], fronts: [Int: [[Double]]])? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-moocore-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let json = try ReferenceScript.json("moocore_reference.py", [folder.path]) else { return nil }
        let values = try doubles(folder.appendingPathComponent("points.bin"))
        let frontValues = try doubles(folder.appendingPathComponent("front.bin"))
        var fronts: [Int: [[Double]]] = [:]
        var start = 0
        for m in 2...6 {
            fronts[m] = rows(frontValues[start..<(start + 50 * m)], m)
            start += 50 * m
        }
        let sets = try #require(json["sets"] as? [[String: Any]])
        return (
            try sets.map { item in
                let m = try #require(item["m"] as? Int)
                let n = try #require(item["n"] as? Int)
                let offset = try #require(item["offset"] as? Int)
                let reference = try #require(item["reference"] as? Double)
                return PointSet(
                    index: try #require(item["index"] as? Int), kind: try #require(item["kind"] as? String),
                    points: rows(values[offset..<(offset + n * m)], m),
                    reference: [Double](repeating: reference, count: m), values: item)
            }, fronts
        )
    }

    static func doubles(_ url: URL) throws -> [Double] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { bytes in
            (0..<(data.count / 8)).map {
                Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
            }
        }
    }

    static func rows(_ values: ArraySlice<Double>, _ m: Int) -> [[Double]] {
        stride(from: values.startIndex, to: values.endIndex, by: m).map { Array(values[$0..<($0 + m)]) }
    }

    @Test(.python(.numpy, .moocore))
    func indicatorsEqualMoocores() throws {
        guard let (sets, fronts) = try Self.reference() else { return }
        #expect(sets.count == 1000)
        var largest: [String: Double] = [:]
        var compared = 0
        for set in sets {
            let front = try #require(fronts[set.reference.count])
            let ours: [(String, Double)] = [
                ("hypervolume", Hypervolume.exact(set.points, reference: set.reference)),
                ("igd", QualityIndicators.igd(set.points, reference: front)),
                ("igd_plus", QualityIndicators.igdPlus(set.points, reference: front)),
                ("epsilon_additive", QualityIndicators.additiveEpsilon(set.points, reference: front)),
            ]
            for (name, value) in ours {
                let expected = try ReferenceScript.double(set.values[name])
                let error = ReferenceScript.relativeError(value, expected)
                largest[name] = max(largest[name] ?? 0, error)
                #expect(
                    error <= 1e-12,
                    """
                    set \(set.index) (\(set.kind), m = \(set.reference.count), n = \(set.points.count)): \
                    \(name) \(value) against moocore's \(expected)
                    """)
            }
            if let flags = set.values["nondominated"] as? [Bool], let ranks = set.values["ranks"] as? [Int] {
                compared += 1
                #expect(ParetoDominance.isNondominated(set.points) == flags, "set \(set.index): non-dominated flags")
                #expect(ParetoDominance.ranks(set.points) == ranks, "set \(set.index): ranks")
            }
        }
        #expect(compared >= 500)
        print("moocore agreement: largest relative errors \(largest.sorted { $0.key < $1.key })")
    }
}
