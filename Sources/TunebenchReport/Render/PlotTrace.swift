/// One series in pixels: its colour, dash and marker, its lines, its band outlines (redundant vertices removed) and
/// where its markers go.
struct PlotTrace: Sendable {
    var color: String
    var dash: String?
    var marker: PlotMarker?
    var lines: [[PlotSegments.Point]]
    var bands: [[PlotSegments.Point]]
    /// The points on the lines that carry the marker; empty without a marker.
    var markers: [PlotSegments.Point]

    /// The most markers a line carries: one in each of this many equal slices of the plot area's width.
    static let markersPerLine = 5

    init(_ series: PlotSeries, index: Int, xAxis: PlotAxis, yAxis: PlotAxis, layout: PlotLayout) {
        color = PlotPalette.color(index)
        dash = PlotPalette.dash(index)
        marker = PlotPalette.marker(index)
        // Far outside the plot area (possible with a fixed y range) positions are held at a plot height beyond
        // its edges, which keeps the numbers short; the clip path hides them.
        let span = layout.bottom - layout.top
        let xs = series.x.map { layout.x(xAxis, $0) }
        let py = { (v: Double) in
            layout.y(yAxis, v).map { min(max($0, layout.top - span), layout.bottom + span) }
        }
        let lines = PlotSegments.runs(xs: xs, ys: series.y.map(py), step: series.step).map(PlotSegments.pruned)
        self.lines = lines
        if let lower = series.lower, let upper = series.upper {
            bands = PlotSegments.bands(xs: xs, lower: lower.map(py), upper: upper.map(py), step: series.step)
                .map(PlotSegments.pruned)
        } else {
            bands = []
        }
        markers = marker == nil ? [] : Self.markerXs(index: index, layout: layout).compactMap { x in
            lines.lazy.compactMap { PlotSegments.height(of: $0, at: x) }.first.map { PlotSegments.Point(x: x, y: $0) }
        }
    }

    /// Where the series at `index` puts its markers: at the same offset in each of ``markersPerLine`` slices of the
    /// plot area's width, the offset ((7 · index mod 20) + 0.5) / 20 of a slice, so that the markers of 20 consecutive
    /// series fall at 20 different places.
    static func markerXs(index: Int, layout: PlotLayout) -> [Double] {
        let slice = (layout.right - layout.left) / Double(markersPerLine)
        let offset = (Double((7 * max(index, 0)) % 20) + 0.5) / 20
        return (0..<markersPerLine).map { layout.left + (Double($0) + offset) * slice }
    }
}
