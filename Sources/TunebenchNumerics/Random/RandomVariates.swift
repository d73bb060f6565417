// Random variates with algorithms fixed by this project.
//
// The standard library's `Double.random(in:using:)` and `shuffle(using:)` are not specified to keep their
// algorithms across releases; results must not change when the toolchain does, so every draw that reaches a
// result goes through these functions instead.

import Foundation

extension RandomNumberGenerator {
    /// A uniform double in `[0, 1)`: the top 53 bits of one 64-bit output, times 2^-53.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `(0, 1)`: `(k + 1/2) 2^-52` for the top 52 bits `k`, never 0 or 1 (with 53 bits the
    /// largest value, `1 - 2^-54`, would round to 1).
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// A uniform double in `[lower, upper)`.
    @inlinable
    public mutating func nextUniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUnit()
    }

    /// A uniform integer in `0..<n` without modulo bias.
    ///
    /// Lemire's multiply-and-reject method: the high word of `x * n` is uniform once the low word is at least
    /// `2^64 mod n` (D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019).
    /// - Precondition: `n > 0`.
    @inlinable
    public mutating func nextIndex(below n: Int) -> Int {
        precondition(n > 0, "nextIndex(below:) needs a positive bound")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// A standard normal variate by the Box-Muller transform, `sqrt(-2 ln u1) cos(2 pi u2)` with `u1` in `(0, 1)`
    /// (G. E. P. Box and M. E. Muller, Ann. Math. Statist. 29(2), 1958). One variate per two uniforms, so that
    /// the generator carries no cached state.
    @inlinable
    public mutating func nextGaussian() -> Double {
        let u1 = nextOpenUnit()
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Shuffles `elements` in place with the Fisher-Yates algorithm (Durstenfeld's version), drawing
    /// `nextIndex(below: i + 1)` for `i` from the last index down to 1.
    @inlinable
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            let j = nextIndex(below: i + 1)
            if i != j { elements.swapAt(i, j) }
        }
    }

    /// A random permutation of `0..<n`.
    @inlinable
    public mutating func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        shuffle(&indices)
        return indices
    }
}
