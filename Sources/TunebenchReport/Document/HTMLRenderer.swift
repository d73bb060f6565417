/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and inline SVG figures, no script, no
/// external resource, so that it opens the same offline, in any browser, and when mailed as one file.
public enum HTMLRenderer {
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
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                out += "<h\(level) id=\"\(anchor)\">\(escape(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p>\(inline(text))</p>\n"
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += "<div class=\"table\"><table>\n<thead><tr>"
                out += table.header.enumerated().map { "<th\($0.offset == 0 ? "" : " class=\"n\"")>\(escape($0.element))</th>" }
                    .joined()
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
            case .figure(_, let svg, let caption):
                out += "<figure>\n\(svg)\n<figcaption>\(inline(caption))</figcaption>\n</figure>\n"
            }
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static let style = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; }
        main { max-width: 1100px; margin: 0 auto; padding: 1em 2em 4em; }
        h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { margin-top: 1.5em; }
        table { border-collapse: collapse; font-size: 0.88em; margin: 0.5em 0; }
        th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e5e5e5; white-space: nowrap; }
        th { text-align: left; background: #f6f6f6; } .n { text-align: right; font-variant-numeric: tabular-nums; }
        div.table { overflow-x: auto; } p.source { color: #666; font-size: 0.85em; margin-top: 0; }
        figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
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
