/// Derives every seed of an experiment from the experiment seed and names, with a hash that is the same on
/// every machine and in every process.
///
/// Swift's `Hasher` is randomly seeded per process, so it must never reach a result; this type is the stable
/// replacement. The derivation is part of the result format: changing it changes every published number, so it
/// is pinned by tests.
///
/// Algorithm: the components are serialised as `seed (8 bytes, little endian)`, then for each component its
/// UTF-8 length (8 bytes, little endian) followed by its UTF-8 bytes; the bytes are hashed with 64-bit FNV-1a
/// (offset basis 0xcbf29ce484222325, prime 0x100000001b3; Fowler, Noll and Vo, IETF draft-eastlake-fnv), and
/// the result is passed through the SplitMix64 finaliser to spread FNV's weak low bits.
public enum SeedDerivation {
    /// A seed derived from `seed` and an ordered list of text components.
    public static func derive(_ seed: UInt64, _ components: [String]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func absorb(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        func absorb(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { absorb(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        absorb(seed)
        for component in components {
            let bytes = Array(component.utf8)
            absorb(UInt64(bytes.count))
            for byte in bytes { absorb(byte) }
        }
        return SplitMix64.mix(hash)
    }

    /// The seed of problem instance `repetition` of the problem labelled `problem`: shared by every optimizer,
    /// so that repetition k compares optimizers on the same instance.
    public static func instanceSeed(experiment seed: UInt64, problem: String, repetition: Int) -> UInt64 {
        derive(seed, ["problem-instance", problem, String(repetition)])
    }

    /// The seed of the optimizer labelled `optimizer` in repetition `repetition` on problem `problem`.
    public static func optimizerSeed(experiment seed: UInt64, optimizer: String, problem: String, repetition: Int)
        -> UInt64
    {
        derive(seed, ["optimizer", optimizer, problem, String(repetition)])
    }
}
