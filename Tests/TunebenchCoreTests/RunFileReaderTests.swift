import Foundation
import Testing
import TunebenchCore

/// The streaming reader of run files, against the record it streams and whatever the chunk boundaries.
@Suite struct RunFileReaderTests {
    static let record: RunRecord = {
        let trials = (0..<40).map { number in
            TrialRecord(
                number: number, configuration: [.choice("a \"quoted\" {choice}, [x]"), nil, .number(Double(number) / 8)],
                fidelity: number % 3 == 0 ? 1 : nil, value: number == 7 ? nil : Double(40 - number), noiselessValue: nil,
                cost: 0.5, status: number == 7 ? .failed : .ok, failure: number == 7 ? "the objective returned nan" : nil,
                info: number == 2 ? ["loss\\\"": 1] : nil, askSeconds: 1e-6, evaluationSeconds: 2e-6, tellSeconds: 3e-6)
        }
        var record = RunRecord(
            problem: "p", optimizer: "o", repetition: 3, problemSpec: SpecRecord(EntrySpec("p", options: ["d": .integer(4)])),
            optimizerSpec: SpecRecord(EntrySpec("o")), instanceSeed: 1, optimizerSeed: 2, budget: 40, optimum: -3.3,
            parameters: ["kind", "k", "x"], status: .complete, trials: trials, wallSeconds: 0.5)
        record.fidelities = [Fidelity(steps: 1, cost: 0.25), Fidelity(steps: 3, cost: 0.75)]
        record.optimizerMetadata = ["library": "tunebench {test}"]
        return record
    }()

    /// Streams `bytes` in chunks of `size` bytes.
    static func stream(_ bytes: [UInt8], chunk size: Int) throws -> (RunRecord, [TrialRecord]) {
        var offset = 0
        var trials: [TrialRecord] = []
        let header = try RunFileReader.read(nextChunk: {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Array(bytes[offset..<min(offset + size, bytes.count)])
        }) { _, trial in trials.append(trial) }
        return (header, trials)
    }

    @Test func theFileIsItsHeaderItsTrialsAndItsEnd() {
        let record = Self.record
        var pieces = record.headerJSON()
        for (index, trial) in record.trials.enumerated() {
            pieces += (index > 0 ? [UInt8(ascii: ",")] : []) + trial.jsonBytes(parameters: record.parameters)
        }
        #expect(pieces + RunRecord.jsonEnd == record.jsonBytes())
        #expect(String(decoding: record.headerJSON(), as: UTF8.self).hasSuffix(#""trials":["#))
    }

    @Test(arguments: [1, 2, 7, 64, 1 << 20])
    func streamingReadsTheSameRecordWhateverTheChunks(chunk: Int) throws {
        let bytes = Self.record.jsonBytes()
        let (header, trials) = try Self.stream(bytes, chunk: chunk)
        var whole = header
        whole.trials = trials
        #expect(whole == (try RunRecord(json: bytes)))
        #expect(whole.jsonBytes() == bytes)
        #expect(header.trials.isEmpty && header.optimizerMetadata == ["library": "tunebench {test}"])
    }

    /// A run on simulated workers (format 4): the header's workers, mode and time budget and each trial's worker,
    /// start and end come back as written, trials in completion order (numbers out of order).
    @Test func simulatedWorkersRoundTrip() throws {
        var record = Self.record
        record.simulation = SimulationRecord(workers: 4, mode: "synchronous", timeBudget: 12.5)
        for i in record.trials.indices {
            record.trials[i].number = i % 2 == 0 ? i + 1 : i - 1
            record.trials[i].simulated = SimulatedTimes(worker: i % 4, start: Double(i / 4), end: Double(i / 4) + 0.75)
        }
        let bytes = record.jsonBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"format":4,"#))
        #expect(text.contains(#""simulation":{"workers":4,"mode":"synchronous","timeBudget":12.5}"#))
        #expect(text.contains(#""worker":1,"start":0.0,"end":0.75,"cost""#))
        var again = try RunRecord(json: bytes)
        #expect(again.format == 4)
        again.format = record.format
        #expect(again == record)
        #expect(!String(decoding: Self.record.jsonBytes(), as: UTF8.self).contains("worker"))
    }

    @Test func aFileOnDiskIsStreamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.record.jsonBytes()).write(to: url)
        var seen = 0
        let header = try RunFileReader.read(path: url.path) { header, trial in
            #expect(header.parameters == ["kind", "k", "x"] && header.fidelities.count == 2)
            #expect(trial.number == seen)
            seen += 1
        }
        #expect(header?.problem == "p" && seen == 40)
        #expect(try RunFileReader.read(path: url.path + ".missing") { _, _ in } == nil)
    }

    /// Each malformed file is rejected with a `JSONError` whose position is in the whole file.
    @Test(arguments: [
        (#"{"format":1,"parameters":[],"trials":[],"problem":"p"}"#, "must be the last member", 1, 40),
        (#"{"format":1,"trials":[]}"#, "must come after \"parameters\"", 1, 22),
        ("{\"format\":1,\n\"parameters\":[\"x\"],\"status\":\"complete\",\n\"trials\":[{\"number\":0,\"configuration\":{\"y\":1}}]}",
         "not a parameter", 3, 44),
        (#"{"format":1,"parameters":["x"],"trials":[{"number":0}"#, "the file ends", 1, 54),
        (#"{"format":1,"parameters":["x"],"trials":[{"number":"#, "ends inside a value", 1, 52),
        (#"{"format":6}"#, "newer Tunebench", 1, 12),
        (#"{"format":1,"parameters":[],"status":"done","trials":[]}"#, "unknown run status", 1, 44),
        (#"{"format":1,"parameters":[],"trials":[]} x"#, "after the end", 1, 42),
        (#"{"format":1,"parameters":[],"trials":[]}"#, "has no \"problem\"", 1, 41),
        ("[]", "'{' opening", 1, 1),
        (#"{"format":1,"parameters":["x"],"trials":[{"number":1.5}]}"#, "expected an integer, found 1.5", 1, 55),
        (#"{"format":1,"parameters":["x"],"trials":[{"value":1.e5}]}"#, "expected digits after the decimal", 1, 53),
        (#"{"format":1,"parameters":["x"],"trials":[{"cost":12x}]}"#, "expected ','", 1, 52),
        (#"{"format":1,"parameters":["x"],"trials":[{"status":"done"}]}"#, "unknown trial status 'done'", 1, 58),
    ] as [(String, String, Int, Int)])
    func malformedFilesAreLocated(text: String, message: String, line: Int, column: Int) {
        for chunk in [1, 3, 1000] {
            do {
                _ = try Self.stream(Array(text.utf8), chunk: chunk)
                Issue.record("\(text) was accepted")
            } catch let error as JSONError {
                #expect(error.message.contains(message), "\(error)")
                #expect(error.line == line && error.column == column, "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// What reading gives: the record with its trials, or the error.
    private enum Outcome: Equatable {
        case read(RunRecord)
        case failed(JSONError)

        /// Equal records, NaN fields (a corrupted key leaves a fidelity's cost NaN) compared as their text.
        static func == (a: Outcome, b: Outcome) -> Bool {
            switch (a, b) {
            case (.read(let x), .read(let y)): x == y || "\(x)" == "\(y)"
            case (.failed(let x), .failed(let y)): x == y
            default: false
            }
        }
    }

    private static func outcome(_ bytes: [UInt8], chunk: Int) -> Outcome {
        do {
            let (header, trials) = try stream(bytes, chunk: chunk)
            var whole = header
            whole.trials = trials
            return .read(whole)
        } catch let error as JSONError {
            return .failed(error)
        } catch {
            Issue.record("\(error)")
            return .failed(JSONError(line: 0, column: 0, message: "\(error)"))
        }
    }

    /// The reader parses values in place and scans them only when they run past a chunk: every cut and every
    /// corrupted byte of a file gives the same outcome, record or error at the same place, whatever the chunks.
    @Test func truncatedAndCorruptedFilesGiveTheSameOutcomeWhateverTheChunks() {
        var record = Self.record
        record.trials = Array(record.trials.prefix(2))
        let bytes = record.jsonBytes()
        for length in 0..<bytes.count {
            let cut = Array(bytes.prefix(length))
            let whole = Self.outcome(cut, chunk: bytes.count)
            guard case .failed = whole else {
                Issue.record("the first \(length) bytes were read")
                continue
            }
            for chunk in [1, 5, 64] {
                #expect(Self.outcome(cut, chunk: chunk) == whole, "cut at \(length), chunks of \(chunk)")
            }
        }
        for position in bytes.indices {
            for replacement in Array(#"x"}:1"#.utf8) where bytes[position] != replacement {
                var corrupted = bytes
                corrupted[position] = replacement
                let whole = Self.outcome(corrupted, chunk: bytes.count)
                #expect(Self.outcome(corrupted, chunk: 1) == whole, "byte \(position)")
            }
        }
    }
}
