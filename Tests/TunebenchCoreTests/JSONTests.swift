import Testing
import TunebenchCore

struct JSONTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> JSONError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as JSONError {
            return error
        } catch {
            return nil
        }
    }

    @Test func valuesParse() throws {
        #expect(try parse(#" {"a": [1, -2.5e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\ude00"], "b": {}} "#)
            == .object([
                "a": .array([.integer(1), .number(-2500), .bool(true), .bool(false), .null, .string("x\"\\/\né😀")]),
                "b": .object([:]),
            ]))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("0") == .integer(0))
        #expect(try parse("12345678901234567890") == .number(1.2345678901234567e19))
    }

    @Test func malformedTextIsLocated() {
        #expect(failure("{\n  \"a\": 1,\n  \"b\" 2\n}") == JSONError(line: 3, column: 7, message: "expected ':'"))
        #expect(failure("[1, 2") == JSONError(line: 1, column: 6, message: "unexpected end of the document, expected ','"))
        #expect(failure("[01]")?.message == "a number cannot start with 0")
        #expect(failure("[1.]")?.message == "expected digits after the decimal point")
        #expect(failure("\"abc")?.message == "unterminated string")
        #expect(failure("\"a\u{01}\"")?.message == "control character in a string")
        #expect(failure(#""\x""#)?.message == "invalid escape")
        #expect(failure(#""\ud800""#)?.message == #"unpaired surrogate in \u escape"#)
        #expect(failure("tru")?.message == "invalid literal")
        #expect(failure("{} x")?.message == "unexpected text after the end of the document")
        #expect(failure("")?.message == "unexpected end of the document")
        #expect(failure(String(repeating: "[", count: 600) + String(repeating: "]", count: 600))?.message
            == "nesting deeper than \(JSONReader.maximumDepth) levels")
    }

    @Test func writerEscapesAndSeparates() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("s")
        writer.string("quote \" backslash \\ newline \n tab \t bell \u{07} é")
        writer.key("n")
        writer.beginArray()
        writer.number(0.1)
        writer.number(1e-5)
        writer.number(.nan)
        writer.integer(-3)
        writer.bool(true)
        writer.null()
        writer.endArray()
        writer.key("e")
        writer.beginObject()
        writer.endObject()
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"s":"quote \" backslash \\ newline \n tab \t bell \u0007 é","n":[0.1,1e-05,null,-3,true,null],"e":{}}"#)
    }

    @Test func doublesRoundTripExactly() throws {
        var generator = Xoshiro256StarStar(seed: 4)
        var values: [Double] = [0, -0.0, 1, 0.1, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -123.456, 1e22, 4.35]
        while values.count < 5000 {
            let x = Double(bitPattern: generator.next())  // every sign, exponent and mantissa
            if x.isFinite { values.append(x) }
        }
        var writer = JSONWriter()
        writer.beginArray()
        for x in values { writer.number(x) }
        writer.endArray()
        var reader = JSONReader(writer.bytes)
        var back: [Double] = []
        try reader.readArray { back.append(try $0.readDouble()) }
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func runRecordsRoundTrip() throws {
        let trials = [
            TrialRecord(
                number: 0, configuration: [.choice("a \"quoted\" choice"), nil, .number(0.125)], fidelity: nil,
                value: 1.5, noiselessValue: 1.25, cost: 1, status: .ok, failure: nil, info: ["test": 0.5, "odd": .nan],
                askSeconds: 1e-6, evaluationSeconds: 2e-6, tellSeconds: 3e-6),
            TrialRecord(
                number: 1, configuration: [.choice("b"), .number(3), nil], fidelity: 2, value: nil, noiselessValue: nil,
                cost: 0.25, status: .failed, failure: "the objective returned nan", info: nil, askSeconds: 0,
                evaluationSeconds: 0, tellSeconds: 0),
        ]
        let record = RunRecord(
            problem: "p", optimizer: "o", repetition: 3, problemSpec: SpecRecord(EntrySpec("p", options: ["d": .integer(4)])),
            optimizerSpec: SpecRecord(EntrySpec("o", options: ["x": .real(0.5), "s": .string("t"), "b": .bool(false)])),
            instanceSeed: 1, optimizerSeed: .max, budget: 10, optimum: -3.3, parameters: ["kind", "k", "x"],
            status: .failed, failure: "ask threw", trials: trials, wallSeconds: 0.5)
        let back = try RunRecord(json: record.jsonBytes())
        #expect(back.instanceSeed == "0000000000000001" && back.optimizerSeed == "ffffffffffffffff")
        #expect(back.trials[0].info?["odd"]?.isNaN == true)  // NaN is written as null and read back as NaN
        var comparable = back
        comparable.trials[0].info?["odd"] = nil
        var expected = record
        expected.trials[0].info?["odd"] = nil
        #expect(comparable == expected)
    }

    @Test func runRecordReaderRejectsWhatItCannotUse() {
        #expect(throws: JSONError.self) { try RunRecord(json: Array(#"{"format": 99}"#.utf8)) }
        #expect(throws: JSONError.self) { try RunRecord(json: Array(#"{"format": 1, "problem": "p"}"#.utf8)) }
        #expect(throws: JSONError.self) { try RunRecord(json: Array(#"{"format": 1, "problem"#.utf8)) }
    }
}
