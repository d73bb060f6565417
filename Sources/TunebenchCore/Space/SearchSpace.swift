/// An ordered list of parameters, checked at construction, with activation rules for conditional parameters.
///
/// Invariants (established by `init`, which throws ``CoreError`` otherwise):
/// - at least one parameter, and names are unique and non-empty;
/// - real bounds are finite with `lower < upper`; integer bounds have `lower < upper` and lie within ±2^53;
/// - log scale needs `lower > 0`;
/// - categorical choices are non-empty and unique;
/// - a condition names an *earlier* categorical parameter and a non-empty subset of its choices.
///
/// Because parents come first, the activity of every parameter can be decided in one pass in space order. A
/// parameter whose parent is inactive is inactive too, so conditions nest.
public struct SearchSpace: Sendable, Hashable {
    /// The parameters in order; configurations hold one value per parameter in this order.
    public let parameters: [Parameter]
    /// For each parameter, the parent's index and the allowed choice indices, when it is conditional.
    let activation: [Activation?]

    struct Activation: Sendable, Hashable {
        var parent: Int
        var allowed: [Bool]
    }

    /// When every parameter is an unconditional real: the bounds, `lower, upper` for each in turn, which `validate`
    /// checks without touching the parameters (it runs once per trial); `nil` otherwise.
    let realBounds: [Double]?
    /// Whether, besides, every real is on the linear scale: `decode` then maps without touching the parameters.
    let linearReals: Bool

    /// Builds a space and checks every rule listed in the type's documentation.
    /// - Throws: ``CoreError`` naming the first parameter that breaks a rule.
    public init(_ parameters: [Parameter]) throws {
        guard !parameters.isEmpty else { throw CoreError.emptySpace }
        var indexByName: [String: Int] = [:]
        var activation: [Activation?] = []
        for (index, parameter) in parameters.enumerated() {
            try Self.check(parameter)
            guard indexByName[parameter.name] == nil else {
                throw CoreError.duplicateParameter(name: parameter.name)
            }
            activation.append(try Self.resolve(parameter.condition, of: parameter, in: parameters, indexByName))
            indexByName[parameter.name] = index
        }
        self.parameters = parameters
        self.activation = activation
        var bounds: [Double]? = []
        var linear = true
        for (parameter, rule) in zip(parameters, activation) {
            guard rule == nil, case .real(let lower, let upper, _) = parameter.domain else {
                bounds = nil
                break
            }
            bounds?.append(lower)
            bounds?.append(upper)
            if case .real(_, _, .log) = parameter.domain { linear = false }
        }
        self.realBounds = bounds
        self.linearReals = bounds != nil && linear
    }

    /// The number of parameters, which is also the dimension of the unit cube the space maps onto.
    public var dimension: Int { parameters.count }

    /// The index of the parameter called `name`, if any.
    public func index(of name: String) -> Int? {
        parameters.firstIndex { $0.name == name }
    }

    /// Whether any parameter is conditional.
    public var isConditional: Bool { activation.contains { $0 != nil } }

    /// Whether parameter `index` is active, given the values decided so far for the parameters before it.
    ///
    /// - Parameters:
    ///   - index: the parameter to test.
    ///   - values: values of (at least) parameters `0..<index`, `nil` for inactive ones.
    public func isActive(_ index: Int, given values: [ParameterValue?]) -> Bool {
        guard let rule = activation[index] else { return true }
        guard case .categorical(let choice)? = values[rule.parent] else { return false }
        return rule.allowed.indices.contains(choice) && rule.allowed[choice]
    }

    // MARK: - Validation

    /// Integers up to this magnitude are exact as doubles, which the unit-cube encoding relies on.
    public static let largestExactInteger = 1 << 53

    private static func check(_ parameter: Parameter) throws {
        let name = parameter.name
        guard !name.isEmpty else { throw CoreError.invalidParameter(name: name, reason: "the name is empty") }
        switch parameter.domain {
        case .real(let lower, let upper, let scale):
            guard lower.isFinite, upper.isFinite else {
                throw CoreError.invalidParameter(name: name, reason: "bounds [\(lower), \(upper)] must be finite")
            }
            guard lower < upper else {
                throw CoreError.invalidParameter(
                    name: name, reason: "lower bound \(lower) must be below upper bound \(upper)")
            }
            if scale == .log, lower <= 0 {
                throw CoreError.invalidParameter(
                    name: name, reason: "log scale needs a positive lower bound, got \(lower)")
            }
        case .integer(let lower, let upper, let scale):
            guard abs(lower) <= Self.largestExactInteger, abs(upper) <= Self.largestExactInteger else {
                throw CoreError.invalidParameter(
                    name: name, reason: "integer bounds [\(lower), \(upper)] must lie within ±2^53 (exact as doubles)")
            }
            guard lower < upper else {
                throw CoreError.invalidParameter(
                    name: name, reason: "lower bound \(lower) must be below upper bound \(upper)")
            }
            if scale == .log, lower <= 0 {
                throw CoreError.invalidParameter(
                    name: name, reason: "log scale needs a positive lower bound, got \(lower)")
            }
        case .categorical(let choices):
            guard !choices.isEmpty else {
                throw CoreError.invalidParameter(name: name, reason: "a categorical parameter needs at least one choice")
            }
            var seen: Set<String> = []
            for choice in choices where !seen.insert(choice).inserted {
                throw CoreError.invalidParameter(name: name, reason: "choice '\(choice)' appears twice")
            }
        }
    }

    private static func resolve(
        _ condition: Parameter.Condition?, of parameter: Parameter, in parameters: [Parameter],
        _ indexByName: [String: Int]
    ) throws -> Activation? {
        guard let condition else { return nil }
        guard let parentIndex = indexByName[condition.parent] else {
            throw CoreError.unknownParent(parameter: parameter.name, parent: condition.parent)
        }
        guard let choices = parameters[parentIndex].choices else {
            throw CoreError.invalidCondition(
                parameter: parameter.name, reason: "parent '\(condition.parent)' is not a categorical parameter")
        }
        guard !condition.values.isEmpty else {
            throw CoreError.invalidCondition(parameter: parameter.name, reason: "the list of parent values is empty")
        }
        var allowed = [Bool](repeating: false, count: choices.count)
        for value in condition.values {
            guard let choice = choices.firstIndex(of: value) else {
                throw CoreError.invalidCondition(
                    parameter: parameter.name,
                    reason: "'\(value)' is not a choice of '\(condition.parent)' (choices: "
                        + choices.joined(separator: ", ") + ")")
            }
            allowed[choice] = true
        }
        return Activation(parent: parentIndex, allowed: allowed)
    }
}
