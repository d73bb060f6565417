import Foundation

/// Accumulates the body of an SVG document and wraps it in the `<svg>` element.
///
/// Elements are written one per line, attributes in a fixed order, numbers through ``SVGText/number(_:)`` and text
/// through ``SVGText/escape(_:)``.
struct SVGWriter: Sendable {
    /// The elements written so far, one per line.
    private(set) var body = ""

    /// The placeholder for the clip path's id in ``body`` until ``document(title:layout:)`` names it; the control
    /// character cannot come from escaped text.
    static let clipPlaceholder = "\u{1}clip\u{1}"

    /// Appends one line.
    mutating func line(_ text: String) {
        body += text
        body += "\n"
    }

    /// `name="value"` pairs for numbers.
    static func attributes(_ pairs: KeyValuePairs<String, Double>) -> String {
        pairs.map { "\($0.key)=\"\(SVGText.number($0.value))\"" }.joined(separator: " ")
    }

    /// `x1,y1 x2,y2 …` for a `points` attribute.
    static func points(_ points: [PlotSegments.Point]) -> String {
        points.map { "\(SVGText.number($0.x)),\(SVGText.number($0.y))" }.joined(separator: " ")
    }

    /// The complete `<svg>` element: namespace, size, `role="img"`, sans-serif font, the `<title>`, a white
    /// background, the clip path of the plot area, then the body.
    ///
    /// The clip path's id must be unique in an HTML page that holds several plots, yet the output must not depend
    /// on anything but the plot: it is `tunebench-clip-` and the 64-bit FNV-1a hash of the body (offset basis
    /// 14695981039346656037, prime 1099511628211; Fowler, Noll and Vo, IETF draft-eastlake-fnv). Equal plots share
    /// an id, which is harmless since their clip rectangles are equal too.
    func document(title: String, layout: PlotLayout) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in body.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        let hex = String(hash, radix: 16)
        let id = "tunebench-clip-" + String(repeating: "0", count: 16 - hex.count) + hex
        let size = Self.attributes(["width": layout.width, "height": layout.height])
        let box = "0 0 \(SVGText.number(layout.width)) \(SVGText.number(layout.height))"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) viewBox=\"\(box)\" role=\"img\""
        out += " font-family=\"sans-serif\">\n"
        out += "<title>\(SVGText.escape(title))</title>\n"
        out += "<rect \(Self.attributes(["width": layout.width, "height": layout.height])) fill=\"#ffffff\"/>\n"
        let area = Self.attributes([
            "x": layout.left, "y": layout.top, "width": layout.right - layout.left,
            "height": layout.bottom - layout.top,
        ])
        out += "<defs><clipPath id=\"\(id)\"><rect \(area)/></clipPath></defs>\n"
        out += body.replacingOccurrences(of: Self.clipPlaceholder, with: id)
        out += "</svg>\n"
        return out
    }
}
