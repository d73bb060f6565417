import TunebenchCore

/// Search spaces covering every parameter kind, used by the conformance suites.
public enum ConformanceSpaces {
    /// A named space for the conformance checks.
    public struct Named: Sendable, CustomStringConvertible {
        public var name: String
        public var space: SearchSpace
        public var description: String { name }
    }

    /// One space per parameter kind and combination: reals, log scales, integers, categoricals, a mixed space,
    /// nested conditional parameters, a one-dimensional space and a ten-dimensional one.
    public static let all: [Named] = [
        named("real", [.real("a", lower: -5, upper: 10), .real("b", lower: 0, upper: 1), .real("c", lower: -1, upper: 1)]),
        named(
            "log-scale",
            [
                .real("rate", lower: 1e-5, upper: 1, scale: .log),
                .integer("width", lower: 1, upper: 1024, scale: .log),
            ]),
        named("integer", [.integer("n", lower: -3, upper: 3), .integer("m", lower: 0, upper: 100)]),
        named(
            "categorical",
            [.categorical("color", choices: ["red", "green", "blue"]), .categorical("flag", choices: ["on", "off"])]),
        named(
            "mixed",
            [
                .real("x", lower: -1, upper: 1), .integer("k", lower: 1, upper: 8),
                .categorical("kind", choices: ["a", "b", "c", "d"]),
            ]),
        named(
            "conditional",
            [
                .categorical("model", choices: ["linear", "forest", "net"]),
                .real("alpha", lower: 1e-6, upper: 1, scale: .log, when: .init(parent: "model", values: ["linear"])),
                .integer("trees", lower: 1, upper: 200, when: .init(parent: "model", values: ["forest"])),
                .categorical("activation", choices: ["relu", "tanh"], when: .init(parent: "model", values: ["net"])),
                .real("slope", lower: 0, upper: 1, when: .init(parent: "activation", values: ["relu"])),
                .real("shared", lower: 0, upper: 10, when: .init(parent: "model", values: ["forest", "net"])),
            ]),
        named("one-dimensional", [.real("x", lower: 0, upper: 1)]),
        named("ten-dimensional", (1...10).map { .real("x\($0)", lower: -2, upper: 2) }),
    ]

    private static func named(_ name: String, _ parameters: [Parameter]) -> Named {
        // The spaces above are valid by construction; a failure here is a bug in this file.
        do {
            return Named(name: name, space: try SearchSpace(parameters))
        } catch {
            preconditionFailure("conformance space '\(name)' is invalid: \(error)")
        }
    }
}
