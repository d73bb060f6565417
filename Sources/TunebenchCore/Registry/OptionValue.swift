/// The value of an entry option, as written in an experiment file or on the command line.
public enum OptionValue: Sendable, Hashable {
    case integer(Int)
    case real(Double)
    case string(String)
    case bool(Bool)

    /// The value as text: JSON-like for numbers and booleans, the raw text for strings.
    public var text: String {
        switch self {
        case .integer(let k): return "\(k)"
        case .real(let x): return "\(x)"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// Parses a command-line value: `true`/`false`, an integer, a real, else the text itself.
    public init(parsing text: String) {
        if text == "true" {
            self = .bool(true)
        } else if text == "false" {
            self = .bool(false)
        } else if let k = Int(text) {
            self = .integer(k)
        } else if let x = Double(text), x.isFinite {
            self = .real(x)
        } else {
            self = .string(text)
        }
    }
}

// MARK: - JSON

extension OptionValue {
    /// The option value a JSON scalar stands for: `true`/`false`, an integer, a real (written with a fraction or
    /// exponent, so `1.0` stays real), or text; `nil` for null, arrays and objects.
    public init?(json: JSONValue) {
        switch json {
        case .bool(let b): self = .bool(b)
        case .integer(let k): self = .integer(k)
        case .number(let x): self = .real(x)
        case .string(let s): self = .string(s)
        case .null, .array, .object: return nil
        }
    }

    /// The value as a JSON scalar.
    public var json: JSONValue {
        switch self {
        case .integer(let k): return .integer(k)
        case .real(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }
}

extension JSONWriter {
    /// Writes an option value with its type: reals keep a fraction (`1.0`), so they read back as reals.
    public mutating func option(_ value: OptionValue) {
        switch value {
        case .integer(let k): integer(k)
        case .real(let x): number(x)
        case .string(let s): string(s)
        case .bool(let b): bool(b)
        }
    }
}
