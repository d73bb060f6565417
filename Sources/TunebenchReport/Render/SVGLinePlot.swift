/// A line plot of named series with optional quantile bands, written as a self-contained SVG element.
///
/// The output is deterministic (the same plot gives the same bytes) and independent of the locale; coordinates
/// carry at most two decimals. It needs no script, style sheet or font file: it reads the same inline in an HTML
/// page and opened alone.
///
/// ```swift
/// let plot = LinePlot(
///     title: "Branin", xLabel: "evaluations", yLabel: "regret", yScale: .log,
///     series: [PlotSeries(name: "random", x: [1, 2, 3], y: [5, 2, 2], step: true)])
/// let svg = plot.svg()
/// ```
public struct LinePlot: Sendable, Equatable {
    /// The title above the plot, also the SVG's accessible `<title>`.
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// The x axis's scale (the x axis spans the series' x values).
    public var xScale: PlotScale
    /// The y axis's scale.
    public var yScale: PlotScale
    /// A fixed y range (0…1 for an empirical distribution function, 1…k for average ranks); when `nil`, the range
    /// of the values, widened to whole tick steps (linear) or whole decades (log). Parts outside it are cut off.
    public var yRange: ClosedRange<Double>?
    /// The curves, drawn in this order with colours, dashes and markers from ``PlotPalette``.
    public var series: [PlotSeries]
    /// The width in pixels.
    public var width: Int = 720
    /// The height in pixels; a legend below the plot (when there are too many series for one column to the right)
    /// may make the image taller.
    public var height: Int = 440

    /// A plot.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - xLabel: The x-axis label.
    ///   - yLabel: The y-axis label.
    ///   - xScale: The x axis's scale.
    ///   - yScale: The y axis's scale.
    ///   - yRange: A fixed y range, or `nil` for the data's.
    ///   - series: The curves.
    ///   - width: The width in pixels.
    ///   - height: The height in pixels.
    public init(
        title: String,
        xLabel: String,
        yLabel: String,
        xScale: PlotScale = .linear,
        yScale: PlotScale = .linear,
        yRange: ClosedRange<Double>? = nil,
        series: [PlotSeries],
        width: Int = 720,
        height: Int = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.yRange = yRange
        self.series = series
        self.width = width
        self.height = height
    }

    /// The plot as one `<svg>` element: a `<title>`, a white background, grid, axes with ticks and labels, the
    /// quantile bands (at 0.18 opacity, under every line), the lines (1.6 px), the markers of the series from the
    /// eleventh on (at most five per line, see ``PlotPalette``) and the legend.
    ///
    /// On a log axis, values at or below its floor (see ``PlotScale/log``) are drawn at the floor and a note under
    /// the title says so. When no series has a point to draw, the plot area says "no data".
    ///
    /// - Complexity: O(total number of points).
    public func svg() -> String {
        let xAxis = PlotAxis(scale: xScale, values: series.flatMap(\.x), fixed: nil, loose: false)
        let yValues = series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }
        let yAxis = PlotAxis(scale: yScale, values: yValues, fixed: yRange, loose: true)
        var notes: [String] = []
        if yAxis.clamps, let floor = yAxis.floor {
            notes.append("values ≤ \(SVGText.compact(floor)) shown at \(SVGText.compact(floor))")
        }
        if xAxis.clamps, let floor = xAxis.floor {
            notes.append("x values ≤ \(SVGText.compact(floor)) shown at \(SVGText.compact(floor))")
        }
        let layout = PlotLayout(
            width: width,
            height: height,
            hasNote: !notes.isEmpty,
            yTickLabels: yAxis.ticks.map(\.label),
            names: series.map(\.name)
        )
        let traces = series.enumerated().map {
            PlotTrace($1, index: $0, xAxis: xAxis, yAxis: yAxis, layout: layout)
        }
        let hasData = traces.contains { !$0.lines.isEmpty }

        var svg = SVGWriter()
        svg.drawFrame(title: title, notes: notes, layout: layout)
        if hasData {
            svg.drawGrid(xAxis: xAxis, yAxis: yAxis, layout: layout)
        }
        svg.drawAxes(xLabel: xLabel, yLabel: yLabel, layout: layout)
        if hasData {
            svg.drawTicks(xAxis: xAxis, yAxis: yAxis, layout: layout)
            svg.drawSeries(traces, layout: layout)
        } else {
            svg.drawNoData(layout: layout)
        }
        svg.drawLegend(series: series, layout: layout)
        return svg.document(title: title, layout: layout)
    }
}
