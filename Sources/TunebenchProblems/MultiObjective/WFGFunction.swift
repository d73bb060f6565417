import Foundation
import TunebenchNumerics

/// The nine problems of the WFG toolkit: m objectives of n = k + l variables, z_i ∈ [0, 2i], k position and l
/// distance variables. Each normalises y_i = z_i / 2i, applies its transformations (``WFG``) down to m values
/// t_1..t_m, places them as x_i = max(t_m, A_i)(t_i − ½) + ½ (i < m), x_m = t_m, and returns
///
///     f_i = x_m + S_i h_i(x_1, ..., x_{m−1}),   S_i = 2i.
///
/// | | transformations | shape h |
/// |---|---|---|
/// | WFG1 | s_linear(0.35), then b_flat(0.8, 0.75, 0.85) on the distances; b_poly(0.02); r_sum, weights 2i | convex, mixed |
/// | WFG2 | s_linear; r_nonsep(2) on pairs of distance variables; r_sum | convex, disconnected |
/// | WFG3 | as WFG2, A = (1, 0, ..., 0) (a degenerate front) | linear |
/// | WFG4 | s_multi(30, 10, 0.35) on all; r_sum | concave |
/// | WFG5 | s_decept(0.35, 0.001, 0.05) on all; r_sum | concave |
/// | WFG6 | s_linear; r_nonsep over each group | concave |
/// | WFG7 | b_param on each position variable from the mean of those after it; s_linear; r_sum | concave |
/// | WFG8 | b_param on each distance variable from the mean of those before it; s_linear; r_sum | concave |
/// | WFG9 | b_param on all but the last (mean after); s_decept, s_multi(30, 95, 0.35) on distances; r_nonsep | concave |
///
/// (WFG1's h_m is mixed and WFG2's disconnected, both with A = 5.)
///
/// Defaults: k = 4 for two objectives and 2(m − 1) otherwise (pymoo's), l = 20 (Huband et al.'s experiments); k must
/// be a multiple of m − 1, and WFG2 and WFG3 need an even l.
///
/// Source: S. Huband, P. Hingston, L. Barone and L. While, "A review of multiobjective test problems and a scalable
/// test problem toolkit", IEEE TEVC 10(5), 2006, 477-506, tables II-V and XIV.
public struct WFGFunction: MultiObjectiveFunction {
    public let number: Int
    public let objectiveCount: Int
    public let positionVariables: Int
    public let distanceVariables: Int

    /// - Precondition: `number` in 1...9, `objectives >= 2`, k a positive multiple of m − 1, l >= 1 (even for WFG2
    ///   and WFG3).
    public init(_ number: Int, objectives: Int = 3, positionVariables: Int? = nil, distanceVariables: Int = 20) {
        precondition((1...9).contains(number), "WFG\(number) does not exist")
        precondition(objectives >= 2, "WFG needs at least 2 objectives")
        let k = positionVariables ?? (objectives == 2 ? 4 : 2 * (objectives - 1))
        precondition(k >= 1 && k % (objectives - 1) == 0, "WFG: k = \(k) is not a multiple of m − 1")
        precondition(distanceVariables >= 1, "WFG: l = \(distanceVariables)")
        precondition(!(number == 2 || number == 3) || distanceVariables % 2 == 0, "WFG\(number) needs an even l")
        self.number = number
        objectiveCount = objectives
        self.positionVariables = k
        self.distanceVariables = distanceVariables
    }

    public var name: String { "wfg\(number)" }
    public var variables: Int { positionVariables + distanceVariables }
    public var bounds: [ClosedRange<Double>] { (1...variables).map { 0...(2 * Double($0)) } }

    /// WFG3's front with three or more objectives is not the line of the paper (``frontIsKnown``).
    public var frontIsKnown: Bool { number != 3 || objectiveCount == 2 }

    /// 1.1 times an upper bound of the front in each objective, 2i: 2.2i.
    public var referencePoint: [Double] { (1...objectiveCount).map { 2.2 * Double($0) } }

    /// WFG4-9's front is the ellipsoid Σ (f_i / 2i)² = 1: Π 2.2i less its positive orthant. WFG1-3: none (measured).
    public var exactHypervolume: Double? {
        guard number >= 4 else { return nil }
        let semiAxes = (1...objectiveCount).map { 2 * Double($0) }
        return FrontVolume.box(referencePoint) - FrontVolume.ellipsoidOrthant(semiAxes)
    }

    public func values(_ z: [Double]) -> [Double] {
        let m = objectiveCount
        let k = positionVariables
        let n = variables
        var y = z.enumerated().map { $0.element / (2 * Double($0.offset + 1)) }
        let t: [Double]
        switch number {
        case 1:
            for i in k..<n { y[i] = WFG.linearShift(y[i], 0.35) }
            for i in k..<n { y[i] = WFG.flat(y[i], 0.8, 0.75, 0.85) }
            for i in 0..<n { y[i] = WFG.polynomial(y[i], 0.02) }
            let weights = (1...n).map { 2 * Double($0) }
            t = groups(k, n).map { WFG.weightedSum(y[$0], weights[$0]) }
        case 2, 3:
            for i in k..<n { y[i] = WFG.linearShift(y[i], 0.35) }
            let pairs = stride(from: k, to: n, by: 2).map { WFG.nonseparable(y[$0..<($0 + 2)], 2) }
            let reduced = Array(y[..<k]) + pairs
            t = groups(k, reduced.count).map { WFG.mean(reduced[$0]) }
        case 4, 5:
            y = y.map { number == 4 ? WFG.multimodalShift($0, 30, 10, 0.35) : WFG.deceptiveShift($0) }
            t = groups(k, n).map { WFG.mean(y[$0]) }
        case 6:
            for i in k..<n { y[i] = WFG.linearShift(y[i], 0.35) }
            t = groups(k, n).map { WFG.nonseparable(y[$0], $0.count) }
        case 7:
            for i in 0..<k { y[i] = WFG.parameterDependent(y[i], WFG.mean(y[(i + 1)...])) }
            for i in k..<n { y[i] = WFG.linearShift(y[i], 0.35) }
            t = groups(k, n).map { WFG.mean(y[$0]) }
        case 8:
            let original = y
            for i in k..<n { y[i] = WFG.parameterDependent(original[i], WFG.mean(original[..<i])) }
            for i in k..<n { y[i] = WFG.linearShift(y[i], 0.35) }
            t = groups(k, n).map { WFG.mean(y[$0]) }
        default:
            let original = y
            for i in 0..<(n - 1) { y[i] = WFG.parameterDependent(original[i], WFG.mean(original[(i + 1)...])) }
            for i in 0..<n {
                y[i] = i < k ? WFG.deceptiveShift(y[i]) : WFG.multimodalShift(y[i], 30, 95, 0.35)
            }
            t = groups(k, n).map { WFG.nonseparable(y[$0], $0.count) }
        }
        // Placement: A = 1 everywhere but WFG3's A_2..A_{m−1} = 0.
        var x = (0..<(m - 1)).map { i in max(t[m - 1], number == 3 && i > 0 ? 0 : 1) * (t[i] - 0.5) + 0.5 }
        x.append(t[m - 1])
        return (1...m).map { x[m - 1] + 2 * Double($0) * shape(Array(x[..<(m - 1)]), $0) }
    }

    /// The index ranges reduced to t_1..t_m: m − 1 equal groups of the k position values, then `k..<count`.
    private func groups(_ k: Int, _ count: Int) -> [Range<Int>] {
        let gap = k / (objectiveCount - 1)
        return (0..<(objectiveCount - 1)).map { ($0 * gap)..<(($0 + 1) * gap) } + [k..<count]
    }

    /// h_i of the m shape values over the position values `x`.
    private func shape(_ x: [Double], _ i: Int) -> Double {
        let m = objectiveCount
        switch number {
        case 1: return i < m ? WFG.shape(.convex, x, i) : WFG.mixed(x[0])
        case 2: return i < m ? WFG.shape(.convex, x, i) : WFG.disconnected(x[0])
        case 3: return WFG.shape(.linear, x, i)
        default: return WFG.shape(.concave, x, i)
        }
    }

    /// The front f_i = S_i h_i(x) (x_m = 0 on the Pareto set): for WFG4-9 the sphere's points scaled by S (from Das
    /// and Dennis's lattice); for WFG1 and WFG2 the shapes over a grid of [0, 1]^(m−1), non-dominated points only;
    /// for WFG3, whose front is a line, x_1 over [0, 1] and x_2..x_{m−1} = ½.
    public func paretoFront(count: Int) -> [[Double]] {
        let m = objectiveCount
        let scale = (1...m).map { 2 * Double($0) }
        if number >= 4 {
            return SimplexLattice.points(objectives: m, atLeast: count).map { direction in
                let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return zip(direction, scale).map { $0 / norm * $1 }
            }
        }
        let positions: [[Double]]
        if number == 3 {
            positions = (0..<count).map {
                [Double($0) / Double(max(count - 1, 1))] + Array(repeating: 0.5, count: m - 2)
            }
        } else {
            let steps = max(2, Int(pow(Double(4 * count), 1 / Double(m - 1)).rounded(.up)))
            positions = Self.grid(dimension: m - 1, steps: steps)
        }
        let front = positions.map { x in (1...m).map { scale[$0 - 1] * shape(x, $0) } }
        let keep = ParetoDominance.isNondominated(front)
        return zip(front, keep).filter(\.1).map(\.0)
    }

    /// Every point of {0, 1/(s−1), ..., 1}^dimension.
    static func grid(dimension: Int, steps: Int) -> [[Double]] {
        var result: [[Double]] = [[]]
        for _ in 0..<dimension {
            result = result.flatMap { prefix in (0..<steps).map { prefix + [Double($0) / Double(steps - 1)] } }
        }
        return result
    }
}
