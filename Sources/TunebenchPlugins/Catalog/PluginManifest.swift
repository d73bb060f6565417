import Foundation
import TunebenchCore

/// A plugin declared in `Plugins/NAME/plugin.json` (format in `Plugins/PROTOCOL.md`).
public struct PluginManifest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case solver
        case problem
    }

    public var name: String
    public var kind: Kind
    public var summary: String
    /// The command, run in the plugin's folder, with the manifest's timeout.
    public var command: PluginCommand
    /// A command that exits with status 0 when the plugin can start.
    public var check: [String]?
    /// The fix to show when the check fails.
    public var install: String?
    /// The manifest file.
    public var path: String

    /// Reads every plugin a manifest declares (one object, or `{"plugins": [...]}`).
    /// - Throws: ``PluginError/invalidManifest(path:field:reason:)`` naming the file and the field.
    public static func load(_ url: URL) throws -> [PluginManifest] {
        try loadFile(url).plugins
    }

    /// Reads every plugin and every suite a manifest declares: one plugin object, or
    /// `{"plugins": [...], "suites": [...]}` (``PluginSuiteManifest``; `suites` optional).
    /// - Throws: ``PluginError/invalidManifest(path:field:reason:)`` naming the file and the field.
    public static func loadFile(_ url: URL) throws -> (plugins: [PluginManifest], suites: [PluginSuiteManifest]) {
        let path = url.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError.invalidManifest(path: path, field: "(file)", reason: "cannot be read")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw PluginError.invalidManifest(path: path, field: "(file)", reason: "is not valid JSON (\(error))")
        }
        let folder = url.deletingLastPathComponent().standardizedFileURL.path
        switch document {
        case .object(let fields) where fields["plugins"] != nil:
            for key in fields.keys.sorted() where key != "plugins" && key != "suites" {
                let hint = NearestName.suggestion(for: key, among: ["plugins", "suites"]).map { "; did you mean '\($0)'?" }
                throw PluginError.invalidManifest(path: path, field: key, reason: "unknown field\(hint ?? "")")
            }
            guard case .array(let items)? = fields["plugins"] else {
                throw PluginError.invalidManifest(path: path, field: "plugins", reason: "expected a list of plugins")
            }
            let plugins = try items.enumerated().map { index, item in
                try manifest(item, field: "plugins[\(index)]", path: path, folder: folder)
            }
            let suites = try fields["suites"].map { try PluginSuiteManifest.load($0, path: path) } ?? []
            return (plugins, suites)
        case .object:
            return ([try manifest(document, field: "(top level)", path: path, folder: folder)], [])
        default:
            throw PluginError.invalidManifest(path: path, field: "(top level)", reason: "expected an object")
        }
    }

    private static func manifest(_ value: JSONValue, field: String, path: String, folder: String) throws -> PluginManifest {
        func invalid(_ key: String, _ reason: String) -> PluginError {
            PluginError.invalidManifest(path: path, field: field == "(top level)" ? key : "\(field).\(key)", reason: reason)
        }
        guard case .object(let fields) = value else { throw invalid("", "expected an object") }
        let known = ["name", "kind", "summary", "command", "timeout", "check", "install"]
        for key in fields.keys.sorted() where !known.contains(key) {
            let hint = NearestName.suggestion(for: key, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw invalid(key, "unknown field\(hint)")
        }
        func text(_ key: String) throws -> String? {
            switch fields[key] {
            case nil: return nil
            case .string(let s)?: return s
            case let other?: throw invalid(key, "is \(other.shown); expected a string")
            }
        }
        func words(_ key: String) throws -> [String]? {
            switch fields[key] {
            case nil: return nil
            case .array(let items)?:
                let strings = items.compactMap { item -> String? in if case .string(let s) = item { s } else { nil } }
                guard strings.count == items.count, !strings.isEmpty else {
                    throw invalid(key, "expected a non-empty list of strings (the program and its arguments)")
                }
                return strings
            case let other?: throw invalid(key, "is \(other.shown); expected a list of strings")
            }
        }
        guard let name = try text("name"), EntrySpec.isValidLabel(name) else {
            throw invalid("name", "expected a name of ASCII letters, digits and ._+=-")
        }
        guard let kindText = try text("kind"), let kind = Kind(rawValue: kindText) else {
            throw invalid("kind", "expected \"solver\" or \"problem\"")
        }
        guard let arguments = try words("command") else { throw invalid("command", "is missing") }
        var timeout = PluginCommand.defaultTimeout
        if let value = fields["timeout"] {
            guard let seconds = value.doubleValue, PluginCommand.timeoutRange.contains(seconds) else {
                throw invalid(
                    "timeout",
                    "is \(value.shown); expected seconds in [\(PluginCommand.timeoutRange.lowerBound), "
                        + "\(PluginCommand.timeoutRange.upperBound)]")
            }
            timeout = seconds
        }
        return PluginManifest(
            name: name, kind: kind, summary: try text("summary") ?? "plugin \(name)",
            command: PluginCommand(name: name, arguments: arguments, directory: folder, timeout: timeout),
            check: try words("check"), install: try text("install"), path: path)
    }
}
