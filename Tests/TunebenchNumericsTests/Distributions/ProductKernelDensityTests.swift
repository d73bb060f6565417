import Foundation
import Testing
import TunebenchNumerics
import TunebenchTestSupport

/// Against statsmodels' `KDEMultivariate(data, var_type, bw="normal_reference")` through
/// `Tests/Scripts/kde_reference.py`, which holds the data sets (continuous only in 1, 3 and 8 dimensions, clustered
/// data, continuous mixed with unordered categoricals, unseen categories, constant columns under BOHB's floor, a
/// categorical bandwidth above 1) and prints statsmodels' bandwidths (after `np.clip(bw, floor, None)` where the case
/// has a floor, as hpbandster applies it) and `pdf` at fixed points.
///
/// Agreement: bandwidths and densities to a relative 10⁻¹² (measured: see the printed figure), the infinite and NaN
/// densities of a one-level categorical column identical.
///
/// Skipped before it runs, naming what is missing, without python3, NumPy or statsmodels, unless
/// `TUNEBENCH_REQUIRE_PLUGINS=1` (then it fails).
@Suite struct ProductKernelDensityTests {
    @Test(.python(.numpy, .statsmodels))
    func matchesStatsmodels() throws {
        guard let reference = try ReferenceScript.json("kde_reference.py") else { return }
        let cases = try #require(reference["cases"] as? [[String: Any]])
        #expect(cases.count >= 12)
        var largest = (bandwidth: 0.0, density: 0.0)
        var nonFinite = 0
        for item in cases {
            let name = try #require(item["name"] as? String)
            let letters = try #require(item["var_type"] as? String)
            let variables = try letters.map { try #require(ProductKernelDensity.Variable(rawValue: $0)) }
            let rows = try #require(item["data"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let floor = try ReferenceScript.double(item["floor"])
            let density = ProductKernelDensity(normalReference: rows, variables: variables, minimumBandwidth: floor)
            let bandwidths = try #require(item["bw"] as? [Any]).map(ReferenceScript.double)
            #expect(density.bandwidths.count == bandwidths.count, "\(name): bandwidth count")
            for (ours, theirs) in zip(density.bandwidths, bandwidths) {
                let error = ReferenceScript.relativeError(ours, theirs)
                largest.bandwidth = max(largest.bandwidth, error)
                #expect(error <= 1e-12, "\(name): bandwidth \(ours) against statsmodels' \(theirs)")
            }
            let points = try #require(item["points"] as? [[Any]]).map { try $0.map(ReferenceScript.double) }
            let expected = try #require(item["pdf"] as? [Any]).map(ReferenceScript.double)
            try #require(points.count == expected.count)
            for (point, theirs) in zip(points, expected) {
                let ours = density.density(at: point)
                if !theirs.isFinite {
                    nonFinite += 1
                    #expect(ours.isNaN == theirs.isNaN && (theirs.isNaN || ours == theirs), "\(name) at \(point)")
                    continue
                }
                let error = ReferenceScript.relativeError(ours, theirs)
                largest.density = max(largest.density, error)
                #expect(error <= 1e-12, "\(name) at \(point): \(ours) against statsmodels' \(theirs)")
            }
        }
        #expect(nonFinite == 2)
        print("product-kernel density against statsmodels \(reference["statsmodels"] ?? "?"): \(cases.count) cases, "
            + "largest relative difference \(largest.bandwidth) (bandwidths), \(largest.density) (densities)")
    }

    /// One continuous and one unordered variable, by hand: the Gaussian factor over `h`, and Aitchison–Aitken's
    /// `1 − λ` at the observed category, `λ / (c − 1)` elsewhere, `c` the distinct values in the data.
    @Test func densityIsTheMeanOfProductKernels() {
        let density = ProductKernelDensity(
            rows: [[0.2, 0], [0.6, 1], [0.4, 2]], variables: [.continuous, .unordered], bandwidths: [0.1, 0.3])
        func gaussian(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
        let x = [0.3, 1.0]
        let expected = (gaussian(1) * 0.15 + gaussian(3) * 0.7 + gaussian(1) * 0.15) / 0.1 / 3
        #expect(abs(density.density(at: x) - expected) <= 1e-14 * expected)
        // A category the data never hold still gets λ / (c − 1) from every observation.
        let unseen = (2 * gaussian(1) + gaussian(3)) * 0.15 / 0.1 / 3
        #expect(abs(density.density(at: [0.3, 7]) - unseen) <= 1e-14 * unseen)
    }

    /// `1.06 σ n^(−1/(4+d))` with the population deviation, for every column; the floor lifts a constant column's 0.
    @Test func normalReferenceRuleUsesThePopulationDeviation() {
        let rows: [[Double]] = [[0, 1], [1, 1], [2, 1], [3, 1]]
        let rule = ProductKernelDensity.normalReferenceBandwidths(rows)
        let expected = 1.06 * (1.25).squareRoot() * pow(4, -1.0 / 6)
        #expect(abs(rule[0] - expected) <= 1e-15 * expected && rule[1] == 0)
        let floored = ProductKernelDensity(normalReference: rows, variables: [.continuous, .unordered], minimumBandwidth: 1e-3)
        #expect(floored.bandwidths[1] == 1e-3 && abs(floored.bandwidths[0] - expected) <= 1e-15 * expected)
    }
}
