import Foundation
import Synchronization
import Testing
import TunebenchCore

/// Regressions found by the fuzz tests of the experiment-file parser and the plugin message decoder
/// (`Tests/TunebenchRunnerTests/Fuzz/`): the JSON reader's depth limit, and the text of documents quoted in messages.
struct JSONHostileInputTests {
    /// A document nested `depth` levels deep, alternating objects and arrays.
    private static func nested(_ depth: Int) -> [UInt8] {
        let opening = (0..<depth).map { $0.isMultiple(of: 2) ? #"{"a":"# : "[" }.joined()
        let closing = (0..<depth).reversed().map { $0.isMultiple(of: 2) ? "}" : "]" }.joined()
        return Array((opening + "1" + closing).utf8)
    }

    @Test func nestingOneHundredThousandDeepIsRefusedWhereItPassesTheLimit() {
        let text = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(
            throws: JSONError(
                line: 1,
                column: JSONReader.maximumDepth + 1,
                message: "nesting deeper than \(JSONReader.maximumDepth) levels"
            )
        ) {
            try JSONValue.parse(text)
        }
    }

    /// Reading recurses once per level: 512 levels needed about 700 KiB of stack in a debug build, more than the
    /// 512 KiB of a secondary thread on macOS (Dispatch workers, Swift concurrency), so the limit is 128.
    @Test func documentsAtTheDepthLimitFitTheStackOfASecondaryThread() {
        let document = Self.nested(JSONReader.maximumDepth)
        let outcome = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                _ = try JSONValue.parse(document)
                outcome.withLock { $0 = "read" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        #expect(outcome.withLock { $0 } == "read")
        #expect(throws: JSONError.self) { try JSONValue.parse(Self.nested(JSONReader.maximumDepth + 1)) }
    }

    @Test func printableTextKeepsMessagesOnOneLine() {
        #expect(JSONValue.printable("plain text") == "plain text")
        #expect(JSONValue.printable("a\nb\r\tc") == #"a\nb\r\tc"#)
        #expect(
            JSONValue.printable("\u{0}\u{1F}\u{7F}\u{85}\u{2028}\u{2029}") == #"\u0000\u001f\u007f\u0085\u2028\u2029"#
        )
        #expect(JSONValue.printable("é日本🙂\u{202E}") == "é日本🙂\u{202E}")
        #expect(JSONValue.printable(String(repeating: "x", count: 12), limit: 10) == "xxxxxxxxxx...")
        #expect(JSONValue.string("line\nbreak").shown == #""line\nbreak""#)
        #expect(
            JSONValue.string(String(repeating: "y", count: 300)).shown == "\"" + String(repeating: "y", count: 100)
                + "...\""
        )
    }
}
