extension TextBuffer {
    /// Appends `value` as a JSON string: quoted, with `"`, `\` and control characters escaped (`\n`, `\r`, `\t`,
    /// else `\u00XX`), everything else as its UTF-8 bytes.
    public mutating func appendJSONString(_ value: String) {
        append(ascii: "\"")
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            append(value)
            append(ascii: "\"")
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append("\\u00")
                append(byte: hex[Int(byte >> 4)])
                append(byte: hex[Int(byte & 15)])
            default: append(byte: byte)
            }
        }
        append(ascii: "\"")
    }

    /// Appends `x` as a JSON number in Swift's shortest round-trip form, or `null` when it is not finite (JSON has
    /// no such numbers).
    public mutating func appendJSONNumber(_ x: Double) {
        if x.isFinite {
            append(x)
        } else {
            append("null")
        }
    }
}
