/// A pull parser over UTF-8 JSON (RFC 8259), for decoding without building a tree.
///
/// Callers walk the document: ``readObject(_:)`` calls its body once per member with the key, the body reads the
/// value with the `read` methods (or ``skipValue()``); ``readArray(_:)`` calls its body once per element. Every
/// error is a ``JSONError`` with the line and column. ``readValue()`` builds a ``JSONValue`` tree when one is
/// wanted.
///
/// Numbers are converted to the nearest double (``DecimalParser``, correctly rounded as the standard library's
/// `Double(_:)` is), so a number written by ``JSONWriter`` (Swift's shortest round-trip form) reads back to the same
/// bits.
public struct JSONReader {
    private let bytes: [UInt8]
    /// The next byte to read.
    private(set) var index: Int
    /// Where the document starts and ends in `bytes`.
    private let start: Int
    private let end: Int

    /// The greatest nesting depth accepted, so that hostile input cannot exhaust the stack.
    ///
    /// Reading recurses once per level, at about 1.5 KiB of stack per level in a debug build: 128 levels fit in the
    /// 512 KiB stack of a secondary thread on macOS (Dispatch workers, Swift concurrency), with room for the caller.
    /// The documents of the project nest less than 10 levels deep.
    public static let maximumDepth = 128
    private var depth = 0

    /// Whether the non-standard tokens `NaN`, `Infinity` and `-Infinity` (which Python's `json.dumps` writes) are
    /// read as numbers.
    public let allowsNonFiniteNumbers: Bool

    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    ///   - allowsNonFiniteNumbers: read `NaN`, `Infinity` and `-Infinity` as numbers instead of rejecting them.
    public init(_ bytes: [UInt8], allowsNonFiniteNumbers: Bool = false) {
        self.init(bytes, in: bytes.indices, allowsNonFiniteNumbers: allowsNonFiniteNumbers)
    }

    /// A reader of the document that `range` of `bytes` holds (sharing `bytes`' storage, not copying it); errors give
    /// lines and columns from the range's start.
    init(_ bytes: [UInt8], in range: Range<Int>, allowsNonFiniteNumbers: Bool = false) {
        self.bytes = bytes
        self.allowsNonFiniteNumbers = allowsNonFiniteNumbers
        start = range.lowerBound
        end = range.upperBound
        index = range.lowerBound
    }

    // MARK: - Structure

    /// Reads an object, calling `body` with each key; `body` must read (or skip) the member's value.
    public mutating func readObject(_ body: (inout JSONReader, String) throws -> Void) throws {
        try enter("{")
        if try consume("}") {
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try readString()
            try expect(":")
            try body(&self, key)
            if try consume("}") { break }
            try expect(",")
        }
        depth -= 1
    }

    /// Reads an object whose keys are looked up in `names` (by their bytes: no `String` is built for a key that is
    /// one of them), calling `body` with each key's match; `body` must read (or skip) the member's value.
    ///
    /// Each key is looked for first after the previous key's name, so keys in the order of `names` cost one
    /// comparison each.
    mutating func readObject(names: JSONNames, _ body: (inout JSONReader, JSONNames.Match) throws -> Void) throws {
        try enter("{")
        if try consume("}") {
            depth -= 1
            return
        }
        var next = 0
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try readString(in: names, from: next)
            if case .name(let position) = key { next = position + 1 }
            try expect(":")
            try body(&self, key)
            if try consume("}") { break }
            try expect(",")
        }
        depth -= 1
    }

    /// Reads an array, calling `body` once per element; `body` must read (or skip) the element.
    public mutating func readArray(_ body: (inout JSONReader) throws -> Void) throws {
        try enter("[")
        if try consume("]") {
            depth -= 1
            return
        }
        while true {
            try body(&self)
            if try consume("]") { break }
            try expect(",")
        }
        depth -= 1
    }

    /// Checks that only white space is left.
    public mutating func expectEnd() throws {
        skipWhitespace()
        guard index == end else { throw error("unexpected text after the end of the document") }
    }

    // MARK: - Scalars

    /// Whether the next value is a string (without consuming it).
    public mutating func nextIsString() -> Bool {
        skipWhitespace()
        return peek() == UInt8(ascii: "\"")
    }

    /// Whether the next value is `null`; consumes it if so.
    public mutating func readNull() throws -> Bool {
        skipWhitespace()
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    public mutating func readBool() throws -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw error("expected true or false")
        }
    }

    public mutating func readString() throws -> String {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        // Fast path: no escapes.
        if let close = plainStringEnd(from: index + 1) {
            defer { index = close + 1 }
            return bytes.withUnsafeBufferPointer { String(decoding: $0[index + 1..<close], as: UTF8.self) }
        }
        index += 1
        var scalars: [UInt8] = []
        while true {
            guard index < end else { throw error("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &scalars)
            case ..<0x20:
                index -= 1
                throw error("control character in a string")
            default:
                scalars.append(byte)
            }
        }
    }

    /// Reads a string and looks it up in `names` (from position `hint` on, see ``JSONNames/position(of:from:)``)
    /// by its bytes; only a string that is none of them, or that has escapes, is built as a `String`.
    mutating func readString(in names: JSONNames, from hint: Int = 0) throws -> JSONNames.Match {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\""), let close = plainStringEnd(from: index + 1) else {
            return names.match(try readString())
        }
        let start = index + 1
        index = close + 1
        return bytes.withUnsafeBufferPointer { buffer in
            let text = UnsafeBufferPointer(rebasing: buffer[start..<close])
            return names.position(of: text, from: hint).map(JSONNames.Match.name)
                ?? .other(String(decoding: text, as: UTF8.self))
        }
    }

    /// The index of the quote that closes a string starting at `start`, or `nil` when the string has an escape or a
    /// control character, or is not closed (``readString()`` then reads it, or reports it).
    private func plainStringEnd(from start: Int) -> Int? {
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { return position }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// Reads a number (or `null`, read as NaN when `nullAsNaN` is set).
    public mutating func readDouble(nullAsNaN: Bool = false) throws -> Double {
        if nullAsNaN, try readNull() { return .nan }
        if let special = try nonFiniteNumber() { return special }
        return try double(try numberRange())
    }

    /// Reads an integer (a number without fraction or exponent that fits an `Int`).
    public mutating func readInt() throws -> Int {
        let range = try numberRange()
        guard let value = integer(range) else { throw error("expected an integer, found \(text(range))") }
        return value
    }

    /// Skips the next value, whatever it is.
    public mutating func skipValue() throws {
        _ = try readValue()
    }

    /// Reads the next value as a tree.
    public mutating func readValue() throws -> JSONValue {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            try readObject { reader, key in members[key] = try reader.readValue() }
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try readArray { reader in items.append(try reader.readValue()) }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case nil:
            throw error("unexpected end of the document")
        default:
            if let special = try nonFiniteNumber() { return .number(special) }
            let range = try numberRange()
            if let k = integer(range) { return .integer(k) }
            return .number(try double(range))
        }
    }

    // MARK: - Lexing

    /// `NaN`, `Infinity` or `-Infinity` when allowed and next, consumed; else `nil`.
    private mutating func nonFiniteNumber() throws -> Double? {
        guard allowsNonFiniteNumbers else { return nil }
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "N"):
            try literal("NaN")
            return .nan
        case UInt8(ascii: "I"):
            try literal("Infinity")
            return .infinity
        case UInt8(ascii: "-") where index + 1 < end && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            try literal("Infinity")
            return -.infinity
        default:
            return nil
        }
    }

    @inline(__always)
    private func peek() -> UInt8? {
        index < end ? bytes[index] : nil
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func enter(_ opening: Unicode.Scalar) throws {
        try expect(opening)
        depth += 1
        guard depth <= Self.maximumDepth else {
            index -= 1  // at the bracket that goes too deep
            throw error("nesting deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws {
        skipWhitespace()
        guard peek() == UInt8(ascii: scalar) else {
            throw error(peek() == nil ? "unexpected end of the document, expected '\(scalar)'" : "expected '\(scalar)'")
        }
        index += 1
    }

    private mutating func consume(_ scalar: Unicode.Scalar) throws -> Bool {
        skipWhitespace()
        guard peek() == UInt8(ascii: scalar) else { return false }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            index + count <= end && bytes[index..<index + count].elementsEqual(expected)
        }
        guard matches else { throw error("invalid literal") }
        index += count
    }

    /// Where the next number's text is, checked against the JSON grammar `-? int frac? exp?`.
    private mutating func numberRange() throws -> Range<Int> {
        skipWhitespace()
        let start = index
        func digits() -> Int {
            let first = index
            while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        if peek() == UInt8(ascii: "-") { index += 1 }
        let integerDigits = digits()
        guard integerDigits > 0 else {
            index = start
            throw error(peek() == nil ? "unexpected end of the document" : "expected a value")
        }
        if integerDigits > 1, bytes[index - integerDigits] == UInt8(ascii: "0") {
            throw error("a number cannot start with 0")
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return start..<index
    }

    /// The nearest double to the number at `range` (checked by ``numberRange()``).
    private func double(_ range: Range<Int>) throws -> Double {
        let value = bytes.withUnsafeBufferPointer { DecimalParser.double(UnsafeBufferPointer(rebasing: $0[range])) }
        guard let value else { throw error("number \(text(range)) cannot be read") }
        return value
    }

    /// The number at `range` (checked by ``numberRange()``) when it is an integer that fits an `Int`, as `Int(_:)`
    /// reads it.
    private func integer(_ range: Range<Int>) -> Int? {
        var position = range.lowerBound
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude: UInt64 = 0
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow && !carry else { return nil }
            magnitude = sum
            position += 1
        }
        if negative { return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// The text at `range`, for messages.
    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private mutating func readEscape(into scalars: inout [UInt8]) throws {
        guard index < end else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(byte)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate in \\u escape") }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw error("unpaired surrogate in \\u escape")
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
            scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            index -= 1
            throw error("invalid escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= end else { throw error("truncated \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hexadecimal digit in \\u escape")
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    /// An error at the current position, with its line and column.
    public func error(_ message: String) -> JSONError {
        var line = 1
        var lineStart = start
        for i in start..<min(index, end) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return JSONError(line: line, column: index - lineStart + 1, message: message)
    }
}
