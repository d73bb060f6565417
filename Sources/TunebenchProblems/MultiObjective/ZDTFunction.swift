import Foundation
import TunebenchNumerics

/// Zitzler, Deb and Thiele's two-objective problems ZDT1-4 and ZDT6 (ZDT5, on bit strings, is left out): minimize
/// `f_1(x) = x_1` (ZDT6: `1 − exp(−4 x_1) sin⁶(6π x_1)`) and `f_2(x) = g(x) h(f_1, g)`.
///
/// | | g(x) | h(f_1, g) | front (g = 1) |
/// |---|---|---|---|
/// | ZDT1 | 1 + 9 Σ_{i≥2} x_i / (n − 1) | 1 − √(f_1/g) | convex, f_2 = 1 − √f_1 |
/// | ZDT2 | as ZDT1 | 1 − (f_1/g)² | concave, f_2 = 1 − f_1² |
/// | ZDT3 | as ZDT1 | 1 − √(f_1/g) − (f_1/g) sin(10π f_1) | five disconnected pieces |
/// | ZDT4 | 1 + 10(n − 1) + Σ_{i≥2} (x_i² − 10 cos(4π x_i)), x_i ∈ [−5, 5] | as ZDT1 | 21⁹ local fronts |
/// | ZDT6 | 1 + 9 (Σ_{i≥2} x_i / (n − 1))^¼ | as ZDT2 | non-uniform, f_1 ≥ 0.2807753191 |
///
/// x ∈ [0, 1]ⁿ but for ZDT4's x_2..x_n; n = 30 for ZDT1-3 and 10 for ZDT4 and ZDT6 by default. The Pareto set is
/// `x_2 = … = x_n = 0` (g = 1).
///
/// Source: E. Zitzler, K. Deb and L. Thiele, "Comparison of multiobjective evolutionary algorithms: empirical
/// results", Evolutionary Computation 8(2), 2000, 173-195; ZDT3's front pieces from pymoo's `ZDT3`.
public struct ZDTFunction: MultiObjectiveFunction {
    public enum Kind: Int, Sendable, CaseIterable {
        case zdt1 = 1, zdt2, zdt3, zdt4
        case zdt6 = 6

        /// The published number of variables.
        public var defaultVariables: Int { self == .zdt4 || self == .zdt6 ? 10 : 30 }
    }

    public let kind: Kind
    public let variables: Int
    /// Both coordinates `r` of the reference point (r, r); `r > 1`.
    public let reference: Double

    /// - Precondition: `variables >= 2`, `reference > 1`.
    public init(_ kind: Kind, variables: Int? = nil, reference: Double = 1.1) {
        self.kind = kind
        self.variables = variables ?? kind.defaultVariables
        self.reference = reference
        precondition(self.variables >= 2, "ZDT needs at least 2 variables")
        precondition(reference > 1, "ZDT's reference point must exceed the front's largest values (1)")
    }

    public var name: String { "zdt\(kind.rawValue)" }
    public var objectiveCount: Int { 2 }

    public var bounds: [ClosedRange<Double>] {
        kind == .zdt4
            ? [0...1] + Array(repeating: -5...5, count: variables - 1) : Array(repeating: 0...1, count: variables)
    }

    /// (r, r), by default (1.1, 1.1): 1.1 times the front's largest value in each objective (1), as for every built-in
    /// front. A farther point (option `reference`) lets points far from the front count: with the published 30
    /// variables a random point has g ≈ 5.5, outside (1.1, 1.1), so that short runs would all attain nothing;
    /// E. Zitzler's group publishes the ZDT hypervolumes for (11, 11) (ETH Zürich SOP, "Test problems" supplementary
    /// data, people.ee.ethz.ch/~sop/download/supplementary/testproblems/).
    public var referencePoint: [Double] { [reference, reference] }

    /// With r = (r, r) and the front f_2 = φ(f_1) over [a, 1] (the dominated region beyond f_1 = 1 has height r):
    /// HV = ∫_a^1 (r − φ) + (r − 1) r. ZDT1 and ZDT4: (r − 1) + 2/3 + (r − 1) r; ZDT2: (r − 1) + 1/3 + (r − 1) r;
    /// ZDT6: (r − 1)(1 − a) + (1 − a³)/3 + (r − 1) r with a = 0.2807753191; ZDT3: none (measured).
    public var exactHypervolume: Double? {
        let beyond = (reference - 1) * reference
        switch kind {
        case .zdt1, .zdt4: return (reference - 1) + 2.0 / 3 + beyond
        case .zdt2: return (reference - 1) + 1.0 / 3 + beyond
        case .zdt6:
            let a = 0.2807753191
            return (reference - 1) * (1 - a) + (1 - a * a * a) / 3 + beyond
        case .zdt3: return nil
        }
    }

    public func values(_ x: [Double]) -> [Double] {
        let rest = x.dropFirst()
        let n = Double(variables - 1)
        switch kind {
        case .zdt1, .zdt2, .zdt3:
            let g = 1 + 9.0 / n * rest.reduce(0, +)
            let ratio = x[0] / g
            let h: Double
            switch kind {
            case .zdt1: h = 1 - ratio.squareRoot()
            case .zdt2: h = 1 - ratio * ratio
            default: h = 1 - ratio.squareRoot() - ratio * sin(10 * Double.pi * x[0])
            }
            return [x[0], g * h]
        case .zdt4:
            var g = 1 + 10 * n
            for value in rest { g += value * value - 10 * cos(4 * Double.pi * value) }
            return [x[0], g * (1 - (x[0] / g).squareRoot())]
        case .zdt6:
            let f1 = 1 - exp(-4 * x[0]) * pow(sin(6 * Double.pi * x[0]), 6)
            let g = 1 + 9 * pow(rest.reduce(0, +) / n, 0.25)
            let ratio = f1 / g
            return [f1, g * (1 - ratio * ratio)]
        }
    }

    /// ZDT3's five pieces of f_1 where the front is non-dominated (pymoo's `ZDT3._calc_pareto_front`).
    static let zdt3Pieces: [ClosedRange<Double>] = [
        0...0.0830015349, 0.182228780...0.2577623634, 0.4093136748...0.4538821041,
        0.6183967944...0.6525117038, 0.8233317983...0.8518328654,
    ]

    public func paretoFront(count: Int) -> [[Double]] {
        func spaced(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
            let width = range.upperBound - range.lowerBound
            return count == 1 ? [range.lowerBound]
                : (0..<count).map { range.lowerBound + width * Double($0) / Double(count - 1) }
        }
        switch kind {
        case .zdt1, .zdt4: return spaced(0...1, count).map { [$0, 1 - $0.squareRoot()] }
        case .zdt2: return spaced(0...1, count).map { [$0, 1 - $0 * $0] }
        case .zdt6: return spaced(0.2807753191...1, count).map { [$0, 1 - $0 * $0] }
        case .zdt3:
            let each = max(1, count / Self.zdt3Pieces.count)
            let f1 = Self.zdt3Pieces.flatMap { spaced($0, each) }
            let front = f1.map { (value: Double) -> [Double] in
                let f2: Double = 1 - value.squareRoot() - value * sin(10 * Double.pi * value)
                return [value, f2]
            }
            // The pieces' ends are given to ten digits: drop the few points just past them.
            return zip(front, ParetoDominance.isNondominated(front)).filter(\.1).map(\.0)
        }
    }
}
