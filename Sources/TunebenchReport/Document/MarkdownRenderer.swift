/// Renders a ``ReportDocument`` as GitHub-flavoured Markdown; figures become image links to their SVG files.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(document.title)\n"
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text, _):
                out += String(repeating: "#", count: level) + " " + text + "\n"
            case .paragraph(let text):
                out += text + "\n"
            case .bullets(let items):
                for item in items { out += "- " + item + "\n" }
            case .table(let table):
                out += "| " + table.header.map(escape).joined(separator: " | ") + " |\n"
                out += "|" + table.header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined() + "\n"
                for row in table.rows {
                    out += "| "
                        + row.map { $0.strong ? "**\(escape($0.text))**" : escape($0.text) }.joined(separator: " | ")
                        + " |\n"
                }
                if let source = table.source { out += "\nSource: `\(source)`.\n" }
            case .figure(let file, _, let caption):
                out += "![\(caption)](\(file))\n\n*\(caption)*\n"
            }
        }
        return out
    }

    /// Escapes the characters that would end a table cell.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
