/// One named curve of a ``LinePlot``: a median line with an optional band between two quantiles.
///
/// Values that are infinite or NaN (for instance a regret that is not yet defined because no run has evaluated at
/// full fidelity) are not drawn: the line and the band break there. The arrays should have equal lengths; when they
/// do not, only the first `min(x.count, y.count)` points are drawn, and the band over the common length of `x`,
/// `lower` and `upper`.
public struct PlotSeries: Sendable, Equatable {
    /// The legend label, for instance the optimizer's name.
    public var name: String
    /// The x values, increasing.
    public var x: [Double]
    /// The line's values (a median), one per x.
    public var y: [Double]
    /// The lower edge of the band (a 25 % quantile), one per x; no band when `nil`.
    public var lower: [Double]?
    /// The upper edge of the band (a 75 % quantile), one per x; no band when `nil`.
    public var upper: [Double]?
    /// Whether to draw a right-continuous step function (value `y[i]` on `[x[i], x[i+1])`), as for best-so-far
    /// curves and empirical distribution functions, instead of straight segments between points.
    public var step: Bool

    /// A series.
    ///
    /// - Parameters:
    ///   - name: The legend label.
    ///   - x: The x values, increasing.
    ///   - y: The line's values; infinite or NaN ones leave a gap.
    ///   - lower: The band's lower edge, or `nil` for no band.
    ///   - upper: The band's upper edge, or `nil` for no band.
    ///   - step: Whether to draw a step function.
    public init(
        name: String,
        x: [Double],
        y: [Double],
        lower: [Double]? = nil,
        upper: [Double]? = nil,
        step: Bool = false
    ) {
        self.name = name
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
        self.step = step
    }
}
