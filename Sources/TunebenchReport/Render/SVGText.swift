import Foundation

/// Text and number formatting for SVG output: XML escaping and locale-free, fixed-precision coordinates.
enum SVGText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe in element content and in attribute values;
    /// characters that XML 1.0 does not allow (control characters other than tab, line feed and carriage return,
    /// surrogates, U+FFFE and U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowedInXML(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    /// (W3C, Extensible Markup Language 1.0, fifth edition, production [2]).
    private static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// A coordinate with at most two decimals and no trailing zeros: `12.5`, `3`, `-0.25`; never `-0`.
    ///
    /// `String(format:)` without a locale formats with the POSIX locale (decimal point `.`), so the output does not
    /// depend on the machine's settings. Non-finite values are written as `0` (callers never pass them).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let text = trimmingZeros(String(format: "%.2f", x))
        return text == "-0" ? "0" : text
    }

    /// A value for a label or a note, to three significant digits: in positional form for 1e-4 ≤ |x| < 1e6
    /// (`0.000123`, `1.5`, `12345`), else in exponent form (`1e-9`, `2.5e6`) without a plus sign or leading zeros
    /// in the exponent; trailing zeros dropped.
    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-4 && magnitude < 1e6 {
            let decimals = max(0, 2 - Int(log10(magnitude).rounded(.down)))
            return trimmingZeros(String(format: "%.\(decimals)f", x))
        }
        let text = String(format: "%.2e", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(trimmingZeros(String(text[..<e])))e\(exponent)"
    }

    /// `text` without trailing zeros after a decimal point, and without the point itself when nothing follows it.
    static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
