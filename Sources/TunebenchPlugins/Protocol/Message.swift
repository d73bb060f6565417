import TunebenchCore

/// What every error about a received message names: the plugin and the tail of its standard error.
///
/// ``PluginConnection`` is the source in a session; tests decode lines from a fixed source without starting a
/// process.
protocol MessageSource {
    /// The plugin's name, for messages.
    var pluginName: String { get }
    /// The end of the plugin's standard error, shown when it misbehaves.
    func stderrTail() -> String
}

extension MessageSource {
    /// A protocol violation: a message of the wrong type, or a field missing, mistyped or out of range.
    ///
    /// Control characters and line breaks in `reason` (which may quote what the plugin sent) are escaped, so that
    /// the reason stays on one line.
    func violation(_ reason: String, during: String) -> PluginError {
        PluginError.violation(
            plugin: pluginName,
            reason: JSONValue.printable(reason, limit: 2000),
            during: during,
            stderr: stderrTail()
        )
    }

    /// A line that is not a protocol message; control characters and line breaks in `reason` are escaped.
    func garbage(_ reason: String, during: String) -> PluginError {
        PluginError.garbage(
            plugin: pluginName,
            reason: JSONValue.printable(reason, limit: 2000),
            during: during,
            stderr: stderrTail()
        )
    }
}

/// A received message: its type and fields, with typed accessors that report missing or mistyped fields as
/// protocol violations naming the message type and the field.
struct Message {
    let type: String
    let fields: [String: JSONValue]
    /// The plugin that sent it.
    let source: any MessageSource
    /// What the harness was doing, for messages ("ASK_CALL for trial 3").
    let during: String

    /// Decodes one line a plugin printed (without its newline): a JSON object with a string `"type"`.
    ///
    /// Python's `NaN`, `Infinity` and `-Infinity` tokens are read as numbers (the `json` module writes them).
    /// - Throws: ``PluginError/garbage(plugin:reason:during:stderr:)`` for a line that is not JSON (with the line
    ///   and column) or not an object with a string `"type"`, quoting the start of the line.
    static func decode(_ line: [UInt8], from source: any MessageSource, during: String) throws -> Message {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line, allowsNonFiniteNumbers: true)
        } catch {
            throw source.garbage("a line that is not JSON (\(error)): \(excerpt(line))", during: during)
        }
        guard case .object(let fields) = value, case .string(let type)? = fields["type"] else {
            throw source.garbage(
                "a line that is not a protocol message (no \"type\"): \(excerpt(line))",
                during: during
            )
        }
        return Message(type: type, fields: fields, source: source, during: during)
    }

    /// This message as the reply `type` that the harness waits for.
    /// - Throws: ``PluginError/errorReply(plugin:kind:message:during:stderr:)`` for an `ERROR_REPLY`,
    ///   ``PluginError/violation(plugin:reason:during:stderr:)`` for a message of another type.
    func expecting(_ type: String) throws -> Message {
        if self.type == "ERROR_REPLY" {
            let kind = (try? string("kind")).map { JSONValue.printable($0, limit: 100) } ?? "(no kind)"
            throw PluginError.errorReply(
                plugin: source.pluginName,
                kind: kind,
                message: (try? string("message")).map { JSONValue.printable($0, limit: 1000) },
                during: during,
                stderr: source.stderrTail()
            )
        }
        guard self.type == type else {
            throw violation("expected \(type), got \(self.type)")
        }
        return self
    }

    /// A protocol violation in this message.
    func violation(_ reason: String) -> PluginError {
        source.violation(reason, during: during)
    }

    func value(_ key: String) throws -> JSONValue {
        guard let value = fields[key] else { throw violation("\(type) has no \"\(key)\"") }
        return value
    }

    func string(_ key: String) throws -> String {
        guard case .string(let s) = try value(key) else { throw violation("\"\(key)\" of \(type) is not a string") }
        return s
    }

    func integer(_ key: String) throws -> Int {
        switch try value(key) {
        case .integer(let k): return k
        case .number(let x) where x.rounded() == x && abs(x) < 9e15: return Int(x)
        default: throw violation("\"\(key)\" of \(type) is not an integer")
        }
    }

    func object(_ key: String) throws -> [String: JSONValue] {
        guard case .object(let members) = try value(key) else {
            throw violation("\"\(key)\" of \(type) is not an object")
        }
        return members
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard case .array(let items) = try value(key) else { throw violation("\"\(key)\" of \(type) is not a list") }
        return items
    }

    /// At most 200 bytes of a line, quoted, for messages.
    static func excerpt(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(200), as: UTF8.self)
        return "'" + text + (line.count > 200 ? "...'" : "'")
    }
}
