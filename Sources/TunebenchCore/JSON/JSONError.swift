/// A JSON text that cannot be read, or a document whose shape is not the expected one.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line and column of the byte where reading stopped.
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
