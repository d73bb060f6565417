/// One rule of a protocol contract that an implementation broke.
public struct ConformanceFailure: Sendable, CustomStringConvertible, Hashable {
    /// The rule, e.g. "same seed gives the same trace".
    public var check: String
    /// Where it broke (a space, a seed).
    public var context: String
    /// What happened.
    public var message: String

    public init(check: String, context: String, message: String) {
        self.check = check
        self.context = context
        self.message = message
    }

    public var description: String { "[\(check)] \(context): \(message)" }
}
