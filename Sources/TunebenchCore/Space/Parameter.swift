/// One dimension of a search space: a name, a domain and an optional activation condition.
///
/// Build parameters with the static constructors, which read like the space they describe:
///
/// ```swift
/// let space = try SearchSpace([
///     .categorical("model", choices: ["linear", "forest"]),
///     .real("alpha", lower: 1e-6, upper: 1, scale: .log, when: .init(parent: "model", values: ["linear"])),
///     .integer("trees", lower: 10, upper: 500, scale: .log, when: .init(parent: "model", values: ["forest"])),
/// ])
/// ```
///
/// Parameters are checked when a ``SearchSpace`` is built from them, not here, so that every error names the
/// parameter and the rule it breaks.
public struct Parameter: Sendable, Hashable {
    /// How a numeric range is traversed: evenly (`linear`) or evenly in the logarithm (`log`).
    public enum Scale: String, Sendable, Hashable, Codable, CaseIterable {
        case linear
        case log
    }

    /// The set of values a parameter can take.
    public enum Domain: Sendable, Hashable {
        /// Real numbers in `[lower, upper]`.
        case real(lower: Double, upper: Double, scale: Scale)
        /// Integers in `[lower, upper]`.
        case integer(lower: Int, upper: Int, scale: Scale)
        /// One of a list of named choices; values are indices into `choices`.
        case categorical(choices: [String])
    }

    /// Activation rule: the parameter is active only when the categorical parameter `parent` is active and
    /// takes one of `values`.
    public struct Condition: Sendable, Hashable {
        /// Name of an earlier categorical parameter.
        public var parent: String
        /// Choices of the parent under which this parameter is active.
        public var values: [String]

        public init(parent: String, values: [String]) {
            self.parent = parent
            self.values = values
        }
    }

    /// Unique name within the space.
    public var name: String
    /// The values the parameter can take.
    public var domain: Domain
    /// When set, the parameter is active only under this condition; inactive parameters have no value.
    public var condition: Condition?

    public init(name: String, domain: Domain, condition: Condition? = nil) {
        self.name = name
        self.domain = domain
        self.condition = condition
    }

    // MARK: - Constructors

    /// A real parameter in `[lower, upper]`.
    public static func real(
        _ name: String, lower: Double, upper: Double, scale: Scale = .linear, when condition: Condition? = nil
    ) -> Parameter {
        Parameter(name: name, domain: .real(lower: lower, upper: upper, scale: scale), condition: condition)
    }

    /// An integer parameter in `[lower, upper]`.
    public static func integer(
        _ name: String, lower: Int, upper: Int, scale: Scale = .linear, when condition: Condition? = nil
    ) -> Parameter {
        Parameter(name: name, domain: .integer(lower: lower, upper: upper, scale: scale), condition: condition)
    }

    /// A categorical parameter whose value is one of `choices`.
    public static func categorical(_ name: String, choices: [String], when condition: Condition? = nil) -> Parameter {
        Parameter(name: name, domain: .categorical(choices: choices), condition: condition)
    }

    // MARK: - API

    /// The choices of a categorical parameter, or `nil` for a numeric one.
    public var choices: [String]? {
        if case .categorical(let choices) = domain { return choices }
        return nil
    }

    /// A short human-readable description of the domain, such as `real [0.001, 1] log`.
    public var domainDescription: String {
        switch domain {
        case .real(let lower, let upper, let scale):
            return "real [\(lower), \(upper)]" + (scale == .log ? " log" : "")
        case .integer(let lower, let upper, let scale):
            return "integer [\(lower), \(upper)]" + (scale == .log ? " log" : "")
        case .categorical(let choices):
            return "categorical {" + choices.joined(separator: ", ") + "}"
        }
    }
}
