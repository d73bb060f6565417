import TunebenchCore

/// The `params` lists of the protocol: one number per parameter (a choice's index for a categorical), `null` for an
/// inactive parameter.
enum ParameterValues {
    /// Writes the params of a configuration.
    static func write(_ configuration: Configuration, to writer: inout JSONWriter) {
        writer.beginArray()
        for value in configuration.values {
            if let value { writer.number(value.numericValue) } else { writer.null() }
        }
        writer.endArray()
    }

    /// Reads params sent by a plugin as a configuration of `space`.
    ///
    /// Reals must lie in `[lower, upper]` (the closed interval, since many libraries include the upper bound);
    /// integers and choice indices must be integral (within 1e-9) and in range; an active parameter needs a number.
    /// A value sent for a parameter that is inactive is ignored.
    /// - Returns: the configuration, or the reason it is not one of the space.
    static func configuration(from items: [JSONValue], space: SearchSpace) -> Result<Configuration, Reason> {
        guard items.count == space.dimension else {
            return .failure(Reason("it sent \(items.count) params for a space of \(space.dimension) parameters"))
        }
        var values = [ParameterValue?](repeating: nil, count: space.dimension)
        for (index, parameter) in space.parameters.enumerated() where space.isActive(index, given: values) {
            guard let x = items[index].doubleValue else {
                if items[index] == .null {
                    return .failure(Reason("it sent null for '\(parameter.name)', which is active"))
                }
                return .failure(Reason("it sent \(items[index].shown) for '\(parameter.name)'; expected a number"))
            }
            guard !x.isNaN else { return .failure(Reason("it suggested NaN for '\(parameter.name)', which is not in the space")) }
            switch parameter.domain {
            case .real(let lower, let upper, _):
                guard (lower...upper).contains(x) else {
                    return .failure(Reason("it suggested \(parameter.name) = \(x), outside [\(lower), \(upper)]"))
                }
                values[index] = .real(x)
            case .integer(let lower, let upper, _):
                let k = x.rounded()
                guard abs(x - k) <= 1e-9, k >= Double(lower), k <= Double(upper) else {
                    return .failure(
                        Reason("it suggested \(parameter.name) = \(x), not an integer in [\(lower), \(upper)]"))
                }
                values[index] = .integer(Int(k))
            case .categorical(let choices):
                let k = x.rounded()
                guard abs(x - k) <= 1e-9, k >= 0, k < Double(choices.count) else {
                    return .failure(
                        Reason("it suggested choice \(x) for '\(parameter.name)', which has \(choices.count) choices"))
                }
                values[index] = .categorical(Int(k))
            }
        }
        return .success(Configuration(values))
    }

    /// Why params are not a configuration of the space.
    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
