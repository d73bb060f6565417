import Testing
import TunebenchCore

/// The run-file encoding of trials: the bytes a ``JSONWriter`` writes for the same members, and read back whole.
struct TrialEncoderTests {
    static let parameters = ["x", "kind \"quoted\"", "k\n"]

    /// Trials with every optional member present or absent, escapes, inactive parameters and non-finite numbers.
    static let trials: [TrialRecord] = {
        var generator = Xoshiro256StarStar(seed: 9)
        func real() -> Double { Double(bitPattern: generator.next() >> 2) * (generator.next() % 2 == 0 ? 1 : -1) }
        return (0..<300).map { number in
            let pick = { (n: UInt64) in generator.next() % n == 0 }
            return TrialRecord(
                number: number,
                configuration: [
                    pick(4) ? nil : .number(real()), pick(3) ? .choice("a \"b\" \\ {c}\t") : .choice("plain"),
                    pick(2) ? nil : .number(Double(number)),
                ],
                fidelity: pick(2) ? Int(generator.next() % 5) : nil, value: pick(5) ? nil : real(),
                noiselessValue: pick(3) ? (pick(4) ? .nan : real()) : nil, cost: pick(2) ? 1 : real().magnitude,
                status: pick(5) ? .failed : .ok, failure: pick(5) ? "the objective returned nan\n\"x\"" : nil,
                info: pick(3) ? ["b": real(), "a\"": .infinity, "test-error": 0.25] : nil,
                askSeconds: Double(generator.next() % 1_000_000) / 1e9, evaluationSeconds: 1.5e-6, tellSeconds: 0,
                recommended: pick(3) ? real() : nil)
        }
    }()

    /// The trial as ``JSONWriter`` writes it member by member: what the run file format was first defined by.
    static func reference(_ trial: TrialRecord) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("number")
        writer.integer(trial.number)
        writer.key("configuration")
        writer.beginObject()
        for (name, value) in zip(parameters, trial.configuration) {
            guard let value else { continue }
            writer.key(name)
            switch value {
            case .number(let x): writer.number(x)
            case .choice(let s): writer.string(s)
            }
        }
        writer.endObject()
        if let fidelity = trial.fidelity {
            writer.key("fidelity")
            writer.integer(fidelity)
        }
        for (key, number) in [
            ("value", trial.value), ("noiselessValue", trial.noiselessValue), ("recommended", trial.recommended),
        ] {
            guard let number else { continue }
            writer.key(key)
            writer.number(number)
        }
        writer.key("cost")
        writer.number(trial.cost)
        writer.key("status")
        writer.string(trial.status.rawValue)
        if let failure = trial.failure {
            writer.key("failure")
            writer.string(failure)
        }
        if let info = trial.info {
            writer.key("info")
            writer.beginObject()
            for key in info.keys.sorted() {
                writer.key(key)
                writer.number(info[key]!)
            }
            writer.endObject()
        }
        for (key, seconds) in [
            ("askSeconds", trial.askSeconds), ("evaluationSeconds", trial.evaluationSeconds),
            ("tellSeconds", trial.tellSeconds),
        ] {
            writer.key(key)
            writer.number(seconds)
        }
        writer.endObject()
        return writer.bytes
    }

    @Test func trialsAreEncodedAsTheJSONWriterWritesThem() {
        let encoder = TrialEncoder(parameters: Self.parameters)
        var buffer = TextBuffer()
        for trial in Self.trials {
            buffer.removeAll()
            encoder.append(trial, to: &buffer)
            #expect(buffer.bytes == Self.reference(trial), "\(String(decoding: buffer.bytes, as: UTF8.self))")
            #expect(trial.jsonBytes(parameters: Self.parameters) == buffer.bytes)
        }
    }

    @Test func aRecordOfEncodedTrialsReadsBackWhole() throws {
        // Finite numbers only: JSON has no others (see nonFiniteNumbersAreWrittenAsNull).
        let trials = Self.trials.map { trial in
            var finite = trial
            if let noiseless = trial.noiselessValue, !noiseless.isFinite { finite.noiselessValue = -1 }
            finite.info = trial.info?.mapValues { $0.isFinite ? $0 : 2 }
            return finite
        }
        var record = RunRecord(
            problem: "p", optimizer: "o", repetition: 0, problemSpec: SpecRecord(EntrySpec("p")),
            optimizerSpec: SpecRecord(EntrySpec("o")), instanceSeed: 1, optimizerSeed: 2, budget: 300, optimum: nil,
            parameters: Self.parameters, status: .complete, trials: trials, wallSeconds: 1)
        record.fidelities = (0..<5).map { Fidelity(steps: $0 + 1, cost: Double($0 + 1) / 5) }
        let bytes = record.jsonBytes()
        let read = try RunRecord(json: bytes)
        #expect(read == record)
        #expect(read.jsonBytes() == bytes)
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() throws {
        let trial = TrialRecord(
            number: 0, configuration: [.number(1), nil, nil], fidelity: nil, value: 1, noiselessValue: .nan, cost: 1,
            status: .ok, failure: nil, info: ["loss": .infinity], askSeconds: 0, evaluationSeconds: 0, tellSeconds: 0)
        let text = String(decoding: trial.jsonBytes(parameters: Self.parameters), as: UTF8.self)
        #expect(text.contains(#""noiselessValue":null"#) && text.contains(#""info":{"loss":null}"#))
    }

    /// `recommended` (under observation noise) comes after `noiselessValue`; without it a trial has the bytes it had
    /// before the member existed, and a reader that does not know it skips it.
    @Test func theRecommendedValueIsOptionalAndSkippable() throws {
        var trial = TrialRecord(
            number: 3, configuration: [.number(1), nil, nil], fidelity: nil, value: 1.5, noiselessValue: 1.25, cost: 1,
            status: .ok, failure: nil, info: nil, askSeconds: 0, evaluationSeconds: 0, tellSeconds: 0)
        let without = String(decoding: trial.jsonBytes(parameters: Self.parameters), as: UTF8.self)
        #expect(without == #"{"number":3,"configuration":{"x":1.0},"value":1.5,"noiselessValue":1.25,"cost":1.0,"#
            + #""status":"ok","askSeconds":0.0,"evaluationSeconds":0.0,"tellSeconds":0.0}"#)
        trial.recommended = 2.5
        let with = String(decoding: trial.jsonBytes(parameters: Self.parameters), as: UTF8.self)
        #expect(with.contains(#""noiselessValue":1.25,"recommended":2.5,"cost":1.0"#))
    }
}
