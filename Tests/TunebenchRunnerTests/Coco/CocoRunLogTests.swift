import Foundation
import Testing
import TunebenchRunner
import TunebenchTestSupport

/// ``CocoRunLog`` writes the lines COCO's own bbob logger writes: `Tests/Scripts/coco_logger_reference.py` runs
/// random points through cocoex's bbob problems with a "bbob" observer attached, and the log fed the same values
/// must give the observer's `.dat` and `.tdat` files and its `.info` entry byte for byte.
///
/// The runs cover two dimensions below COCO's threshold for printing the point (2, 5) and two above (10, 20), a
/// function that random search improves often (f1) and ones it barely improves (f7, f16, f21), and lengths that end
/// on and between evaluation triggers.
@Suite(.python(.numpy, .cocoex))
struct CocoRunLogTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/coco_logger_reference.py")

    struct Run: Codable {
        var function: Int
        var dimension: Int
        var instance: Int
        var evaluations: Int
        var seed: Int
    }

    static let runs = [
        Run(function: 1, dimension: 2, instance: 1, evaluations: 3000, seed: 1),
        Run(function: 7, dimension: 5, instance: 3, evaluations: 777, seed: 2),
        Run(function: 16, dimension: 10, instance: 12, evaluations: 2000, seed: 3),
        Run(function: 21, dimension: 20, instance: 101, evaluations: 400, seed: 4),
        Run(function: 1, dimension: 5, instance: 2, evaluations: 1, seed: 5),
        Run(function: 24, dimension: 3, instance: 5, evaluations: 5000, seed: 6),
    ]

    @Test func linesEqualCOCOsLogger() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coco-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("spec.json")
        try JSONEncoder().encode(Self.runs).write(to: spec)
        let reference = try PythonScript.run(Self.script, [spec.path, folder.path])
        try #require(reference.status == 0, "the reference script failed: \(reference.errors)")
        let version = reference.output

        for (k, run) in Self.runs.enumerated() {
            let runFolder = folder.appendingPathComponent("run-\(k)")
            let points = try Self.doubles(runFolder.appendingPathComponent("points.bin"))
            let values = try Self.doubles(runFolder.appendingPathComponent("values.bin"))
            try #require(values.count == run.evaluations && points.count == run.evaluations * run.dimension)
            let coco = runFolder.appendingPathComponent("exdata/coco")
            let base = "data_f\(run.function)/bbobexp_f\(run.function)_DIM\(run.dimension)"
            // COCO's header gives the optimum with 12 decimals: the optimum is the minimum of f, which the
            // reference's values never go below; bbob's f_opt has two decimals, so the header gives it exactly.
            let dat = try String(contentsOf: coco.appendingPathComponent(base + ".dat"), encoding: .utf8)
            let header = try #require(dat.split(separator: "\n").first)
            let optimum = try #require(Self.optimum(in: String(header)))

            var log = CocoRunLog(optimum: optimum, dimension: run.dimension)
            for (index, value) in values.enumerated() {
                log.record(value, point: Array(points[(index * run.dimension)..<((index + 1) * run.dimension)]))
            }
            log.finish()
            #expect(log.header + log.dat.joined() == dat, "run \(k): .dat")
            let tdat = try String(contentsOf: coco.appendingPathComponent(base + ".tdat"), encoding: .utf8)
            #expect(log.header + log.tdat.joined() == tdat, "run \(k): .tdat")
            let info = try String(
                contentsOf: coco.appendingPathComponent("bbobexp_f\(run.function).info"), encoding: .utf8)
            let expected = """
                suite = 'bbob', funcId = \(run.function), DIM = \(run.dimension), Precision = 1.000e-08, \
                algId = 'ALG', coco_version = '\(version.trimmingCharacters(in: .whitespacesAndNewlines))', \
                logger = 'bbob', data_format = 'bbob-new2', settings = ''
                % reference
                \(base).dat, \(run.instance)\(log.infoSummary)
                """
            #expect(info == expected, "run \(k): .info")
        }
    }

    /// The little-endian doubles of a file.
    static func doubles(_ url: URL) throws -> [Double] {
        let data = try Data(contentsOf: url)
        return stride(from: 0, to: data.count, by: 8).map { offset in
            Double(bitPattern: data[offset..<(offset + 8)].enumerated().reduce(UInt64(0)) {
                $0 | UInt64($1.element) << (8 * UInt64($1.offset))
            })
        }
    }

    /// The optimum in a COCO data header, `... - Fopt (7.948000000000e+01) + ...`.
    static func optimum(in header: String) -> Double? {
        guard let open = header.range(of: "Fopt ("), let close = header.range(of: ")", range: open.upperBound..<header.endIndex)
        else { return nil }
        return Double(header[open.upperBound..<close.lowerBound])
    }
}
