/// The colours, dash patterns and markers that tell series apart.
///
/// Series 1–10 take the ten colours with solid lines and no marker. Series 11–20 take the colours again with dashes,
/// 21–30 with dots, 31–40 with dash-dots, and so on round the patterns; from series 11 on, every series also carries a
/// marker, the seven ``PlotMarker`` shapes in turn. Seven is prime to the ten colours, so two series of one colour
/// share a marker only 70 series apart, and they share a dash pattern only 40 apart: among the first 40 series, two of
/// one colour differ in both dash and marker, and the first 280 all differ in colour, dash or marker. Within a round,
/// only series seven apart share a marker (blue and grey, orange and olive, green and cyan).
public enum PlotPalette {
    /// Tableau's "Classic 10" (before Tableau 10.0 named "Tableau 10"; the same values are matplotlib's `tab10`),
    /// as listed in Tableau's help page "Create Custom Color Palettes" (help.tableau.com,
    /// formatting_create_custom_colors.htm).
    public static let colors: [String] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// `stroke-dasharray` values in pixels for successive rounds of the colours; `nil` is a solid line.
    public static let dashes: [String?] = [nil, "6 3", "1.5 2.5", "8 3 1.5 3"]

    /// The marker shapes, taken in turn by the series from the eleventh on.
    public static let markers: [PlotMarker] = PlotMarker.allCases

    /// The colour of the series at `index` (from 0).
    public static func color(_ index: Int) -> String {
        colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// The dash pattern of the series at `index` (from 0), `nil` for a solid line.
    public static func dash(_ index: Int) -> String? {
        dashes[(max(index, 0) / colors.count) % dashes.count]
    }

    /// The marker of the series at `index` (from 0): none for the first ten (one round of the colours), then
    /// `markers[index % markers.count]`.
    public static func marker(_ index: Int) -> PlotMarker? {
        index < colors.count ? nil : markers[index % markers.count]
    }
}
