// Checking and describing configurations against their space.

extension SearchSpace {
    /// Checks that `configuration` belongs to this space.
    ///
    /// Rules: one value per parameter; each active parameter has a value of its own kind inside its bounds (reals
    /// finite, categorical indices within the choices); each inactive parameter has no value.
    /// - Throws: ``CoreError/invalidConfiguration(reason:)`` naming the parameter and the value.
    public func validate(_ configuration: Configuration) throws {
        let values = configuration.values
        if let realBounds, values.count * 2 == realBounds.count, Self.withinBounds(values, realBounds) { return }
        guard values.count == parameters.count else {
            throw CoreError.invalidConfiguration(
                reason: "it has \(values.count) values but the space has \(parameters.count) parameters")
        }
        for (index, parameter) in parameters.enumerated() {
            let active = isActive(index, given: values)
            guard let value = values[index] else {
                if active {
                    throw CoreError.invalidConfiguration(reason: "active parameter '\(parameter.name)' has no value")
                }
                continue
            }
            guard active else {
                throw CoreError.invalidConfiguration(
                    reason: "parameter '\(parameter.name)' is inactive but has the value \(describe(value, of: index))")
            }
            if let problem = Self.violation(of: value, in: parameter.domain) {
                throw CoreError.invalidConfiguration(reason: "parameter '\(parameter.name)': \(problem)")
            }
        }
    }

    /// Whether every value is a finite real within its bounds (`lower, upper` in turn): the check of a space of
    /// unconditional reals; the full check runs when it fails, to name the problem.
    private static func withinBounds(_ values: [ParameterValue?], _ bounds: [Double]) -> Bool {
        for index in values.indices {
            guard case .real(let x)? = values[index], x.isFinite, x >= bounds[2 * index], x <= bounds[2 * index + 1]
            else { return false }
        }
        return true
    }

    private static func violation(of value: ParameterValue, in domain: Parameter.Domain) -> String? {
        switch (value, domain) {
        case (.real(let x), .real(let lower, let upper, _)):
            if !x.isFinite { return "value \(x) is not finite" }
            if x < lower || x > upper { return "value \(x) is outside [\(lower), \(upper)]" }
            return nil
        case (.integer(let k), .integer(let lower, let upper, _)):
            return (lower...upper).contains(k) ? nil : "value \(k) is outside [\(lower), \(upper)]"
        case (.categorical(let i), .categorical(let choices)):
            return choices.indices.contains(i) ? nil : "choice index \(i) is outside 0..<\(choices.count)"
        case (.real, _): return "got a real value for a parameter that is not real"
        case (.integer, _): return "got an integer value for a parameter that is not an integer"
        case (.categorical, _): return "got a categorical value for a parameter that is not categorical"
        }
    }

    /// The value as text: numbers in Swift's shortest round-trip form, categoricals as their choice name.
    public func describe(_ value: ParameterValue, of index: Int) -> String {
        switch value {
        case .real(let x): return "\(x)"
        case .integer(let k): return "\(k)"
        case .categorical(let i):
            if let choices = parameters[index].choices, choices.indices.contains(i) { return choices[i] }
            return "#\(i)"
        }
    }

    /// The configuration as `name=value` pairs in space order, inactive parameters left out.
    public func describe(_ configuration: Configuration) -> String {
        zip(parameters.indices, configuration.values).compactMap { index, value in
            value.map { "\(parameters[index].name)=\(describe($0, of: index))" }
        }.joined(separator: ", ")
    }
}
