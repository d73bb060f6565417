import Foundation

/// The Michalewicz function with steepness `m = 10`, `d`-dimensional: flat plateaus and narrow valleys, `d!`
/// local minima.
///
/// ```
/// f(x) = -Σ_{i=1}^{d} sin(x_i) sin^{2m}(i x_i² / π),   m = 10
/// ```
///
/// - Domain: `[0, π]^d`.
/// - Dimensions: 2, 5 and 10, those with published minima.
/// - Minimum: d = 2: `-1.80130341009855253...` (published -1.8013); d = 5: `-4.68765817908814625...` (published
///   -4.687658); d = 10: `-9.66015171564134141...` (published -9.66015).
/// - Minimizer: `x_i = coordinateMinimizers[i - 1]` (see ``coordinateMinimizers``); for d = 2 this is
///   `(2.20290552..., π/2)`, as published.
///
/// The function is separable: term `i` depends on `x_i` only, so the minimum is the sum of the minima of the
/// one-dimensional terms `g_i(t) = -sin(t) sin^{20}(i t² / π)` on `[0, π]`, and the minimizer is the vector of
/// their minimizers. Each was found by scanning 2,000,001 equally spaced points of `[0, π]` (numpy), refining every
/// local minimum of the scan with scipy 1.17's bounded scalar minimizer, and solving `g_i'(t) = 0` from the best
/// one in 50-digit arithmetic (mpmath 1.3 `findroot`). For `i = 2, 6, 10` the minimizer is exactly `π/2`, where
/// both sines are ±1 and `g_i = -1`. In every case the runner-up local minimum is at least 0.004 higher.
///
/// Sources: Z. Michalewicz, *Genetic Algorithms + Data Structures = Evolution Programs*, Springer, 1992;
/// S. Surjanovic and D. Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/michal.html
/// (the published minima for d = 2, 5, 10).
public struct Michalewicz: SyntheticFunction {
    /// The dimensions with a published minimum.
    public static let dimensions: [Int] = [2, 5, 10]

    /// The minimizer of the one-dimensional term `g_i`, for `i = 1 ... 10` (computed as described above).
    public static let coordinateMinimizers: [Double] = [
        2.2029055201726093, Double.pi / 2, 1.2849915705529245, 1.9230584698663629, 1.7204697725658413,
        Double.pi / 2, 1.454413971362379, 1.7560865209450263, 1.6557174168210291, Double.pi / 2,
    ]

    /// The minimum of the one-dimensional term `g_i`, for `i = 1 ... 10`, from 50-digit arithmetic (mpmath 1.3).
    public static let coordinateMinima: [Double] = [
        -0.80130341009855253, -1, -0.95909126989600595, -0.93846241847208341, -0.98880108062150436,
        -1, -0.99322713535588160, -0.98287203627221060, -0.99639436492510296, -1,
    ]

    /// The number of coordinates `d`.
    public let dimension: Int

    /// The `d`-dimensional Michalewicz function with `m = 10`.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` when `dimension` is not one
    ///   of ``dimensions``.
    public init(dimension: Int) throws {
        guard Self.dimensions.contains(dimension) else {
            throw ProblemsError.invalidArgument(
                problem: "michalewicz", argument: "dimension", value: "\(dimension)",
                expected: "one of " + Self.dimensions.map(String.init).joined(separator: ", ")
                    + " (the dimensions with a published minimum)")
        }
        self.dimension = dimension
    }

    public var name: String { "michalewicz" }

    public var bounds: [ClosedRange<Double>] { cube(0, Double.pi, dimension: dimension) }

    /// The sum of the first `d` one-dimensional minima, in 50-digit arithmetic (mpmath 1.3), rounded.
    public var minimum: Double {
        switch dimension {
        case 2: return -1.8013034100985525  // -1.80130341009855253271..., published -1.8013 (SFU VLSE)
        case 5: return -4.6876581790881463  // -4.68765817908814625214..., published -4.687658 (SFU VLSE)
        default: return -9.6601517156413414  // -9.66015171564134141347..., published -9.66015 (SFU VLSE)
        }
    }

    /// A symmetry of the box: the function is defined on [0, π]^d only: outside it the sines reach lower values.
    public var instanceScheme: InstanceScheme { .symmetry }

    public var minimizers: [[Double]] { [Array(Self.coordinateMinimizers.prefix(dimension))] }

    /// `-Σ sin(x_i) s_i^20` with `s_i = sin(i x_i² / π)`, the power taken by squaring (`s², s⁴, s⁸, s¹⁶`).
    public func value(_ x: [Double]) -> Double {
        var sum = 0.0
        for (index, xi) in x.enumerated() {
            let s = sin(Double(index + 1) * xi * xi / Double.pi)
            let s2 = s * s
            let s4 = s2 * s2
            let s16 = s4 * s4 * s4 * s4
            sum += sin(xi) * s16 * s4
        }
        return -sum
    }

    public var hasGradient: Bool { true }

    /// The gradient `∂f/∂x_i = -cos(x_i) s_i^20 - (40 i x_i / π) sin(x_i) s_i^19 cos(i x_i² / π)` with
    /// `s_i = sin(i x_i² / π)`, the powers taken by squaring as in ``value(_:)``.
    public func gradient(_ x: [Double], into gradient: inout [Double]) -> Bool {
        for (index, xi) in x.enumerated() {
            let i = Double(index + 1)
            let phase = i * xi * xi / Double.pi
            let s = sin(phase)
            let s2 = s * s
            let s4 = s2 * s2
            let s16 = s4 * s4 * s4 * s4
            gradient[index] = -cos(xi) * s16 * s4 - 40 * i * xi / Double.pi * sin(xi) * s16 * s2 * s * cos(phase)
        }
        return true
    }
}
