/// A parsed JSON document, kept as a tree so that validation can name the field and value of every error.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits an `Int`.
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a complete JSON text (with `allowsNonFiniteNumbers`, also Python's `NaN` and `Infinity` tokens).
    /// - Throws: ``JSONError`` with the line and column of the first problem.
    public static func parse(_ bytes: some Collection<UInt8>, allowsNonFiniteNumbers: Bool = false) throws -> JSONValue {
        var reader = JSONReader(Array(bytes), allowsNonFiniteNumbers: allowsNonFiniteNumbers)
        let value = try reader.readValue()
        try reader.expectEnd()
        return value
    }

    /// The number, for an integer or a real; `nil` for anything else.
    public var doubleValue: Double? {
        switch self {
        case .integer(let k): return Double(k)
        case .number(let x): return x
        default: return nil
        }
    }

    /// The value as written in a message: strings quoted (and ``printable(_:limit:)``, at most 100 characters),
    /// containers summarised.
    public var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let k): return "\(k)"
        case .number(let x): return "\(x)"
        case .string(let s): return "\"" + Self.printable(s, limit: 100) + "\""
        case .array(let items): return "an array of \(items.count) items"
        case .object: return "an object"
        }
    }

    /// The name of the JSON type, for "expected ..., found ..." messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// `text` made fit for a one-line message: control characters and line breaks (Unicode categories Cc, Zl and
    /// Zp) written as JSON escapes (`\n`, `\u0001`, `\u2028`), and the text cut after `limit` Unicode scalars,
    /// with "..." appended, when longer.
    ///
    /// Messages quote what a document or a plugin sent; this keeps such a message on one line and of bounded length.
    public static func printable(_ text: String, limit: Int = 200) -> String {
        if text.utf8.count <= limit, text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        var result = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == limit { return result + "..." }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
