import Foundation

/// Where the parts of a ``LinePlot`` go, in pixels from the top left: the plot area, the title, and the legend to
/// the right of the plot area, or below it when the series do not fit there in one column.
///
/// Text widths are estimated at 0.6 em per character (a little wider than the average sans-serif glyph), since an
/// SVG writer cannot measure text.
struct PlotLayout: Sendable {
    enum Legend: Sendable, Equatable {
        /// One column to the right of the plot area.
        case right
        /// Rows of `columns` entries below the x-axis label.
        case below(columns: Int)
    }

    static let titleSize = 15.0
    static let noteSize = 11.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let legendSize = 12.0
    static let rowHeight = 18.0
    static let sampleLength = 26.0
    static let tickLength = 4.0
    /// The least height of the plot area when the legend below takes the rest; the image grows to keep it.
    static let minimumPlotHeight = 260.0

    /// The image size; the height grows beyond the requested one when a legend below needs the room.
    var width: Double
    var height: Double
    /// The plot area's edges.
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var legend: Legend
    /// The top left corner of the legend's first entry.
    var legendX: Double
    var legendY: Double
    /// The horizontal distance between legend columns (below the plot).
    var legendColumnWidth: Double
    /// The room for a legend label; longer names are shortened with an ellipsis.
    var legendTextWidth: Double

    /// A layout for a plot of `width` × `height` with a title, a note line when `hasNote`, y tick labels
    /// `yTickLabels`, and legend entries named `names`.
    init(width: Int, height: Int, hasNote: Bool, yTickLabels: [PlotAxis.Label], names: [String]) {
        self.width = Double(max(width, 200))
        self.height = Double(max(height, 150))
        top = hasNote ? 50 : 34
        let tickLabelWidth = yTickLabels.map(Self.width(of:)).max() ?? 0
        left = (30 + tickLabelWidth + Self.tickLength + 4).rounded(.up)

        let longest = names.map { Self.width(of: $0, size: Self.legendSize) }.max() ?? 0
        legendTextWidth = min(longest, (self.width * 0.28).rounded())
        let legendWidth = Self.sampleLength + 6 + legendTextWidth
        legendColumnWidth = legendWidth + 20
        let axisBand = 48.0  // x tick labels and x-axis label below the plot area

        bottom = self.height - axisBand
        right = self.width - 14 - legendWidth - 16
        let fitsRight = Double(names.count) * Self.rowHeight <= bottom - top && right - left >= self.width * 0.5
        if fitsRight || names.isEmpty {
            legend = .right
            if names.isEmpty { right = self.width - 20 }
            legendX = right + 16
            legendY = top
        } else {
            right = self.width - 20
            let columns = max(1, Int((self.width - left - 12 + 20) / legendColumnWidth))
            let rows = (names.count + columns - 1) / columns
            let legendHeight = Double(rows) * Self.rowHeight + 8
            bottom = self.height - axisBand - legendHeight
            if bottom - top < Self.minimumPlotHeight {
                bottom = top + Self.minimumPlotHeight
                self.height = bottom + axisBand + legendHeight
            }
            legend = .below(columns: columns)
            legendX = left
            legendY = bottom + axisBand + 2
        }
    }

    /// The estimated width of `text` at font size `size`.
    static func width(of text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// The estimated width of a tick label: for 10^k, "10" at the tick size and k at the superscript size.
    static func width(of label: PlotAxis.Label) -> Double {
        switch label {
        case .text(let text): width(of: text, size: tickSize)
        case .power(let k): width(of: "10", size: tickSize) + width(of: String(k), size: superscriptSize)
        }
    }

    /// The font size of a power-of-ten exponent.
    static let superscriptSize = 8.5

    /// `name` shortened with "…" to fit ``legendTextWidth``.
    func legendText(_ name: String) -> String {
        Self.fitted(name, size: Self.legendSize, room: legendTextWidth)
    }

    /// The title, shortened with "…" to fit between the plot area's left edge and the image's right edge.
    func titleText(_ title: String) -> String {
        Self.fitted(title, size: Self.titleSize, room: width - left - 8)
    }

    /// `text` shortened with "…" so that its estimated width at font size `size` is at most `room`.
    static func fitted(_ text: String, size: Double, room: Double) -> String {
        let fits = Int(room / (size * 0.6))
        guard text.count > fits else { return text }
        return String(text.prefix(max(fits - 1, 1))) + "…"
    }
}

extension PlotLayout {
    /// The horizontal pixel position of the data value `value` on `axis`, `nil` when it is not finite.
    func x(_ axis: PlotAxis, _ value: Double) -> Double? {
        axis.fraction(value).map { left + $0 * (right - left) }
    }

    /// The vertical pixel position of the data value `value` on `axis`, `nil` when it is not finite.
    func y(_ axis: PlotAxis, _ value: Double) -> Double? {
        axis.fraction(value).map { bottom - $0 * (bottom - top) }
    }

    /// The horizontal pixel position of a tick at `value` on `axis`.
    func tickX(_ axis: PlotAxis, _ value: Double) -> Double {
        left + axis.tickFraction(value) * (right - left)
    }

    /// The vertical pixel position of a tick at `value` on `axis`.
    func tickY(_ axis: PlotAxis, _ value: Double) -> Double {
        bottom - axis.tickFraction(value) * (bottom - top)
    }
}
