/// Growable UTF-8 bytes that text and numbers are appended to without building a `String` for each: how run files and
/// CSV rows are written at the rate evaluations come.
///
/// Numbers come out exactly as string interpolation writes them: a `Double` in Swift's shortest round-trip form
/// (`0.1`, `1e-05`, `2.0`, `inf`, `nan`), identical on every platform, and an `Int` in decimal. Reusing one buffer
/// (``removeAll()`` keeps its capacity) makes appending allocation-free. Single characters go through
/// ``append(ascii:)``, so that an integer literal is never taken for a byte: `append(10)` writes `10`.
public struct TextBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    /// - Parameter capacity: bytes to reserve.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends one ASCII character, such as a delimiter: `append(ascii: ",")`.
    public mutating func append(ascii character: Unicode.Scalar) {
        bytes.append(UInt8(ascii: character))
    }

    public mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    public mutating func append(_ other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }

    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `x` as `"\(x)"` writes it.
    public mutating func append(_ x: Double) {
        x.write(to: &self)
    }

    /// Appends `k` in decimal, as `"\(k)"` writes it.
    public mutating func append(_ k: Int) {
        if k < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = k.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[start...])
        }
    }
}

extension TextBuffer: TextOutputStream {
    public mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// The entry point through which `Double.write(to:)` hands over its digits, so that no `String` is built.
    public mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
