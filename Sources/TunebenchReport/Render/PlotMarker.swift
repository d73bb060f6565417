/// A marker shape, drawn at a few points along a series' line and on its legend sample, so that two series of one
/// colour differ in more than their dash pattern (``PlotPalette/marker(_:)``).
///
/// Each shape is about 8 px across, centred on its point. The five closed shapes are filled with the series' colour
/// and outlined in white, so that they stand out from the lines they sit on; the plus and the cross are stroked in the
/// series' colour.
public enum PlotMarker: String, Sendable, CaseIterable {
    case circle
    case square
    case triangle
    case diamond
    case invertedTriangle
    case plus
    case cross

    /// The shape as SVG path commands relative to its centre, to follow an absolute `M x y`.
    var path: String {
        switch self {
        case .circle: "m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0z"
        case .square: "m-3.1-3.1h6.2v6.2h-6.2z"
        case .triangle: "m0-4.3l3.9 6.6h-7.8z"
        case .diamond: "m0-4.3l4.3 4.3l-4.3 4.3l-4.3-4.3z"
        case .invertedTriangle: "m0 4.3l3.9-6.6h-7.8z"
        case .plus: "m-4 0h8m-4-4v8"
        case .cross: "m-3.2-3.2l6.4 6.4m0-6.4l-6.4 6.4"
        }
    }

    /// Whether the shape is filled (and outlined in white) rather than stroked.
    var isFilled: Bool {
        switch self {
        case .plus, .cross: false
        default: true
        }
    }
}
