/// Writes UTF-8 JSON with members in the order they are written, compact or indented by two spaces.
///
/// Numbers use Swift's shortest round-trip form (`0.1`, `1e-05`, `1.0`), identical on every platform and read back
/// by ``JSONReader`` with the same bits and type (a real written as `1.0` stays a real); non-finite numbers, which
/// JSON cannot hold, are written as `null`. Commas and, when pretty, line breaks are inserted automatically.
public struct JSONWriter {
    private var buffer: TextBuffer
    /// The JSON written so far.
    public var bytes: [UInt8] { buffer.bytes }
    /// For each open container, whether it has no element yet.
    private var empty: [Bool] = []
    private var afterKey = false
    private let pretty: Bool

    /// - Parameters:
    ///   - capacity: bytes to reserve.
    ///   - pretty: one element per line, indented by two spaces per level, `": "` after keys.
    public init(capacity: Int = 0, pretty: Bool = false) {
        buffer = TextBuffer(capacity: capacity)
        self.pretty = pretty
    }

    // MARK: - Structure

    public mutating func beginObject() {
        separate()
        buffer.append(ascii: "{")
        empty.append(true)
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        buffer.append(ascii: "[")
        empty.append(true)
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes a member key; the next value written is its value.
    public mutating func key(_ key: String) {
        separate()
        buffer.appendJSONString(key)
        buffer.append(ascii: ":")
        if pretty { buffer.append(ascii: " ") }
        afterKey = true
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        separate()
        buffer.appendJSONString(value)
    }

    public mutating func number(_ value: Double) {
        separate()
        buffer.appendJSONNumber(value)
    }

    public mutating func integer(_ value: Int) {
        separate()
        buffer.append(value)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        buffer.append(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        buffer.append("null")
    }

    /// Writes a whole tree.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .integer(let k): integer(k)
        case .number(let x): number(x)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for name in members.keys.sorted() {
                key(name)
                self.value(members[name]!)
            }
            endObject()
        }
    }

    // MARK: - Helpers

    /// Writes a comma before every element of a container but the first (a value right after its key needs none),
    /// and when pretty a line break and the indentation.
    @inline(__always)
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let isEmpty = empty.last else { return }
        if isEmpty {
            empty[empty.count - 1] = false
        } else {
            buffer.append(ascii: ",")
        }
        if pretty { newline(depth: empty.count) }
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = empty.removeLast() == false
        if pretty, hadElements { newline(depth: empty.count) }
        buffer.append(byte: bracket)
    }

    private mutating func newline(depth: Int) {
        buffer.append(ascii: "\n")
        buffer.append(repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
