/// Converts decimal number text to the nearest `Double` (round half to even), without building a `String`: how run
/// files and CSVs are read back at the rate they are written.
///
/// Text with at most 19 significant digits and a decimal exponent `e` (the value is `w · 10^e` for the integer `w`
/// of those digits) in −27…27 is converted exactly here; anything else goes to the standard library's
/// `Double(_:)`, which is correctly rounded too, so the result never depends on the path taken. Every number that
/// Swift prints for a double of magnitude between about 1e−10 and 1e10 (at most 17 significant digits,
/// ``TextBuffer/append(_:)-(Double)``) takes the exact path.
///
/// **Fast path** (Clinger 1990): when `w ≤ 2^53` and `|e| ≤ 22`, both `w` and `10^|e|` are doubles, and one IEEE
/// multiplication or division rounds `w · 10^e` correctly.
///
/// **Exact path**: `10^e = 5^e · 2^e`, and `5^|e| < 2^64` for `|e| ≤ 27`. For `e ≥ 0` the 128-bit product
/// `w · 5^e` is exact; for `e < 0`, `w` and `d = 5^−e` are both shifted to have their top bit set (`W`, `D`) and
/// the 128-by-64-bit division `W · 2^k / D` (`k` = 64 or 63, so that `W · 2^k < D · 2^64`) gives a 64-bit quotient
/// `Q` with its top bit set and a remainder `R`. Either way the value is `Q · 2^s` plus a known rest, and rounding
/// `Q` to 53 bits looks at its 11 low bits and whether the rest is zero (the sticky bit): the correctly rounded
/// result, found with integers only.
///
/// W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990; D. Lemire, "Number parsing at a
/// gigabyte per second", Software: Practice and Experience 51(8), 2021 (the same reduction to a 64-bit quotient
/// or product and one rounding, there with truncated powers of five).
enum DecimalParser {
    /// The double nearest to `text`, a number in JSON's grammar `-? int frac? exp?` (which the caller has checked);
    /// `nil` only if the standard library refuses it.
    /// - Complexity: O(n) in the length of `text`.
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        exactDouble(text) ?? Double(String(decoding: text, as: UTF8.self))
    }

    /// The double nearest to `text` by the fast or exact path, or `nil` when `text` needs the standard library's
    /// conversion (more than 19 significant digits, or a decimal exponent beyond ±27).
    static func exactDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var significand: UInt64 = 0
        var digits = 0  // significant digits in `significand`, leading zeros excluded
        var exponent = 0
        var inFraction = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if significand != 0 || byte != UInt8(ascii: "0") {
                    guard digits < 19 else { return nil }
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    digits += 1
                }
                if inFraction { exponent -= 1 }
            } else {
                break  // the exponent marker
            }
            index += 1
        }
        if index < text.count {
            index += 1  // e or E
            var exponentNegative = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < text.count {
                guard written < 1_000 else { return nil }
                written = written * 10 + Int(text[index] - UInt8(ascii: "0"))
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        let magnitude: Double
        if significand == 0 {
            magnitude = 0
        } else if significand <= 1 << 53 && (-22...22).contains(exponent) {
            let scale = powersOfTen[abs(exponent)]
            magnitude = exponent < 0 ? Double(significand) / scale : Double(significand) * scale
        } else if (0...27).contains(exponent) {
            magnitude = scaledUp(significand, exponent)
        } else if (-27 ..< 0).contains(exponent) {
            magnitude = scaledDown(significand, -exponent)
        } else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// `w · 10^e` for `0 ≤ e ≤ 27`: the exact 128-bit product `w · 5^e`, rounded, times `2^e`.
    private static func scaledUp(_ w: UInt64, _ e: Int) -> Double {
        let (high, low) = w.multipliedFullWidth(by: powersOfFive[e])
        let shift = high == 0 ? 64 + low.leadingZeroBitCount : high.leadingZeroBitCount
        // The product shifted to have bit 127 set; its top 64 bits are the quotient, the rest is sticky.
        let quotient: UInt64
        let rest: UInt64
        if shift >= 64 {
            quotient = low << (shift - 64)
            rest = 0
        } else if shift == 0 {
            quotient = high
            rest = low
        } else {
            quotient = high << shift | low >> (64 - shift)
            rest = low << shift
        }
        return rounded(quotient, sticky: rest != 0, binaryExponent: 64 - shift + e)
    }

    /// `w · 10^−e` for `1 ≤ e ≤ 27`: the quotient of `w` by `5^e`, to 64 bits with a sticky remainder, times `2^−e`.
    private static func scaledDown(_ w: UInt64, _ e: Int) -> Double {
        let divisor = powersOfFive[e]
        let divisorShift = divisor.leadingZeroBitCount
        let wShift = w.leadingZeroBitCount
        let normalizedDivisor = divisor << divisorShift
        let normalizedW = w << wShift
        // W · 2^64 / D when W < D, else W · 2^63 / D: a quotient in [2^63, 2^64) either way.
        let dividend = normalizedW < normalizedDivisor ? (normalizedW, UInt64(0)) : (normalizedW >> 1, normalizedW << 63)
        let extra = normalizedW < normalizedDivisor ? 64 : 63
        let (quotient, remainder) = normalizedDivisor.dividingFullWidth(dividend)
        // w / 5^e = Q · 2^(divisorShift − wShift − extra), and the value is that times 2^−e.
        return rounded(quotient, sticky: remainder != 0, binaryExponent: divisorShift - wShift - extra - e)
    }

    /// `q · 2^binaryExponent` (plus less than one unit of `q` when `sticky`) rounded to 53 bits, half to even;
    /// `q` has its top bit set. The callers' ranges keep the result a normal double.
    private static func rounded(_ q: UInt64, sticky: Bool, binaryExponent: Int) -> Double {
        var mantissa = q >> 11
        let dropped = q & 0x7FF
        if dropped > 0x400 || (dropped == 0x400 && (sticky || mantissa & 1 == 1)) {
            mantissa += 1
        }
        // A carry out of 53 bits (mantissa == 2^53) is still exact as a double.
        return Double(sign: .plus, exponent: binaryExponent + 11, significand: Double(mantissa))
    }

    /// 10^0 … 10^22, every one exact as a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// 5^0 … 5^27, every one below 2^64.
    private static let powersOfFive: [UInt64] = (0...27).map { k in (0..<k).reduce(UInt64(1)) { value, _ in value * 5 } }
}
