/// Cuts a stream of JSON text, arriving in chunks, into the bytes of single values, so that a large document (an
/// object whose array member holds a million elements) can be read one element at a time with ``JSONReader``.
///
/// The scanner knows only what it needs to find where a value ends: strings (with their escapes), brackets and
/// scalars. Everything else about the value's syntax is checked by the ``JSONReader`` that parses its bytes;
/// ``error(_:at:)`` moves that reader's line and column to the value's place in the whole document.
struct JSONValueScanner {
    /// 1-based line and column of a byte in the document.
    struct Position {
        var line = 1
        var column = 1
    }

    private var chunk: [UInt8] = []
    private var index = 0
    private let nextChunk: () throws -> [UInt8]?
    private(set) var position = Position()

    /// - Parameter nextChunk: the document's next bytes, or `nil` at its end.
    init(nextChunk: @escaping () throws -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    /// The next byte without consuming it, or `nil` at the end of the document.
    mutating func peek() throws -> UInt8? {
        while index == chunk.count {
            guard let next = try nextChunk() else { return nil }
            chunk = next
            index = 0
        }
        return chunk[index]
    }

    /// Consumes the byte that ``peek()`` returned.
    mutating func advance() {
        if chunk[index] == 0x0A {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
        index += 1
    }

    mutating func skipWhitespace() throws {
        while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
    }

    /// Skips white space and consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) throws -> Bool {
        try skipWhitespace()
        guard try peek() == byte else { return false }
        advance()
        return true
    }

    /// Skips white space and consumes `byte`, or throws naming what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try consume(byte) else {
            throw try peek() == nil ? error("the file ends where \(what) was expected") : error("expected \(what)")
        }
    }

    /// Skips white space and returns the bytes of the next value (a string with its quotes, an object or array with
    /// everything inside, or a scalar), and where it starts.
    /// - Throws: ``JSONError`` when the document ends inside the value or no value starts here.
    mutating func nextValue() throws -> (bytes: [UInt8], start: Position) {
        try skipWhitespace()
        let start = position
        guard let first = try peek() else { throw error("the file ends where a value was expected") }
        var bytes: [UInt8] = []
        switch first {
        case UInt8(ascii: "\""):
            try takeString(into: &bytes)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                guard let byte = try peek() else { throw error("the file ends inside a value that starts at \(start)") }
                switch byte {
                case UInt8(ascii: "\""):
                    try takeString(into: &bytes)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                bytes.append(byte)
                advance()
            } while depth > 0
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"):
            throw error("expected a value")
        default:
            // A number or a literal: everything up to the next delimiter; the reader checks its spelling.
            while let byte = try peek(), !Self.endsScalar(byte) {
                bytes.append(byte)
                advance()
            }
        }
        return (bytes, start)
    }

    /// An error at the scanner's position.
    func error(_ message: String) -> JSONError {
        JSONError(line: position.line, column: position.column, message: message)
    }

    /// `error`, raised by a reader of a value's bytes, placed in the whole document (the value started at `start`).
    static func error(_ error: JSONError, at start: Position) -> JSONError {
        JSONError(
            line: start.line + error.line - 1, column: error.line == 1 ? start.column + error.column - 1 : error.column,
            message: error.message)
    }

    /// Appends a string token, quotes and escapes included.
    private mutating func takeString(into bytes: inout [UInt8]) throws {
        let start = position
        bytes.append(UInt8(ascii: "\""))
        advance()
        var escaped = false
        while true {
            guard let byte = try peek() else { throw error("the file ends inside a string that starts at \(start)") }
            bytes.append(byte)
            advance()
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return
            }
        }
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }
}

extension JSONValueScanner.Position: CustomStringConvertible {
    var description: String { "line \(line), column \(column)" }
}
