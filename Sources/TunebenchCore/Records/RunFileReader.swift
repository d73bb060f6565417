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
        var stream = JSONStreamReader(nextChunk: nextChunk)
        var record = RunRecord.unread
        var seen: Set<String> = []
        try stream.expect(UInt8(ascii: "{"), "'{' opening the run record")
        var more = try !stream.consume(UInt8(ascii: "}"))
        while more {
            let key = try stream.read { reader in
                guard reader.nextIsString() else { throw reader.error("expected a quoted key") }
                return try reader.readString()
            }
            try stream.expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
            if key == "trials" {
                guard seen.contains("parameters") else {
                    throw stream.error("\"trials\" must come after \"parameters\"")
                }
                try readTrials(&stream, record: record, trial: trial)
                seen.insert(key)
                guard try stream.consume(UInt8(ascii: "}")) else {
                    throw stream.error("\"trials\" must be the last member of a run record")
                }
                more = false
                continue
            }
            record = try stream.read { [record] reader in
                var read = record
                try read.readMember(key, from: &reader)
                return read
            }
            seen.insert(key)
            more = try !stream.consume(UInt8(ascii: "}"))
            if more { try stream.expect(UInt8(ascii: ","), "',' or '}' after the member \"\(key)\"") }
        }
        try stream.skipWhitespace()
        guard try stream.peek() == nil else { throw stream.error("unexpected text after the end of the document") }
        for required in RunRecord.requiredMembers where !seen.contains(required) {
            throw stream.error("the run record has no \"\(required)\"")
        }
        return record
    }

    private static func readTrials(
        _ stream: inout JSONStreamReader, record: RunRecord, trial: (RunRecord, TrialRecord) throws -> Void
    ) throws {
        try stream.expect(UInt8(ascii: "["), "'[' opening the trials")
        if try stream.consume(UInt8(ascii: "]")) { return }
        let parameters = JSONNames(record.parameters)
        while true {
            let parsed = try stream.read { reader in try TrialRecord(reading: &reader, parameters: parameters) }
            try trial(record, parsed)
            if try stream.consume(UInt8(ascii: "]")) { return }
            try stream.expect(UInt8(ascii: ","), "',' or ']' after a trial")
        }
    }
}
