import Testing

@testable import TunebenchReport

@Suite struct SVGTextTests {
    @Test func markupCharactersAreEscapedAndInvalidCharactersDropped() {
        #expect(SVGText.escape(#"a<b & "c"'d>"#) == "a&lt;b &amp; &quot;c&quot;&apos;d&gt;")
        #expect(SVGText.escape("x\u{0}\u{1}y\tz≤") == "xy\tz≤")
    }

    @Test func coordinatesHaveAtMostTwoDecimalsAndNoNegativeZero() {
        #expect(SVGText.number(12.5) == "12.5")
        #expect(SVGText.number(3) == "3")
        #expect(SVGText.number(1.23456) == "1.23")
        #expect(SVGText.number(-0.25) == "-0.25")
        #expect(SVGText.number(-0.001) == "0")
        #expect(SVGText.number(99.999) == "100")
    }

    @Test func compactValuesUseExponentsOnlyForVerySmallOrLargeMagnitudes() {
        #expect(SVGText.compact(1e-9) == "1e-9")
        #expect(SVGText.compact(2.5e6) == "2.5e6")
        #expect(SVGText.compact(0.000123) == "0.000123")
        #expect(SVGText.compact(12_345) == "12345")
        #expect(SVGText.compact(1.5) == "1.5")
        #expect(SVGText.compact(0.01) == "0.01")
        #expect(SVGText.compact(0) == "0")
    }
}
