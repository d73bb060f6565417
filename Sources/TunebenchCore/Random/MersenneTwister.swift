/// MT19937, the 32-bit Mersenne Twister, seeded and drawn as NumPy's legacy `np.random.RandomState(seed)` does, so that
/// Tunebench can reproduce the permutations of scikit-learn's `train_test_split(..., random_state=seed)`.
///
/// This generator exists for agreement with a reference that fixed its randomness through NumPy: it reaches results
/// only where a protocol names NumPy's stream (``BayesmarkResampling``). Tunebench's own randomness is
/// ``Xoshiro256StarStar``.
///
/// - State and tempering: Matsumoto and Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed uniform
///   pseudo-random number generator", ACM TOMACS 8(1), 1998: 624 words, `N = 624`, `M = 397`, matrix
///   `0x9908B0DF`, tempering masks `0x9D2C5680` and `0xEFC60000`, shifts 11, 7, 15, 18.
/// - Seeding (`init_genrand` of the authors' 2002 reference code, which NumPy's `RandomState(int)` calls for seeds
///   below 2³²): `mt[0] = seed`, `mt[i] = 1812433253 · (mt[i−1] ⊕ (mt[i−1] >> 30)) + i` modulo 2³².
/// - ``legacyPermutation(_:)``: NumPy's `RandomState.permutation(n)`, a Fisher–Yates shuffle of `0..<n` that walks
///   `i` from `n − 1` down to 1 and swaps `i` with `j` drawn uniformly from `0...i` by masked rejection on 32-bit
///   words (`random_interval` in NumPy's `distributions.c`: the smallest all-ones mask covering `i`, redrawn while the
///   masked word exceeds `i`).
public struct MersenneTwister: Sendable, Hashable {
    private var state: [UInt32]
    private var index: Int

    private static let n = 624
    private static let m = 397

    /// The generator of `np.random.RandomState(seed)`.
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.n)
        state[0] = seed
        for i in 1..<Self.n {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        self.state = state
        self.index = Self.n
    }

    /// The next 32-bit word.
    public mutating func next32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A uniform integer in `0...upperBound` by NumPy's masked rejection.
    /// - Precondition: `upperBound` fits in 32 bits (NumPy draws 64-bit words beyond that, which Tunebench never needs).
    public mutating func legacyInterval(_ upperBound: Int) -> Int {
        precondition(upperBound >= 0 && upperBound <= Int(UInt32.max), "interval beyond 32 bits")
        guard upperBound > 0 else { return 0 }
        var mask = UInt32(upperBound)
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while true {
            let value = next32() & mask
            if value <= UInt32(upperBound) { return Int(value) }
        }
    }

    /// `np.random.RandomState(seed).permutation(n)`: a shuffle of `0..<n`.
    public mutating func legacyPermutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        var i = n - 1
        while i >= 1 {
            let j = legacyInterval(i)
            values.swapAt(i, j)
            i -= 1
        }
        return values
    }

    /// Regenerates the 624 words (the twist of the 1998 paper).
    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7FFF_FFFF
        for i in 0..<Self.n {
            let y = (state[i] & upper) | (state[(i + 1) % Self.n] & lower)
            var next = state[(i + Self.m) % Self.n] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_B0DF }
            state[i] = next
        }
        index = 0
    }
}
