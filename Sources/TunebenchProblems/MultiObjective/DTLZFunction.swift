import Foundation
import TunebenchNumerics

/// Deb, Thiele, Laumanns and Zitzler's scalable problems DTLZ1-7: m objectives of n = m + k − 1 variables in
/// [0, 1], the first m − 1 (x_I) placing a point along the front, the last k (x_M) its distance g(x_M) from it.
///
/// With c_j = cos(θ_j), s_j = sin(θ_j) and θ_j = x_j π/2 (DTLZ4: x_j^α π/2 with α = 100; DTLZ5 and 6: θ_1 = x_1 π/2
/// and θ_j = π/(4(1 + g)) (1 + 2 g x_j) for j ≥ 2):
///
///     f_1 = (1 + g) c_1 ⋯ c_{m−1},   f_i = (1 + g) c_1 ⋯ c_{m−i} s_{m−i+1} (i = 2..m),
///
/// and for DTLZ1 the linear version f_i = ½ (1 + g) x_1 ⋯ x_{m−i} (1 − x_{m−i+1}).
///
/// | | g(x_M) | k | Pareto front (g = 0) |
/// |---|---|---|---|
/// | DTLZ1 | 100 (k + Σ ((x_i − ½)² − cos(20π (x_i − ½)))) | 5 | the simplex Σ f_i = ½ |
/// | DTLZ2 | Σ (x_i − ½)² | 10 | the unit sphere's positive orthant |
/// | DTLZ3 | as DTLZ1 | 10 | as DTLZ2, with 3^k − 1 local fronts |
/// | DTLZ4 | as DTLZ2 | 10 | as DTLZ2, points crowded towards its edges |
/// | DTLZ5 | as DTLZ2 | 10 | a curve on the sphere (θ_j = π/4, j ≥ 2) |
/// | DTLZ6 | Σ x_i^0.1 | 10 | as DTLZ5 |
/// | DTLZ7 | 1 + 9/k Σ x_i | 20 | 2^(m−1) disconnected pieces |
///
/// DTLZ7: f_i = x_i (i < m) and f_m = (1 + g) (m − Σ_{i<m} f_i/(1 + g) (1 + sin(3π f_i))).
///
/// Source: K. Deb, L. Thiele, M. Laumanns and E. Zitzler, "Scalable test problems for evolutionary multiobjective
/// optimization", in Evolutionary Multiobjective Optimization, Springer 2005, 105-145 (the k of each problem is the
/// paper's). The products are taken in pymoo's order (`DTLZ.obj_func`).
public struct DTLZFunction: MultiObjectiveFunction {
    public let number: Int
    public let objectiveCount: Int
    public let variables: Int

    /// The published k (the number of distance variables) of DTLZ`number`.
    public static func defaultDistanceVariables(_ number: Int) -> Int {
        number == 1 ? 5 : number == 7 ? 20 : 10
    }

    /// - Precondition: `number` in 1...7, `objectives >= 2`, `variables >= objectives` (k >= 1).
    public init(_ number: Int, objectives: Int = 3, variables: Int? = nil) {
        precondition((1...7).contains(number), "DTLZ\(number) does not exist")
        precondition(objectives >= 2, "DTLZ needs at least 2 objectives")
        self.number = number
        objectiveCount = objectives
        self.variables = variables ?? objectives + Self.defaultDistanceVariables(number) - 1
        precondition(self.variables >= objectives, "DTLZ needs at least as many variables as objectives")
    }

    public var name: String { "dtlz\(number)" }
    public var bounds: [ClosedRange<Double>] { Array(repeating: 0...1, count: variables) }

    /// DTLZ5's and DTLZ6's fronts with four or more objectives are more than the paper's curve (``frontIsKnown``).
    public var frontIsKnown: Bool { !(number == 5 || number == 6) || objectiveCount <= 3 }

    /// 1.1 times an upper bound of the front in each objective: 0.55 for DTLZ1, 1.1 for DTLZ2-6, and (1.1, ..., 1.1,
    /// 2.2m) for DTLZ7, whose f_m reaches 2m on the front.
    public var referencePoint: [Double] {
        switch number {
        case 1: return Array(repeating: 0.55, count: objectiveCount)
        case 7: return Array(repeating: 1.1, count: objectiveCount - 1) + [2.2 * Double(objectiveCount)]
        default: return Array(repeating: 1.1, count: objectiveCount)
        }
    }

    /// The box up to the reference point less what the front leaves undominated: DTLZ1, 0.55^m − 0.5^m / m!;
    /// DTLZ2-4, 1.1^m less the unit ball's positive orthant; DTLZ5-7: none (measured).
    public var exactHypervolume: Double? {
        switch number {
        case 1: return FrontVolume.box(referencePoint) - FrontVolume.simplex(0.5, objectives: objectiveCount)
        case 2, 3, 4:
            return FrontVolume.box(referencePoint)
                - FrontVolume.ellipsoidOrthant(Array(repeating: 1, count: objectiveCount))
        default: return nil
        }
    }

    public func values(_ x: [Double]) -> [Double] {
        let m = objectiveCount
        let distance = x[(m - 1)...]
        let k = Double(distance.count)
        switch number {
        case 1:
            let g = Self.rastriginG(distance)
            return (0..<m).map { i in
                var f = 0.5 * (1 + g)
                for j in 0..<(m - 1 - i) { f *= x[j] }
                if i > 0 { f *= 1 - x[m - 1 - i] }
                return f
            }
        case 7:
            let g = 1 + 9 / k * distance.reduce(0, +)
            var h = Double(m)
            for i in 0..<(m - 1) { h -= x[i] / (1 + g) * (1 + sin(3 * Double.pi * x[i])) }
            return Array(x[0..<(m - 1)]) + [(1 + g) * h]
        default:
            let g: Double
            switch number {
            case 3: g = Self.rastriginG(distance)
            case 6: g = distance.reduce(0) { $0 + pow($1, 0.1) }
            default: g = distance.reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) }
            }
            // The angles as fractions of π/2.
            var angles = Array(x[0..<(m - 1)])
            if number == 4 { angles = angles.map { pow($0, 100) } }
            if number == 5 || number == 6 {
                for j in angles.indices.dropFirst() { angles[j] = 1 / (2 * (1 + g)) * (1 + 2 * g * x[j]) }
            }
            return Self.sphere(angles, scale: 1 + g)
        }
    }

    /// 100 (k + Σ ((x_i − ½)² − cos(20π (x_i − ½)))), DTLZ1's and DTLZ3's g.
    static func rastriginG(_ distance: ArraySlice<Double>) -> Double {
        var sum = 0.0
        for value in distance { sum += (value - 0.5) * (value - 0.5) - cos(20 * Double.pi * (value - 0.5)) }
        return 100 * (Double(distance.count) + sum)
    }

    /// f_i = scale · Π_{j < m−i} cos(a_j π/2) · sin(a_{m−i} π/2) (no sine for i = 0), the products left to right.
    static func sphere(_ angles: [Double], scale: Double) -> [Double] {
        let m = angles.count + 1
        return (0..<m).map { i in
            var f = scale
            var product = 1.0
            for j in 0..<(m - 1 - i) { product *= cos(angles[j] * Double.pi / 2) }
            f *= product
            if i > 0 { f *= sin(angles[m - 1 - i] * Double.pi / 2) }
            return f
        }
    }

    public func paretoFront(count: Int) -> [[Double]] {
        let m = objectiveCount
        switch number {
        case 1:
            return SimplexLattice.points(objectives: m, atLeast: count).map { $0.map { 0.5 * $0 } }
        case 5, 6:
            // θ_1 over [0, π/2], the other angles π/4: a_j = ½.
            return (0..<count).map { index in
                let first = count == 1 ? 0 : Double(index) / Double(count - 1)
                return Self.sphere([first] + Array(repeating: 0.5, count: m - 2), scale: 1)
            }
        case 7:
            return dtlz7Front(count: count)
        default:
            return SimplexLattice.points(objectives: m, atLeast: count).map { direction in
                let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return direction.map { $0 / norm }
            }
        }
    }

    /// DTLZ7's front: f_1..f_{m−1} on a grid of [0, 1]^(m−1) with about 4 `count` nodes and f_m = 2m − Σ f_i (1 +
    /// sin(3π f_i)) (on the front g = 1), then the non-dominated points.
    func dtlz7Front(count: Int) -> [[Double]] {
        let m = objectiveCount
        let steps = max(2, Int(pow(Double(4 * count), 1 / Double(m - 1)).rounded(.up)))
        var candidates: [[Double]] = []
        var index = [Int](repeating: 0, count: m - 1)
        while true {
            let f = index.map { Double($0) / Double(steps - 1) }
            candidates.append(f + [2 * Double(m) - f.reduce(0) { $0 + $1 * (1 + sin(3 * Double.pi * $1)) }])
            var axis = 0
            while axis < m - 1 {
                index[axis] += 1
                if index[axis] < steps { break }
                index[axis] = 0
                axis += 1
            }
            if axis == m - 1 { break }
        }
        let keep = ParetoDominance.isNondominated(candidates)
        return zip(candidates, keep).filter(\.1).map(\.0)
    }
}
