/// One series in pixels: its colour and dash, its lines and its band outlines, with redundant vertices removed.
struct PlotTrace: Sendable {
    var color: String
    var dash: String?
    var lines: [[PlotSegments.Point]]
    var bands: [[PlotSegments.Point]]

    init(_ series: PlotSeries, index: Int, xAxis: PlotAxis, yAxis: PlotAxis, layout: PlotLayout) {
        color = PlotPalette.color(index)
        dash = PlotPalette.dash(index)
        // Far outside the plot area (possible with a fixed y range) positions are held at a plot height beyond
        // its edges, which keeps the numbers short; the clip path hides them.
        let span = layout.bottom - layout.top
        let xs = series.x.map { layout.x(xAxis, $0) }
        let py = { (v: Double) in
            layout.y(yAxis, v).map { min(max($0, layout.top - span), layout.bottom + span) }
        }
        lines = PlotSegments.runs(xs: xs, ys: series.y.map(py), step: series.step).map(PlotSegments.pruned)
        if let lower = series.lower, let upper = series.upper {
            bands = PlotSegments.bands(xs: xs, lower: lower.map(py), upper: upper.map(py), step: series.step)
                .map(PlotSegments.pruned)
        } else {
            bands = []
        }
    }
}
