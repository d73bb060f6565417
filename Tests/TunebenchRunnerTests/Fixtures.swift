import Foundation
import TunebenchCore
import TunebenchRunner

/// A one-dimensional problem whose value is its argument: f(x) = x on [0, 1], optimum 0.
struct Identity: Problem {
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var optimum: Double? { 0 }
    mutating func evaluate(_ configuration: Configuration) -> Evaluation { Evaluation(value: configuration.real(0)) }
}

/// Fails in a chosen way at a chosen evaluation.
struct Faulty: Problem {
    enum Fault: String { case nan, error }
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var fault: Fault
    var at: Int
    var count = 0
    var optimum: Double? { 0 }
    mutating func evaluate(_ configuration: Configuration) throws -> Evaluation {
        count += 1
        guard count == at else { return Evaluation(value: configuration.real(0)) }
        switch fault {
        case .nan: return Evaluation(value: .nan)
        case .error: throw CoreError.invalidConfiguration(reason: "the fixture problem broke on purpose")
        }
    }
}

/// Three fidelity levels (1, 3 and 9 steps, costing 1/9, 1/3 and 1): f(x) = x at the last level and -1 below, so
/// that a low-fidelity value counted as the best would show.
struct Levels: Problem {
    let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
    var optimum: Double? { 0 }
    let fidelities = [Fidelity(steps: 1, cost: 1.0 / 9), Fidelity(steps: 3, cost: 1.0 / 3), Fidelity(steps: 9, cost: 1)]
    mutating func evaluate(_ configuration: Configuration) -> Evaluation { evaluate(configuration, fidelity: nil) }
    mutating func evaluate(_ configuration: Configuration, fidelity: Int?) -> Evaluation {
        let level = fidelity ?? 2
        return Evaluation(value: level == 2 ? configuration.real(0) : -1, cost: fidelities[level].cost)
    }
}

/// Suggests (x, level) pairs in order, then stops.
struct Ladder: Optimizer {
    var steps: [(x: Double, level: Int?)]
    var next = 0
    mutating func ask() -> Suggestion? {
        defer { next += 1 }
        guard next < steps.count else { return nil }
        return Suggestion(Configuration([.real(steps[next].x)]), fidelity: steps[next].level)
    }
    mutating func tell(_ observation: Observation) {}
}

/// Suggests a fixed sequence of x values, then stops; can be told to throw or to leave the space.
struct Scripted: Optimizer {
    var values: [Double]
    var throwAt: Int?
    var next = 0
    var told: [Double?] = []
    mutating func ask() throws -> Suggestion? {
        defer { next += 1 }
        if next == throwAt { throw CoreError.invalidConfiguration(reason: "the fixture optimizer broke on purpose") }
        guard next < values.count else { return nil }
        return Suggestion(Configuration([.real(values[next])]))
    }
    mutating func tell(_ observation: Observation) { told.append(observation.value) }
}

enum Fixtures {
    /// A registry with the fixtures above.
    static let registry: Registry = {
        var registry = Registry()
        try! registry.register(ProblemEntry(name: "identity", summary: "f(x) = x") { _ in Identity() })
        try! registry.register(
            ProblemEntry(
                name: "faulty", summary: "fails",
                options: [
                    OptionSpec("fault", .choice(["nan", "error"]), default: .string("nan"), summary: "how"),
                    OptionSpec("at", .integer(1...1000), default: .integer(2), summary: "when"),
                ]
            ) { Faulty(fault: .init(rawValue: $0.options.string("fault"))!, at: $0.options.integer("at")) })
        try! registry.register(
            OptimizerEntry(name: "scripted", summary: "fixed sequence") { _ in Scripted(values: [0.9, 0.5, 0.7, 0.1]) })
        try! registry.register(
            OptimizerEntry(name: "thrower", summary: "throws at the third ask") { _ in
                Scripted(values: [0.9, 0.5, 0.7, 0.1], throwAt: 2)
            })
        try! registry.register(
            OptimizerEntry(name: "outside", summary: "leaves the space") { _ in Scripted(values: [0.5, 2]) })
        try! registry.register(ProblemEntry(name: "levels", summary: "three fidelity levels") { _ in Levels() })
        try! registry.register(
            OptimizerEntry(name: "ladder", summary: "fixed (x, level) pairs") { _ in
                Ladder(steps: [(0.5, 0), (0.4, 1), (0.3, 2), (0.2, nil), (0.1, 0), (0.05, 1)])
            })
        try! registry.register(
            Suite(name: "pair", summary: "two", problems: [EntrySpec("identity"), EntrySpec("faulty", label: "nan")]))
        return registry
    }()

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tunebench-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The bytes of every derived file that must be identical across executions.
    static func deterministicOutputs(_ folder: URL) throws -> [String: Data] {
        let manager = FileManager.default
        var files: [String: Data] = [:]
        for name in ["evaluations.csv", "summary.json", "traces-recommended.csv"]
        where name != "traces-recommended.csv" || manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        for folderName in ["curves", "curves-recommended", "curves-failures", "curves-time", "fronts"] {
            let curves = folder.appendingPathComponent(folderName)
            guard folderName == "curves" || manager.fileExists(atPath: curves.path) else { continue }
            for name in try manager.contentsOfDirectory(atPath: curves.path).sorted() {
                files[folderName + "/" + name] = try Data(contentsOf: curves.appendingPathComponent(name))
            }
        }
        return files
    }
}
