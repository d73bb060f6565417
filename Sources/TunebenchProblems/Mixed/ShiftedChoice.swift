import Foundation
import TunebenchCore

/// A categorical choice that moves the optimum: a shifted sphere whose centre, depth and preferred integer depend
/// on the choice, over two reals and a log-scale integer.
///
/// ```
/// f(c, x1, x2, n) = o_c + (x1 - s_c1)² + (x2 - s_c2)² + ln²(n / n*_c) / 4
/// ```
///
/// | choice `c` | shift `s_c`  | offset `o_c` | preferred `n*_c` |
/// |------------|--------------|--------------|------------------|
/// | `a`        | (-2, 3)      | 0.5          | 4                |
/// | `b`        | (2.5, -1)    | 0.125        | 64               |
/// | `c`        | (0, -3.5)    | 0.25         | 512              |
/// | `d`        | (4, 4)       | 1            | 2                |
///
/// - Space: `center` categorical {a, b, c, d}; `x1`, `x2` real in `[-5, 5]`; `n` integer in `[1, 1024]`, log
///   scale.
/// - Minimum: `f* = 0.125`, exact: every term after `o_c` is a square, and all of them vanish (exactly, in
///   floating point: `ln(1) = 0`) at `(b, 2.5, -1, 64)`, while the offsets of the other choices are larger.
/// - Minimizer: `center = b, x1 = 2.5, x2 = -1, n = 64`.
///
/// An optimizer must learn that the choice interacts with every other parameter: the best `x` and `n` under one
/// choice are poor under the others. Source: Tunebench's own construction, in the spirit of the shifted
/// functions of the CEC benchmarks (P. N. Suganthan et al., "Problem definitions and evaluation criteria for the
/// CEC 2005 special session on real-parameter optimization", 2005).
public struct ShiftedChoice: KnownMinimizers, Sendable {
    /// The choices of the `center` parameter.
    public static let choices = ["a", "b", "c", "d"]
    /// The shift `s_c` of each choice, as `(x1, x2)`.
    public static let shifts: [(Double, Double)] = [(-2, 3), (2.5, -1), (0, -3.5), (4, 4)]
    /// The offset `o_c` of each choice.
    public static let offsets: [Double] = [0.5, 0.125, 0.25, 1]
    /// The preferred value `n*_c` of the log-scale integer under each choice.
    public static let preferredN: [Int] = [4, 64, 512, 2]

    /// The smallest offset, attained with choice `b`; exact.
    public static let minimum = 0.125

    /// `center`, `x1`, `x2`, `n`, in that order.
    public let space: SearchSpace

    /// ``minimum``.
    public var optimum: Double? { Self.minimum }

    /// `center = b, x1 = 2.5, x2 = -1, n = 64`.
    public var minimizers: [Configuration] {
        [Configuration([.categorical(1), .real(2.5), .real(-1), .integer(64)])]
    }

    /// The shifted-choice problem.
    public init() {
        // The space is fixed and valid; the tests build it.
        space = try! SearchSpace([
            .categorical("center", choices: Self.choices),
            .real("x1", lower: -5, upper: 5),
            .real("x2", lower: -5, upper: 5),
            .integer("n", lower: 1, upper: 1024, scale: .log),
        ])
    }

    /// `o_c + (x1 - s_c1)² + (x2 - s_c2)² + ln²(n / n*_c) / 4`.
    public func evaluate(_ configuration: Configuration) -> Evaluation {
        let c = configuration.choice(0)
        let (s1, s2) = Self.shifts[c]
        let d1 = configuration.real(1) - s1
        let d2 = configuration.real(2) - s2
        let logRatio = log(Double(configuration.integer(3)) / Double(Self.preferredN[c]))
        let y = Self.offsets[c] + d1 * d1 + d2 * d2 + logRatio * logRatio / 4
        return Evaluation(value: y)
    }
}
