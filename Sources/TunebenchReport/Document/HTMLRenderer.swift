/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and inline SVG figures, no script, no
/// external resource, so that it opens the same offline, in any browser, and when mailed as one file.
///
/// The page never scrolls sideways: a table wider than the page scrolls inside its own box, its first column (the
/// row names) staying in view, and a table of more than ``uprightHeaderLimit`` columns besides the first writes its
/// column headers upwards and pads its cells tightly, so that a matrix of many optimizers fits. A plot is a link that
/// enlarges it: CSS alone (`:target`) then shows that same figure over the whole window, scaled to fit, until a click
/// anywhere (or the browser's Back) returns to it; the caption also links the plot's SVG file.
public enum HTMLRenderer {
    /// The most columns, besides the first, whose headers are written across.
    static let uprightHeaderLimit = 8

    public static func render(_ document: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <main>
            <h1>\(escape(document.title))</h1>

            """
        let headings = document.blocks.compactMap { block -> (String, String)? in
            if case .heading(2, let text, let anchor) = block { return (text, anchor) }
            return nil
        }
        if headings.count > 2 {
            out += "<nav><ul>\n"
            for (text, anchor) in headings { out += "<li><a href=\"#\(anchor)\">\(escape(text))</a></li>\n" }
            out += "</ul></nav>\n"
        }
        var ids = Set(headings.map(\.1))
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                out += "<h\(level) id=\"\(anchor)\">\(escape(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p>\(inline(text))</p>\n"
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                let upright = table.header.count - 1 > uprightHeaderLimit
                out += "<div class=\"table\"><table\(upright ? " class=\"upright\"" : "")>\n<thead><tr>"
                for (column, text) in table.header.enumerated() {
                    let text = upright && column > 0 ? "<span>\(escape(text))</span>" : escape(text)
                    out += column == 0 ? "<th>\(text)</th>" : "<th class=\"n\">\(text)</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>"
                    for (column, cell) in row.enumerated() {
                        let text = cell.strong ? "<strong>\(escape(cell.text))</strong>" : escape(cell.text)
                        out += column == 0 ? "<td>\(text)</td>" : "<td class=\"n\">\(text)</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody></table></div>\n"
                if let source = table.source { out += "<p class=\"source\">Source: <code>\(escape(source))</code>.</p>\n" }
            case .figure(let file, let svg, let caption):
                out += figure(file: file, svg: svg, caption: caption, ids: &ids)
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// A figure that enlarges when its plot is clicked: the figure, with id `plot-NAME` (NAME from the file's name),
    /// inside a `div` with id `plot-NAME-large`. The plot links to the `div`, whose `:target` style puts the figure
    /// over the whole window; a link over all of it, shown only then, goes back to the figure. An id already used on
    /// the page takes a suffix `-2`, `-3`, …
    static func figure(file: String, svg: String, caption: String, ids: inout Set<String>) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let base = "plot-" + ReportDocument.anchor(name.hasSuffix(".svg") ? String(name.dropLast(4)) : name)
        var id = base
        var suffix = 1
        while ids.contains(id) || ids.contains(id + "-large") {
            suffix += 1
            id = "\(base)-\(suffix)"
        }
        ids.formUnion([id, id + "-large"])
        let svg = svg.hasSuffix("\n") ? String(svg.dropLast()) : svg
        let links = "<a href=\"#\(id)-large\">Enlarge</a> · <a href=\"\(escape(file))\">SVG file</a>"
        return """
            <div class="plot" id="\(id)-large">
            <figure id="\(id)">
            <a class="open" href="#\(id)-large" title="Enlarge">
            \(svg)
            </a>
            <a class="close" href="#\(id)" title="Back to the page">×</a>
            <figcaption>\(inline(caption)) <span class="links">\(links)</span></figcaption>
            </figure>
            </div>

            """
    }

    static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; }
        main { max-width: 1100px; margin: 0 auto; padding: 1em 2em 4em; }
        h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { margin-top: 1.5em; }
        table { border-collapse: collapse; font-size: 0.88em; margin: 0.5em 0; }
        th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e5e5e5; white-space: nowrap; }
        th { text-align: left; background: #f6f6f6; } .n { text-align: right; font-variant-numeric: tabular-nums; }
        div.table { overflow-x: auto; } p.source { color: #666; font-size: 0.85em; margin-top: 0; }
        div.table tr > :first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
        div.table thead tr > :first-child { background: #f6f6f6; }
        table.upright { font-size: 0.8em; } table.upright td { padding: 0.25em 0.2em; }
        table.upright th.n { vertical-align: bottom; text-align: center; padding: 0.4em 0.15em; }
        table.upright th.n span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); }
        figure { margin: 1em 0; } figure svg { display: block; max-width: 100%; height: auto; }
        figure a.open { display: block; cursor: zoom-in; } figure a.close { display: none; }
        div.plot:target figure { position: fixed; inset: 0; z-index: 10; margin: 0; padding: 1em 2em;
          box-sizing: border-box; display: flex; flex-direction: column; background: #fff; }
        div.plot:target a.open { flex: 1; min-height: 0; } div.plot:target span.links { display: none; }
        div.plot:target svg { width: 100%; height: 100%; max-width: none; }
        div.plot:target a.close { display: block; position: absolute; inset: 0; z-index: 11; cursor: zoom-out;
          text-align: right; padding: 0.2em 0.6em; font-size: 2em; color: #444; text-decoration: none; }
        figcaption { color: #555; font-size: 0.9em; } code { background: #f3f3f3; padding: 0 0.2em; }
        nav ul { columns: 2; }
        """

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escaped text with `code` spans (between backticks) and **strong** spans rendered.
    static func inline(_ text: String) -> String {
        var out = ""
        var inCode = false
        var inStrong = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "`" {
                out += inCode ? "</code>" : "<code>"
                inCode.toggle()
            } else if !inCode && text[index...].hasPrefix("**") {
                out += inStrong ? "</strong>" : "<strong>"
                inStrong.toggle()
                index = text.index(after: index)
            } else {
                out += escape(String(character))
            }
            index = text.index(after: index)
        }
        if inCode { out += "</code>" }
        if inStrong { out += "</strong>" }
        return out
    }
}
