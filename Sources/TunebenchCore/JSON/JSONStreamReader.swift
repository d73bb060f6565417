/// Reads a JSON document that arrives in chunks value by value, each value parsed in place by a ``JSONReader``, so that
/// a large document (an object whose array member holds a million elements) is read one element at a time, in memory
/// bounded by one element and a chunk.
///
/// The reader keeps a window: the bytes not yet consumed, grown by whole chunks. ``read(_:)`` parses the next value
/// straight from the window (the fast path), and accepts the result when the value ends inside the window where a
/// value may end (a string or container at its closing byte, a number or literal before a delimiter). Otherwise (the
/// value runs past the window's end, or it does not parse) the slow path finds the value's extent by scanning
/// (strings with their escapes, brackets, scalars up to a delimiter), grows the window until it holds the whole
/// value, and parses the value again within that extent; its errors are the ones reported. Both paths therefore give
/// the same values and the same errors, whatever the chunk boundaries, and the slow one runs about once per chunk.
///
/// Errors are ``JSONError``s with the line and column in the whole document; they are computed only when raised.
struct JSONStreamReader {
    /// 1-based line and column of a byte in the document.
    struct Position {
        var line = 1
        var column = 1
    }

    /// The bytes not yet consumed (and those of the current value): `window[index...]`.
    private var window: [UInt8] = []
    private var index = 0
    /// Where `window[0]` is in the document.
    private var origin = Position()
    /// Whether `nextChunk` has returned `nil`.
    private var exhausted = false
    private let nextChunk: () throws -> [UInt8]?

    /// - Parameter nextChunk: the document's next bytes, or `nil` at its end.
    init(nextChunk: @escaping () throws -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    // MARK: - Tokens between values

    /// The next byte without consuming it, or `nil` at the end of the document.
    mutating func peek() throws -> UInt8? {
        try byte(at: 0)
    }

    mutating func skipWhitespace() throws {
        while let byte = try byte(at: 0), Self.isWhitespace(byte) { index += 1 }
    }

    /// Skips white space and consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) throws -> Bool {
        try skipWhitespace()
        guard try peek() == byte else { return false }
        index += 1
        return true
    }

    /// Skips white space and consumes `byte`, or throws naming what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try consume(byte) else {
            throw try peek() == nil ? error("the file ends where \(what) was expected") : error("expected \(what)")
        }
    }

    // MARK: - Values

    /// Skips white space and reads the next value with `body`, which must read (or skip) exactly one value and
    /// should have no effect but its result, since it may run twice.
    /// - Throws: ``JSONError`` placed in the whole document: the document ends inside the value or where one was
    ///   expected, no value starts here, or `body`'s own error.
    mutating func read<T>(_ body: (inout JSONReader) throws -> T) throws -> T {
        try skipWhitespace()
        if let value = try? readInPlace(body) { return value }
        let length = try extent()
        let start = position(of: index)
        var reader = JSONReader(window, in: index..<index + length)
        do {
            let value = try body(&reader)
            try reader.expectEnd()
            index += length
            return value
        } catch let error as JSONError {
            throw JSONError(
                line: start.line + error.line - 1,
                column: error.line == 1 ? start.column + error.column - 1 : error.column, message: error.message)
        }
    }

    /// The fast path: `body`'s value parsed from the window as it is, or `nil` when that value may continue past the
    /// window's end; on success, consumes it.
    private mutating func readInPlace<T>(_ body: (inout JSONReader) throws -> T) throws -> T? {
        guard index < window.count else { return nil }
        var reader = JSONReader(window, in: index..<window.count)
        let value = try body(&reader)
        let end = reader.index
        guard end > index else { return nil }
        if end == window.count {
            guard exhausted else { return nil }
        } else {
            switch window[index] {
            case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["): break
            default: guard Self.endsScalar(window[end]) else { return nil }
            }
        }
        index = end
        return value
    }

    /// The length of the next value's bytes (a string with its quotes, an object or array with everything inside,
    /// or a scalar up to the next delimiter), with the window grown to hold them.
    private mutating func extent() throws -> Int {
        guard let first = try byte(at: 0) else { throw error("the file ends where a value was expected") }
        switch first {
        case UInt8(ascii: "\""):
            return try stringLength(at: 0)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var offset = 0
            repeat {
                guard let byte = try byte(at: offset) else {
                    throw error("the file ends inside a value that starts at \(position(of: index))", at: window.count)
                }
                switch byte {
                case UInt8(ascii: "\""):
                    offset += try stringLength(at: offset)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                offset += 1
            } while depth > 0
            return offset
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"):
            throw error("expected a value")
        default:
            // A number or a literal: everything up to the next delimiter; the reader checks its spelling.
            var offset = 0
            while let byte = try byte(at: offset), !Self.endsScalar(byte) { offset += 1 }
            return offset
        }
    }

    /// The length of the string token at `offset` from the next byte, quotes and escapes included.
    private mutating func stringLength(at offset: Int) throws -> Int {
        var length = 1
        var escaped = false
        while true {
            guard let byte = try byte(at: offset + length) else {
                let start = position(of: index + offset)
                throw error("the file ends inside a string that starts at \(start)", at: window.count)
            }
            length += 1
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return length
            }
        }
    }

    // MARK: - Window

    /// The byte `offset` bytes after the next one, reading chunks as needed; `nil` past the end of the document.
    @inline(__always)
    private mutating func byte(at offset: Int) throws -> UInt8? {
        while index + offset >= window.count {
            guard try grow() else { return nil }
        }
        return window[index + offset]
    }

    /// Drops the consumed bytes from the window and appends the next chunk; `false` at the end of the document.
    private mutating func grow() throws -> Bool {
        guard !exhausted else { return false }
        guard let chunk = try nextChunk() else {
            exhausted = true
            return false
        }
        origin = position(of: index)
        if index == window.count {
            window = chunk
        } else {
            window.removeFirst(index)
            window.append(contentsOf: chunk)
        }
        index = 0
        return true
    }

    // MARK: - Errors

    /// An error at the next byte, or at `offset` in the window.
    func error(_ message: String, at offset: Int? = nil) -> JSONError {
        let position = position(of: offset ?? index)
        return JSONError(line: position.line, column: position.column, message: message)
    }

    /// Where `window[offset]` is in the document.
    private func position(of offset: Int) -> Position {
        window.withUnsafeBufferPointer { bytes in
            let before = bytes[..<offset]
            let newlines = before.reduce(0) { count, byte in count &+ (byte == 0x0A ? 1 : 0) }
            guard newlines > 0, let last = before.lastIndex(of: 0x0A) else {
                return Position(line: origin.line, column: origin.column + offset)
            }
            return Position(line: origin.line + newlines, column: offset - last)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }
}

extension JSONStreamReader.Position: CustomStringConvertible {
    var description: String { "line \(line), column \(column)" }
}
