/// The parts of a ``LinePlot``: title and note, grid, frame and axis labels, ticks, series, legend.
extension SVGWriter {
    static let textColor = "#222222"
    static let mutedColor = "#555555"
    static let gridColor = "#dddddd"
    static let minorGridColor = "#f0f0f0"
    static let frameColor = "#444444"
    /// The quantile band's fill opacity.
    static let bandOpacity = "0.18"
    /// The width of a series line in pixels.
    static let lineWidth = "1.6"

    /// The visible title (shortened when too long; the `<title>` keeps it whole) and the note line (notes joined
    /// with "; ") above the plot area.
    mutating func drawFrame(title: String, notes: [String], layout: PlotLayout) {
        let size = SVGText.number(PlotLayout.titleSize)
        line(
            "<text \(Self.attributes(["x": layout.left, "y": 21])) font-size=\"\(size)px\" font-weight=\"bold\""
                + " fill=\"\(Self.textColor)\">\(SVGText.escape(layout.titleText(title)))</text>"
        )
        if !notes.isEmpty {
            let noteSize = SVGText.number(PlotLayout.noteSize)
            line(
                "<text \(Self.attributes(["x": layout.left, "y": 38])) font-size=\"\(noteSize)px\""
                    + " fill=\"\(Self.mutedColor)\">\(SVGText.escape(notes.joined(separator: "; ")))</text>"
            )
        }
    }

    /// Grid lines at the minor ticks (faint) and at the labelled ticks of both axes.
    mutating func drawGrid(xAxis: PlotAxis, yAxis: PlotAxis, layout: PlotLayout) {
        let sets: [(String, [Double], [Double])] = [
            (Self.minorGridColor, xAxis.minorTicks, yAxis.minorTicks),
            (Self.gridColor, xAxis.ticks.map(\.value), yAxis.ticks.map(\.value)),
        ]
        for (color, xs, ys) in sets where !(xs.isEmpty && ys.isEmpty) {
            var path = ""
            for p in xs.map({ layout.tickX(xAxis, $0) }) {
                path += "M\(SVGText.number(p)) \(SVGText.number(layout.top))V\(SVGText.number(layout.bottom))"
            }
            for p in ys.map({ layout.tickY(yAxis, $0) }) {
                path += "M\(SVGText.number(layout.left)) \(SVGText.number(p))H\(SVGText.number(layout.right))"
            }
            if !path.isEmpty { line("<path d=\"\(path)\" stroke=\"\(color)\" stroke-width=\"1\" fill=\"none\"/>") }
        }
    }

    /// The frame of the plot area and the axis labels (the y label turned a quarter left).
    mutating func drawAxes(xLabel: String, yLabel: String, layout: PlotLayout) {
        let frame = Self.attributes([
            "x": layout.left, "y": layout.top, "width": layout.right - layout.left,
            "height": layout.bottom - layout.top,
        ])
        line("<rect \(frame) fill=\"none\" stroke=\"\(Self.frameColor)\" stroke-width=\"1\"/>")
        let size = SVGText.number(PlotLayout.labelSize)
        let middleX = SVGText.number((layout.left + layout.right) / 2)
        let middleY = SVGText.number((layout.top + layout.bottom) / 2)
        line(
            "<text x=\"\(middleX)\" y=\"\(SVGText.number(layout.bottom + 38))\" font-size=\"\(size)px\""
                + " text-anchor=\"middle\" fill=\"\(Self.textColor)\">\(SVGText.escape(xLabel))</text>"
        )
        line(
            "<text transform=\"translate(18 \(middleY)) rotate(-90)\" font-size=\"\(size)px\" text-anchor=\"middle\""
                + " fill=\"\(Self.textColor)\">\(SVGText.escape(yLabel))</text>"
        )
    }

    /// Tick marks outside the frame (short ones at minor ticks) and the tick labels.
    mutating func drawTicks(xAxis: PlotAxis, yAxis: PlotAxis, layout: PlotLayout) {
        let major = PlotLayout.tickLength
        var path = ""
        for (values, length) in [(xAxis.ticks.map(\.value), major), (xAxis.minorTicks, major / 2)] {
            for p in values.map({ layout.tickX(xAxis, $0) }) {
                path += "M\(SVGText.number(p)) \(SVGText.number(layout.bottom))v\(SVGText.number(length))"
            }
        }
        for (values, length) in [(yAxis.ticks.map(\.value), major), (yAxis.minorTicks, major / 2)] {
            for p in values.map({ layout.tickY(yAxis, $0) }) {
                path += "M\(SVGText.number(layout.left)) \(SVGText.number(p))h\(SVGText.number(-length))"
            }
        }
        if !path.isEmpty {
            line("<path d=\"\(path)\" stroke=\"\(Self.frameColor)\" stroke-width=\"1\" fill=\"none\"/>")
        }

        let size = SVGText.number(PlotLayout.tickSize)
        line("<g font-size=\"\(size)px\" fill=\"\(Self.textColor)\" text-anchor=\"middle\">")
        for tick in xAxis.ticks {
            let p = layout.tickX(xAxis, tick.value)
            line("<text \(Self.attributes(["x": p, "y": layout.bottom + major + 13]))>\(Self.text(tick.label))</text>")
        }
        line("</g>")
        line("<g font-size=\"\(size)px\" fill=\"\(Self.textColor)\" text-anchor=\"end\">")
        for tick in yAxis.ticks {
            let p = layout.tickY(yAxis, tick.value)
            let at = Self.attributes(["x": layout.left - major - 3, "y": p + 4])
            line("<text \(at)>\(Self.text(tick.label))</text>")
        }
        line("</g>")
    }

    /// The content of a tick label's `<text>`: the text, or "10" with the exponent raised in a smaller `<tspan>`
    /// (negative exponents with a minus sign U+2212).
    static func text(_ label: PlotAxis.Label) -> String {
        switch label {
        case .text(let text):
            return SVGText.escape(text)
        case .power(let k):
            let exponent = k < 0 ? "\u{2212}\(-k)" : "\(k)"
            let size = SVGText.number(PlotLayout.superscriptSize)
            return "10<tspan dy=\"-5\" font-size=\"\(size)px\">\(exponent)</tspan>"
        }
    }

    /// The bands of every series, then the lines of every series, then their markers, clipped to the plot area. A
    /// run of a single point is drawn as a dot.
    mutating func drawSeries(_ traces: [PlotTrace], layout: PlotLayout) {
        line("<g clip-path=\"url(#\(Self.clipPlaceholder))\">")
        for trace in traces where !trace.bands.isEmpty {
            line("<g fill=\"\(trace.color)\" fill-opacity=\"\(Self.bandOpacity)\" stroke=\"none\">")
            for band in trace.bands { line("<polygon points=\"\(Self.points(band))\"/>") }
            line("</g>")
        }
        for trace in traces where !trace.lines.isEmpty {
            let dash = trace.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            line(
                "<g fill=\"none\" stroke=\"\(trace.color)\" stroke-width=\"\(Self.lineWidth)\""
                    + " stroke-linejoin=\"round\"\(dash)>"
            )
            for run in trace.lines {
                if run.count == 1, let point = run.first {
                    let at = Self.attributes(["cx": point.x, "cy": point.y, "r": 2])
                    line("<circle \(at) fill=\"\(trace.color)\" stroke=\"none\"/>")
                } else {
                    line("<polyline points=\"\(Self.points(run))\"/>")
                }
            }
            line("</g>")
        }
        for trace in traces where !trace.markers.isEmpty {
            if let marker = trace.marker { line(Self.markers(marker, at: trace.markers, color: trace.color)) }
        }
        line("</g>")
    }

    /// One `<path>` that draws `marker` at each of `points` in `color`: filled and outlined in white, or stroked.
    static func markers(_ marker: PlotMarker, at points: [PlotSegments.Point], color: String) -> String {
        let d = points.map { "M\(SVGText.number($0.x)) \(SVGText.number($0.y))\(marker.path)" }.joined()
        let paint = marker.isFilled
            ? "fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"0.8\""
            : "fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\""
        return "<path d=\"\(d)\" \(paint)/>"
    }

    /// "no data" in the middle of the plot area.
    mutating func drawNoData(layout: PlotLayout) {
        let at = Self.attributes(["x": (layout.left + layout.right) / 2, "y": (layout.top + layout.bottom) / 2 + 5])
        line("<text \(at) font-size=\"14px\" text-anchor=\"middle\" fill=\"\(Self.mutedColor)\">no data</text>")
    }
}
