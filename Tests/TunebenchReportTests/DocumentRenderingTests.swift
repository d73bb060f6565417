import Testing
@testable import TunebenchReport

@Suite struct DocumentRenderingTests {
    static let document = ReportDocument(
        title: "A <b> & \"c\"",
        blocks: [
            .heading(level: 2, text: "Final values", anchor: "final-values"),
            .paragraph("Values of `a|b` are **bold** & <kept>."),
            .table(
                ReportDocument.Table(
                    header: ["optimizer", "median"], rows: [["x|y", .init("0.5", strong: true)]], source: "summary.json")),
            .figure(file: "report/plots/p.svg", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", caption: "A plot."),
        ])

    @Test func htmlIsEscapedAndSelfContained() {
        let html = HTMLRenderer.render(Self.document)
        #expect(html.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(html.contains("<p>Values of <code>a|b</code> are <strong>bold</strong> &amp; &lt;kept&gt;.</p>"))
        #expect(html.contains("<td>x|y</td><td class=\"n\"><strong>0.5</strong></td>"))
        #expect(
            html.contains(
                "<a class=\"open\" href=\"#plot-p-large\" title=\"Enlarge\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n</a>"))
        #expect(html.contains("<h2 id=\"final-values\">Final values</h2>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
    }

    @Test func aPlotLinksToItsEnlargedSelfWithoutASecondCopy() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"
        let document = ReportDocument(
            title: "t",
            blocks: [
                .heading(level: 2, text: "Plot p", anchor: "plot-p"),
                .figure(file: "report/plots/p.svg", svg: svg, caption: "One."),
                .figure(file: "report/plots/p.svg", svg: svg, caption: "Two."),
            ])
        let html = HTMLRenderer.render(document)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        // The heading holds plot-p, so the first figure takes plot-p-2 and the second plot-p-3.
        for id in ["plot-p-2", "plot-p-3"] {
            #expect(html.contains("<div class=\"plot\" id=\"\(id)-large\">\n<figure id=\"\(id)\">"))
            #expect(html.contains("<a class=\"close\" href=\"#\(id)\" title=\"Back to the page\">×</a>"))
        }
        #expect(
            html.contains(
                "One. <span class=\"links\"><a href=\"#plot-p-2-large\">Enlarge</a> · "
                    + "<a href=\"report/plots/p.svg\">SVG file</a></span>"))
        #expect(html.contains("div.plot:target figure { position: fixed;"))
        #expect(!html.contains("<script"))
    }

    @Test func aTableOfManyColumnsWritesItsHeadersUpwards() {
        func html(columns: Int) -> String {
            let header = ["name"] + (1...columns).map { "column-\($0)" }
            let row: [ReportDocument.Cell] = ["a"] + (1...columns).map { .init("\($0)") }
            return HTMLRenderer.render(
                ReportDocument(title: "t", blocks: [.table(ReportDocument.Table(header: header, rows: [row]))]))
        }
        let narrow = html(columns: HTMLRenderer.uprightHeaderLimit)
        #expect(narrow.contains("<table>\n<thead><tr><th>name</th><th class=\"n\">column-1</th>"))
        let wide = html(columns: HTMLRenderer.uprightHeaderLimit + 1)
        #expect(
            wide.contains("<table class=\"upright\">\n<thead><tr><th>name</th><th class=\"n\"><span>column-1</span></th>"))
        // Either way the table sits in a box that scrolls sideways, its first column held in view.
        for page in [narrow, wide] {
            #expect(page.contains("<div class=\"table\"><table"))
            #expect(page.contains("div.table { overflow-x: auto; }"))
            #expect(page.contains("div.table tr > :first-child { position: sticky; left: 0;"))
        }
    }

    @Test func markdownLinksFiguresAndEscapesCellPipes() {
        let markdown = MarkdownRenderer.render(Self.document)
        #expect(markdown.hasPrefix("# A <b> & \"c\"\n"))
        #expect(markdown.contains("| optimizer | median |\n|---|---:|\n| x\\|y | **0.5** |\n"))
        #expect(markdown.contains("Source: `summary.json`."))
        #expect(markdown.contains("![A plot.](report/plots/p.svg)"))
    }

    @Test func anchorsAreLowercaseWordsJoinedByHyphens() {
        #expect(ReportDocument.anchor("Problem `branin-noise0.1`") == "problem-branin-noise0-1")
        #expect(ReportDocument.anchor("Normalised score against random") == "normalised-score-against-random")
    }
}
