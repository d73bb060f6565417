import TunebenchCore
import TunebenchNumerics

/// One seeded instance of a ``SyntheticFunction``: the map from the box's points `x` to the function's
/// coordinates `z` that ``InstanceScheme`` describes, drawn from an instance seed.
///
/// The instance's value at `x` is `f(z(x))`. Its minimizers are the points the map sends to the function's
/// published minimizers (those inside the box), and its minimum is the function's.
public struct SyntheticInstance: Sendable, Equatable {
    /// The scheme the instance was drawn from.
    public let scheme: InstanceScheme
    /// `shift`: the instance's minimizer `m`, the image of the function's first minimizer.
    public let center: [Double]
    /// `shift`: the function's first published minimizer `c`.
    public let anchor: [Double]
    /// `shift` with rotation: the row-major `d x d` orthogonal matrix `Q`; empty for no rotation.
    public let rotation: [Double]
    /// `symmetry`: `z[permutation[i]]` is computed from `x[i]`.
    public let permutation: [Int]
    /// `symmetry`: whether coordinate `i` is reflected, `z = l + u - x_i`.
    public let reflected: [Bool]
    /// `symmetry`: `l_i + u_i` for each coordinate of the box.
    public let sums: [Double]

    /// The instance of `function` for instance seed `seed`.
    ///
    /// Draws, from a generator seeded with `SeedDerivation.derive(seed, ["synthetic-instance"])`: for `shift`, the
    /// coordinates of `m` (uniform in the middle 80% of each side) and then, when rotated, `Q`
    /// (``RandomRotation``); for `symmetry`, one reflection bit per coordinate (`nextUnit() < 0.5`) and then the
    /// permutation (Fisher-Yates).
    public init<Function: SyntheticFunction>(_ function: Function, seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["synthetic-instance"]))
        let bounds = function.bounds
        let d = bounds.count
        scheme = function.instanceScheme
        switch scheme {
        case .shift(let rotated):
            anchor = function.minimizers[0]
            center = bounds.map { range in
                let width = range.upperBound - range.lowerBound
                return generator.nextUniform(range.lowerBound + 0.1 * width, range.upperBound - 0.1 * width)
            }
            rotation = rotated && d > 1 ? RandomRotation.draw(dimension: d, using: &generator) : []
            permutation = []
            reflected = []
            sums = []
        case .symmetry:
            reflected = (0..<d).map { _ in generator.nextUnit() < 0.5 }
            permutation = generator.permutation(d)
            sums = bounds.map { $0.lowerBound + $0.upperBound }
            center = []
            anchor = []
            rotation = []
        }
    }

    /// Writes `z(x)` into `z`.
    /// - Complexity: `O(d)` without rotation, `O(d²)` with; no allocation.
    @inlinable
    public func map(_ x: [Double], into z: inout [Double]) {
        switch scheme {
        case .shift:
            let d = x.count
            if rotation.isEmpty {
                for i in 0..<d { z[i] = (x[i] - center[i]) + anchor[i] }
            } else {
                rotation.withUnsafeBufferPointer { q in
                    for i in 0..<d {
                        var sum = 0.0
                        for j in 0..<d { sum += q[i * d + j] * (x[j] - center[j]) }
                        z[i] = sum + anchor[i]
                    }
                }
            }
        case .symmetry:
            for i in x.indices { z[permutation[i]] = reflected[i] ? sums[i] - x[i] : x[i] }
        }
    }

    /// The gradient with respect to `x` from the gradient `gz` with respect to `z`, written into `gx`:
    /// `Qᵀ gz` for a shift, `±gz[π(i)]` for a symmetry.
    public func pullBack(_ gz: [Double], into gx: inout [Double]) {
        switch scheme {
        case .shift:
            let d = gz.count
            if rotation.isEmpty {
                for i in 0..<d { gx[i] = gz[i] }
            } else {
                for j in 0..<d {
                    var sum = 0.0
                    for i in 0..<d { sum += rotation[i * d + j] * gz[i] }
                    gx[j] = sum
                }
            }
        case .symmetry:
            for i in gz.indices { gx[i] = reflected[i] ? -gz[permutation[i]] : gz[permutation[i]] }
        }
    }

    /// The point of the box that the map sends to `c`, a point of the function's coordinates.
    ///
    /// For a shift, `m + Qᵀ (c - c₀)` (exactly `m` for the first minimizer `c₀`); for a symmetry, `x_i` from
    /// `c[π(i)]`, reflected back when coordinate `i` is.
    public func preimage(_ c: [Double]) -> [Double] {
        switch scheme {
        case .shift:
            let d = c.count
            let offset = (0..<d).map { c[$0] - anchor[$0] }
            var x = center
            if offset.allSatisfy({ $0 == 0 }) { return x }
            var pulled = [Double](repeating: 0, count: d)
            pullBack(offset, into: &pulled)
            for i in 0..<d { x[i] += pulled[i] }
            return x
        case .symmetry:
            return c.indices.map { i in reflected[i] ? sums[i] - c[permutation[i]] : c[permutation[i]] }
        }
    }
}
