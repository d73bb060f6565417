import TunebenchCore

/// A suite declared in a manifest's `suites` list: a name for a list of problems, usually that manifest's own
/// problem plugins (`Plugins/python-bayesmark` declares `bayesmark`, its 108 problems):
///
/// ```json
/// "suites": [{"name": "bayesmark", "summary": "...", "problems": ["bayesmark-knn-breast-nll", "..."]}]
/// ```
///
/// ``PluginCatalog/register(into:)`` registers it after every plugin, as a ``TunebenchCore/Suite`` of the named
/// problems with their default options, when every one of them is a problem of the registry.
public struct PluginSuiteManifest: Sendable, Hashable {
    public var name: String
    public var summary: String
    /// The problems' registry names, in order.
    public var problems: [String]
    /// The manifest file.
    public var path: String

    public init(name: String, summary: String, problems: [String], path: String) {
        self.name = name
        self.summary = summary
        self.problems = problems
        self.path = path
    }

    /// Reads a manifest's `suites` value.
    /// - Throws: ``PluginError/invalidManifest(path:field:reason:)`` naming the file and the field.
    static func load(_ value: JSONValue, path: String) throws -> [PluginSuiteManifest] {
        guard case .array(let items) = value else {
            throw PluginError.invalidManifest(path: path, field: "suites", reason: "expected a list of suites")
        }
        return try items.enumerated().map { index, item in
            let field = "suites[\(index)]"
            func invalid(_ key: String, _ reason: String) -> PluginError {
                PluginError.invalidManifest(path: path, field: key.isEmpty ? field : "\(field).\(key)", reason: reason)
            }
            guard case .object(let fields) = item else { throw invalid("", "expected an object") }
            let known = ["name", "summary", "problems"]
            for key in fields.keys.sorted() where !known.contains(key) {
                let hint = NearestName.suggestion(for: key, among: known).map { "; did you mean '\($0)'?" } ?? ""
                throw invalid(key, "unknown field\(hint)")
            }
            guard case .string(let name)? = fields["name"], EntrySpec.isValidLabel(name) else {
                throw invalid("name", "expected a name of ASCII letters, digits and ._+=-")
            }
            var summary = "suite \(name)"
            switch fields["summary"] {
            case nil: break
            case .string(let text)?: summary = text
            case let other?: throw invalid("summary", "is \(other.shown); expected a string")
            }
            guard case .array(let entries)? = fields["problems"], !entries.isEmpty else {
                throw invalid("problems", "expected a non-empty list of problem names")
            }
            let problems = try entries.enumerated().map { position, entry -> String in
                guard case .string(let problem) = entry else {
                    throw invalid("problems[\(position)]", "is \(entry.shown); expected a problem name")
                }
                return problem
            }
            if let repeated = problems.enumerated().first(where: { problems[..<$0.offset].contains($0.element) }) {
                throw invalid("problems[\(repeated.offset)]", "'\(repeated.element)' is listed twice")
            }
            return PluginSuiteManifest(name: name, summary: summary, problems: problems, path: path)
        }
    }
}
