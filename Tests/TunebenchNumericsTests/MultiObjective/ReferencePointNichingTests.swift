import Testing
import TunebenchCore

@testable import TunebenchNumerics

/// NSGA-III's normalisation, association and niching (Deb and Jain 2014, Algorithms 2 to 4) on sets worked by hand.
@Suite struct ReferencePointNichingTests {
    /// (1, 3), (3, 1), (2, 2): ideal (1, 1); the extreme points (2, 0) and (0, 2) after translation span the line
    /// f₁ + f₂ = 2, of intercepts 2 and 2.
    @Test func normalisationDividesByTheExtremePointsIntercepts() {
        let normalized = ReferencePointNiching.normalize([[1, 3], [3, 1], [2, 2]])
        #expect(normalized == [[0, 1], [1, 0], [0.5, 0.5]])
        // Three objectives: the extreme points (4, 0, 0), (0, 2, 0), (0, 0, 1) give intercepts 4, 2, 1.
        let three = ReferencePointNiching.normalize([[4, 0, 0], [0, 2, 0], [0, 0, 1], [2, 1, 0.5]])
        #expect(three == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0.5]])
    }

    /// When one point is extreme on both axes the hyperplane is not formed, and each objective's largest translated
    /// value divides it.
    @Test func degenerateExtremesFallBackToTheNadirPoint() {
        // (0, 0) minimises both achievement functions; the nadir of the translated set is (4, 2).
        let normalized = ReferencePointNiching.normalize([[0, 0], [4, 1], [2, 2]])
        #expect(normalized == [[0, 0], [1, 0.5], [0.5, 1]])
    }

    @Test func associationTakesTheNearestLine() {
        let directions: [[Double]] = [[1, 0], [0, 1], [0.5, 0.5]]
        let diagonal = ReferencePointNiching.nearestDirection([0.3, 0.3], directions)
        #expect(diagonal.direction == 2 && abs(diagonal.distance) < 1e-15)
        let axis = ReferencePointNiching.nearestDirection([0.9, 0.1], directions)
        #expect(axis.direction == 0 && abs(axis.distance - 0.1) < 1e-15)
    }

    /// Kept members sit on the axes; the last front has two points near the diagonal and one near an axis. One place:
    /// the diagonal, whose niche is empty, takes its nearest point.
    @Test func nichingFillsTheEmptiestDirectionFirst() {
        var generator = Xoshiro256StarStar(seed: 3)
        let directions: [[Double]] = [[1, 0], [0, 1], [0.5, 0.5]]
        let kept: [[Double]] = [[0, 1], [1, 0]]
        let lastFront: [[Double]] = [[0.9, 0.2], [0.45, 0.55], [0.5, 0.5]]
        let picked = ReferencePointNiching.survivors(
            kept: kept, lastFront: lastFront, count: 1, directions: directions, using: &generator)
        #expect(picked == [2])
        let all = ReferencePointNiching.survivors(
            kept: kept, lastFront: lastFront, count: 3, directions: directions, using: &generator)
        #expect(all == [0, 1, 2])
        // Two places: the diagonal's nearest first, then a niche of one member (the diagonal's other point or the
        // axis point), never the same point twice.
        let two = ReferencePointNiching.survivors(
            kept: kept, lastFront: lastFront, count: 2, directions: directions, using: &generator)
        #expect(two.count == 2 && two[0] == 2 && Set(two).count == 2)
    }
}
