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

    /// The value as written in a message: strings quoted, containers summarised.
    public var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let k): return "\(k)"
        case .number(let x): return "\(x)"
        case .string(let s): return "\"\(s)\""
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
}
