import Testing
import TunebenchNumerics

struct LatinHypercubeTests {
    @Test(arguments: [1, 2, 3, 7, 100, 1000])
    func everyStratumOfEveryCoordinateHoldsOnePoint(count: Int) throws {
        var generator = SplitMix64(state: UInt64(count))
        let points = try LatinHypercube(dimension: 5).points(count: count, using: &generator)
        #expect(points.count == count)
        #expect(points.allSatisfy { $0.count == 5 && $0.allSatisfy { (0..<1).contains($0) } })
        for j in 0..<5 {
            #expect(Self.strata(points.map { $0[j] }, count: count).sorted() == Array(0..<count), "coordinate \(j + 1)")
        }
    }

    @Test func jitterNearOneStaysInsideItsStratum() throws {
        // With u = 1 - 2^-53, (k + u) rounds to k + 1 for k >= 1; the point must still stay below (k + 1) / n.
        var generator = Replay(words: [.max])
        for count in [2, 3, 10, 1000] {
            let points = try LatinHypercube(dimension: 2).points(count: count, using: &generator)
            #expect(points.allSatisfy { $0.allSatisfy { (0..<1).contains($0) } })
            for j in 0..<2 {
                #expect(Self.strata(points.map { $0[j] }, count: count).sorted() == Array(0..<count))
            }
        }
    }

    @Test func centredPointsSitAtStratumCentres() throws {
        var generator = SplitMix64(state: 4)
        let count = 16
        let design = try LatinHypercube(dimension: 3, centered: true)
        #expect(design.isCentered)
        let points = try design.points(count: count, using: &generator)
        for j in 0..<3 {
            let xs = points.map { $0[j] }
            #expect(Self.strata(xs, count: count).sorted() == Array(0..<count))
            // (k + 1/2) / 16 is exact in binary floating point.
            #expect(xs.sorted() == (0..<count).map { (Double($0) + 0.5) / Double(count) })
        }
    }

    @Test func sameSeedGivesSameDesign() throws {
        var first = SplitMix64(state: 77)
        var second = SplitMix64(state: 77)
        let design = try LatinHypercube(dimension: 4)
        let a = try design.points(count: 50, using: &first)
        let b = try design.points(count: 50, using: &second)
        #expect(a.map { $0.map(\.bitPattern) } == b.map { $0.map(\.bitPattern) })
    }

    @Test func differentSeedsGiveDifferentDesigns() throws {
        var first = SplitMix64(state: 1)
        var second = SplitMix64(state: 2)
        let design = try LatinHypercube(dimension: 4)
        let a = try design.points(count: 50, using: &first)
        let b = try design.points(count: 50, using: &second)
        for j in 0..<4 { #expect(a.map { $0[j].bitPattern } != b.map { $0[j].bitPattern }) }
    }

    @Test func coordinatesArePermutedIndependently() throws {
        var generator = SplitMix64(state: 12)
        let points = try LatinHypercube(dimension: 3).points(count: 200, using: &generator)
        let strata = (0..<3).map { j in Self.strata(points.map { $0[j] }, count: 200) }
        #expect(strata[0] != strata[1] && strata[1] != strata[2] && strata[0] != strata[2])
        #expect(strata[0] != Array(0..<200))
    }

    @Test func invalidDimensionOrCountThrows() throws {
        let badDimension = NumericsError.dimensionOutOfRange(
            design: "LatinHypercube",
            dimension: 0,
            supported: 1...Int.max
        )
        #expect(throws: badDimension) { _ = try LatinHypercube(dimension: 0) }
        #expect(badDimension.description.contains("1..."))
        var generator = SplitMix64(state: 1)
        let design = try LatinHypercube(dimension: 2)
        let error = NumericsError.pointCountOutOfRange(design: "LatinHypercube", count: 0, supported: 1...Int.max)
        #expect(throws: error) { _ = try design.points(count: 0, using: &generator) }
        #expect(error.description.contains("point count 0"))
        #expect(error.description.contains("at least 1 point"))
    }

    /// The stratum of each value: the `k` with `k / n <= x < (k + 1) / n`, both bounds computed in floating point.
    private static func strata(_ xs: [Double], count: Int) -> [Int] {
        let n = Double(count)
        return xs.map { x in
            var k = Int(x * n)
            while k > 0 && Double(k) / n > x { k -= 1 }
            while Double(k + 1) / n <= x { k += 1 }
            return k
        }
    }
}
