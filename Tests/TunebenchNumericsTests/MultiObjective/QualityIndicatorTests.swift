import Testing

@testable import TunebenchNumerics

/// The indicators on the examples published with their definitions, and Pareto dominance by hand.
@Suite struct QualityIndicatorTests {
    /// Ishibuchi et al. 2015's example 4 as moocore documents it: A = {(4, 2), (3, 3), (2, 4)} is better than
    /// B = {(8, 2), (4, 4), (2, 8)} in Pareto terms, IGD says the opposite, IGD+ agrees.
    @Test func igdPlusIsParetoCompliantWhereIGDIsNot() {
        let reference: [[Double]] = [[10, 0], [6, 1], [2, 2], [1, 6], [0, 10]]
        let a: [[Double]] = [[4, 2], [3, 3], [2, 4]]
        let b: [[Double]] = [[8, 2], [4, 4], [2, 8]]
        #expect(QualityIndicators.igd(a, reference: reference) > QualityIndicators.igd(b, reference: reference))
        #expect(QualityIndicators.igdPlus(a, reference: reference) < QualityIndicators.igdPlus(b, reference: reference))
    }

    /// moocore's documented values for `dat` against `ref` (its igd_plus and epsilon_additive examples).
    @Test func moocoresDocumentedExample() {
        let points: [[Double]] = [[3.5, 5.5], [3.6, 4.1], [4.1, 3.2], [5.5, 1.5]]
        let reference: [[Double]] = [[1, 6], [2, 5], [3, 4], [4, 3], [5, 2], [6, 1]]
        #expect(abs(QualityIndicators.igd(points, reference: reference) - 1.0627908666722465) < 1e-15)
        #expect(abs(QualityIndicators.igdPlus(points, reference: reference) - 0.9855036468106652) < 1e-15)
        #expect(QualityIndicators.additiveEpsilon(points, reference: reference) == 2.5)
    }

    @Test func aSetEqualToItsReferenceScoresZero() {
        let front: [[Double]] = [[0, 1], [0.5, 0.5], [1, 0]]
        #expect(QualityIndicators.igd(front, reference: front) == 0)
        #expect(QualityIndicators.igdPlus(front, reference: front) == 0)
        #expect(QualityIndicators.additiveEpsilon(front, reference: front) == 0)
    }

    @Test func dominanceAndSorting() {
        #expect(ParetoDominance.dominates([1, 2], [1, 3]))
        #expect(!ParetoDominance.dominates([1, 2], [1, 2]))
        #expect(!ParetoDominance.dominates([1, 3], [2, 2]))
        let points: [[Double]] = [[1, 3], [2, 2], [3, 1], [2, 2], [3, 3], [4, 4], [1, 3.5]]
        #expect(ParetoDominance.isNondominated(points) == [true, true, true, false, false, false, false])
        #expect(ParetoDominance.ranks(points) == [0, 0, 0, 0, 1, 2, 1])
    }
}
