import Foundation

/// A CSV file as the aggregator writes it: a header line, then rows of comma-separated fields without quoting
/// (labels are restricted to `[A-Za-z0-9._+=-]`, numbers are Swift's shortest round-trip form).
struct CSVTable {
    let path: String
    let columns: [String: Int]
    let rows: [[Substring]]

    /// - Throws: ``ReportError/missingFile(path:hint:)`` or ``ReportError/malformed(path:line:field:value:reason:)``
    ///   when a column of `required` is missing or a row has the wrong number of fields.
    init(url: URL, required: [String], hint: String) throws {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError.missingFile(path: url.path, hint: hint)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReportError.malformed(path: url.path, line: 0, field: "encoding", value: "", reason: "not UTF-8")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else {
            throw ReportError.malformed(path: url.path, line: 1, field: "header", value: "", reason: "the file is empty")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() { columns[name] = index }
        for name in required where columns[name] == nil {
            throw ReportError.malformed(
                path: url.path, line: 1, field: "header", value: String(header), reason: "it has no column '\(name)'")
        }
        var rows: [[Substring]] = []
        rows.reserveCapacity(lines.count - 1)
        for (offset, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw ReportError.malformed(
                    path: url.path, line: offset + 2, field: "row", value: String(line.prefix(80)),
                    reason: "\(fields.count) fields where the header has \(names.count)")
            }
            rows.append(fields)
        }
        self.columns = columns
        self.rows = rows
    }

    /// The text of `column` in row `index`.
    func text(_ index: Int, _ column: String) -> Substring {
        rows[index][columns[column]!]
    }

    /// The number in `column` of row `index` (`inf` allowed).
    func number(_ index: Int, _ column: String) throws -> Double {
        let field = text(index, column)
        guard let value = Double(field), !value.isNaN else {
            throw ReportError.malformed(
                path: path, line: index + 2, field: column, value: String(field), reason: "not a number")
        }
        return value
    }

    /// The integer in `column` of row `index`.
    func integer(_ index: Int, _ column: String) throws -> Int {
        let field = text(index, column)
        guard let value = Int(field) else {
            throw ReportError.malformed(
                path: path, line: index + 2, field: column, value: String(field), reason: "not an integer")
        }
        return value
    }
}
