/// How to start a plugin: its name (for messages), the program and arguments, the folder to run it in, and the
/// longest wait for any reply.
public struct PluginCommand: Sendable, Hashable {
    /// The default reply timeout in seconds.
    public static let defaultTimeout = 60.0
    /// The reply timeouts accepted, in seconds (up to a day).
    public static let timeoutRange = 0.001...86_400.0

    public var name: String
    /// The program (searched in `PATH` when it has no slash, else relative to `directory`) and its arguments.
    public var arguments: [String]
    /// The working directory of the plugin; `nil` for the harness's own.
    public var directory: String?
    /// Seconds to wait for each reply.
    public var timeout: Double
    /// Variables added to the plugin's environment for this start, such as the run's budget
    /// (``PluginOptimizer/budgetVariable``).
    public var environment: [String: String] = [:]

    public init(name: String, arguments: [String], directory: String? = nil, timeout: Double = Self.defaultTimeout) {
        self.name = name
        self.arguments = arguments
        self.directory = directory
        self.timeout = timeout
    }

    /// Splits a command line into arguments: words separated by white space, with single quotes taking text
    /// literally, double quotes allowing `\"` and `\\`, and a backslash outside quotes escaping the next character.
    /// - Throws: ``PluginError/cannotStart(plugin:reason:)`` for an unterminated quote.
    public static func split(_ line: String, name: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else {
            throw PluginError.cannotStart(plugin: name, reason: "the command line \(line) has an unterminated quote")
        }
        if inWord { words.append(word) }
        return words
    }
}
