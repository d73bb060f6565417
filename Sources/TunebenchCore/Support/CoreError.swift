/// Errors raised by the core vocabulary: search spaces, configurations, options and the registry.
///
/// Every case carries what a user needs to fix the input: the name of the parameter, entry or option, the
/// offending value, and (where one exists) the nearest valid name. Messages are in the
/// `CustomStringConvertible` extension below.
public enum CoreError: Error, Sendable, Equatable {
    /// The search space has no parameters.
    case emptySpace
    /// A parameter definition is invalid (bounds, scale or choices); `reason` says which rule it breaks.
    case invalidParameter(name: String, reason: String)
    /// Two parameters share a name.
    case duplicateParameter(name: String)
    /// A condition names a parent that is not an earlier parameter of the space.
    case unknownParent(parameter: String, parent: String)
    /// A condition is malformed (parent not categorical, unknown or empty values).
    case invalidCondition(parameter: String, reason: String)
    /// A configuration does not belong to its space.
    case invalidConfiguration(reason: String)
    /// No registry entry has this name.
    case unknownEntry(kind: EntryKind, name: String, suggestion: String?)
    /// An entry name that cannot name files.
    case invalidName(kind: EntryKind, name: String)
    /// A registry already holds an entry with this name.
    case duplicateEntry(kind: EntryKind, name: String)
    /// An entry has no option with this name.
    case unknownOption(entry: String, option: String, suggestion: String?)
    /// An option value has the wrong type or is out of range.
    case invalidOption(entry: String, option: String, value: String, expected: String)
    /// An optimizer cannot handle what a problem's space or fidelities need.
    case missingCapability(optimizer: String, problem: String, missing: [String])
}

/// The two kinds of registry entries, used in messages.
public enum EntryKind: String, Sendable, Equatable {
    case optimizer
    case problem
    case suite
}

extension CoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptySpace:
            return "a search space needs at least one parameter"
        case .invalidParameter(let name, let reason):
            return "parameter '\(name)': \(reason)"
        case .duplicateParameter(let name):
            return "parameter '\(name)' is defined twice; parameter names must be unique"
        case .unknownParent(let parameter, let parent):
            return "parameter '\(parameter)' is conditional on '\(parent)', which is not an earlier parameter "
                + "of the space; define the parent categorical parameter before it"
        case .invalidCondition(let parameter, let reason):
            return "condition of parameter '\(parameter)': \(reason)"
        case .invalidConfiguration(let reason):
            return "invalid configuration: \(reason)"
        case .unknownEntry(let kind, let name, let suggestion):
            var text = "unknown \(kind.rawValue) '\(name)'"
            if let suggestion { text += "; did you mean '\(suggestion)'?" }
            return text + " (`tunebench list` shows every \(kind.rawValue))"
        case .invalidName(let kind, let name):
            return "\(kind.rawValue) name '\(name)' is not allowed: use ASCII letters, digits and ._+=- "
                + "(not starting with a dot, at most 100 characters)"
        case .duplicateEntry(let kind, let name):
            return "the registry already has a \(kind.rawValue) named '\(name)'; choose another name"
        case .unknownOption(let entry, let option, let suggestion):
            var text = "'\(entry)' has no option '\(option)'"
            if let suggestion { text += "; did you mean '\(suggestion)'?" }
            return text + " (`tunebench list \(entry)` shows its options)"
        case .invalidOption(let entry, let option, let value, let expected):
            return "option '\(option)' of '\(entry)' is \(value); expected \(expected)"
        case .missingCapability(let optimizer, let problem, let missing):
            return "optimizer '\(optimizer)' cannot run on problem '\(problem)': it does not support "
                + missing.joined(separator: ", ")
        }
    }
}
