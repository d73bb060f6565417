import Foundation
import Testing
import TunebenchNumerics

struct StandardNormalTests {
    /// Measured: 3.8e-16 on this table, 5.8e-16 over 4,000 random arguments in [-37.5, 40].
    @Test func distributionFunctionIsRelativelyAccurateInBothTails() {
        let error = MpmathReference.maximumRelativeError(MpmathReference.cdf, StandardNormal.cdf)
        #expect(error <= 1e-15, "cdf: maximum relative error \(error)")
    }

    @Test func densityIsRelativelyAccurate() {
        let error = MpmathReference.maximumRelativeError(MpmathReference.pdf, StandardNormal.pdf)
        #expect(error <= 1e-15, "pdf: maximum relative error \(error)")
    }

    /// Measured: 4.2e-16 on this table (down to x = -1e150), 6.7e-16 over 3,500 random arguments.
    @Test func logDistributionFunctionIsRelativelyAccurateEverywhere() {
        let error = MpmathReference.maximumRelativeError(MpmathReference.logCDF, StandardNormal.logCDF)
        #expect(error <= 1e-15, "logCDF: maximum relative error \(error)")
    }

    /// Measured: 3.5e-16 on this table, 7.6e-16 over 3,000 random probabilities from 1e-300 to 1.
    @Test func quantileMatchesMpmath() {
        let error = MpmathReference.quantile.map { p, expected in
            expected == 0 ? abs(StandardNormal.quantile(p)) : abs(StandardNormal.quantile(p) - expected) / abs(expected)
        }.max()!
        #expect(error <= 1e-15, "quantile: maximum relative error \(error)")
    }

    /// `phi(x) / Phi(x)` from `mpmath.npdf(x) / mpmath.ncdf(x)` at 50 digits.
    @Test func inverseMillsRatioMatchesMpmathInTheLowerTail() {
        let reference: [(Double, Double)] = [
            (-10000.0, 10000.000099999997), (-1000.0, 1000.000999998), (-40.0, 40.02496884720726),
            (-10.0, 10.098093233962512), (-1.0, 1.525135276160981), (-0.5, 1.1410777703680646),
            (0.0, 0.7978845608028654), (1.0, 0.2875999709391784), (5.0, 1.4867199409049056e-06),
            (10.0, 7.694598626706419e-23),
        ]
        let error = MpmathReference.maximumRelativeError(reference, StandardNormal.inverseMillsRatio)
        #expect(error <= 1e-15, "inverse Mills ratio: maximum relative error \(error)")
    }

    @Test func quantileInvertsTheDistributionFunction() {
        for x in stride(from: -37.0, through: 8.0, by: 0.0625) {
            let roundTrip = StandardNormal.quantile(StandardNormal.cdf(x))
            // Phi is flat in the upper tail (p near 1 keeps few bits), so compare on the scale of 1 - p there.
            let tolerance = x < 1 ? 2e-15 * max(abs(x), 1) : 1e-15 / StandardNormal.pdf(x)
            #expect(abs(roundTrip - x) <= tolerance, "x = \(x): \(roundTrip)")
        }
    }

    @Test func tailsAreSymmetric() {
        for x in stride(from: 0.0, through: 37.5, by: 0.37) {
            #expect(StandardNormal.pdf(-x) == StandardNormal.pdf(x))
            #expect(abs(StandardNormal.cdf(-x) + StandardNormal.cdf(x) - 1) <= 2.3e-16)
            let p = StandardNormal.cdf(-x)
            #expect(abs(StandardNormal.quantile(p) + x) <= 2e-15 * max(x, 1))
        }
    }

    @Test func limitsAndSpecialValues() {
        #expect(StandardNormal.cdf(-.infinity) == 0 && StandardNormal.cdf(.infinity) == 1)
        #expect(StandardNormal.cdf(-39) == 0 && StandardNormal.cdf(0) == 0.5)
        #expect(StandardNormal.logCDF(-.infinity) == -.infinity && StandardNormal.logCDF(.infinity) == 0)
        #expect(StandardNormal.logCDF(-1e200) == -.infinity)  // -x^2/2 overflows
        #expect(StandardNormal.pdf(.infinity) == 0 && abs(StandardNormal.logPDF(0) + 0.5 * log(2 * Double.pi)) <= 2e-16)
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(StandardNormal.quantile(-0.1).isNaN && StandardNormal.quantile(1.5).isNaN)
        #expect(StandardNormal.quantile(.nan).isNaN && StandardNormal.cdf(.nan).isNaN)
        #expect(StandardNormal.logCDF(.nan).isNaN && StandardNormal.pdf(.nan).isNaN)
        #expect(StandardNormal.inverseMillsRatio(-.infinity) == .infinity)
        #expect(StandardNormal.quantile(0x1p-1074).isFinite)
    }
}
