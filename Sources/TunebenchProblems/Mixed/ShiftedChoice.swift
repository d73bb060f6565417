import Foundation
import TunebenchCore
import TunebenchNumerics

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
/// choice are poor under the others.
///
/// Seeded instances (``init(seed:)``, the registry's default) draw each choice's shift uniformly in `[-4, 4]²`
/// (the middle 80% of the box, as COCO's instances), its preferred `n*_c` log-uniformly among the integers of
/// `[2, 512]`, and permute the offsets among the choices; the minimum stays `0.125`, exact, at the instance's
/// preferred values of the choice that draws offset `0.125`. The table above is the canonical instance. Source: Tunebench's own construction, in the spirit of the shifted
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

    /// The smallest offset, attained with choice `b` in the canonical instance; exact.
    public static let minimum = 0.125

    /// `center`, `x1`, `x2`, `n`, in that order.
    public let space: SearchSpace

    /// ``minimum``.
    public var optimum: Double? { Self.minimum }

    /// The instance's shift of each choice.
    public let shifts: [(Double, Double)]
    /// The instance's offset of each choice.
    public let offsets: [Double]
    /// The instance's preferred `n` of each choice.
    public let preferredN: [Int]

    /// The choice with offset ``minimum`` at its shift and preferred `n`: `center = b, x1 = 2.5, x2 = -1, n = 64`
    /// in the canonical instance.
    public var minimizers: [Configuration] {
        let c = offsets.firstIndex(of: Self.minimum)!
        return [Configuration([.categorical(c), .real(shifts[c].0), .real(shifts[c].1), .integer(preferredN[c])])]
    }

    /// The canonical shifted-choice problem (the table of the type's documentation).
    public init() {
        self.init(shifts: Self.shifts, offsets: Self.offsets, preferredN: Self.preferredN)
    }

    /// The seeded instance for instance seed `seed`: from a generator seeded with
    /// `SeedDerivation.derive(seed, ["shifted-choice-instance"])`, for each choice in order its shift's two
    /// coordinates (`nextUniform(-4, 4)`) and its preferred `n` (`round(2^nextUniform(1, 9))`), then the permutation
    /// of the offsets.
    public init(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["shifted-choice-instance"]))
        var shifts: [(Double, Double)] = []
        var preferredN: [Int] = []
        for _ in Self.choices {
            let s1 = generator.nextUniform(-4, 4)
            let s2 = generator.nextUniform(-4, 4)
            shifts.append((s1, s2))
            preferredN.append(Int(exp2(generator.nextUniform(1, 9)).rounded()))
        }
        let order = generator.permutation(Self.offsets.count)
        self.init(shifts: shifts, offsets: order.map { Self.offsets[$0] }, preferredN: preferredN)
    }

    private init(shifts: [(Double, Double)], offsets: [Double], preferredN: [Int]) {
        self.shifts = shifts
        self.offsets = offsets
        self.preferredN = preferredN
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
        let (s1, s2) = shifts[c]
        let d1 = configuration.real(1) - s1
        let d2 = configuration.real(2) - s2
        let logRatio = log(Double(configuration.integer(3)) / Double(preferredN[c]))
        let y = offsets[c] + d1 * d1 + d2 * d2 + logRatio * logRatio / 4
        return Evaluation(value: y)
    }
}
