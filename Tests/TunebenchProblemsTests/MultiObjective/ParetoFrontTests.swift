import Foundation
import Testing
import TunebenchNumerics

@testable import TunebenchProblems

/// The published fronts (ZDT's also with the farther reference point (11, 11)): each sample is mutually
/// non-dominated and inside the reference point; its hypervolume approaches the closed form from below; and the
/// functions, evaluated on their Pareto sets, land on the front's equation (or, where it has none, are not dominated
/// by the sample).
@Suite struct ParetoFrontTests {
    static let functions: [any MultiObjectiveFunction] =
        ZDTFunction.Kind.allCases.map { ZDTFunction($0) }
        + [2, 3].flatMap { m in (1...7).map { DTLZFunction($0, objectives: m) } }
        + [2, 3].flatMap { m in (1...9).map { WFGFunction($0, objectives: m) } }
        + ZDTFunction.Kind.allCases.map { ZDTFunction($0, reference: 11) }

    @Test(arguments: 0..<functions.count)
    func frontSamplesAreNondominatedInsideTheReference(_ index: Int) {
        let function = Self.functions[index]
        let label = "\(function.name) m = \(function.objectiveCount)"
        let front = function.paretoFront(count: 500)
        #expect(front.count >= 100, "\(label): \(front.count) points")
        #expect(ParetoDominance.isNondominated(front).allSatisfy { $0 }, "\(label)")
        #expect(front.allSatisfy { zip($0, function.referencePoint).allSatisfy { $0 < $1 } }, "\(label)")
    }

    @Test(arguments: 0..<functions.count)
    func denseFrontsApproachTheClosedForm(_ index: Int) {
        let function = Self.functions[index]
        guard let exact = function.exactHypervolume else { return }
        let label = "\(function.name) m = \(function.objectiveCount)"
        let measured = Hypervolume.exact(function.paretoFront(count: 5000), reference: function.referencePoint)
        // A sample of a curved front misses the volume between its points: about 0.1% with 5,000 points of a
        // curve, 1% of a surface.
        let slack = function.objectiveCount == 2 ? 2e-3 : 2e-2
        #expect(measured <= exact * (1 + 1e-12), "\(label): \(measured) above \(exact)")
        #expect(measured >= exact * (1 - slack), "\(label): \(measured) far below \(exact)")
        let coarse = Hypervolume.exact(function.paretoFront(count: 500), reference: function.referencePoint)
        #expect(coarse < measured, "\(label): 500 points give \(coarse), 5,000 give \(measured)")
    }

    /// A Pareto-optimal point of each family: the position variables from `u`, the distance variables at their
    /// optimum (ZDT 0, DTLZ1-5 ½, DTLZ6-7 0, WFG1-7 0.35 · 2i).
    static func paretoOptimal(_ function: any MultiObjectiveFunction, _ u: [Double]) -> [Double]? {
        switch function {
        case let zdt as ZDTFunction:
            return [u[0]] + Array(repeating: 0, count: zdt.variables - 1)
        case let dtlz as DTLZFunction:
            let m = dtlz.objectiveCount
            return Array(u.prefix(m - 1)) + Array(repeating: dtlz.number <= 5 ? 0.5 : 0, count: dtlz.variables - m + 1)
        case let wfg as WFGFunction where wfg.number <= 7:
            let k = wfg.positionVariables
            return (0..<wfg.variables).map { i in 2 * Double(i + 1) * (i < k ? u[i] : 0.35) }
        default:
            return nil
        }
    }

    @Test(arguments: 0..<functions.count)
    func paretoSetsMapOntoTheFront(_ index: Int) throws {
        let function = Self.functions[index]
        let label = "\(function.name) m = \(function.objectiveCount)"
        let front = function.paretoFront(count: 1000)
        var state: UInt64 = UInt64(index + 1)
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
        for _ in 0..<200 {
            let u = (0..<30).map { _ in uniform() }
            guard let x = Self.paretoOptimal(function, u) else { return }
            let f = function.values(x)
            switch function.name {
            case "zdt1", "zdt4": #expect(abs(f[1] - (1 - f[0].squareRoot())) < 1e-12, "\(label): \(f)")
            case "zdt2", "zdt6": #expect(abs(f[1] - (1 - f[0] * f[0])) < 1e-12, "\(label): \(f)")
            case "zdt3":
                // The curve g = 1, whose five non-dominated pieces are the front.
                let curve = 1 - f[0].squareRoot() - f[0] * sin(10 * Double.pi * f[0])
                #expect(abs(f[1] - curve) < 1e-12, "\(label): \(f)")
            case "dtlz1": #expect(abs(f.reduce(0, +) - 0.5) < 1e-12, "\(label): \(f)")
            case "dtlz2", "dtlz3", "dtlz4", "dtlz5", "dtlz6":
                #expect(abs(f.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12, "\(label): \(f)")
            case "dtlz7":
                let m = f.count
                let last = 2 * Double(m) - f.dropLast().reduce(0) { $0 + $1 * (1 + sin(3 * Double.pi * $1)) }
                #expect(abs(f[m - 1] - last) < 1e-12, "\(label): \(f)")
            case "wfg3":
                let sum = f.enumerated().reduce(0) { $0 + $1.element / (2 * Double($1.offset + 1)) }
                #expect(abs(sum - 1) < 1e-12, "\(label): \(f)")
            case "wfg4", "wfg5", "wfg6", "wfg7":
                let radius = f.enumerated().reduce(0) { $0 + pow($1.element / (2 * Double($1.offset + 1)), 2) }
                #expect(abs(radius - 1) < 1e-9, "\(label): \(f)")
            default:
                break
            }
            // A Pareto-optimal point is never in front of the front: it dominates no point of the sample (by more than
            // the grid's spacing where the sample is a grid's non-dominated points, which keeps a few points just
            // past the ends of disconnected pieces).
            let margin = ["wfg1", "wfg2", "dtlz7"].contains(function.name) ? 1e-2 : 1e-9
            let ahead = front.first { point in zip(f, point).allSatisfy { $0 < $1 - margin } }
            #expect(ahead == nil, "\(label): \(f) dominates \(ahead ?? []) of the front's sample")
        }
    }
}
