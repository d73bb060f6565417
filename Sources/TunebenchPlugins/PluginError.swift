import Foundation
import TunebenchCore

/// Errors raised by plugins and their manifests. Messages name the plugin and, for a plugin that misbehaved, end
/// with the tail of its standard error.
public enum PluginError: Error, Sendable, Equatable {
    /// The command could not be started at all.
    case cannotStart(plugin: String, reason: String)
    /// The plugin exited or crashed while the harness waited for it; `signal` is the signal that ended it, if one did.
    case exited(plugin: String, status: String, during: String, stderr: String, signal: Int32? = nil)
    /// The plugin did not answer in time.
    case timedOut(plugin: String, seconds: Double, during: String, stderr: String)
    /// The plugin wrote something that is not a protocol message: a partial line, a line that is not a JSON object.
    case garbage(plugin: String, reason: String, during: String, stderr: String)
    /// The plugin broke the protocol: wrong message type, wrong id, a value outside the space, NaN.
    case violation(plugin: String, reason: String, during: String, stderr: String)
    /// The plugin answered with `ERROR_REPLY`.
    case errorReply(plugin: String, kind: String, message: String?, during: String, stderr: String)
    /// A problem spec that Tunebench cannot represent.
    case unsupportedSpec(plugin: String, reason: String)
    /// A manifest (`Plugins/NAME/plugin.json`) is invalid.
    case invalidManifest(path: String, field: String, reason: String)
}

extension PluginError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotStart(let plugin, let reason):
            return "plugin '\(plugin)' cannot be started: \(reason)"
        case .exited(let plugin, let status, let during, let stderr, _):
            return "plugin '\(plugin)' \(status) during \(during)" + Self.tail(stderr)
        case .timedOut(let plugin, let seconds, let during, let stderr):
            return "plugin '\(plugin)' did not answer within \(Self.seconds(seconds)) during \(during)" + Self.tail(stderr)
        case .garbage(let plugin, let reason, let during, let stderr):
            return "plugin '\(plugin)' wrote \(reason) during \(during)" + Self.tail(stderr)
        case .violation(let plugin, let reason, let during, let stderr):
            return "plugin '\(plugin)' broke the protocol during \(during): \(reason)" + Self.tail(stderr)
        case .errorReply(let plugin, let kind, let message, let during, let stderr):
            return "plugin '\(plugin)' answered \(during) with ERROR_REPLY \(kind)" + (message.map { ": \($0)" } ?? "")
                + Self.tail(stderr)
        case .unsupportedSpec(let plugin, let reason):
            return "plugin '\(plugin)' describes a problem Tunebench cannot use: \(reason)"
        case .invalidManifest(let path, let field, let reason):
            return "\(path): field '\(field)': \(reason)"
        }
    }

    private static func tail(_ stderr: String) -> String {
        let text = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return " (its standard error is empty)" }
        return "; the end of its standard error:\n" + text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)) s" : "\(value) s"
    }
}

extension PluginError: SignalEndedError {
    /// The signal that ended the plugin when it ended while the harness waited for it.
    public var endingSignal: Int32? {
        if case .exited(_, _, _, _, let signal) = self { return signal }
        return nil
    }
}
