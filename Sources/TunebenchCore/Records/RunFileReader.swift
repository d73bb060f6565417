/// Reads a run file as a stream: the members before `trials` into a record, then the trials one at a time, so that a
/// run of any length is read in memory bounded by one trial (plus a chunk of the file).
///
/// `trials` must be the last member (``RunRecord/jsonBytes()`` always writes it last); every other member is read as
/// ``RunRecord/init(json:)`` reads it, and an error names the line and column in the whole file.
public enum RunFileReader {
    /// Streams the run file at `path`.
    /// - Parameter trial: called for every trial in order, with the record read so far (every member but the trials).
    /// - Returns: the record without its trials, or `nil` when the file does not exist.
    /// - Throws: ``FileAccessError`` when the file cannot be read, ``JSONError`` when it is not a run record, and
    ///   what `trial` throws.
    public static func read(path: String, trial: (RunRecord, TrialRecord) throws -> Void) throws -> RunRecord? {
        guard let file = try FileChunkReader(path: path) else { return nil }
        return try read(nextChunk: { try file.next() }, trial: trial)
    }

    /// Streams the run file whose bytes `nextChunk` returns in order (`nil` at the end).
    public static func read(
        nextChunk: @escaping () throws -> [UInt8]?, trial: (RunRecord, TrialRecord) throws -> Void
    ) throws -> RunRecord {
        var scanner = JSONValueScanner(nextChunk: nextChunk)
        var record = RunRecord.unread
        var seen: Set<String> = []
        try scanner.expect(UInt8(ascii: "{"), "'{' opening the run record")
        var more = try !scanner.consume(UInt8(ascii: "}"))
        while more {
            let (keyBytes, keyStart) = try scanner.nextValue()
            let key = try parse(keyBytes, at: keyStart) { reader in
                guard reader.nextIsString() else { throw reader.error("expected a quoted key") }
                return try reader.readString()
            }
            try scanner.expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
            if key == "trials" {
                guard seen.contains("parameters") else {
                    throw scanner.error("\"trials\" must come after \"parameters\"")
                }
                try readTrials(&scanner, record: record, trial: trial)
                seen.insert(key)
                guard try scanner.consume(UInt8(ascii: "}")) else {
                    throw scanner.error("\"trials\" must be the last member of a run record")
                }
                more = false
                continue
            }
            let (valueBytes, valueStart) = try scanner.nextValue()
            try parse(valueBytes, at: valueStart) { reader in try record.readMember(key, from: &reader) }
            seen.insert(key)
            more = try !scanner.consume(UInt8(ascii: "}"))
            if more { try scanner.expect(UInt8(ascii: ","), "',' or '}' after the member \"\(key)\"") }
        }
        try scanner.skipWhitespace()
        guard try scanner.peek() == nil else { throw scanner.error("unexpected text after the end of the document") }
        for required in RunRecord.requiredMembers where !seen.contains(required) {
            throw scanner.error("the run record has no \"\(required)\"")
        }
        return record
    }

    private static func readTrials(
        _ scanner: inout JSONValueScanner, record: RunRecord, trial: (RunRecord, TrialRecord) throws -> Void
    ) throws {
        try scanner.expect(UInt8(ascii: "["), "'[' opening the trials")
        if try scanner.consume(UInt8(ascii: "]")) { return }
        while true {
            let (bytes, start) = try scanner.nextValue()
            let parsed = try parse(bytes, at: start) { reader in
                try TrialRecord(reading: &reader, parameters: record.parameters)
            }
            try trial(record, parsed)
            if try scanner.consume(UInt8(ascii: "]")) { return }
            try scanner.expect(UInt8(ascii: ","), "',' or ']' after a trial")
        }
    }

    /// Parses one value's bytes with `body`, which must read all of them; errors are placed in the whole file.
    private static func parse<T>(
        _ bytes: [UInt8], at start: JSONValueScanner.Position, _ body: (inout JSONReader) throws -> T
    ) throws -> T {
        var reader = JSONReader(bytes)
        do {
            let value = try body(&reader)
            try reader.expectEnd()
            return value
        } catch let error as JSONError {
            throw JSONValueScanner.error(error, at: start)
        }
    }
}
