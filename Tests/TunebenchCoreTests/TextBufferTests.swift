import Testing
import TunebenchCore

/// Numbers and text appended to a ``TextBuffer`` come out as string interpolation writes them.
struct TextBufferTests {
    private static func text(_ build: (inout TextBuffer) -> Void) -> String {
        var buffer = TextBuffer()
        build(&buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func doublesAreWrittenInTheirShortestForm() {
        var generator = Xoshiro256StarStar(seed: 5)
        var specials: [Double] = [0, -0.0, 1, 0.1, 1e-5, 2e22, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
        specials += (0..<50_000).map { _ in Double(bitPattern: generator.next()) }
        for x in specials {
            #expect(Self.text { $0.append(x) } == "\(x)")
        }
    }

    @Test(arguments: [0, 7, -7, 10, 1_234_567_890, Int.max, Int.min, Int.min + 1])
    func integersAreWrittenInDecimal(k: Int) {
        #expect(Self.text { $0.append(k) } == "\(k)")
    }

    @Test func charactersBytesAndTextAppendInOrder() {
        let written = Self.text { buffer in
            buffer.append("a,")
            buffer.append(ascii: "b")
            buffer.append(byte: 0x0A)
            buffer.append(Array("é".utf8))
            buffer.append(10)
        }
        #expect(written == "a,b\né10")
    }

    @Test func removeAllEmptiesTheBuffer() {
        var buffer = TextBuffer(capacity: 8)
        buffer.append(1.5)
        buffer.removeAll()
        buffer.append(2)
        #expect(buffer.bytes == Array("2".utf8) && buffer.count == 1)
    }

    @Test func jsonStringsAndNumbersAreEscapedAndNonFiniteIsNull() {
        let written = Self.text { buffer in
            buffer.appendJSONString("q\"b\\n\n\r\t\u{01}é")
            buffer.append(ascii: ",")
            buffer.appendJSONNumber(.nan)
            buffer.append(ascii: ",")
            buffer.appendJSONNumber(-.infinity)
            buffer.append(ascii: ",")
            buffer.appendJSONNumber(0.25)
        }
        #expect(written == #""q\"b\\n\n\r\t\u0001é",null,null,0.25"#)
    }
}
