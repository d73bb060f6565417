import TunebenchCore

/// A kurobako problem spec: the parameters' domain, the number of objectives and the evaluation steps.
///
/// It is built from a Tunebench ``SearchSpace`` to tell a plugin solver what to search, and read from a plugin
/// problem's `PROBLEM_SPEC_CAST` to learn its space. The mapping is given in `Plugins/PROTOCOL.md`.
public struct ProblemSpecification: Sendable, Hashable {
    /// One parameter of the domain.
    public struct Variable: Sendable, Hashable {
        public enum Range: Sendable, Hashable {
            /// Reals in `[low, high)`; infinite bounds are allowed by kurobako.
            case continuous(low: Double, high: Double)
            /// Integers in `[low, high)` (the upper bound is excluded).
            case discrete(low: Int, high: Int)
            case categorical(choices: [String])
        }

        public var name: String
        public var range: Range
        public var logScale: Bool
        /// The Lua condition under which the parameter is active.
        public var constraint: String?
    }

    public var name: String
    public var attrs: [String: String]
    public var parameters: [Variable]
    /// The number of objective values (`values_domain`).
    public var objectives: Int
    /// The evaluation steps, increasing; the last one is full fidelity.
    public var steps: [Int]
    /// A multi-objective problem's hypervolume reference point (kurobako's `reference_point`), one value per
    /// objective; `nil` when the spec has none.
    public var referencePoint: [Double]?

    // MARK: - From and to Tunebench spaces

    /// The spec of a Tunebench space, as sent to plugin solvers, with `objectives` objective values (`values_domain`:
    /// a solver then needs kurobako's `MULTI_OBJECTIVE` beyond one).
    public init(space: SearchSpace, name: String, fidelities: [Fidelity] = [], objectives: Int = 1) {
        self.name = name
        attrs = [:]
        self.objectives = objectives
        steps = fidelities.isEmpty ? [1] : fidelities.map(\.steps)
        parameters = space.parameters.map { parameter in
            let range: Variable.Range
            let logScale: Bool
            switch parameter.domain {
            case .real(let lower, let upper, let scale):
                range = .continuous(low: lower, high: upper)
                logScale = scale == .log
            case .integer(let lower, let upper, let scale):
                range = .discrete(low: lower, high: upper + 1)
                logScale = scale == .log
            case .categorical(let choices):
                range = .categorical(choices: choices)
                logScale = false
            }
            return Variable(
                name: parameter.name, range: range, logScale: logScale,
                constraint: parameter.condition.map(ConstraintExpression.write))
        }
    }

    /// The Tunebench space of a plugin problem's spec.
    /// - Throws: ``PluginError/unsupportedSpec(plugin:reason:)`` for infinite bounds, empty discrete ranges,
    ///   constraints of another shape, several objectives, or what ``SearchSpace`` refuses.
    public func searchSpace(plugin: String) throws -> SearchSpace {
        func refuse(_ reason: String) -> PluginError {
            PluginError.unsupportedSpec(plugin: plugin, reason: JSONValue.printable(reason, limit: 2000))
        }
        guard objectives == 1 || referencePoint?.count == objectives else {
            let reference = referencePoint.map { "a reference_point of \($0.count) values" } ?? "no reference_point"
            throw refuse(
                "it has \(objectives) objectives and " + reference
                    + "; Tunebench measures several objectives by the hypervolume up to a reference point of one "
                    + "finite value per objective")
        }
        guard !parameters.isEmpty else {
            throw refuse("its params_domain is empty; Tunebench needs at least one parameter")
        }
        let parameters = try self.parameters.map { variable -> Parameter in
            let condition = try variable.constraint.map { text -> Parameter.Condition in
                guard let condition = ConstraintExpression.read(text) else {
                    throw refuse(
                        "the constraint of '\(variable.name)' (\(JSONValue.printable(text))) is not of the form "
                            + "parent == \"choice\" or ...")
                }
                return condition
            }
            let scale: Parameter.Scale = variable.logScale ? .log : .linear
            switch variable.range {
            case .continuous(let low, let high):
                guard low.isFinite, high.isFinite else {
                    throw refuse("'\(variable.name)' has an infinite bound; Tunebench needs finite bounds")
                }
                return .real(variable.name, lower: low, upper: high, scale: scale, when: condition)
            case .discrete(let low, let high):
                return .integer(variable.name, lower: low, upper: high - 1, scale: scale, when: condition)
            case .categorical(let choices):
                return .categorical(variable.name, choices: choices, when: condition)
            }
        }
        do {
            return try SearchSpace(parameters)
        } catch {
            throw refuse("\(error)")
        }
    }

    /// The number of black-box constraints, from the Tunebench extension `attrs.constraints` (a decimal integer written
    /// as a string); 0 when absent. `nil` when the attribute is not a non-negative integer.
    public var constraintCount: Int? {
        guard let text = attrs["constraints"] else { return 0 }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The known optimum, from the Tunebench extension `attrs.optimum` (a finite number written as a string).
    public var optimum: Double? {
        attrs["optimum"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The most steps a problem may declare.
    public static let maximumSteps = 10_000

    /// The fidelity levels of a multi-fidelity problem (one per step, cost proportional to the step), or none.
    public var fidelities: [Fidelity] {
        steps.count > 1 ? Fidelity.levels(steps: steps) : []
    }

    /// Why the spec cannot be handed to kurobako solvers, or `nil`: with constraints, every parameter name must be
    /// a Lua identifier, because kurobako's solvers bind the parameters as Lua variables to evaluate them.
    public var luaProblem: String? {
        guard parameters.contains(where: { $0.constraint != nil }) else { return nil }
        let keywords: Set<String> = [
            "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local",
            "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
        ]
        for variable in parameters {
            let scalars = Array(variable.name.unicodeScalars)
            let isIdentifier =
                !scalars.isEmpty && !keywords.contains(variable.name)
                && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
                && !("0"..."9").contains(scalars[0])
            if !isIdentifier {
                return "parameter '\(variable.name)' of a conditional space is not a Lua identifier, which kurobako "
                    + "solvers need to evaluate conditions; use letters, digits and _"
            }
        }
        return nil
    }

    /// The capabilities a solver needs for this spec, in kurobako's words.
    public var requiredCapabilities: [String] {
        var needed: Set<String> = []
        if objectives > 1 { needed.insert("MULTI_OBJECTIVE") }
        for variable in parameters {
            if variable.constraint != nil { needed.insert("CONDITIONAL") }
            switch variable.range {
            case .continuous: needed.insert(variable.logScale ? "LOG_UNIFORM_CONTINUOUS" : "UNIFORM_CONTINUOUS")
            case .discrete: needed.insert(variable.logScale ? "LOG_UNIFORM_DISCRETE" : "UNIFORM_DISCRETE")
            case .categorical: needed.insert("CATEGORICAL")
            }
        }
        return needed.sorted()
    }

    // MARK: - JSON

    /// Writes the spec as a JSON object (constraints as plain strings, which the `kurobako` Python package reads).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("name")
        writer.string(name)
        writer.key("attrs")
        writer.beginObject()
        for key in attrs.keys.sorted() {
            writer.key(key)
            writer.string(attrs[key]!)
        }
        writer.endObject()
        writer.key("params_domain")
        writer.beginArray()
        for variable in parameters {
            writer.beginObject()
            writer.key("name")
            writer.string(variable.name)
            writer.key("range")
            writer.beginObject()
            switch variable.range {
            case .continuous(let low, let high):
                writer.key("type")
                writer.string("CONTINUOUS")
                if low.isFinite {
                    writer.key("low")
                    writer.number(low)
                }
                if high.isFinite {
                    writer.key("high")
                    writer.number(high)
                }
            case .discrete(let low, let high):
                writer.key("type")
                writer.string("DISCRETE")
                writer.key("low")
                writer.integer(low)
                writer.key("high")
                writer.integer(high)
            case .categorical(let choices):
                writer.key("type")
                writer.string("CATEGORICAL")
                writer.key("choices")
                writer.beginArray()
                for choice in choices { writer.string(choice) }
                writer.endArray()
            }
            writer.endObject()
            writer.key("distribution")
            writer.string(variable.logScale ? "LOG_UNIFORM" : "UNIFORM")
            if let constraint = variable.constraint {
                writer.key("constraint")
                writer.string(constraint)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("values_domain")
        writer.beginArray()
        for index in 0..<objectives {
            writer.beginObject()
            writer.key("name")
            writer.string(objectives == 1 ? "objective" : "objective\(index + 1)")
            writer.key("range")
            writer.beginObject()
            writer.key("type")
            writer.string("CONTINUOUS")
            writer.endObject()
            writer.key("distribution")
            writer.string("UNIFORM")
            writer.endObject()
        }
        writer.endArray()
        writer.key("steps")
        if steps.count == 1 && steps[0] == 1 {
            writer.integer(1)
        } else {
            writer.beginArray()
            for step in steps { writer.integer(step) }
            writer.endArray()
        }
        writer.endObject()
    }

    /// Reads a spec; `invalid` turns a reason into the error to throw.
    init(json: JSONValue, invalid: (String) -> any Error) throws {
        guard case .object(let spec) = json else { throw invalid("the spec is not an object") }
        guard case .string(let name)? = spec["name"] else { throw invalid("the spec has no \"name\"") }
        self.name = name
        var attrs: [String: String] = [:]
        if case .object(let members)? = spec["attrs"] {
            for (key, value) in members {
                if case .string(let text) = value { attrs[key] = text } else { attrs[key] = value.shown }
            }
        }
        self.attrs = attrs
        guard case .array(let domain)? = spec["params_domain"] else { throw invalid("the spec has no \"params_domain\" list") }
        parameters = try domain.enumerated().map { index, item in try Self.variable(item, index: index, invalid: invalid) }
        if case .array(let values)? = spec["values_domain"] { objectives = values.count } else { objectives = 1 }
        if case .array(let items)? = spec["reference_point"] {
            referencePoint = try items.map { item in
                switch item {
                case .integer(let n): return Double(n)
                case .number(let x) where x.isFinite: return x
                default: throw invalid("\"reference_point\" holds \(item.shown), not a finite number")
                }
            }
        }
        switch spec["steps"] {
        case .integer(let n)? where n >= 1:
            guard n <= Self.maximumSteps else { throw invalid("\"steps\" is \(n); at most \(Self.maximumSteps) are supported") }
            steps = Array(1...n)
        case .array(let items)?:
            guard items.count <= Self.maximumSteps else {
                throw invalid("\"steps\" lists \(items.count) steps; at most \(Self.maximumSteps) are supported")
            }
            steps = try items.map { item in
                guard case .integer(let step) = item, step >= 1 else { throw invalid("\"steps\" holds \(item.shown)") }
                return step
            }
            guard !steps.isEmpty, zip(steps, steps.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw invalid("\"steps\" must be a non-empty increasing list")
            }
        case nil:
            steps = [1]
        case let other?:
            throw invalid("\"steps\" is \(other.shown); expected a positive integer or a list of them")
        }
    }

    private static func variable(_ item: JSONValue, index: Int, invalid: (String) -> any Error) throws -> Variable {
        guard case .object(let fields) = item, case .string(let name)? = fields["name"] else {
            throw invalid("params_domain[\(index)] has no \"name\"")
        }
        guard case .object(let range)? = fields["range"], case .string(let type)? = range["type"] else {
            throw invalid("parameter '\(name)' has no \"range\" with a \"type\"")
        }
        func number(_ key: String, default value: Double) throws -> Double {
            switch range[key] {
            case nil, .null?: return value
            case .integer(let k)?: return Double(k)
            case .number(let x)?: return x
            case let other?: throw invalid("\(key) of parameter '\(name)' is \(other.shown)")
            }
        }
        let parsed: Variable.Range
        switch type {
        case "CONTINUOUS":
            parsed = .continuous(low: try number("low", default: -.infinity), high: try number("high", default: .infinity))
        case "DISCRETE":
            let low = try number("low", default: .nan)
            let high = try number("high", default: .nan)
            guard low.rounded() == low, high.rounded() == high, abs(low) < 9e15, abs(high) < 9e15 else {
                throw invalid("the DISCRETE range of parameter '\(name)' needs integer \"low\" and \"high\"")
            }
            parsed = .discrete(low: Int(low), high: Int(high))
        case "CATEGORICAL":
            guard case .array(let items)? = range["choices"] else {
                throw invalid("the CATEGORICAL range of parameter '\(name)' has no \"choices\"")
            }
            parsed = .categorical(choices: items.map { if case .string(let s) = $0 { s } else { $0.shown } })
        default:
            throw invalid("parameter '\(name)' has an unknown range type \(type)")
        }
        let distribution: String
        if case .string(let text)? = fields["distribution"] { distribution = text } else { distribution = "UNIFORM" }
        guard distribution == "UNIFORM" || distribution == "LOG_UNIFORM" else {
            throw invalid("parameter '\(name)' has an unknown distribution \(distribution)")
        }
        let constraint: String?
        switch fields["constraint"] {
        case .string(let text)?: constraint = text
        case .object(let members)?:  // kurobako's Rust side: {"lua_script": "..."}
            guard case .string(let text)? = members["lua_script"] else {
                throw invalid("the constraint of parameter '\(name)' has no \"lua_script\"")
            }
            constraint = text
        default: constraint = nil
        }
        return Variable(name: name, range: parsed, logScale: distribution == "LOG_UNIFORM", constraint: constraint)
    }
}
