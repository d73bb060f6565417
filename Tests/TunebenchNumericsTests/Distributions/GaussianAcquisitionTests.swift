import Foundation
import Testing
import TunebenchNumerics

struct GaussianAcquisitionTests {
    /// log h(z) against 50-digit mpmath for z from -1e4 to 40, across all of Ament et al.'s branches and the
    /// sub-branches of the middle one. Measured: 1.2e-15 on this table, 4.3e-15 over 4,300 random arguments from
    /// -1e150 to 40 (the largest where log h is near its zero at z = 0.8995).
    @Test func logHMatchesMpmath() {
        let relative = MpmathReference.logH.map { z, expected in
            abs(GaussianAcquisition.logH(z) - expected) / abs(expected)
        }.max()!
        #expect(relative <= 1e-14, "log h: maximum relative error \(relative)")
    }

    /// The ratios Phi/h and phi/h that make up the derivatives of log EI, against mpmath down to z = -1e6, where
    /// the paper's log1mexp form of the middle branch would keep only about 4 digits of phi/h. Measured: 4.8e-15 on
    /// this table, 2.0e-14 over 4,300 random arguments (the largest near z = -4 sqrt(2), where 1 - t R(t) cancels).
    @Test func logEIDerivativeRatiosMatchMpmath() {
        var worst = 0.0
        for (z, cdfRatio, pdfRatio) in MpmathReference.ratios {
            let value = GaussianAcquisition.logEIWithDerivatives(mean: 0, sd: 1, best: z)
            worst = max(worst, abs(-value.dMean - cdfRatio) / cdfRatio, abs(value.dSD - pdfRatio) / pdfRatio)
        }
        #expect(worst <= 1e-13, "maximum relative error of Phi/h and phi/h: \(worst)")
    }

    @Test func logEIMatchesMpmathForGeneralMeansAndDeviations() {
        for (mean, sd, best, expected) in MpmathReference.logEI {
            let computed = GaussianAcquisition.logEI(mean: mean, sd: sd, best: best)
            #expect(abs(computed - expected) <= 1e-13 * max(abs(expected), 1), "logEI(\(mean), \(sd), \(best))")
        }
    }

    @Test func expectedImprovementMatchesMpmath() {
        let error = MpmathReference.maximumRelativeError(MpmathReference.h.filter { $0.1 > 0x1p-1022 }) { z in
            GaussianAcquisition.ei(mean: 0, sd: 1, best: z)
        }
        #expect(error <= 1e-14, "ei: maximum relative error \(error)")
        #expect(GaussianAcquisition.ei(mean: 1, sd: 2, best: 1) == 2 * StandardNormal.pdf(0))
    }

    /// log h is increasing (h' = Phi > 0), also across the branch points z = -1, -4 sqrt(2) and -100, where
    /// neighbouring arguments are evaluated by different formulas. Steps are 1e-10 relative near the branch points:
    /// far above the evaluation noise (a few ulps, up to about 1e-14 near z = -4 sqrt(2)), far below any real jump.
    @Test func logHIsMonotoneAcrossBranches() {
        var points = stride(from: -1e4, through: 40.0, by: 0.37).map { $0 }
        for boundary in [-1.0, -4 * 2.0.squareRoot(), -100.0, -1e4] {
            let step = 1e-10 * abs(boundary)
            points += (-50...50).map { boundary + Double($0) * step }
        }
        points = Array(Set(points)).sorted()
        var previous = -Double.infinity
        var violations: [Double] = []
        for z in points {
            let value = GaussianAcquisition.logH(z)
            if value <= previous { violations.append(z) }
            previous = value
        }
        #expect(violations.isEmpty, "log h not increasing at \(violations)")
    }

    /// Central differences with a relative step of 1e-6 (truncation error about 1e-12 of the scale, rounding
    /// error about 1e-10 of the value) against the closed-form derivatives of every acquisition function.
    @Test(arguments: [
        (0.0, 1.0, 0.3), (0.5, 0.2, -0.1), (2.0, 0.3, -1.0), (1.0, 1.0, -4.0), (0.0, 1.0, -5.7), (0.0, 2.0, -12.0),
        (0.0, 0.5, -60.0), (0.0, 1.0, -150.0), (-3.0, 0.7, 1.0), (0.0, 1.0, 6.0), (3.0, 1e-3, 2.999),
    ])
    func derivativesMatchCentralDifferences(mean: Double, sd: Double, best: Double) {
        typealias Function = (Double, Double) -> GaussianAcquisition.ValueWithDerivatives
        let functions: [(String, Function)] = [
            ("logEI", { GaussianAcquisition.logEIWithDerivatives(mean: $0, sd: $1, best: best) }),
            ("ei", { GaussianAcquisition.eiWithDerivatives(mean: $0, sd: $1, best: best) }),
            ("pi", { GaussianAcquisition.piWithDerivatives(mean: $0, sd: $1, best: best) }),
            ("logPI", { GaussianAcquisition.logPIWithDerivatives(mean: $0, sd: $1, best: best) }),
            ("lcb", { GaussianAcquisition.lcbWithDerivatives(mean: $0, sd: $1, beta: 1.96) }),
            ("ucb", { GaussianAcquisition.ucbWithDerivatives(mean: $0, sd: $1, beta: 1.96) }),
        ]
        for (name, function) in functions {
            let exact = function(mean, sd)
            // Below about z = -37 EI and PI underflow, and so do their derivatives; only the logs remain.
            guard exact.value.isFinite, exact.value != 0 else { continue }
            let hMean = 1e-6 * sd
            let hSD = 1e-6 * sd
            let dMean = (function(mean + hMean, sd).value - function(mean - hMean, sd).value) / (2 * hMean)
            let dSD = (function(mean, sd + hSD).value - function(mean, sd - hSD).value) / (2 * hSD)
            let valueScale = abs(exact.value) / sd
            #expect(
                abs(dMean - exact.dMean) <= 1e-6 * abs(exact.dMean) + 1e-9 * valueScale,
                "\(name) d/dmean at (\(mean), \(sd), \(best)): \(exact.dMean) vs \(dMean)"
            )
            #expect(
                abs(dSD - exact.dSD) <= 1e-6 * abs(exact.dSD) + 1e-9 * valueScale,
                "\(name) d/dsd at (\(mean), \(sd), \(best)): \(exact.dSD) vs \(dSD)"
            )
        }
    }

    @Test func logEIAgreesWithEIWhereEIIsRepresentable() {
        for z in stride(from: -37.0, through: 30.0, by: 0.25) {
            let ei = GaussianAcquisition.ei(mean: 1, sd: 0.5, best: 1 + 0.5 * z)
            let logEI = GaussianAcquisition.logEI(mean: 1, sd: 0.5, best: 1 + 0.5 * z)
            #expect(abs(log(ei) - logEI) <= 1e-13 * max(1, abs(logEI)), "z = \(z)")
        }
        #expect(GaussianAcquisition.ei(mean: 0, sd: 1, best: -40) == 0)
        #expect(GaussianAcquisition.logEI(mean: 0, sd: 1, best: -40).isFinite)
    }

    @Test func zeroDeviationGivesTheDeterministicLimits() {
        let improving = GaussianAcquisition.logEIWithDerivatives(mean: 1, sd: 0, best: 3)
        #expect(improving == .init(value: log(2), dMean: -0.5, dSD: 0))
        #expect(GaussianAcquisition.logEI(mean: 3, sd: 0, best: 1) == -.infinity)
        #expect(GaussianAcquisition.eiWithDerivatives(mean: 1, sd: 0, best: 3) == .init(value: 2, dMean: -1, dSD: 0))
        #expect(GaussianAcquisition.ei(mean: 3, sd: -1e-18, best: 1) == 0)
        #expect(
            GaussianAcquisition.pi(mean: 1, sd: 0, best: 3) == 1 && GaussianAcquisition.pi(mean: 3, sd: 0, best: 1) == 0
        )
        #expect(GaussianAcquisition.logPI(mean: 3, sd: 0, best: 1) == -.infinity)
        #expect(GaussianAcquisition.lcb(mean: 3, sd: 0, beta: 2) == 3)
        // A deviation so small that z overflows still gives log(best - mean).
        #expect(GaussianAcquisition.logEI(mean: 0, sd: 0x1p-1074, best: 1) == 0)
    }

    @Test func nanInputsGiveNaN() {
        #expect(GaussianAcquisition.logEI(mean: .nan, sd: 1, best: 0).isNaN)
        #expect(GaussianAcquisition.logEI(mean: 0, sd: .nan, best: 0).isNaN)
        #expect(GaussianAcquisition.ei(mean: 0, sd: 1, best: .nan).isNaN)
        #expect(GaussianAcquisition.logPI(mean: 0, sd: .nan, best: 0).isNaN)
        #expect(GaussianAcquisition.logH(.nan).isNaN)
    }

    @Test func confidenceBoundsAndTheirDerivatives() {
        #expect(GaussianAcquisition.lcbWithDerivatives(mean: 1, sd: 2, beta: 3) == .init(value: -5, dMean: 1, dSD: -3))
        #expect(GaussianAcquisition.ucbWithDerivatives(mean: 1, sd: 2, beta: 3) == .init(value: 7, dMean: 1, dSD: 3))
    }

    @Test func extremeTailsStayFinite() {
        // Finite while z^2 is (|z| < 1.3e154), then -infinity.
        #expect(GaussianAcquisition.logH(-1e150).isFinite && GaussianAcquisition.logH(-1e200) == -.infinity)
        let far = GaussianAcquisition.logEIWithDerivatives(mean: 1e8, sd: 1, best: 0)
        // log h(z) ~ -z^2/2 - log(2 pi)/2 - 2 log|z|, Phi/h ~ |z|, phi/h ~ z^2.
        #expect(abs(far.value - (-5e15 - 0.5 * log(2 * Double.pi) - 2 * log(1e8))) <= 1e-15 * 5e15)
        #expect(abs(far.dMean + 1e8) <= 1e-6 && abs(far.dSD - 1e16) <= 1e2)
    }
}
