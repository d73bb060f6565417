import Foundation

/// The two random generators of the BBOB-2009 code, from which COCO still draws every bbob instance: a uniform
/// generator and a Gaussian one built on it. Both are pure functions of an integer seed, so an instance is the same
/// on every machine.
///
/// - Uniform: the "minimal standard" multiplicative congruential generator `s ← 16807 s mod (2³¹ − 1)`
///   (Park and Miller 1988) in Schrage's overflow-free form, behind a Bays–Durham shuffle table of 32 entries
///   (Numerical Recipes' `ran1`). The seed is made positive and at least 1, the generator is warmed up by 40 steps
///   whose last 32 fill the table, and each output is a table entry divided by 2.147483647e9 (an exact 0 becomes
///   1e-99).
/// - Gaussian: Box–Muller on `2n` uniforms, `g_i = √(−2 ln u_i) · cos(2π u_{n+i})` (an exact 0 becomes 1e-99).
///
/// Facts from N. Hansen, S. Finck, R. Ros and A. Auger, "Real-parameter black-box optimization benchmarking 2009:
/// noiseless functions definitions", INRIA research report RR-6829, 2009, and from coco-experiment 2.8.2,
/// `src/suite_bbob_legacy_code.c` (`bbob2009_unif`, `bbob2009_gauss`), whose arithmetic is reproduced operation
/// for operation so that the numbers are bit-identical.
enum BBOBLegacyRandom {
    /// `count` uniform numbers in (0, 1) from `seed` (COCO's `bbob2009_unif`).
    ///
    /// - Parameters:
    ///   - count: how many numbers to draw.
    ///   - seed: any integer; its absolute value is used, and 1 in place of 0. Seeds up to about 10¹⁴ keep every
    ///     intermediate within 64 bits (bbob's seeds are below 2·10¹⁰).
    /// - Complexity: O(`count`).
    static func uniform(count: Int, seed: Int) -> [Double] {
        var state = max(1, abs(seed))
        // One step of s ← 16807 s mod (2³¹ − 1) by Schrage's method (127773 = ⌊m / a⌋, 2836 = m mod a).
        func advance() {
            let quotient = Int((Double(state) / 127773).rounded(.down))
            state = 16807 * (state - quotient * 127773) - 2836 * quotient
            if state < 0 { state += 2_147_483_647 }
        }
        var table = [Int](repeating: 0, count: 32)
        for step in stride(from: 39, through: 0, by: -1) {
            advance()
            if step < 32 { table[step] = state }
        }
        var last = table[0]
        var numbers = [Double](repeating: 0, count: count)
        for index in 0..<count {
            advance()
            // 67108865 = ⌈2³¹ / 32⌉: the previous output picks the table entry to hand out and replace.
            let slot = Int((Double(last) / 67_108_865).rounded(.down))
            last = table[slot]
            table[slot] = state
            let number = Double(last) / 2.147483647e9
            numbers[index] = number == 0 ? 1e-99 : number
        }
        return numbers
    }

    /// `count` standard normal numbers from `seed` (COCO's `bbob2009_gauss`): Box–Muller on `uniform(2 count)`.
    ///
    /// - Complexity: O(`count`).
    static func gaussian(count: Int, seed: Int) -> [Double] {
        let uniforms = uniform(count: 2 * count, seed: seed)
        return (0..<count).map { index in
            let number = (-2 * log(uniforms[index])).squareRoot() * cos(2 * Double.pi * uniforms[count + index])
            return number == 0 ? 1e-99 : number
        }
    }
}
