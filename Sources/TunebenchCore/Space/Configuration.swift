/// A point of a search space: one value per parameter, in space order, `nil` where the parameter is inactive.
///
/// A configuration only has meaning together with its ``SearchSpace``; ``SearchSpace/validate(_:)`` checks
/// that the two agree (kinds, bounds, activity).
public struct Configuration: Sendable, Hashable {
    /// Values aligned with `SearchSpace.parameters`; `nil` marks an inactive parameter.
    public var values: [ParameterValue?]

    public init(_ values: [ParameterValue?]) {
        self.values = values
    }

    /// The value of parameter `index`, or `nil` when it is inactive.
    public subscript(index: Int) -> ParameterValue? {
        get { values[index] }
        set { values[index] = newValue }
    }

    // MARK: - Typed accessors for problems that know their own space

    /// The real value of parameter `index`. Precondition: the parameter is an active real parameter.
    public func real(_ index: Int) -> Double {
        guard case .real(let x)? = values[index] else { preconditionFailure("parameter \(index) is not a real value") }
        return x
    }

    /// The integer value of parameter `index`. Precondition: the parameter is an active integer parameter.
    public func integer(_ index: Int) -> Int {
        guard case .integer(let k)? = values[index] else {
            preconditionFailure("parameter \(index) is not an integer value")
        }
        return k
    }

    /// The choice index of parameter `index`. Precondition: the parameter is an active categorical parameter.
    public func choice(_ index: Int) -> Int {
        guard case .categorical(let i)? = values[index] else {
            preconditionFailure("parameter \(index) is not a categorical value")
        }
        return i
    }

    /// All values as reals, for spaces whose parameters are all active and numeric.
    public var numericValues: [Double] {
        values.map { $0?.numericValue ?? .nan }
    }

    /// A configuration of real parameters.
    public static func reals(_ xs: [Double]) -> Configuration {
        Configuration(xs.map { .real($0) })
    }
}
