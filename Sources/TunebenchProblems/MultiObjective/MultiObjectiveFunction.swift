import Foundation

/// A multi-objective test function: minimize every one of `f_1(x) ... f_m(x)` over a box, with a known Pareto front.
///
/// Conformers are values (no state): the constants of the published problem. Their values are checked against
/// pymoo's (`MultiObjectiveAgreementTests`, `Tests/Scripts/pymoo_problems_reference.py`).
///
/// # Requirements
/// - `bounds` has one finite, non-empty interval per variable.
/// - `values(_:)` returns ``objectiveCount`` finite values everywhere in the box.
/// - `paretoFront(count:)` returns points of the true Pareto front (from the published definition), mutually
///   non-dominated.
/// - `referencePoint` is dominated by every point of the Pareto front, so that each has volume.
public protocol MultiObjectiveFunction: Sendable {
    /// The registry name, such as `zdt1` or `dtlz2`.
    var name: String { get }
    /// The box, one interval per variable.
    var bounds: [ClosedRange<Double>] { get }
    /// The number of objectives m.
    var objectiveCount: Int { get }
    /// `(f_1(x), ..., f_m(x))`.
    func values(_ x: [Double]) -> [Double]
    /// About `count` points of the Pareto front, spread over it (exactly `count` where the front allows it).
    func paretoFront(count: Int) -> [[Double]]
    /// The reference point of the hypervolume: 1.1 times an upper bound of the front in each objective.
    var referencePoint: [Double] { get }
    /// Whether ``paretoFront(count:)`` samples the whole front: `false` where the published front is known to be
    /// incomplete (WFG3 with three or more objectives and DTLZ5 and 6 with four or more are not degenerate as
    /// published: H. Ishibuchi, H. Masuda and Y. Nojima, "Pareto fronts of many-objective degenerate test problems",
    /// IEEE TEVC 20(5), 2016), and then no front volume is measured.
    var frontIsKnown: Bool { get }
    /// The hypervolume of the whole Pareto front with respect to ``referencePoint``, in closed form, where the
    /// front's shape gives one; `nil` otherwise (then it is measured on a dense sample of the front).
    var exactHypervolume: Double? { get }
}

// MARK: - Default implementations

extension MultiObjectiveFunction {
    public var exactHypervolume: Double? { nil }

    public var frontIsKnown: Bool { true }
}

/// Closed forms of the hypervolume of common fronts.
enum FrontVolume {
    /// The volume of the positive orthant of the ellipsoid Σ (f_i / a_i)² ≤ 1: π^(m/2) / Γ(m/2 + 1) Π a_i / 2^m.
    static func ellipsoidOrthant(_ semiAxes: [Double]) -> Double {
        let m = Double(semiAxes.count)
        return pow(Double.pi, m / 2) / tgamma(m / 2 + 1) * semiAxes.reduce(1, *) / pow(2, m)
    }

    /// The volume of the simplex {f ≥ 0, Σ f_i ≤ s} in m dimensions: s^m / m!.
    static func simplex(_ s: Double, objectives m: Int) -> Double {
        (1...m).reduce(pow(s, Double(m))) { $0 / Double($1) }
    }

    /// The box between the origin and `reference`.
    static func box(_ reference: [Double]) -> Double { reference.reduce(1, *) }
}
