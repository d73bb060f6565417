import ArgumentParser
import Foundation
import Tunebench

/// `tunebench bench hypervolume`: the exact hypervolume's speed beside moocore's C code on the same point sets.
struct HypervolumeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypervolume",
        abstract: "Measure the exact hypervolume against moocore's C code on the same point sets.",
        discussion: """
            For each number of objectives (2, 3, 4 and 5 by default) and each set size, draws a set of points on \
            the positive unit sphere (every point non-dominated, the hardest case for a given size; seeded, \
            xoshiro256**) and times Tunebench's Hypervolume.exact with the reference point 1.1, the median of \
            REPEATS calls. Beside it, measured in the same invocation on the same points (written to a temporary \
            file): moocore.hypervolume from python3 (pip install moocore), whose median includes the Python call's \
            overhead of about 5 µs; the two values are printed with their relative difference. Then the mix of \
            MoocoreAgreementTests' sets, drawn the same way (not the same draws): 1,000 sets of 2, 3 and 4 \
            objectives of 1 to 1,000 points, uniform, on concave, linear and convex fronts, noisy and on a grid, \
            each computed once per repeat; the totals' medians are printed, moocore's with and without its \
            per-call overhead (measured on a one-point set). Build with -c release.
            """
    )

    @Option(help: "Comma-separated numbers of objectives, each in 2...6.")
    var objectives = "2,3,4,5"

    @Option(help: "Comma-separated set sizes.")
    var sizes = "100,1000,10000"

    @Option(parsing: .unconditional, help: "Timed calls per set (the median is printed).")
    var repeats = 11

    @Option(
        parsing: .unconditional, help: "Largest set timed for 5 objectives and more (the exact sweep is O(n^(m−2))).")
    var largestHighDimensional = 1000

    @Flag(help: "Skip the moocore measurement (when python3 or moocore is missing).")
    var noMoocore = false

    func validate() throws {
        guard let objectives = Self.list(objectives), objectives.allSatisfy({ (2...6).contains($0) }) else {
            throw ValidationError(
                "--objectives must be a comma-separated list of integers in 2...6, got '\(objectives)'")
        }
        guard let sizes = Self.list(sizes), sizes.allSatisfy({ (1...1_000_000).contains($0) }) else {
            throw ValidationError("--sizes must be a comma-separated list of integers in 1...1000000, got '\(sizes)'")
        }
        guard (1...1000).contains(repeats) else {
            throw ValidationError("--repeats must be in [1, 1000], got \(repeats)")
        }
        guard largestHighDimensional >= 1 else {
            throw ValidationError("--largest-high-dimensional must be at least 1, got \(largestHighDimensional)")
        }
    }

    static func list(_ text: String) -> [Int]? {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() throws {
        var cases: [(m: Int, points: [[Double]])] = []
        var generator = Xoshiro256StarStar(seed: 2026)
        for m in Self.list(objectives)! {
            for n in Self.list(sizes)! where m <= 4 || n <= largestHighDimensional {
                cases.append((m, (0..<n).map { _ in
                    let u = (0..<m).map { _ in Double.random(in: 0..<1, using: &generator) }
                    let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    return u.map { $0 / norm }
                }))
            }
        }
        let moocore = noMoocore ? nil : try Self.moocore(cases, repeats: repeats)
        StandardStreams.output(
            "objectives   points   Tunebench ms     moocore ms    ratio   relative difference of the values\n")
        for (index, (m, points)) in cases.enumerated() {
            let reference = [Double](repeating: 1.1, count: m)
            var value = 0.0
            var times: [Double] = []
            let clock = ContinuousClock()
            for _ in 0..<repeats {
                let start = clock.now
                value = Hypervolume.exact(points, reference: reference)
                times.append((clock.now - start).inSeconds * 1000)
            }
            let ours = Statistics.median(times)
            var line = String(format: "%10d %8d %14.4f", m, points.count, ours)
            if let (theirs, theirValue) = moocore?[index] {
                line += String(
                    format: " %14.4f %8.2f   %.1e", theirs, ours / theirs, abs(value - theirValue) / abs(theirValue))
            }
            StandardStreams.output(line + "\n")
        }
        if moocore != nil {
            StandardStreams.output("ratio: Tunebench's median over moocore's (below 1: Tunebench is faster)\n")
        }
        try mix(&generator)
    }

    /// The agreement sets' mix: totals over 1,000 sets, Tunebench's and moocore's.
    func mix(_ generator: inout Xoshiro256StarStar) throws {
        var cases: [(m: Int, points: [[Double]], reference: Double)] = []
        for index in 0..<1000 {
            let m = [2, 3, 4][index % 3]
            let logSize = Double.random(in: 0..<Foundation.log(1000.0), using: &generator)
            let n = index % 100 == 1 ? 1000 : Int(Foundation.exp(logSize).rounded())
            let kind = (index / 3) % 6  // every kind for every m
            let points = (0..<n).map { _ -> [Double] in
                let u = (0..<m).map { _ in Double.random(in: 0..<1, using: &generator) }
                let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
                switch kind {
                case 0: return u
                case 1: return u.map { $0 / norm }
                case 2: return u.map { $0 / u.reduce(0, +) }
                case 3: return u.map { 1 - $0 / norm }
                case 4: return u.map { $0 / norm + 0.05 * Double.random(in: 0..<1, using: &generator) }
                default: return u.map { ($0 * 8).rounded() / 8 }
                }
            }
            cases.append((m, points, [1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9][index % 7]))
        }
        var totals: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            let start = clock.now
            for (m, points, reference) in cases {
                _ = Hypervolume.exact(points, reference: [Double](repeating: reference, count: m))
            }
            totals.append((clock.now - start).inSeconds * 1000)
        }
        var line = String(format: "agreement-set mix, 1,000 sets: Tunebench %.2f ms", Statistics.median(totals))
        if !noMoocore {
            let (total, overhead) = try Self.moocoreMix(cases, repeats: repeats)
            line += String(
                format: "; moocore %.2f ms, %.2f ms without its per-call overhead of %.1f µs; ratio %.2f", total,
                total - overhead, overhead / Double(cases.count) * 1000, Statistics.median(totals) / (total - overhead))
        }
        StandardStreams.output(line + "\n")
    }

    /// moocore's median total in milliseconds over the sets, and its per-call overhead times the sets' count.
    static func moocoreMix(
        _ cases: [(m: Int, points: [[Double]], reference: Double)], repeats: Int
    ) throws -> (Double, Double) {
        let script = """
            import sys, time, numpy as np, moocore
            values = np.fromfile(sys.argv[1], dtype="<f8")
            sets, offset = [], 0
            for spec in sys.argv[3:]:
                m, n, r = spec.split("x")
                m, n = int(m), int(n)
                sets.append((values[offset:offset + m * n].reshape(n, m), np.full(m, float(r))))
                offset += m * n
            totals = []
            for _ in range(int(sys.argv[2])):
                t = time.perf_counter()
                for x, ref in sets:
                    moocore.hypervolume(x, ref=ref)
                totals.append(time.perf_counter() - t)
            one, ref = np.full((1, 3), 0.5), np.full(3, 1.1)
            calls = []
            for _ in range(5):
                t = time.perf_counter()
                for _ in range(10000):
                    moocore.hypervolume(one, ref=ref)
                calls.append((time.perf_counter() - t) / 10000)
            print(sorted(totals)[len(totals) // 2] * 1000, sorted(calls)[2] * 1000)
            """
        let text = try python(
            script, points: cases.map(\.points),
            [String(repeats)] + cases.map { "\($0.m)x\($0.points.count)x\($0.reference)" })
        let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard fields.count == 2 else { throw moocoreFailure }
        return (fields[0], fields[1] * Double(cases.count))
    }

    /// moocore's median time in milliseconds and its value for each case, by a python3 child that reads the points.
    static func moocore(_ cases: [(m: Int, points: [[Double]])], repeats: Int) throws -> [(Double, Double)] {
        let script = """
            import sys, time, numpy as np, moocore
            values = np.fromfile(sys.argv[1], dtype="<f8")
            offset = 0
            for spec in sys.argv[3:]:
                m, n = map(int, spec.split("x"))
                x = values[offset:offset + m * n].reshape(n, m)
                offset += m * n
                ref = np.full(m, 1.1)
                times = []
                for _ in range(int(sys.argv[2])):
                    t = time.perf_counter(); h = moocore.hypervolume(x, ref=ref); times.append(time.perf_counter() - t)
                print(sorted(times)[len(times) // 2] * 1000, repr(float(h)))
            """
        let text = try python(
            script, points: cases.map(\.points), [String(repeats)] + cases.map { "\($0.m)x\($0.points.count)" })
        let rows = text.split(separator: "\n").map { line -> (Double, Double)? in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let ms = Double(fields[0]), let value = Double(fields[1]) else { return nil }
            return (ms, value)
        }
        guard rows.count == cases.count, rows.allSatisfy({ $0 != nil }) else { throw moocoreFailure }
        return rows.compactMap { $0 }
    }

    static let moocoreFailure = ValidationError(
        "the moocore measurement failed (python3 with numpy and moocore is needed: pip install moocore; "
            + "or pass --no-moocore)")

    /// What `python3 -c script FILE arguments...` prints, FILE holding `points` as little-endian float64, set after
    /// set and row after row; throws ``moocoreFailure`` when it fails.
    static func python(_ script: String, points: [[[Double]]], _ arguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-bench-hv-\(getpid()).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        var data = Data()
        for value in points.joined().joined() {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        try data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw moocoreFailure }
        return text
    }
}
