import Foundation
import Synchronization
import Testing
import TunebenchTestSupport

@testable import TunebenchProblems

/// Tunebench's bbob functions against COCO's own, `cocoex.BareProblem("bbob", f, d, i)` of coco-experiment, through
/// `Tests/Scripts/bbob_reference.py`.
///
/// For every function f1–f24, every dimension 2, 3, 5, 10, 20, 40 (COCO's) and 8, 12 (the tuning set's) and
/// instances 1–15 and 101–110 (4,800 problems), the optimum location (`best_parameter()`) and value (`best_value()`)
/// must be bit-identical, and the values at 2,000 points per problem (9.6 million in all) must agree to 10⁻¹² relative, or 10⁻¹² absolute for values near 0:
/// 1,000 points uniform in [−5, 5]^d and 1,000 near the optimum, `x_opt + r (2u − 1)` clipped to the box, with `r`
/// from 1 down to 10⁻¹³ (``scales``), where rounding matters most. The points come from a counter-based generator
/// that the script implements too (see its documentation), so only the values cross over, as float64 in a binary
/// file. The test prints the worst relative and absolute deviations and how many values are not bit-identical.
///
/// Skipped before it runs, naming each missing module and the pip command, when python3, NumPy or cocoex
/// (`pip install -r Tests/Scripts/requirements-coco.txt`) is missing, unless `TUNEBENCH_REQUIRE_PLUGINS=1` (then it
/// fails).
@Suite(.python(.numpy, .cocoex))
struct BBOBAgreementTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/bbob_reference.py")

    static let functions = Array(BBOBFunctions.numbers)
    /// COCO's dimensions and the tuning set's (which cocoex's `BareProblem` builds too).
    static let dimensions = BBOBFunctions.allowedDimensions
    static let instances = Array(1...15) + Array(101...110)
    /// Points per problem: half uniform, half near the optimum.
    static let points = 2000
    /// The half-widths of the cubes around the optimum, used in turn.
    static let scales = [1.0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-7, 1e-9, 1e-11, 1e-13]
    static let seed: UInt64 = 20_090_101
    /// The tolerance, relative, and absolute for values within 1 of 0.
    static let tolerance = 1e-12

    @Test func everyFunctionDimensionAndInstanceAgreesWithCOCO() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-bbob-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ContinuousClock()
        let start = clock.now

        // COCO's side runs in python3 while Tunebench's is computed here.
        let specification: [String: Any] = [
            "functions": Self.functions, "dimensions": Self.dimensions, "instances": Self.instances,
            "points": Self.points, "scales": Self.scales, "seed": Self.seed,
        ]
        try JSONSerialization.data(withJSONObject: specification).write(to: folder.appendingPathComponent("spec.json"))
        let output = folder.appendingPathComponent("reference.bin")
        let errors = folder.appendingPathComponent("errors.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, folder.appendingPathComponent("spec.json").path, output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        try process.run()

        let ours = Self.tunebenchRecords()
        let ourTime = clock.now - start
        process.waitUntilExit()
        let totalTime = clock.now - start
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            Issue.record("bbob_reference.py failed (\(process.terminationStatus)): \(message)")
            return
        }
        let theirs = try Data(contentsOf: output).withUnsafeBytes { bytes in
            bytes.bindMemory(to: Double.self).map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        }
        try #require(theirs.count == ours.count, "the reference has \(theirs.count) numbers, expected \(ours.count)")

        var comparison = Comparison()
        var offset = 0
        for f in Self.functions {
            for d in Self.dimensions {
                for i in Self.instances {
                    let problem = "f\(f) d\(d) i\(i)"
                    for j in 0...d {
                        comparison.requireIdentical(
                            ours[offset + j], theirs[offset + j], what: j < d ? "x_opt[\(j)]" : "f_opt", problem)
                    }
                    let optimum = theirs[offset + d]
                    offset += d + 1
                    for point in 0..<Self.points {
                        comparison.compare(
                            ours[offset + point], theirs[offset + point], optimum: optimum, point: point, problem)
                    }
                    offset += Self.points
                }
            }
        }
        print(
            """
            bbob agreement with cocoex: \(comparison.values) values, \(comparison.raised) raised to COCO's optimum \
            (COCO's value is below it), \(comparison.notIdentical) others not bit-identical; worst relative deviation \
            \(comparison.worstRelative.deviation) (\(comparison.worstRelative.place)), worst absolute deviation \
            \(comparison.worstAbsolute.deviation) (\(comparison.worstAbsolute.place)); Tunebench's side took \
            \(ourTime), the whole test \(totalTime)
            """)
        for failure in comparison.failures.prefix(20) { Issue.record(Comment(rawValue: failure)) }
        #expect(comparison.failures.isEmpty, "\(comparison.failures.count) disagreements with COCO")
    }

    /// What Tunebench computes, laid out as the script writes COCO's numbers: for each problem in order, `x_opt`,
    /// the optimum, then the values at the points. The functions are computed in parallel.
    static func tunebenchRecords() -> [Double] {
        let blocks = Mutex([[Double]](repeating: [], count: functions.count))
        DispatchQueue.concurrentPerform(iterations: functions.count) { index in
            let block = records(function: functions[index])
            blocks.withLock { $0[index] = block }
        }
        return blocks.withLock { $0.flatMap { $0 } }
    }

    /// The records of every dimension and instance of `f`.
    static func records(function f: Int) -> [Double] {
        var records: [Double] = []
        records.reserveCapacity(dimensions.map { ($0 + 1 + Self.points) * instances.count }.reduce(0, +))
        var points: [Double] = []
        var values = [Double](repeating: 0, count: Self.points)
        for d in dimensions {
            var workspace = [Double](repeating: 0, count: 2 * d)
            for i in instances {
                let problem = try! BBOBProblem(function: f, dimension: d, instance: i)
                let xopt = problem.xopt
                ReferencePoints.fill(
                    &points, seed: seed, function: f, dimension: d, instance: i, count: Self.points, scales: scales,
                    optimum: xopt)
                workspace.withUnsafeMutableBufferPointer { workspace in
                    let x = UnsafeMutableBufferPointer(rebasing: workspace[0..<d])
                    let scratch = UnsafeMutableBufferPointer(rebasing: workspace[d...])
                    points.withUnsafeBufferPointer { points in
                        for point in 0..<Self.points {
                            x.baseAddress!.update(from: points.baseAddress! + point * d, count: d)
                            values[point] = problem.value(x, scratch: scratch)
                        }
                    }
                }
                records += xopt
                records.append(problem.fopt)
                records += values
            }
        }
        return records
    }

    /// The tallies of the comparison.
    struct Comparison {
        var values = 0
        /// Values where COCO's is below COCO's optimum and Tunebench's is the optimum (``BBOBProblem``).
        var raised = 0
        /// Other values that differ from COCO's in any bit.
        var notIdentical = 0
        var worstRelative = (deviation: 0.0, place: "none")
        var worstAbsolute = (deviation: 0.0, place: "none")
        var failures: [String] = []

        mutating func requireIdentical(_ ours: Double, _ theirs: Double, what: String, _ problem: String) {
            if ours.bitPattern != theirs.bitPattern {
                failures.append("\(problem): \(what) is \(ours), COCO's \(theirs)")
            }
        }

        mutating func compare(_ ours: Double, _ theirs: Double, optimum: Double, point: Int, _ problem: String) {
            values += 1
            guard ours.bitPattern != theirs.bitPattern else { return }
            if theirs < optimum, ours == optimum {
                raised += 1
            } else {
                notIdentical += 1
            }
            let deviation = abs(ours - theirs)
            let place = "\(problem) point \(point): \(ours) against COCO's \(theirs)"
            if theirs != 0, deviation / abs(theirs) > worstRelative.deviation {
                worstRelative = (deviation / abs(theirs), place)
            }
            if deviation > worstAbsolute.deviation { worstAbsolute = (deviation, place) }
            if !(deviation <= BBOBAgreementTests.tolerance * abs(theirs) || deviation <= BBOBAgreementTests.tolerance) {
                failures.append("\(place) (deviation \(deviation))")
            }
        }
    }
}

/// The points of the agreement test, from the counter-based generator that `bbob_reference.py` implements too
/// (its documentation gives the definition): SplitMix64's finalizer applied to a counter, so that any number of
/// the stream can be computed alone and NumPy computes them all at once.
enum ReferencePoints {
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's finalizer (Steele, Lea and Flood 2014).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Writes the `count` points of (`function`, `dimension`, `instance`), by rows, into `points`.
    static func fill(
        _ points: inout [Double], seed: UInt64, function: Int, dimension d: Int, instance: Int, count: Int,
        scales: [Double], optimum: [Double]
    ) {
        let base = mix(seed ^ (UInt64(function) << 40 | UInt64(d) << 32 | UInt64(instance)))
        points = [Double](repeating: 0, count: count * d)
        let half = count / 2
        var counter = base
        points.withUnsafeMutableBufferPointer { points in
            optimum.withUnsafeBufferPointer { optimum in
                var x = points.baseAddress!
                for point in 0..<count {
                    let r = point < half ? 0 : scales[(point - half) % scales.count]
                    var center = optimum.baseAddress!
                    for _ in 0..<d {
                        counter = counter &+ gamma
                        let u = Double(mix(counter) >> 11) * 0x1p-53
                        x.pointee =
                            point < half ? 10.0 * u - 5.0 : min(max(center.pointee + r * (2.0 * u - 1.0), -5.0), 5.0)
                        x += 1
                        center += 1
                    }
                }
            }
        }
    }
}
