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

extension OptionValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let k = try? container.decode(Int.self) {
            self = .integer(k)
        } else if let x = try? container.decode(Double.self) {
            self = .real(x)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let k): try container.encode(k)
        case .real(let x): try container.encode(x)
        case .string(let s): try container.encode(s)
        case .bool(let b): try container.encode(b)
        }
    }
}
