import Foundation

/// How reports print numbers: four significant digits, `∞` for infinity, `–` for a missing value. Locale-free, so
/// the same result folder gives the same text everywhere.
enum NumberFormat {
    static func short(_ x: Double?) -> String {
        guard let x else { return "–" }
        if x.isNaN { return "–" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == 0 { return "0" }
        return String(format: "%.4g", x)
    }

    /// A number with a fixed count of decimals (ranks, scores, fractions).
    static func fixed(_ x: Double?, _ decimals: Int) -> String {
        guard let x, x.isFinite else { return short(x) }
        let text = String(format: "%.\(decimals)f", x)
        // A value that rounds to zero prints without its sign ("-0.000" would suggest a negative value).
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// A level as a percentage: `95%`, `99.5%`.
    static func percent(_ level: Double) -> String {
        "\(NumberFormat.short(level * 100))%"
    }

    /// Seconds as ms or s with three significant digits.
    static func seconds(_ x: Double) -> String {
        if x < 1 { return String(format: "%.3g ms", x * 1000) }
        return String(format: "%.3g s", x)
    }

    /// The shortest round-trip form the aggregator's CSVs use (`0.1`, `1e-05`, `inf`).
    static func csv(_ x: Double) -> String { "\(x)" }

    static func csv(_ x: Double?) -> String { x.map(csv) ?? "" }
}
