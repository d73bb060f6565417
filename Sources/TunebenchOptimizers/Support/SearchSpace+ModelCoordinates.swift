import TunebenchCore

extension SearchSpace {
    /// The coordinate that surrogate models give an inactive conditional parameter: outside the unit cube, so that it
    /// never looks like an active value (as ½ would for the middle choice of a categorical).
    static let inactiveModelCoordinate = -1.0

    /// The coordinates a surrogate model sees for a configuration: its unit-cube encoding (``encode(_:)``), with
    /// inactive parameters at ``inactiveModelCoordinate``.
    func modelPoint(_ configuration: Configuration) -> [Double] {
        var point = encode(configuration)
        for j in point.indices where configuration.values[j] == nil { point[j] = Self.inactiveModelCoordinate }
        return point
    }
}
