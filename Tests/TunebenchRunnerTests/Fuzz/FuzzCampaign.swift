import Foundation
import Testing
import TunebenchCore

/// Runs a fuzzer's inputs through a decoder check and tallies the outcomes.
///
/// The number of inputs and the seed are visible and can be changed, so that a failure can be replayed and a longer
/// campaign run:
/// - `TUNEBENCH_FUZZ_ITERATIONS`: inputs per decoder (default ``defaultIterations``);
/// - `TUNEBENCH_FUZZ_SEED`: the seed (default ``defaultSeed``);
/// - `TUNEBENCH_FUZZ_ONLY`: one input index, to replay the input a failure names.
///
/// A failure message names the seed and the input index and holds the input in base64.
///
/// The fuzz suites of the experiment-file parser and of the plugin message decoder share this engine; test targets
/// cannot share source files, so both live in this target (which sees the plugin module through `Tunebench`).
struct FuzzCampaign {
    static let defaultIterations = 100_000
    static let defaultSeed: UInt64 = 20_261_124

    let iterations: Int
    /// Whether `iterations` is ``defaultIterations`` (no `TUNEBENCH_FUZZ_ITERATIONS`).
    let isDefault: Bool
    let seed: UInt64
    let only: Int?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let given = environment["TUNEBENCH_FUZZ_ITERATIONS"].flatMap { Int($0) }
        iterations = given ?? Self.defaultIterations
        isDefault = given == nil
        seed = environment["TUNEBENCH_FUZZ_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        only = environment["TUNEBENCH_FUZZ_ONLY"].flatMap { Int($0) }
    }

    /// What became of an input.
    enum Outcome: String, CaseIterable, Sendable {
        /// Decoded to a value.
        case accepted
        /// Refused by the JSON reader (or as not a message at all).
        case syntax
        /// Refused after the JSON syntax, by the validation of fields and values.
        case validation
    }

    /// The check of one input: an outcome, or why the decoder failed it.
    enum Verdict {
        case outcome(Outcome)
        case failure(String)
    }

    /// The tally of a campaign.
    struct Tally: CustomStringConvertible {
        var seed: UInt64
        var inputs = 0
        var counts: [Outcome: Int] = [:]
        var failures: [String] = []
        var failureCount = 0
        var slowest: (seconds: Double, index: Int) = (0, 0)
        var elapsed = 0.0

        func share(_ outcome: Outcome) -> Double { Double(counts[outcome] ?? 0) / Double(max(1, inputs)) }

        var description: String {
            "\(inputs) inputs (seed \(seed)): "
                + Outcome.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
                + ", failures \(failureCount); slowest input \(slowest.index) took \(String(format: "%.3f", slowest.seconds)) s;"
                + " \(String(format: "%.1f", elapsed)) s in all"
        }
    }

    /// The longest a single input may take before it counts as a hang (debug build, shared cores).
    static let slowInput = 2.0

    /// Checks every input of the campaign.
    func run<Tag>(_ fuzzer: JSONFuzzer<Tag>, check: (JSONFuzzer<Tag>.Input) -> Verdict) -> Tally {
        var tally = Tally(seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        for index in only.map({ [$0] }) ?? Array(0..<iterations) {
            let input = fuzzer.input(index, seed: seed)
            let before = clock.now
            let verdict = check(input)
            let seconds = (clock.now - before).inSeconds
            if seconds > tally.slowest.seconds { tally.slowest = (seconds, index) }
            tally.inputs += 1
            switch verdict {
            case .outcome(let outcome) where seconds <= Self.slowInput:
                tally.counts[outcome, default: 0] += 1
            case .outcome:
                record(&tally, index, input, "took \(String(format: "%.2f", seconds)) s")
            case .failure(let reason):
                record(&tally, index, input, reason)
            }
        }
        tally.elapsed = (clock.now - start).inSeconds
        return tally
    }

    /// Prints the tally (the input count goes into the test log) and checks it: no failure, every input checked
    /// (100,000 by default), and a fuzz that reaches past the JSON syntax: at least 20 % of the inputs fail in
    /// validation and 2 % are accepted.
    func expectClean(_ tally: Tally, decoder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        print("\(decoder) fuzz: \(tally)")
        #expect(
            tally.failures.isEmpty,
            "\(tally.failureCount) failures, the first ones:\n\(tally.failures.joined(separator: "\n"))",
            sourceLocation: sourceLocation
        )
        guard only == nil else { return }
        #expect(tally.inputs == iterations, sourceLocation: sourceLocation)
        #expect(tally.inputs >= 100_000 || !isDefault, sourceLocation: sourceLocation)
        #expect(tally.share(.validation) >= 0.2, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.share(.accepted) >= 0.02, "\(tally)", sourceLocation: sourceLocation)
    }

    private func record<Tag>(_ tally: inout Tally, _ index: Int, _ input: JSONFuzzer<Tag>.Input, _ reason: String) {
        tally.failureCount += 1
        guard tally.failures.count < 10 else { return }
        tally.failures.append(
            "input \(index) (\(input.origin), \(input.tag)): \(reason); replay with TUNEBENCH_FUZZ_SEED=\(seed) "
                + "TUNEBENCH_FUZZ_ONLY=\(index); input (base64): \(Data(input.bytes.prefix(4096)).base64EncodedString())"
                + (input.bytes.count > 4096 ? " (first 4096 of \(input.bytes.count) bytes)" : "")
        )
    }

    /// Why `message` is not a clear one-line error message, or `nil`.
    static func unclear(_ message: String) -> String? {
        if message.isEmpty { return "an empty error message" }
        // Character.isNewline: LF, VT, FF, CR, NEL, LS, PS.
        let newlines: Set<Unicode.Scalar> = ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
        if message.unicodeScalars.contains(where: newlines.contains) {
            return "an error message of several lines: \(message.debugDescription)"
        }
        if message.utf8.count > 8000 { return "an error message of \(message.utf8.count) bytes" }
        return nil
    }

    /// Whether `text` holds "line N, column M".
    static func namesLineAndColumn(_ text: String) -> Bool {
        var rest = text[...]
        while let line = rest.range(of: "line ") {
            let digits = rest[line.upperBound...].prefix(while: \.isNumber)
            let after = rest[digits.endIndex...]
            if !digits.isEmpty, after.hasPrefix(", column "), after.dropFirst(9).first?.isNumber == true { return true }
            rest = rest[line.upperBound...]
        }
        return false
    }
}
