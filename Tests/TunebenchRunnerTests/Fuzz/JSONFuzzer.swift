import Foundation
import TunebenchCore
import TunebenchNumerics

/// The fuzzer's draws, from the project's own generator (never `SystemRandomNumberGenerator`), so that input `i`
/// of seed `s` is the same on every machine.
struct FuzzRandom {
    var generator: Xoshiro256StarStar

    init(seed: UInt64) {
        generator = Xoshiro256StarStar(seed: seed)
    }

    /// A uniform integer in `0..<n`.
    mutating func below(_ n: Int) -> Int { generator.nextIndex(below: n) }

    mutating func chance(_ probability: Double) -> Bool { generator.nextUnit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A uniform integer in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
}

/// A deterministic fuzzer of JSON inputs: it mutates a corpus of valid documents (bytes and trees) and generates
/// documents with a structure-aware grammar, so that inputs reach validation and not only the JSON syntax errors.
///
/// Input `i` of seed `s` comes from its own generator, seeded with `SeedDerivation.derive(s, ["fuzz", i])`, so any
/// input can be made again from its index alone. Each input carries a tag (which decoder it is meant for) and a
/// note of how it was made.
///
/// Mutations:
/// - bytes: flip a bit, set a byte to a structural or invalid UTF-8 byte, insert, delete or duplicate a span,
///   splice two corpus documents, truncate, insert a token (extreme numbers, `NaN`, broken escapes, invalid
///   UTF-8), replace a number with an extreme one, nest `[` or `{"a":` beyond the reader's limit inside the
///   document, or 100,000 deep in front of it;
/// - trees: replace a value by an extreme number, a strange string (control characters, bidi overrides,
///   invalid UTF-8, unpaired surrogate escapes, 300 characters) or a word of the decoder's vocabulary; change a
///   value's type; drop, duplicate or rename a member; add a member with a vocabulary key; wrap a value in arrays
///   just beyond the reader's depth limit.
struct JSONFuzzer<Tag: Sendable>: Sendable {
    /// Valid documents and their tags.
    let corpus: [(tag: Tag, bytes: [UInt8])]
    /// Keys and string values that mean something to the decoder, for structure-aware mutations.
    let keys: [String]
    let words: [String]
    /// The structure-aware generator: a well-formed document with the right keys and random (often wrong) values.
    let generate: @Sendable (inout FuzzRandom) -> (tag: Tag, document: FuzzNode)

    private let trees: [FuzzNode]

    /// - Precondition: every corpus document is JSON.
    init(
        corpus: [(tag: Tag, bytes: [UInt8])],
        keys: [String],
        words: [String],
        generate: @escaping @Sendable (inout FuzzRandom) -> (tag: Tag, document: FuzzNode)
    ) {
        self.corpus = corpus
        self.keys = keys
        self.words = words
        self.generate = generate
        trees = corpus.map { entry in
            guard let value = try? JSONValue.parse(entry.bytes, allowsNonFiniteNumbers: true) else {
                preconditionFailure(
                    "a fuzz corpus document is not JSON: \(String(decoding: entry.bytes, as: UTF8.self))"
                )
            }
            return FuzzNode(value)
        }
    }

    /// One input.
    struct Input {
        var tag: Tag
        var bytes: [UInt8]
        /// How it was made: "bytes", "tree" or "generated".
        var origin: String
    }

    /// Input `index` of `seed`.
    func input(_ index: Int, seed: UInt64) -> Input {
        var random = FuzzRandom(seed: SeedDerivation.derive(seed, ["fuzz", String(index)]))
        switch random.below(10) {
        case 0..<3:
            let entry = random.below(corpus.count)
            var bytes = corpus[entry].bytes
            for _ in 0...random.below(3) { mutate(&bytes, &random) }
            return Input(tag: corpus[entry].tag, bytes: bytes, origin: "bytes")
        case 3..<6:
            let entry = random.below(corpus.count)
            var tree = trees[entry]
            for _ in 0...random.below(3) { tree = mutate(tree, &random) }
            var bytes = tree.bytes
            if random.chance(0.1) { mutate(&bytes, &random) }
            return Input(tag: corpus[entry].tag, bytes: bytes, origin: "tree")
        default:
            var (tag, tree) = generate(&random)
            if random.chance(0.5) {
                for _ in 0...random.below(2) { tree = mutate(tree, &random) }
            }
            var bytes = tree.bytes
            if random.chance(0.05) { mutate(&bytes, &random) }
            return Input(tag: tag, bytes: bytes, origin: "generated")
        }
    }

    // MARK: - Values

    /// A strange value: an extreme number, a strange string, a broken string, a word of the vocabulary, or another
    /// type.
    func strangeValue(_ random: inout FuzzRandom) -> FuzzNode {
        switch random.below(6) {
        case 0: return .token(random.pick(FuzzValues.numbers))
        case 1: return .string(random.pick(FuzzValues.strings))
        case 2: return .token(random.pick(FuzzValues.brokenStrings))
        case 3: return .string(words.isEmpty ? "word" : random.pick(words))
        case 4: return .token(random.pick(["null", "true", "false", "[]", "{}", "[null]", #"{"":0}"#]))
        default: return .array([.token(random.pick(FuzzValues.numbers)), .string(random.pick(FuzzValues.strings))])
        }
    }

    // MARK: - Tree mutations

    /// One structure-aware mutation of a random node.
    func mutate(_ tree: FuzzNode, _ random: inout FuzzRandom) -> FuzzNode {
        let target = random.below(tree.count)
        let operation = random.below(10)
        var draws = random
        let result = tree.replacing(target) { node in
            switch (operation, node) {
            case (0, _), (1, .token):
                return .token(draws.pick(FuzzValues.numbers))
            case (1, .string), (2, .string):
                return draws.chance(0.5)
                    ? .string(draws.pick(FuzzValues.strings)) : .token(draws.pick(FuzzValues.brokenStrings))
            case (3, _):
                return .string(words.isEmpty ? "word" : draws.pick(words))
            case (4, .object(var members)) where !members.isEmpty:
                members.remove(at: draws.below(members.count))
                return .object(members)
            case (4, .array(var items)) where !items.isEmpty:
                items.remove(at: draws.below(items.count))
                return .array(items)
            case (5, .object(var members)) where !members.isEmpty:
                let member = members[draws.below(members.count)]
                members.insert(
                    (member.key, draws.chance(0.5) ? member.value : strangeValue(&draws)),
                    at: draws.below(members.count + 1)
                )
                return .object(members)
            case (5, .array(var items)) where !items.isEmpty:
                items.insert(items[draws.below(items.count)], at: draws.below(items.count + 1))
                return .array(items)
            case (6, .object(var members)) where !members.isEmpty:
                let index = draws.below(members.count)
                members[index].key = renamed(members[index].key, &draws)
                return .object(members)
            case (7, .object(var members)):
                members.insert(
                    (keys.isEmpty ? "key" : draws.pick(keys), strangeValue(&draws)),
                    at: draws.below(members.count + 1)
                )
                return .object(members)
            case (8, _) where draws.chance(0.2):
                let depth = draws.pick([JSONReader.maximumDepth - 2, JSONReader.maximumDepth + 1])
                return (0..<depth).reduce(node) { inner, _ in .array([inner]) }
            default:
                return strangeValue(&draws)
            }
        }
        random = draws
        return result
    }

    /// A key with a typo, another vocabulary key, or a strange key.
    private func renamed(_ key: String, _ random: inout FuzzRandom) -> String {
        var scalars = Array(key.unicodeScalars)
        switch random.below(5) {
        case 0 where !scalars.isEmpty:
            scalars.remove(at: random.below(scalars.count))
        case 1 where scalars.count > 1:
            let i = random.below(scalars.count - 1)
            scalars.swapAt(i, i + 1)
        case 2:
            return key.uppercased()
        case 3 where !keys.isEmpty:
            return random.pick(keys)
        default:
            return random.pick(FuzzValues.strings)
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    // MARK: - Byte mutations

    /// One mutation of the bytes.
    func mutate(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        func position() -> Int { random.below(bytes.count + 1) }
        func span() -> Range<Int> {
            let start = random.below(bytes.count + 1)
            let length = min(
                bytes.count - start,
                random.chance(0.8) ? random.integer(in: 1...16) : random.below(bytes.count + 1)
            )
            return start..<start + length
        }
        switch random.below(11) {
        case 0 where !bytes.isEmpty:
            bytes[random.below(bytes.count)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[random.below(bytes.count)] = random.pick(FuzzValues.structural)
        case 2:
            let count = random.integer(in: 1...4)
            bytes.insert(
                contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.below(256)) },
                at: position()
            )
        case 3:
            bytes.removeSubrange(span())
        case 4:
            let copied = Array(bytes[span()])
            bytes.insert(contentsOf: copied, at: position())
        case 5:
            let other = corpus[random.below(corpus.count)].bytes
            bytes = Array(bytes[..<position()]) + other[random.below(other.count + 1)...]
        case 6:
            bytes.removeSubrange(position()...)
        case 7:
            let token =
                random.chance(0.5) ? Array(random.pick(FuzzValues.numbers).utf8) : random.pick(FuzzValues.brokenStrings)
            bytes.insert(contentsOf: token, at: position())
        case 8:
            // Replace the first number at or after a random place with an extreme one.
            let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            guard let start = bytes[random.below(bytes.count + 1)...].firstIndex(where: digits.contains) else { return }
            let end =
                bytes[start...].firstIndex { !(digits.contains($0) || Array(".eE+-".utf8).contains($0)) } ?? bytes.count
            bytes.replaceSubrange(start..<end, with: Array(random.pick(FuzzValues.numbers).utf8))
        case 9 where random.chance(0.3):
            // Nesting beyond the reader's limit: inside the document, or 100,000 deep in front of it.
            let (depth, nested) = random.pick(FuzzValues.nestings)
            bytes.insert(contentsOf: nested, at: depth == 100_000 ? 0 : position())
        default:
            bytes.insert(random.pick(FuzzValues.structural), at: position())
        }
    }
}

/// The strange values the fuzzer puts into documents.
enum FuzzValues {
    /// Openings of arrays and objects nested beyond the reader's limit, 5,000 and 100,000 deep.
    static let nestings: [(depth: Int, bytes: [UInt8])] = [JSONReader.maximumDepth + 1, 5_000, 100_000].flatMap {
        (depth: Int) in ["[", #"{"a":"#].map { (depth, Array(String(repeating: $0, count: depth).utf8)) }
    }

    /// Bytes that change a document's structure, and bytes that are not UTF-8.
    static let structural = Array("{}[]:,\"\\ 0-.eE".utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xC0, 0xFF]

    /// Numbers at the edges: extremes of Double and Int, negative zero, overflow and underflow, non-finite tokens,
    /// and texts that are almost numbers.
    static let numbers: [String] = [
        "0", "-0", "-0.0", "1", "-1", "0.5", "1.0", "2", "3", "7", "100", "1e308", "-1e308",
        "1.7976931348623157e308", "4.9e-324", "1e-400", "1e999", "-1e999", "1e400", "NaN", "Infinity",
        "-Infinity", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "9007199254740993", "9e15", "1e15", "1E+2", "0.1e1",
        "123456789012345678901234567890", "1e-7", "1e18", "-2", "00", "01", "-", "1.", ".5", "+1", "0x10", "1e",
        "1e+", "nan", "inf", "-NaN", "Infinit",
    ]

    /// Strings that decoders find hard: empty, control characters, line and paragraph separators, a bidi override,
    /// non-ASCII, long, path-like, quotes and backslashes.
    static let strings: [String] = [
        "", " ", "a", "\u{0}", "\n", "a\tb\r", "\u{7F}", "\u{85}", "\u{2028}", "\u{202E}txt.exe", "\u{FEFF}x", "é",
        "日本", "🙂", "\u{FFFD}", String(repeating: "a", count: 300), "../up", ".hidden", "a/b", "a b", "a\"b", "a\\b",
        "NaN", "null", "true", "-1e999", "x == \"a\"", String(repeating: "(", count: 200),
    ]

    /// Raw string tokens that are not valid JSON strings or hold invalid UTF-8.
    static let brokenStrings: [[UInt8]] = [
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0x61, 0xE2, 0x28, 0x22],
        Array(#""\ud800""#.utf8), Array(#""\udc00\ud800""#.utf8), Array(#""\ud800\u0041""#.utf8),
        Array(#""\u00""#.utf8), Array(#""\x41""#.utf8), Array(#""\u0000""#.utf8), [0x22, 0x01, 0x22],
        Array(#""abc"#.utf8), Array(#""\"#.utf8),
    ]
}
