import Foundation
import TunebenchCore

/// A parameter as the Parzen estimators of ``TPEOptimizer`` see it: a value on the real line (reals in their
/// scale, log scales in logarithms, integers widened by half a step) or a choice index.
///
/// | parameter | kernel | domain `[lo, hi]` | observation |
/// |---|---|---|---|
/// | real, linear | truncated normal | `[lower, upper]` | `x` |
/// | real, log | truncated normal | `[ln lower, ln upper]` | `ln x` |
/// | integer, linear | mass of the cell `[k − ½, k + ½]` | `[lower − ½, upper + ½]` | `k` |
/// | integer, log | mass of the cell `[ln(k − ½), ln(k + ½)]` | `[ln(lower − ½), ln(upper + ½)]` | `ln k` |
/// | categorical | smoothed one-hot | | choice index |
///
/// (Optuna 5.0.0, `optuna/samplers/_tpe/parzen_estimator.py`, `_calculate_numerical_distributions`.)
enum ParzenDomain: Sendable, Hashable {
    case continuous(lo: Double, hi: Double, log: Bool, lower: Double, upper: Double)
    case integer(lower: Int, upper: Int, lo: Double, hi: Double, log: Bool)
    case categorical(count: Int)

    init(_ domain: Parameter.Domain) {
        switch domain {
        case .real(let lower, let upper, let scale):
            self = scale == .log ? .continuous(lo: log(lower), hi: log(upper), log: true, lower: lower, upper: upper)
                : .continuous(lo: lower, hi: upper, log: false, lower: lower, upper: upper)
        case .integer(let lower, let upper, let scale):
            let (a, b) = (Double(lower) - 0.5, Double(upper) + 0.5)
            self = scale == .log ? .integer(lower: lower, upper: upper, lo: log(a), hi: log(b), log: true)
                : .integer(lower: lower, upper: upper, lo: a, hi: b, log: false)
        case .categorical(let choices):
            self = .categorical(count: choices.count)
        }
    }

    /// The bounds of a numerical domain.
    var bounds: (lo: Double, hi: Double)? {
        switch self {
        case .continuous(let lo, let hi, _, _, _), .integer(_, _, let lo, let hi, _): return (lo, hi)
        case .categorical: return nil
        }
    }

    /// The estimator's coordinate of a value.
    func coordinate(of value: ParameterValue) -> Double {
        switch (self, value) {
        case (.continuous(_, _, let isLog, _, _), .real(let x)): return isLog ? log(x) : x
        case (.integer(_, _, _, _, let isLog), .integer(let k)): return isLog ? log(Double(k)) : Double(k)
        case (.categorical, .categorical(let index)): return Double(index)
        default: preconditionFailure("ParzenDomain: value \(value) does not fit \(self)")
        }
    }

    /// The value at a coordinate drawn from a kernel: integers rounded to the nearest one in the bounds.
    func value(at coordinate: Double) -> ParameterValue {
        switch self {
        case .continuous(let lo, let hi, let isLog, let lower, let upper):
            let c = min(max(coordinate, lo), hi)
            return .real(min(max(isLog ? exp(c) : c, lower), upper))
        case .integer(let lower, let upper, _, _, let isLog):
            let x = isLog ? exp(coordinate) : coordinate
            let k = x.rounded(.toNearestOrAwayFromZero)
            return .integer(Int(min(max(k, Double(lower)), Double(upper))))
        case .categorical(let count):
            return .categorical(min(max(Int(coordinate), 0), count - 1))
        }
    }

    /// The cell of integer coordinate `c` on the estimator's line.
    func cell(of c: Double) -> (left: Double, right: Double)? {
        guard case .integer(_, _, _, _, let isLog) = self else { return nil }
        if isLog {
            let k = exp(c).rounded()
            return (log(k - 0.5), log(k + 0.5))
        }
        return (c - 0.5, c + 0.5)
    }
}
