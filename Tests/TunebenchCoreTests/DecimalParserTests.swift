import Foundation
import Testing

@testable import TunebenchCore

/// The conversion of number text to doubles, against the standard library's correctly rounded `Double(_:)`.
struct DecimalParserTests {
    private static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.double($0) }
    }

    private static func exact(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.exactDouble($0) }
    }

    @Test func everyPrintedDoubleReadsBackToItsBits() {
        var generator = Xoshiro256StarStar(seed: 1)
        for _ in 0..<100_000 {
            let x = Double(bitPattern: generator.next())  // every sign, exponent and mantissa
            guard x.isFinite else { continue }
            #expect(Self.parse("\(x)")?.bitPattern == x.bitPattern, "\(x)")
        }
    }

    @Test func printedDoublesOfOrdinaryMagnitudeTakeTheExactPath() {
        var generator = Xoshiro256StarStar(seed: 2)
        for _ in 0..<20_000 {
            // log-uniform magnitudes from 1e-10 to 1e10, both signs
            let magnitude = pow(10, Double(generator.next() % 20_000) / 1_000 - 10)
            let x = generator.next() % 2 == 0 ? magnitude : -magnitude
            #expect(Self.exact("\(x)")?.bitPattern == x.bitPattern, "\(x)")
        }
    }

    @Test func decimalTextRoundsAsTheStandardLibraryDoes() {
        var generator = Xoshiro256StarStar(seed: 3)
        for _ in 0..<100_000 {
            let digits = Int(generator.next() % 19) + 1
            var mantissa = String(generator.next() % 9 + 1)
            for _ in 1..<digits { mantissa += String(generator.next() % 10) }
            let point = Int(generator.next() % UInt64(digits + 1))
            var text = generator.next() % 2 == 0 ? "-" : ""
            text += point == 0 ? "0." + mantissa : point == digits ? mantissa
                : mantissa.prefix(point) + "." + mantissa.dropFirst(point)
            if generator.next() % 2 == 0 { text += "e" + String(Int(generator.next() % 81) - 40) }
            #expect(Self.parse(text)?.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }

    /// Odd multiples of half a unit in the last place: exactly half-way between two doubles, rounded to the even one.
    @Test func halfwayCasesRoundToEven() {
        var generator = Xoshiro256StarStar(seed: 4)
        for _ in 0..<20_000 {
            let mantissa = (1 << 52) + generator.next() % (1 << 52)
            let text = String(2 * mantissa + 1) + "e-" + String(generator.next() % 27 + 1)
            #expect(Self.parse(text)?.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        #expect(Self.parse("9007199254740993") == 9_007_199_254_740_992)
        #expect(Self.parse("9007199254740995") == 9_007_199_254_740_996)
    }

    @Test(arguments: [
        "0", "-0", "-0.0", "0e5", "0.1", "1e22", "1e23", "1.405e-05", "0.30000000000000004", "123456789012345678",
        "9999999999999999999", "18446744073709551615", "1e-27", "1.2345678901234567e-27", "1e27", "5e-324",
        "2.2250738585072014e-308", "1.7976931348623157e308", "1e400", "-1e400", "1e-400",
        "0.000000000000000000000000000000000000001", "1" + String(repeating: "0", count: 40),
    ])
    func edgeCasesMatchTheStandardLibrary(text: String) {
        #expect(Self.parse(text)?.bitPattern == Double(text)!.bitPattern)
    }
}
