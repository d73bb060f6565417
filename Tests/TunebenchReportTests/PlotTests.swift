import Foundation
import Testing

@testable import TunebenchReport

@Suite struct PlotTests {
    /// Three step curves over ten evaluations, the first with a band.
    let plot = LinePlot(
        title: "Regret on Branin",
        xLabel: "evaluations",
        yLabel: "regret",
        yScale: .log,
        series: [
            PlotSeries(
                name: "random",
                x: (1...10).map(Double.init),
                y: [.infinity, 9, 9, 4, 4, 4, 1, 1, 0.5, 0.5],
                lower: [.infinity, 5, 5, 2, 2, 2, 0.5, 0.5, 0.2, 0.2],
                upper: Array(repeating: 10, count: 10),
                step: true
            ),
            PlotSeries(
                name: "tpe",
                x: (1...10).map(Double.init),
                y: [8, 8, 3, 3, 0.9, 0.1, 0.1, 0.05, 0.05, 0.01],
                step: true
            ),
            PlotSeries(name: "cma-es", x: (1...10).map(Double.init), y: Array(repeating: 2, count: 10), step: true),
        ]
    )

    /// A plot of `series` titled "t".
    func plot(_ series: [PlotSeries], yScale: PlotScale = .linear, yRange: ClosedRange<Double>? = nil) -> LinePlot {
        LinePlot(title: "t", xLabel: "x", yLabel: "y", yScale: yScale, yRange: yRange, series: series)
    }

    /// The parsed SVG of a plot of `series`.
    func parsed(
        _ series: [PlotSeries],
        yScale: PlotScale = .linear,
        yRange: ClosedRange<Double>? = nil
    ) throws -> SVGTree {
        try #require(SVGTree.parse(plot(series, yScale: yScale, yRange: yRange).svg()))
    }

    /// The groups that hold each series' lines, in series order.
    func lineGroups(_ tree: SVGTree) -> [SVGTree] {
        tree.elements("g").filter { $0.attributes["stroke-width"] == "1.6" }
    }

    /// The clip rectangle, which is the plot area.
    func plotArea(_ tree: SVGTree) -> (top: Double, bottom: Double) {
        let rect = tree.elements("clipPath").first?.children.first
        let top = Double(rect?.attributes["y"] ?? "") ?? .nan
        return (top, top + (Double(rect?.attributes["height"] ?? "") ?? .nan))
    }

    /// The vertices of a `points` attribute.
    func vertices(_ element: SVGTree) -> [(x: Double, y: Double)] {
        (element.attributes["points"] ?? "").split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            return (xy.first ?? .nan, xy.last ?? .nan)
        }
    }

    @Test func theOutputIsWellFormedXMLWithAnSVGRootAndATitle() throws {
        let tree = try #require(SVGTree.parse(plot.svg()))
        #expect(tree.name == "svg")
        #expect(tree.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(tree.attributes["role"] == "img")
        #expect(tree.attributes["viewBox"] == "0 0 720 440")
        #expect(tree.children.first?.name == "title")
        #expect(tree.children.first?.text == "Regret on Branin")
        // A white background first, so that the file reads the same opened alone.
        #expect(tree.children.dropFirst().first?.attributes["fill"] == "#ffffff")
    }

    @Test func sameInputGivesTheSameBytes() {
        #expect(plot.svg() == plot.svg())
        var other = plot
        other.series[1].y[3] = 2.5
        #expect(other.svg() != plot.svg())
    }

    @Test func bandsAreDrawnUnderEveryLine() throws {
        let svg = plot.svg()
        let tree = try #require(SVGTree.parse(svg))
        let bands = tree.elements("polygon")
        #expect(bands.count == 1)
        #expect(tree.all.first { $0.name == "g" && $0.attributes["fill-opacity"] == "0.18" }?.children.count == 1)
        let firstBand = try #require(svg.range(of: "<polygon"))
        let firstLine = try #require(svg.range(of: "<polyline"))
        #expect(firstBand.lowerBound < firstLine.lowerBound)
    }

    @Test func aStepFunctionHoldsEachValueUntilTheNextPoint() {
        let runs = PlotSegments.runs(xs: [10, 20, 30, 40], ys: [5, 3, 3, nil], step: true)
        // Level to x = 4 (the value 3 holds on [3, 4)), then the gap.
        #expect(
            runs == [
                [
                    .init(x: 10, y: 5), .init(x: 20, y: 5), .init(x: 20, y: 3), .init(x: 30, y: 3), .init(x: 30, y: 3),
                    .init(x: 40, y: 3),
                ]
            ]
        )
        #expect(
            PlotSegments.pruned(runs[0]) == [
                .init(x: 10, y: 5), .init(x: 20, y: 5), .init(x: 20, y: 3), .init(x: 40, y: 3),
            ]
        )
    }

    @Test func infiniteValuesBreakTheLineAndTheBand() throws {
        let x = (1...6).map(Double.init)
        let series = PlotSeries(
            name: "gap",
            x: x,
            y: [1, 2, .infinity, .nan, 3, 4],
            lower: [0.5, 1, 1, .infinity, 2, 3],
            upper: [2, 3, 4, 5, 6, 7]
        )
        let tree = try parsed([series])
        let group = try #require(lineGroups(tree).first)
        #expect(group.elements("polyline").count == 2)
        #expect(vertices(group.elements("polyline")[0]).count == 2)
        #expect(tree.elements("polygon").count == 2)
        // A single finite point between gaps is a dot.
        let dot = PlotSeries(name: "dot", x: [1, 2, 3], y: [.infinity, 1, .infinity])
        let dotTree = try parsed([dot])
        #expect(dotTree.elements("circle").count == 1)
        #expect(dotTree.elements("polyline").isEmpty)
    }

    @Test func zeroOnALogAxisIsClampedToTheFloorAndNoted() throws {
        let series = PlotSeries(name: "exact", x: [1, 2, 3], y: [1, 0.1, 0])
        let tree = try parsed([series], yScale: .log)
        // The floor is the smallest positive value over ten; the axis spans whole decades 1e-2…1.
        #expect(tree.all.contains { $0.name == "text" && $0.text == "values ≤ 0.01 shown at 0.01" })
        let line = try #require(tree.elements("polyline").first)
        let area = plotArea(tree)
        #expect(vertices(line).map(\.y) == [area.top, (area.top + area.bottom) / 2, area.bottom])
        // Without a value at or below zero there is no note.
        #expect(!plot([PlotSeries(name: "p", x: [1, 2], y: [1, 2])], yScale: .log).svg().contains("shown at"))
    }

    @Test func decadeTicksBelowTheFloorKeepTheirPlace() throws {
        // Floor 0.02 (0.2 / 10) inside the domain 1e-2…10: the clamped zero sits above the 10^-2 tick.
        let series = PlotSeries(name: "exact", x: [1, 2, 3], y: [2, 0.2, 0])
        let tree = try parsed([series], yScale: .log)
        let area = plotArea(tree)
        let lowest = try #require(tree.elements("text").first { $0.fullText == "10\u{2212}2" })
        #expect(Double(lowest.attributes["y"] ?? "") == area.bottom + 4)
        let floorY = area.bottom - (log10(0.02) + 2) / 3 * (area.bottom - area.top)
        let last = try #require(tree.elements("polyline").first.map(vertices)?.last)
        #expect(abs(last.y - floorY) <= 0.005)
        #expect(tree.all.contains { $0.text == "values ≤ 0.02 shown at 0.02" })
    }

    @Test func allZeroDataOnALogAxisUseTheDefaultFloor() throws {
        let tree = try parsed([PlotSeries(name: "z", x: [1, 2], y: [0, 0])], yScale: .log)
        #expect(tree.all.contains { $0.text == "values ≤ 1e-12 shown at 1e-12" })
        #expect(tree.elements("polyline").count == 1)
    }

    @Test func textIsEscapedForXML() throws {
        let name = #"a<b & "c""#
        let plot = LinePlot(
            title: "x < y & z",
            xLabel: "<x>",
            yLabel: "'y'",
            series: [PlotSeries(name: name, x: [1, 2], y: [1, 2])]
        )
        let svg = plot.svg()
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot;"))
        let tree = try #require(SVGTree.parse(svg))
        #expect(tree.children.first?.text == "x < y & z")
        #expect(tree.elements("text").contains { $0.text == name })
        #expect(tree.elements("text").contains { $0.text == "'y'" })
    }

    @Test func seriesBeyondTheTenColoursAreDashed() throws {
        let series = (0..<12).map { PlotSeries(name: "s\($0)", x: [1, 2], y: [Double($0), Double($0) + 1]) }
        let tree = try parsed(series)
        let groups = lineGroups(tree)
        #expect(groups.count == 12)
        #expect(groups.prefix(10).allSatisfy { $0.attributes["stroke-dasharray"] == nil })
        #expect(groups.suffix(2).allSatisfy { $0.attributes["stroke-dasharray"] == "6 3" })
        // Series 11 has series 1's colour, told apart by its dashes, in the legend too.
        #expect(groups[10].attributes["stroke"] == groups[0].attributes["stroke"])
        let samples = tree.elements("line")
        #expect(samples.count == 12)
        #expect(samples[10].attributes["stroke-dasharray"] == "6 3")
        #expect(Set(groups.prefix(10).compactMap { $0.attributes["stroke"] }).count == 10)
    }

    @Test(arguments: [24, 30, 280])
    func everySeriesHasItsOwnColourDashAndMarker(count: Int) {
        let styles = (0..<count).map { PlotStyleKey(index: $0) }
        #expect(Set(styles).count == count)
        // Two series of one colour differ in both dash and marker among the first 40.
        for i in 0..<min(count, 40) {
            for j in (i + 1)..<min(count, 40) where styles[i].color == styles[j].color {
                #expect(styles[i].dash != styles[j].dash && styles[i].marker != styles[j].marker, "\(i) and \(j)")
            }
        }
    }

    @Test func theFirstTenSeriesKeepTableauColoursWithSolidLinesAndNoMarker() {
        #expect((0..<10).map(PlotPalette.color) == PlotPalette.colors)
        #expect(
            PlotPalette.colors == [
                "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
            ])
        #expect((0..<10).allSatisfy { PlotPalette.dash($0) == nil && PlotPalette.marker($0) == nil })
        #expect((10..<30).allSatisfy { PlotPalette.dash($0) != nil && PlotPalette.marker($0) != nil })
    }

    @Test func seriesFromTheEleventhCarryMarkersOnTheirLinesAndInTheLegend() throws {
        // Level lines at y = 1 … 12 over x = 1 … 10.
        let series = (0..<12).map {
            PlotSeries(name: "s\($0)", x: (1...10).map(Double.init), y: Array(repeating: Double($0 + 1), count: 10))
        }
        let tree = try parsed(series)
        let groups = lineGroups(tree)
        let allMarks = tree.elements("path").filter {
            $0.attributes["stroke"] == "#ffffff" || $0.attributes["stroke-width"] == "1.8"
        }
        // Series 11 and 12 only, each with one path on its line (five markers) and one in the legend.
        #expect(allMarks.count == 4)
        for index in 10..<12 {
            let color = try #require(groups[index].attributes["stroke"])
            let marks = allMarks.filter { $0.attributes["fill"] == color || $0.attributes["stroke"] == color }
            #expect(marks.count == 2, "series \(index)")
            let points = try marks.map { try centres(of: $0) }
            #expect(points.first?.count == PlotTrace.markersPerLine)
            #expect(points.last?.count == 1)
            let lineY = try #require(vertices(groups[index].elements("polyline")[0]).first?.y)
            #expect(points.first?.allSatisfy { abs($0.y - lineY) <= 0.01 } == true)
            let sample = tree.elements("line")[index]
            #expect(abs((points.last?.first?.y ?? 0) - (Double(sample.attributes["y1"] ?? "") ?? .nan)) <= 0.01)
        }
    }

    /// The centres of the markers of a marker path: the points of its absolute `M` commands.
    func centres(of path: SVGTree) throws -> [(x: Double, y: Double)] {
        let d = path.attributes["d"] ?? ""
        return try d.matches(of: Regex(#"M(-?[0-9.]+) (-?[0-9.]+)"#)).map { match in
            (Double(d[match.output[1].range!]) ?? .nan, Double(d[match.output[2].range!]) ?? .nan)
        }
    }

    @Test func theHeightOfALineIsReadBetweenItsVertices() {
        let stairs: [PlotSegments.Point] = [
            .init(x: 0, y: 10), .init(x: 4, y: 10), .init(x: 4, y: 2), .init(x: 8, y: 6),
        ]
        #expect(PlotSegments.height(of: stairs, at: 2) == 10)
        // At a riser, the level before it.
        #expect(PlotSegments.height(of: stairs, at: 4) == 10)
        #expect(PlotSegments.height(of: stairs, at: 6) == 4)
        #expect(PlotSegments.height(of: stairs, at: 9) == nil)
        #expect(PlotSegments.height(of: [.init(x: 3, y: 1)], at: 3) == nil)
    }

    @Test func manySeriesPutTheLegendBelowThePlot() throws {
        let series = (0..<24).map { PlotSeries(name: "optimizer-\($0)", x: [1, 2], y: [1, 2]) }
        let tree = try parsed(series)
        let area = plotArea(tree)
        let names = tree.elements("text").filter { $0.text.hasPrefix("optimizer-") }
        #expect(names.count == 24)
        #expect(names.allSatisfy { (Double($0.attributes["y"] ?? "") ?? 0) > area.bottom })
        let height = try #require(Double(tree.attributes["height"] ?? ""))
        #expect(names.allSatisfy { (Double($0.attributes["y"] ?? "") ?? .infinity) < height })
        #expect(
            tree.elements("line").map { $0.attributes["stroke-dasharray"] }.suffix(4) == [
                "1.5 2.5", "1.5 2.5", "1.5 2.5", "1.5 2.5",
            ]
        )
    }

    @Test func longNamesAreShortenedWithTheFullNameAsTooltip() throws {
        let name = String(repeating: "long-name-", count: 8)
        let tree = try parsed([PlotSeries(name: name, x: [1], y: [1])])
        let label = try #require(tree.elements("text").last)
        #expect(label.text.hasSuffix("…") && label.text.count < name.count)
        #expect(tree.elements("title").contains { $0.text == name })
    }

    @Test func emptyOrInfiniteDataGiveAValidPlotThatSaysNoData() throws {
        let cases: [[PlotSeries]] = [
            [], [PlotSeries(name: "a", x: [1, 2], y: [.infinity, .infinity])], [PlotSeries(name: "b", x: [], y: [])],
        ]
        for series in cases {
            let tree = try parsed(series, yScale: .log)
            #expect(tree.name == "svg")
            #expect(tree.elements("text").contains { $0.text == "no data" })
            #expect(tree.elements("polyline").isEmpty)
        }
    }

    @Test func aFixedRangeIsKeptAndTheLinesAreClipped() throws {
        let ecdf = PlotSeries(name: "ecdf", x: [1, 5, 9], y: [0.25, 0.5, 1.5], step: true)
        let tree = try parsed([ecdf], yRange: 0...1)
        let labels = tree.elements("g").filter { $0.attributes["text-anchor"] == "end" }.first?.children.map(\.text)
        #expect(labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        let clipped = tree.elements("g").first { $0.attributes["clip-path"] != nil }
        let id = try #require(tree.elements("clipPath").first?.attributes["id"])
        #expect(clipped?.attributes["clip-path"] == "url(#\(id))")
    }

    @Test func coordinatesHaveAtMostTwoDecimals() throws {
        let x = (1...300).map { Double($0) / 7 }
        let series = PlotSeries(
            name: "s",
            x: x,
            y: x.map { 1 / ($0 * $0) },
            lower: x.map { 0.5 / ($0 * $0) },
            upper: x.map { 2 / $0 }
        )
        let svg = plot([series], yScale: .log).svg()
        let numbers = try Regex(#"-?[0-9]+\.[0-9]+"#)
        for match in svg.matches(of: numbers) {
            let text = svg[match.range]
            #expect(text.split(separator: ".").last.map(\.count).map { $0 <= 2 } == true, "\(text)")
        }
    }
}

/// The colour, dash and marker of a series, compared as one.
private struct PlotStyleKey: Hashable {
    var color: String
    var dash: String?
    var marker: PlotMarker?

    init(index: Int) {
        color = PlotPalette.color(index)
        dash = PlotPalette.dash(index)
        marker = PlotPalette.marker(index)
    }
}
