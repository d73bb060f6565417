/// Why a report cannot be made from a result folder.
public enum ReportError: Error, Sendable, Equatable {
    /// A file the report reads is missing; `hint` says which command writes it.
    case missingFile(path: String, hint: String)
    /// A file is unreadable or malformed: `line` from 1 (0 for a whole-file problem), `field` names the column or
    /// member, `value` is the offending text.
    case malformed(path: String, line: Int, field: String, value: String, reason: String)
    /// An output cannot be written.
    case unwritable(path: String, reason: String)
}

extension ReportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingFile(let path, let hint):
            return "\(path) does not exist; \(hint)"
        case .malformed(let path, let line, let field, let value, let reason):
            let place = line > 0 ? "\(path):\(line)" : path
            return "\(place): \(field)" + (value.isEmpty ? "" : " '\(value)'") + ": \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
