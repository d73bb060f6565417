import TunebenchCore

/// How two files of the same run compare, for merging shards (``ResultMerger``): the place where they first differ.
/// The merger decides from streamed fingerprints and reads two files whole only to name that place for an error.
///
/// A run is deterministic but for its timings: the same experiment gives the same trials, values and seeds on every
/// machine of a platform, while the wall-clock seconds of the run and of each trial's ask, evaluation and tell vary.
/// Two files that differ only in ``timingFields`` and ``trialTimingFields`` therefore record the same run.
enum RunFileComparison: Equatable {
    /// The same bytes.
    case identical
    /// Different bytes, equal once the timing fields are left out.
    case timingsOnly
    /// They differ beyond timings; `field` is the first differing place, such as `trials[3].value`.
    case different(field: String)

    /// The timing members of a run object.
    static let timingFields: Set<String> = ["wallSeconds"]
    /// The timing members of each object of a run's `trials`.
    static let trialTimingFields: Set<String> = ["askSeconds", "evaluationSeconds", "tellSeconds"]

    /// Compares two run files.
    /// - Throws: ``TunebenchCore/JSONError`` (from the first file, then the second) when one is not JSON; the caller
    ///   names the file.
    static func compare(_ first: [UInt8], _ second: [UInt8]) throws -> RunFileComparison {
        if first == second { return .identical }
        let a = try JSONValue.parse(first, allowsNonFiniteNumbers: true)
        let b = try JSONValue.parse(second, allowsNonFiniteNumbers: true)
        if let field = firstDifference(withoutTimings(a), withoutTimings(b), at: "") { return .different(field: field) }
        return .timingsOnly
    }

    /// `run` without its timing members and its trials' timing members.
    static func withoutTimings(_ run: JSONValue) -> JSONValue {
        guard case .object(var members) = run else { return run }
        for field in timingFields { members[field] = nil }
        if case .array(let trials)? = members["trials"] {
            members["trials"] = .array(
                trials.map { trial in
                    guard case .object(var fields) = trial else { return trial }
                    for field in trialTimingFields { fields[field] = nil }
                    return .object(fields)
                }
            )
        }
        return .object(members)
    }

    /// The path of the first place where `a` and `b` differ (members in sorted order), or `nil` when they are equal.
    static func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String) -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in Set(x.keys).union(y.keys).sorted() {
                let member = path.isEmpty ? key : path + "." + key
                guard let u = x[key], let v = y[key] else { return member }
                if let difference = firstDifference(u, v, at: member) { return difference }
            }
            return nil
        case (.array(let x), .array(let y)):
            for index in 0..<min(x.count, y.count) {
                if let difference = firstDifference(x[index], y[index], at: "\(path)[\(index)]") { return difference }
            }
            return x.count == y.count ? nil : "\(path) (\(x.count) items against \(y.count))"
        default:
            return a == b ? nil : (path.isEmpty ? "(top level)" : path)
        }
    }
}
