import Foundation
import Testing
import TunebenchNumerics

struct ErrorFunctionTests {
    /// Measured: 3.6e-16 on this table, 5.2e-16 over 3,500 random arguments in [-26, 1e300].
    @Test func scaledComplementMatchesMpmathToAnUlpOrTwo() {
        let error = MpmathReference.maximumRelativeError(MpmathReference.erfcx, ErrorFunction.erfcx)
        #expect(error <= 1e-15, "erfcx: maximum relative error \(error)")
    }

    @Test func errorFunctionAndComplementMatchMpmath() {
        let erfError = MpmathReference.maximumRelativeError(MpmathReference.erf, ErrorFunction.erf)
        let erfcError = MpmathReference.maximumRelativeError(
            MpmathReference.erfc.filter { $0.1 > 0x1p-1022 },
            ErrorFunction.erfc
        )
        #expect(erfError <= 1e-15, "erf: maximum relative error \(erfError)")
        #expect(erfcError <= 1e-15, "erfc: maximum relative error \(erfcError)")
    }

    @Test func limitsAndSpecialValues() {
        #expect(ErrorFunction.erfcx(.infinity) == 0)
        #expect(ErrorFunction.erfcx(-.infinity) == .infinity)
        #expect(ErrorFunction.erfcx(-27) == .infinity)
        #expect(ErrorFunction.erfcx(0) == 1)
        #expect(ErrorFunction.erf(.infinity) == 1 && ErrorFunction.erf(-.infinity) == -1)
        #expect(ErrorFunction.erfc(.infinity) == 0 && ErrorFunction.erfc(-.infinity) == 2)
        #expect(ErrorFunction.erfc(28) == 0)
        #expect(ErrorFunction.erf(.nan).isNaN && ErrorFunction.erfc(.nan).isNaN && ErrorFunction.erfcx(.nan).isNaN)
        #expect(ErrorFunction.erf(-0.0) == 0 && ErrorFunction.erf(0x1p-1074) == 0x1p-1074 * 2 / Double.pi.squareRoot())
    }

    /// erf is odd, erfc(-x) = 2 - erfc(x), and erfcx(x) = exp(x^2) erfc(x) where both sides are representable.
    @Test func identitiesHold() {
        for x in stride(from: -6.0, through: 6.0, by: 0.173) {
            #expect(ErrorFunction.erf(-x) == -ErrorFunction.erf(x))
            #expect(abs(ErrorFunction.erfc(-x) - (2 - ErrorFunction.erfc(x))) <= 4e-16)
            let scaled = exp(x * x) * ErrorFunction.erfc(x)
            #expect(abs(ErrorFunction.erfcx(x) - scaled) <= 1e-13 * scaled)
        }
    }
}
