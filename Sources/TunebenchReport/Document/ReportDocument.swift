/// A report as a sequence of blocks, rendered to Markdown (``MarkdownRenderer``) and to one self-contained HTML page
/// (``HTMLRenderer``) from the same content, so that the two never disagree.
public struct ReportDocument: Sendable {
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public enum Block: Sendable {
        /// A section heading; level 2 or 3 (the title is level 1).
        case heading(level: Int, text: String, anchor: String)
        /// A paragraph of plain text; `code` spans are written between backticks.
        case paragraph(String)
        case bullets([String])
        case table(Table)
        /// A plot: `file` is its path relative to the report (the Markdown links it; the HTML inlines `svg`).
        case figure(file: String, svg: String, caption: String)
    }

    /// A table whose cells are text; a cell marked `strong` is rendered in bold (the best value of a row or column).
    public struct Table: Sendable {
        public var header: [String]
        public var rows: [[Cell]]
        /// The file the numbers come from, said under the table.
        public var source: String?

        public init(header: [String], rows: [[Cell]], source: String? = nil) {
            self.header = header
            self.rows = rows
            self.source = source
        }
    }

    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var strong: Bool

        public init(_ text: String, strong: Bool = false) {
            self.text = text
            self.strong = strong
        }

        public init(stringLiteral value: String) {
            self.init(value)
        }
    }

    mutating func heading(_ text: String, level: Int = 2) {
        blocks.append(.heading(level: level, text: text, anchor: Self.anchor(text)))
    }

    mutating func paragraph(_ text: String) {
        blocks.append(.paragraph(text))
    }

    /// A lowercase anchor of letters, digits and hyphens.
    static func anchor(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}
