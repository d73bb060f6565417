/// A fixed list of names (an object's member keys, an enumeration's values) that ``JSONReader`` matches against a
/// document's strings by their UTF-8 bytes, without building a `String` for each: how the members of a million
/// trials are told apart.
struct JSONNames: Sendable {
    /// What a string of the document is: the position of the name it equals, or the string itself when no name does.
    enum Match: Equatable {
        case name(Int)
        case other(String)
    }

    let names: [String]
    /// Every name's UTF-8 bytes, one after the other, and where each starts (`starts.count == names.count + 1`).
    private let utf8: [UInt8]
    private let starts: [Int]

    init(_ names: [String]) {
        self.names = names
        utf8 = names.flatMap(\.utf8)
        starts = names.reduce(into: [0]) { starts, name in starts.append(starts.last! + name.utf8.count) }
    }

    /// The position of the name whose bytes are `text`'s, looked for from `hint` on (then from the start), so that
    /// names that come in list order are each found at the first try.
    func position(of text: UnsafeBufferPointer<UInt8>, from hint: Int = 0) -> Int? {
        let count = names.count
        guard count > 0 else { return nil }
        return utf8.withUnsafeBufferPointer { utf8 in
            var candidate = hint < count ? hint : 0
            for _ in 0..<count {
                let start = starts[candidate]
                if starts[candidate + 1] - start == text.count {
                    var offset = 0
                    while offset < text.count && utf8[start + offset] == text[offset] { offset += 1 }
                    if offset == text.count { return candidate }
                }
                candidate = candidate + 1 == count ? 0 : candidate + 1
            }
            return nil
        }
    }

    /// `text` matched against the names.
    func match(_ text: String) -> Match {
        names.firstIndex(of: text).map(Match.name) ?? .other(text)
    }
}
