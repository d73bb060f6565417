import Foundation
import Testing
import TunebenchNumerics

/// Against SciPy 1.17.1's `truncnorm`.
struct TruncatedNormalTests {
    @Test func densityAndQuantileMatchSciPy() {
        let t = TruncatedNormal(mean: 0.3, deviation: 0.2, lower: 0, upper: 1)
        #expect(abs(t.logDensity(0.5) - 0.2598921488948842) < 1e-14)
        #expect(abs(t.quantile(0.25) - 0.19514707203560266) < 1e-12)
        #expect(t.logDensity(1.01) == -.infinity && t.logDensity(-0.01) == -.infinity)
        #expect(t.quantile(0) == 0 && t.quantile(1) == 1)
        #expect(abs(t.logProbability(from: -5, to: 5)) < 1e-15)  // the whole interval
    }

    /// Thirty standard deviations out, where `Φ(b) − Φ(a)` underflows in the naive form.
    @Test func farTailsKeepTheirPrecision() {
        #expect(abs(TruncatedNormal.logMass(-31, -30) - -454.3212439563433) < 1e-10)
        #expect(abs(TruncatedNormal.logMass(30, 31) - -454.3212439563433) < 1e-10)
        let t = TruncatedNormal(mean: 0, deviation: 1, lower: 30, upper: 31)
        #expect(abs(t.logDensity(30.5) - -11.722694576861329) < 1e-9)
        #expect(abs(t.quantile(0.5) - 30.023070467827313) < 1e-9)
        #expect(TruncatedNormal.logMass(1, 1) == -.infinity)
    }
}
