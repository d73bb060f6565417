import Testing

@testable import TunebenchCore

/// Keys and values matched against a list of names by their bytes, as the reader of run files does.
struct JSONNamesTests {
    static let names = JSONNames(["number", "value", "é", "a\"b"])

    private static func keys(_ text: String) throws -> [JSONNames.Match] {
        var reader = JSONReader(Array(text.utf8))
        var keys: [JSONNames.Match] = []
        try reader.readObject(names: names) { reader, key in
            keys.append(key)
            try reader.skipValue()
        }
        try reader.expectEnd()
        return keys
    }

    @Test func keysAreTheirNamesPositionsInAnyOrder() throws {
        #expect(try Self.keys(#"{"number":1,"value":2,"é":3,"a\"b":4}"#) == [.name(0), .name(1), .name(2), .name(3)])
        #expect(try Self.keys(#"{"value":2,"number":1,"value":3}"#) == [.name(1), .name(0), .name(1)])
        #expect(try Self.keys(#"{"numbe":1,"\u0076alue":2,"":3}"#) == [.other("numbe"), .name(1), .other("")])
        #expect(try Self.keys("{}") == [])
    }

    @Test func stringsAreLookedUp() throws {
        var reader = JSONReader(Array(#"["value", "other", "a\"b"]"#.utf8))
        var matches: [JSONNames.Match] = []
        try reader.readArray { reader in matches.append(try reader.readString(in: Self.names)) }
        #expect(matches == [.name(1), .other("other"), .name(3)])
    }

    @Test(arguments: [
        (#"{"number":1,"val"#, "unterminated string", 17),
        (#"{"number"1}"#, "expected ':'", 10),
        (#"{number:1}"#, "expected a quoted key", 2),
        ("{\"a\u{01}\":1}", "control character in a string", 4),
    ] as [(String, String, Int)])
    func malformedKeysAreLocated(text: String, message: String, column: Int) {
        do {
            _ = try Self.keys(text)
            Issue.record("\(text) was accepted")
        } catch let error as JSONError {
            #expect(error.message == message && error.line == 1 && error.column == column, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
