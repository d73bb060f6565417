/// The project's random number generator: xoshiro256** with its state expanded from a 64-bit seed by SplitMix64.
///
/// Every random number that reaches a result comes from one of these, built from a seed derived with
/// ``SeedDerivation``; nothing uses `SystemRandomNumberGenerator`. The generator is a value type: copying it
/// copies the stream.
///
/// Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
/// 2021; algorithm as in https://prng.di.unimi.it/xoshiro256starstar.c.
///
/// Draw numbers with the variates of `TunebenchNumerics` (`nextUnit()`, `nextIndex(below:)`,
/// `nextGaussian()`), whose algorithms are fixed by this project, rather than the standard library's
/// `random(in:using:)`, whose algorithm may change between Swift releases.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose state is the first four outputs of SplitMix64 seeded with `seed` (Vigna's recommended
    /// seeding; it never yields the all-zero state for practical purposes).
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        self.init(state: (mixer.next(), mixer.next(), mixer.next(), mixer.next()))
    }

    /// A generator with an explicit state, for reference tests. The state must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** needs a non-zero state")
        (s0, s1, s2, s3) = state
    }

    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedLeft(by k: UInt64) -> UInt64 {
        (self << k) | (self >> (64 - k))
    }
}
