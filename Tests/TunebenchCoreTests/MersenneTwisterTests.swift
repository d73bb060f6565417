import Testing
import TunebenchCore

/// ``MersenneTwister`` against NumPy's legacy `RandomState`: the values come from
/// `Tests/Scripts/mersenne_reference.py` (NumPy 2.4.6), and the 10000th word of the default seed from the C++
/// standard.
struct MersenneTwisterTests {
    @Test func wordsAreNumPys() {
        var generator = MersenneTwister(seed: 0)
        #expect((0..<5).map { _ in generator.next32() } == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760, 2_588_848_963])
    }

    /// ISO C++ [rand.predef]: "the 10000th consecutive invocation of a default-constructed object of type mt19937
    /// shall produce the value 4123659995" (default seed 5489).
    @Test func tenThousandthWordIsTheStandards() {
        var generator = MersenneTwister(seed: 5489)
        for _ in 1..<10_000 { _ = generator.next32() }
        #expect(generator.next32() == 4_123_659_995)
    }

    @Test func permutationsAreNumPys() {
        var zero = MersenneTwister(seed: 0)
        #expect(zero.legacyPermutation(10) == [2, 8, 4, 9, 1, 6, 7, 3, 0, 5])
        var digits = MersenneTwister(seed: 0)
        #expect(Array(digits.legacyPermutation(1797).prefix(10)) == [1081, 1707, 927, 713, 262, 182, 303, 895, 933, 1266])
        var other = MersenneTwister(seed: 12345)
        #expect(other.legacyPermutation(7) == [6, 3, 4, 0, 1, 5, 2])
        var single = MersenneTwister(seed: 1)
        #expect(single.legacyPermutation(1) == [0] && single.legacyPermutation(0) == [])
    }
}
