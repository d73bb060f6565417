import Testing

@testable import TunebenchNumerics

/// The exact hypervolume on sets whose volume is known in closed form, and against the inclusion–exclusion formula
/// on small random sets of every supported dimension (the formula is exact and shares nothing with the sweeps).
@Suite struct HypervolumeTests {
    @Test func emptyAndOutsideSetsHaveNoVolume() {
        #expect(Hypervolume.exact([], reference: [1, 1]) == 0)
        // On the reference point's faces and beyond it.
        #expect(Hypervolume.exact([[1, 0], [0, 1], [2, -1]], reference: [1, 1]) == 0)
        #expect(Hypervolume.exact([[1, 0, 0, 0]], reference: [1, 1, 1, 1]) == 0)
    }

    @Test func onePointIsABox() {
        #expect(Hypervolume.exact([[0.25]], reference: [1]) == 0.75)
        #expect(Hypervolume.exact([[0.5, 0.25]], reference: [1, 1]) == 0.375)
        #expect(Hypervolume.exact([[0.5, 0.25, 0]], reference: [1, 1, 2]) == 0.75)
        #expect(Hypervolume.exact([[0.5, 0.5, 0.5, 0.5]], reference: [1, 1, 1, 1]) == 0.0625)
        #expect(Hypervolume.exact([[0.5, 0.5, 0.5, 0.5, 0.5]], reference: [1, 1, 1, 1, 1]) == 0.03125)
    }

    /// The staircase {(i/n, 1 − (i+1)/n)}: in two objectives its area with r = (1, 1) is Σ (1 − i/n)/n.
    @Test func twoObjectiveStaircase() {
        let n = 8
        let points = (0..<n).map { [Double($0) / Double(n), 1 - Double($0 + 1) / Double(n)] }
        let expected = (0..<n).reduce(0.0) { $0 + (1 - Double($1) / Double(n)) / Double(n) }
        #expect(abs(Hypervolume.exact(points.reversed(), reference: [1, 1]) - expected) < 1e-15)
    }

    /// Duplicates and dominated points change nothing.
    @Test func duplicatesAndDominatedPointsAddNothing() {
        for m in 2...5 {
            var generator = SplitMix(seed: UInt64(m))
            let points = (0..<12).map { _ in (0..<m).map { _ in generator.uniform() } }
            let reference = [Double](repeating: 1.2, count: m)
            let volume = Hypervolume.exact(points, reference: reference)
            let padded = points + points.reversed() + points.map { $0.map { $0 + 0.01 } }
            #expect(abs(Hypervolume.exact(padded, reference: reference) - volume) <= 1e-14 * volume, "m = \(m)")
        }
    }

    /// Against inclusion–exclusion, HV = Σ_{∅ ≠ S ⊆ A} (−1)^{|S|+1} Π_i (r_i − max_{a ∈ S} a_i), on 1,000 sets of
    /// up to 10 points of 2 to 6 objectives with ties (coordinates on a grid of tenths).
    @Test func equalsInclusionExclusion() {
        var generator = SplitMix(seed: 99)
        var largest = 0.0
        for trial in 0..<1000 {
            let m = 2 + trial % 5
            let n = 1 + Int(generator.uniform() * 10)
            let points = (0..<n).map { _ in (0..<m).map { _ in (generator.uniform() * 10).rounded(.down) / 10 } }
            let reference = [Double](repeating: 1, count: m)
            var expected = 0.0
            for subset in 1..<(1 << n) {
                var corner = [Double](repeating: -.infinity, count: m)
                for index in 0..<n where subset & (1 << index) != 0 {
                    for i in 0..<m { corner[i] = max(corner[i], points[index][i]) }
                }
                let box = zip(reference, corner).reduce(1.0) { $0 * max(0, $1.0 - $1.1) }
                expected += subset.nonzeroBitCount % 2 == 1 ? box : -box
            }
            let volume = Hypervolume.exact(points, reference: reference)
            largest = max(largest, abs(volume - expected))
            #expect(abs(volume - expected) <= 1e-12, "trial \(trial): m = \(m), n = \(n)")
        }
        #expect(largest <= 1e-12)
    }

    /// A small deterministic generator for the tests' sets.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
        }
    }
}

/// The rank set's queries against a sorted array, through random insertions and removals across three levels.
@Suite struct RankSetTests {
    @Test func predecessorsAndSuccessorsMatchASortedArray() {
        for capacity in [1, 63, 64, 65, 4096, 4097, 300_000] {
            let set = RankSet(capacity: capacity)
            var members: Set<Int> = []
            var generator = HypervolumeTests.SplitMix(seed: UInt64(capacity))
            for step in 0..<3000 {
                let value = Int(generator.uniform() * Double(capacity))
                if step % 3 == 2 {
                    set.remove(value)
                    members.remove(value)
                } else {
                    set.insert(value)
                    members.insert(value)
                }
                let probe = Int(generator.uniform() * Double(capacity + 2)) - 1
                #expect(set.predecessor(probe) == members.filter { $0 < probe }.max(), "capacity \(capacity)")
                #expect(set.successor(probe) == members.filter { $0 > probe }.min(), "capacity \(capacity)")
                #expect(set.contains(value) == members.contains(value))
            }
        }
    }
}
