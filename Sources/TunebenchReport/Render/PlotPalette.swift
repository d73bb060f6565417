/// The colours and dash patterns that tell series apart.
///
/// Series 1–10 take the ten colours with solid lines; series 11–20 take the colours again with dashes, 21–30 with
/// dots, 31–40 with dash-dots, and so on round the patterns, so that 40 series stay distinct.
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

    /// The colour of the series at `index` (from 0).
    public static func color(_ index: Int) -> String {
        colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// The dash pattern of the series at `index` (from 0), `nil` for a solid line.
    public static func dash(_ index: Int) -> String? {
        dashes[(max(index, 0) / colors.count) % dashes.count]
    }
}
