import Foundation
import TunebenchCore

/// Reads a CSV file as the aggregator writes it, row by row and in chunks, so that a file of any size (the curves of
/// a million-evaluation budget are a 100 MB file) is read in bounded memory: a header line, then rows of
/// comma-separated fields without quoting (labels are restricted to `[A-Za-z0-9._+=-]`, numbers are Swift's shortest
/// round-trip form).
enum CSVReader {
    /// Calls `body` with every row after the header, in order.
    /// - Throws: ``ReportError/missingFile(path:hint:)`` when the file does not exist,
    ///   ``ReportError/malformed(path:line:field:value:reason:)`` when it cannot be read, is not UTF-8, lacks a column
    ///   of `required` or has a row with the wrong number of fields; and what `body` throws.
    static func forEachRow(
        _ url: URL, required: [String], hint: String, _ body: (CSVRow) throws -> Void
    ) throws {
        let file: FileChunkReader
        do {
            guard let opened = try FileChunkReader(path: url.path) else {
                throw ReportError.missingFile(path: url.path, hint: hint)
            }
            file = opened
        } catch let error as FileAccessError {
            throw ReportError.malformed(path: url.path, line: 0, field: "file", value: "", reason: error.reason)
        }
        var columns: [String: Int]?
        var width = 0
        var lineNumber = 0
        var pending: [UInt8] = []

        func take(_ bytes: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard !bytes.isEmpty else { return }
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw ReportError.malformed(
                    path: url.path, line: lineNumber, field: "encoding", value: "", reason: "not UTF-8")
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let columns else {
                var names: [String: Int] = [:]
                for (index, name) in fields.enumerated() { names[String(name)] = index }
                for name in required where names[name] == nil {
                    throw ReportError.malformed(
                        path: url.path, line: lineNumber, field: "header", value: line,
                        reason: "it has no column '\(name)'")
                }
                columns = names
                width = fields.count
                return
            }
            guard fields.count == width else {
                throw ReportError.malformed(
                    path: url.path, line: lineNumber, field: "row", value: String(line.prefix(80)),
                    reason: "\(fields.count) fields where the header has \(width)")
            }
            try body(CSVRow(path: url.path, line: lineNumber, columns: columns, fields: fields))
        }

        do {
            while let chunk = try file.next() {
                var start = chunk.startIndex
                while let end = chunk[start...].firstIndex(of: 0x0A) {
                    if pending.isEmpty {
                        try take(chunk[start..<end])
                    } else {
                        pending += chunk[start..<end]
                        try take(pending[...])
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = end + 1
                }
                pending += chunk[start...]
            }
        } catch let error as FileAccessError {
            throw ReportError.malformed(path: url.path, line: lineNumber, field: "file", value: "", reason: error.reason)
        }
        try take(pending[...])
        if columns == nil {
            throw ReportError.malformed(path: url.path, line: 1, field: "header", value: "", reason: "the file is empty")
        }
    }
}

/// One row of a ``CSVReader`` file, with typed access to its fields by column name.
struct CSVRow {
    let path: String
    /// The row's 1-based line number in the file.
    let line: Int
    let columns: [String: Int]
    let fields: [Substring]

    /// Whether the file has `column` (one the reader was not told is required).
    func has(_ column: String) -> Bool {
        columns[column] != nil
    }

    /// The text of `column` (a column the reader was told is required).
    func text(_ column: String) -> Substring {
        fields[columns[column]!]
    }

    /// The number in `column` (`inf` allowed).
    func number(_ column: String) throws -> Double {
        let field = text(column)
        guard let value = Double(field), !value.isNaN else {
            throw ReportError.malformed(path: path, line: line, field: column, value: String(field), reason: "not a number")
        }
        return value
    }

    /// The integer in `column`.
    func integer(_ column: String) throws -> Int {
        let field = text(column)
        guard let value = Int(field) else {
            throw ReportError.malformed(path: path, line: line, field: column, value: String(field), reason: "not an integer")
        }
        return value
    }
}
