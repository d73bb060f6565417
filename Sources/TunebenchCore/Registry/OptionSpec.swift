/// The declaration of one option of a registry entry: its name, what it means, its type and range, its default.
public struct OptionSpec: Sendable, Hashable {
    /// The type and the allowed values of an option.
    public enum Kind: Sendable, Hashable {
        /// An integer in a range.
        case integer(ClosedRange<Int>)
        /// An integer from a fixed list (for example the dimensions with a published optimum).
        case integerChoice([Int])
        /// A real number in a range.
        case real(ClosedRange<Double>)
        /// One of a list of words.
        case choice([String])
        /// `true` or `false`.
        case bool
        /// Any text, such as a command line or a list of instances (the entry says whether an empty one is
        /// acceptable). An integer given for it is taken as its digits: `instances=3` on the command line, or `3` in
        /// an experiment file, reads as an integer but means the text `3`.
        case text
    }

    public var name: String
    /// One line saying what the option does, shown by `tunebench list`.
    public var summary: String
    public var kind: Kind
    public var defaultValue: OptionValue

    public init(_ name: String, _ kind: Kind, default defaultValue: OptionValue, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// What values the option accepts, in words, for messages and `tunebench list`.
    public var expected: String {
        switch kind {
        case .integer(let range): return "an integer in [\(range.lowerBound), \(range.upperBound)]"
        case .integerChoice(let values): return "one of " + values.map(String.init).joined(separator: ", ")
        case .real(let range):
            switch (range.lowerBound.isFinite, range.upperBound.isFinite) {
            case (true, true): return "a number in [\(range.lowerBound), \(range.upperBound)]"
            case (true, false): return "a finite number >= \(range.lowerBound)"
            case (false, true): return "a finite number <= \(range.upperBound)"
            case (false, false): return "a finite number"
            }
        case .choice(let words): return "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .bool: return "true or false"
        case .text: return "a text"
        }
    }

    /// Checks `value` against the option's kind and converts it to the canonical type (an integral real for an
    /// integer option becomes `.integer`, an integer for a real option becomes `.real`, an integer for a text option
    /// becomes its digits).
    /// - Parameter entry: the entry's name, for the message.
    /// - Throws: ``CoreError/invalidOption(entry:option:value:expected:)``.
    public func coerce(_ value: OptionValue, entry: String) throws -> OptionValue {
        func reject() -> CoreError {
            let shown: String
            if case .string(let s) = value { shown = "'\(s)'" } else { shown = value.text }
            return CoreError.invalidOption(entry: entry, option: name, value: shown, expected: expected)
        }
        switch kind {
        case .integer, .integerChoice:
            let k: Int
            switch value {
            case .integer(let i): k = i
            case .real(let x) where x.rounded() == x && abs(x) < 1e15: k = Int(x)
            default: throw reject()
            }
            if case .integer(let range) = kind, !range.contains(k) { throw reject() }
            if case .integerChoice(let values) = kind, !values.contains(k) { throw reject() }
            return .integer(k)
        case .real(let range):
            let x: Double
            switch value {
            case .integer(let i): x = Double(i)
            case .real(let r): x = r
            default: throw reject()
            }
            guard x.isFinite, range.contains(x) else { throw reject() }
            return .real(x)
        case .choice(let words):
            guard case .string(let s) = value, words.contains(s) else { throw reject() }
            return value
        case .bool:
            guard case .bool = value else { throw reject() }
            return value
        case .text:
            switch value {
            case .string: return value
            case .integer(let k): return .string(String(k))
            default: throw reject()
            }
        }
    }
}
