// The map between a search space and the unit cube [0, 1]^d, one coordinate per parameter.

import Foundation

extension SearchSpace {
    /// Maps a point of the unit cube to a configuration.
    ///
    /// Coordinates are clamped to `[0, 1]` (a NaN coordinate counts as `1/2`), then, for each active parameter `p`
    /// with coordinate `u`:
    /// - real, linear: `x = lower + u (upper - lower)`;
    /// - real, log: `x = exp(log lower + u (log upper - log lower))`;
    /// - integer: the real rule on the widened interval `[lower - 1/2, upper + 1/2]` (in log space for the log
    ///   scale), rounded to the nearest integer and clamped to the bounds, so that integer `k` owns the cell that
    ///   maps to `[k - 1/2, k + 1/2]`: cells of equal width on the linear scale, and on the log scale of width
    ///   proportional to `log((k + 1/2) / (k - 1/2))`, wider for small integers;
    /// - categorical with `n` choices: choice `min(n - 1, floor(u n))`, so each choice owns `[i/n, (i+1)/n)`.
    ///
    /// Inactive parameters (their condition fails on the decoded parent) get no value; their coordinate is ignored.
    /// - Parameter point: `dimension` coordinates.
    /// - Returns: a configuration that passes ``validate(_:)``.
    public func decode(_ point: [Double]) -> Configuration {
        precondition(point.count == parameters.count, "point has \(point.count) coordinates, space has \(dimension)")
        if linearReals, let realBounds {
            // The same arithmetic as `Parameter.Domain.value(at:)` for a linear real, without copying parameters.
            return Configuration(
                point.indices.map { index in
                    let u = point[index].isNaN ? 0.5 : min(max(point[index], 0), 1)
                    let (lower, upper) = (realBounds[2 * index], realBounds[2 * index + 1])
                    return .real(min(max(lower + u * (upper - lower), lower), upper))
                })
        }
        var values = [ParameterValue?](repeating: nil, count: parameters.count)
        for index in parameters.indices where isActive(index, given: values) {
            let u = point[index].isNaN ? 0.5 : min(max(point[index], 0), 1)
            values[index] = parameters[index].domain.value(at: u)
        }
        return Configuration(values)
    }

    /// Maps a configuration to the unit cube, inverting ``decode(_:)``.
    ///
    /// - reals: the inverse of the linear or log map;
    /// - integers: the position of the integer itself on the widened interval (the centre of its cell on the
    ///   linear scale), so that `decode(encode(c)) == c`;
    /// - categorical choice `i` of `n`: the centre of its cell, `(i + 1/2) / n`;
    /// - inactive parameters: `1/2`.
    public func encode(_ configuration: Configuration) -> [Double] {
        precondition(configuration.values.count == parameters.count)
        return parameters.indices.map { index in
            guard let value = configuration.values[index] else { return 0.5 }
            return parameters[index].domain.position(of: value)
        }
    }
}

extension Parameter.Domain {
    /// The value at position `u` of the unit interval, by the rules of ``SearchSpace/decode(_:)``.
    /// - Precondition: `0 <= u <= 1`.
    public func value(at u: Double) -> ParameterValue {
        switch self {
        case .real(let lower, let upper, let scale):
            return .real(min(max(Self.interpolate(u, lower, upper, scale), lower), upper))
        case .integer(let lower, let upper, let scale):
            let x = Self.interpolate(u, Double(lower) - 0.5, Double(upper) + 0.5, scale)
            let k = x.rounded(.toNearestOrAwayFromZero)
            return .integer(Int(min(max(k, Double(lower)), Double(upper))))
        case .categorical(let choices):
            return .categorical(min(choices.count - 1, Int(u * Double(choices.count))))
        }
    }

    /// The position of `value` in the unit interval, by the rules of ``SearchSpace/encode(_:)``.
    /// - Precondition: `value` has the kind of this domain.
    public func position(of value: ParameterValue) -> Double {
        switch (value, self) {
        case (.real(let x), .real(let lower, let upper, let scale)):
            return min(max(Self.position(x, lower, upper, scale), 0), 1)
        case (.integer(let k), .integer(let lower, let upper, let scale)):
            return min(max(Self.position(Double(k), Double(lower) - 0.5, Double(upper) + 0.5, scale), 0), 1)
        case (.categorical(let i), .categorical(let choices)):
            return (Double(i) + 0.5) / Double(choices.count)
        default:
            preconditionFailure("value \(value) does not match domain \(self)")
        }
    }

    private static func interpolate(_ u: Double, _ lower: Double, _ upper: Double, _ scale: Parameter.Scale) -> Double {
        switch scale {
        case .linear: return lower + u * (upper - lower)
        case .log: return exp(log(lower) + u * (log(upper) - log(lower)))
        }
    }

    private static func position(_ x: Double, _ lower: Double, _ upper: Double, _ scale: Parameter.Scale) -> Double {
        switch scale {
        case .linear: return (x - lower) / (upper - lower)
        case .log: return (log(x) - log(lower)) / (log(upper) - log(lower))
        }
    }
}
