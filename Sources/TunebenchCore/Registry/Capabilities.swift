/// What an optimizer can handle, and what a problem needs.
public struct Capabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public static let real = Capabilities(rawValue: 1 << 0)
    public static let integer = Capabilities(rawValue: 1 << 1)
    public static let categorical = Capabilities(rawValue: 1 << 2)
    public static let conditional = Capabilities(rawValue: 1 << 3)
    public static let logScale = Capabilities(rawValue: 1 << 4)
    public static let multiFidelity = Capabilities(rawValue: 1 << 5)
    /// Problems of several objectives (``Problem/objectiveCount``): the optimizer reads ``Observation/objectives``,
    /// or ignores the values altogether (random search and the space-filling designs).
    public static let multiObjective = Capabilities(rawValue: 1 << 6)

    /// Every parameter kind, conditional spaces and log scales (single fidelity).
    public static let allParameterKinds: Capabilities = [.real, .integer, .categorical, .conditional, .logScale]

    /// The capabilities' names, in a fixed order, for messages and listings.
    public var names: [String] {
        let named: [(Capabilities, String)] = [
            (.real, "real"), (.integer, "integer"), (.categorical, "categorical"), (.conditional, "conditional"),
            (.logScale, "log-scale"), (.multiFidelity, "multi-fidelity"), (.multiObjective, "multi-objective"),
        ]
        return named.filter { contains($0.0) }.map(\.1)
    }
}

extension SearchSpace {
    /// What an optimizer must support to search this space.
    public var requiredCapabilities: Capabilities {
        var needed: Capabilities = isConditional ? [.conditional] : []
        for parameter in parameters {
            switch parameter.domain {
            case .real(_, _, let scale):
                needed.insert(.real)
                if scale == .log { needed.insert(.logScale) }
            case .integer(_, _, let scale):
                needed.insert(.integer)
                if scale == .log { needed.insert(.logScale) }
            case .categorical:
                needed.insert(.categorical)
            }
        }
        return needed
    }
}
