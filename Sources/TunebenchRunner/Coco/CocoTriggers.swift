import Foundation

// The logging triggers of COCO's bbob logger, with its default observer options: 20 logarithmic targets per decade
// down to a precision of 1e-8, linear targets in steps of 1e5, and evaluation triggers at 20 counts per decade
// plus dimension x {1, 2, 5} x 10^k. Facts from numbbo/coco-experiment 2.8 (`src/coco_observer.c`,
// `src/logger_bbob.c`, `src/coco_utilities.c`); the code is Tunebench's.

/// The target-based trigger of COCO's `.dat` files: fires when the best value's distance to the optimum, `Δf`,
/// reaches a target not reached before.
///
/// Two target sets, either of which fires (`coco_observer_targets_trigger`):
/// - logarithmic, `20` per decade: `Δf ≥ 0` fires when `ceil(20 log10 v)` falls below every earlier exponent, where
///   `v` is `Δf`, or `1e-8` when `0 < Δf < 1e-8`, or `1e-9` when `Δf = 0` (so that 0 is a target of its own); a
///   negative `Δf` (an optimum that was not the minimum) uses `floor(20 log10 |Δf|)` on an exponent scale that keeps
///   decreasing below the positive one;
/// - linear, in steps of `1e5`: fires when `Δf` rounded up to a multiple of `1e5` is below every earlier one.
public struct CocoTargetTrigger: Sendable, Equatable {
    /// Targets per decade of the logarithmic set (COCO's `OBSERVER_DEFAULT_NUMBER_OF_TARGET_TRIGGERS`).
    public static let targetsPerDecade = 20
    /// The smallest logarithmic target (COCO's `log_target_precision`).
    public static let precision = 1e-8
    /// The step of the linear targets (COCO's `lin_target_precision`).
    public static let linearStep = 1e5

    private var exponent = Int.max
    private var logarithmicTarget = Double.greatestFiniteMagnitude
    private var linearTarget = Double.greatestFiniteMagnitude

    public init() {}

    /// The last target reached, the lower of the two sets' (`coco_observer_targets_get_last_target`): a logarithmic
    /// target is `10^(e/20)` for its exponent `e`, `0` when `Δf = 0`, and `−10^(e/20)` (with `e` from the floor)
    /// for a negative `Δf`; `Double.greatestFiniteMagnitude` before any.
    public var lastTarget: Double { min(linearTarget, logarithmicTarget) }

    /// Whether `deltaF` reaches a new target; records it when it does.
    public mutating func fires(_ deltaF: Double) -> Bool {
        let logarithmic = firesLogarithmic(deltaF)
        let linear = firesLinear(deltaF)
        return logarithmic || linear
    }

    private mutating func firesLogarithmic(_ deltaF: Double) -> Bool {
        let n = Double(Self.targetsPerDecade)
        let candidate: Int
        if deltaF >= 0 {
            let verified = deltaF == 0 ? Self.precision / 10 : max(deltaF, Self.precision)
            candidate = Int((log10(verified) * n).rounded(.up))
            guard candidate < exponent else { return false }
            exponent = candidate
            logarithmicTarget = deltaF == 0 ? 0 : pow(10, Double(candidate) / n)
            return true
        } else {
            let verified = deltaF > -Self.precision ? Self.precision : -deltaF
            let current = Int((log10(verified) * n).rounded(.down))
            candidate = 2 * Int((log10(Self.precision / 10) * n).rounded(.up)) - current - 1
            guard candidate < exponent else { return false }
            exponent = candidate
            logarithmicTarget = -pow(10, Double(current) / n)
            return true
        }
    }

    private mutating func firesLinear(_ deltaF: Double) -> Bool {
        let reached = Self.roundedUp(deltaF, step: Self.linearStep)
        guard reached < linearTarget else { return false }
        linearTarget = reached
        return true
    }

    /// `x` rounded up to a multiple of `step`, or to the nearest multiple when `x` is within `1e-12` of it
    /// (`coco_double_round_up_with_precision`, where rounding to nearest is `floor(y + 0.5)`).
    static func roundedUp(_ x: Double, step: Double) -> Double {
        let up = (x / step).rounded(.up) * step
        let nearest = (x / step + 0.5).rounded(.down) * step
        if abs(nearest - up) < step { return up }
        return abs(x - nearest) < 1e-12 ? nearest : up
    }
}

/// The evaluation-count trigger of COCO's `.tdat` files: fires at evaluation counts `floor(10^(k/20))` for
/// `k = 0, 1, ...` (1, 2, 3, ..., 8, 10, 11, 12, 14, ...) and at `d · b · 10^k` for `b` in {1, 2, 5}
/// (`coco_observer_evaluations_trigger`).
///
/// Each of the two sequences moves on by one step when the count reaches its next value, as COCO's does, so a
/// caller must present every count in order (as a run does).
public struct CocoEvaluationTrigger: Sendable, Equatable {
    /// Counts per decade of the first sequence (COCO's `OBSERVER_DEFAULT_NUMBER_OF_EVALUATION_TRIGGERS`).
    public static let countsPerDecade = 20
    /// The bases of the second sequence (COCO's default `base_evaluation_triggers`, "1,2,5").
    public static let bases = [1, 2, 5]

    private let dimension: Int
    private var next1 = 1
    private var exponent1 = 0
    private var next2: Int
    private var exponent2 = 0
    private var baseIndex = 0

    /// The trigger of a problem with `dimension` variables.
    public init(dimension: Int) {
        self.dimension = dimension
        next2 = dimension * Self.bases[0]
    }

    /// Whether evaluation `count` (from 1) is logged; moves the sequences on when it is.
    public mutating func fires(_ count: Int) -> Bool {
        let first = firesFirst(count)
        let second = firesSecond(count)
        return first || second
    }

    private static func power(_ k: Int) -> Int {
        // `coco_double_to_size_t(floor(pow(10, k / 20)))`: floor, then COCO's rounding of an integral value.
        Int(pow(10, Double(k) / Double(countsPerDecade)).rounded(.down))
    }

    private mutating func firesFirst(_ count: Int) -> Bool {
        guard count >= next1 else { return false }
        while Self.power(exponent1) <= next1 { exponent1 += 1 }
        next1 = Self.power(exponent1)
        return true
    }

    private mutating func firesSecond(_ count: Int) -> Bool {
        guard count >= next2 else { return false }
        if baseIndex < Self.bases.count - 1 {
            baseIndex += 1
        } else {
            baseIndex = 0
            exponent2 += 1
        }
        next2 = Int((pow(10, Double(exponent2)) * Double(dimension) * Double(Self.bases[baseIndex]) + 0.5).rounded(.down))
        return true
    }
}
