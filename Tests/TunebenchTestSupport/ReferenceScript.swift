import Foundation
import Testing

/// A reference script of `Tests/Scripts/` that prints one JSON object, run by the tests.
public enum ReferenceScript {
    /// `Tests/Scripts/name`.
    public static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/\(name)")
    }

    /// The JSON object that `python3 Tests/Scripts/name arguments…` prints; `nil` after recording its failure.
    public static func json(_ name: String, _ arguments: [String] = []) throws -> [String: Any]? {
        let result = try PythonScript.run(url(name), arguments)
        guard result.status == 0 else {
            Issue.record("\(name) failed (\(result.status)): \(result.errors)")
            return nil
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    /// The lists of points that `python3 Tests/Scripts/name arguments…` prints under each of `keys` (rows of `repr()`
    /// strings), by key; `nil` after recording the script's failure.
    public static func points(_ name: String, _ arguments: [String], keys: [String]) throws -> [String: [[Double]]]? {
        guard let json = try json(name, arguments) else { return nil }
        var lists: [String: [[Double]]] = [:]
        for key in keys {
            let rows = try #require(json[key] as? [[Any]], "no \(key) in the output of \(name)")
            lists[key] = try rows.map { try $0.map(double) }
        }
        return lists
    }

    /// A double the scripts print as `repr()` in a string (`"0.1"`, `"inf"`, `"nan"`).
    public static func double(_ value: Any?) throws -> Double {
        let text = try #require(value as? String, "not a repr string: \(String(describing: value))")
        return try #require(Double(text), "not a double: \(text)")
    }

    /// `|a − b| / |b|`, 0 when both are equal (infinities and zeros included), infinite when one is NaN.
    public static func relativeError(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        if a.isNaN || b.isNaN { return .infinity }
        return abs(a - b) / abs(b)
    }
}
