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
        #expect(html.contains("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"))
        #expect(html.contains("<h2 id=\"final-values\">Final values</h2>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
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
