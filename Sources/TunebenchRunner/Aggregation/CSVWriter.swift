import Foundation

/// Builds a CSV file in memory, line by line, and writes it atomically through the result store.
///
/// Numbers are written in Swift's shortest round-trip form (`0.1`, `1e-05`, `inf`), which is the same on
/// every platform, so CSVs compare byte for byte.
struct CSVWriter {
    private var text: String

    init(header: String) {
        text = header + "\n"
    }

    mutating func appendRow(_ row: String) {
        text += row
        text += "\n"
    }

    func write(to url: URL, store: ResultStore) throws {
        try store.writeAtomically(Data(text.utf8), to: url)
    }

    static func number(_ x: Double) -> String {
        "\(x)"
    }
}
