/// The legend of a ``LinePlot``.
extension SVGWriter {
    /// One entry per series, in order: a sample of the line (with its dash pattern and its marker in the middle, over
    /// a swatch of the band when the series has one) and the name, shortened with "…" when it is too long (the full
    /// name is then the entry's tooltip `<title>`). Entries run down one column to the right of the plot area, or row
    /// by row below it.
    mutating func drawLegend(series: [PlotSeries], layout: PlotLayout) {
        guard !series.isEmpty else { return }
        let size = SVGText.number(PlotLayout.legendSize)
        line("<g font-size=\"\(size)px\" fill=\"\(Self.textColor)\">")
        for (index, item) in series.enumerated() {
            let (row, column): (Int, Int)
            switch layout.legend {
            case .right: (row, column) = (index, 0)
            case .below(let columns): (row, column) = (index / columns, index % columns)
            }
            let x = layout.legendX + Double(column) * layout.legendColumnWidth
            let middle = layout.legendY + (Double(row) + 0.5) * PlotLayout.rowHeight
            let color = PlotPalette.color(index)
            let shown = layout.legendText(item.name)
            line("<g>")
            if shown != item.name { line("<title>\(SVGText.escape(item.name))</title>") }
            if item.lower != nil && item.upper != nil {
                let swatch = Self.attributes([
                    "x": x, "y": middle - 5, "width": PlotLayout.sampleLength, "height": 10,
                ])
                line("<rect \(swatch) fill=\"\(color)\" fill-opacity=\"\(Self.bandOpacity)\"/>")
            }
            let dash = PlotPalette.dash(index).map { " stroke-dasharray=\"\($0)\"" } ?? ""
            let sample = Self.attributes(["x1": x, "y1": middle, "x2": x + PlotLayout.sampleLength, "y2": middle])
            line("<line \(sample) stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>")
            if let marker = PlotPalette.marker(index) {
                line(Self.markers(marker, at: [.init(x: x + PlotLayout.sampleLength / 2, y: middle)], color: color))
            }
            let at = Self.attributes(["x": x + PlotLayout.sampleLength + 6, "y": middle + 4])
            line("<text \(at)>\(SVGText.escape(shown))</text>")
            line("</g>")
        }
        line("</g>")
    }
}
