import Foundation
import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// Hidden failure regions (``FailureRegion``, ``FailingProblem``): the share of the box they cover, where they lie
/// against the optimum, determinism, and the registry's `failure` options.
struct FailureTests {
    /// The share of `region` measured on 2¹⁶ uniform points of an independent generator.
    static func measuredShare(_ region: FailureRegion, dimension: Int, seed: UInt64 = 99) -> Double {
        var generator = Xoshiro256StarStar(seed: seed)
        let n = 1 << 16
        var inside = 0
        for _ in 0..<n where region.contains((0..<dimension).map { _ in generator.nextUnit() }) { inside += 1 }
        return Double(inside) / Double(n)
    }

    /// A minimizer in the middle 80% of the cube, as instances place them.
    static func minimizer(_ dimension: Int, seed: UInt64) -> [Double] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<dimension).map { _ in 0.1 + 0.8 * generator.nextUnit() }
    }

    @Test(arguments: FailureRegion.Shape.allCases, [2, 5, 10])
    func regionsCoverTheirShare(_ shape: FailureRegion.Shape, _ dimension: Int) throws {
        for (k, share) in [0.02, 0.1, 0.3].enumerated() {
            let m = Self.minimizer(dimension, seed: UInt64(k))
            let region = try FailureRegion(
                shape: shape, share: share, dimension: dimension, minimizers: [m], seed: UInt64(100 + k))
            let measured = Self.measuredShare(region, dimension: dimension)
            // Sampling error of 2¹⁶ points: a standard deviation of at most 0.0018; the Sobol calibration adds less.
            #expect(abs(measured - share) <= 0.006 + 0.03 * share, "\(shape) d=\(dimension) s=\(share): \(measured)")
            #expect(!region.contains(m), "\(shape): the minimizer fails")
        }
    }

    @Test(arguments: [FailureRegion.Shape.halfspace, .ball])
    func awayShapesKeepEveryMinimizerClear(_ shape: FailureRegion.Shape) throws {
        for seed in UInt64(0)..<20 {
            let minimizers = [Self.minimizer(3, seed: seed), Self.minimizer(3, seed: seed + 1000)]
            let region = try FailureRegion(shape: shape, share: 0.3, dimension: 3, minimizers: minimizers, seed: seed)
            for m in minimizers {
                // No point within the margin of a minimizer fails: probe along the coordinate axes and diagonals.
                for axis in 0..<3 {
                    for sign in [-1.0, 1.0] {
                        var probe = m
                        probe[axis] += sign * FailureRegion.margin * 0.999
                        #expect(!region.contains(probe), "\(shape) seed \(seed)")
                    }
                }
            }
        }
    }

    @Test func theOptimumShapeTouchesTheMinimizer() throws {
        for seed in UInt64(0)..<20 {
            let m = Self.minimizer(4, seed: seed)
            let region = try FailureRegion(shape: .optimum, share: 0.1, dimension: 4, minimizers: [m], seed: seed)
            #expect(!region.contains(m))
            // A step of 10⁻⁶ from m towards the ball's centre fails.
            let towards = zip(m, region.point).map { $0 + 1e-6 * ($1 - $0) / region.outer }
            #expect(region.contains(towards), "seed \(seed)")
        }
    }

    @Test func theBandSurroundsAFeasibleNeighbourhood() throws {
        let m = Self.minimizer(2, seed: 5)
        let region = try FailureRegion(shape: .band, share: 0.2, dimension: 2, minimizers: [m], seed: 5)
        #expect(region.inner > 0 && region.inner < region.outer)
        #expect(!region.contains(m))
        for angle in stride(from: 0.0, to: 6.28, by: 0.5) {
            let radius = (region.inner + region.outer) / 2
            let point = [m[0] + radius * cos(angle), m[1] + radius * sin(angle)]
            if point.allSatisfy({ (0...1).contains($0) }) { #expect(region.contains(point)) }
            let near = [m[0] + region.inner / 2 * cos(angle), m[1] + region.inner / 2 * sin(angle)]
            #expect(!region.contains(near))
        }
    }

    /// A minimizer at the middle of a 40-dimensional cube: no random ball of a tenth of the box keeps it clear, so
    /// the ball is drawn tangent to the margin around it; a half-space of half the box cannot keep it clear and is
    /// refused, naming the share.
    @Test func centralMinimizersInManyDimensions() throws {
        let centre = [Double](repeating: 0.5, count: 40)
        let region = try FailureRegion(shape: .ball, share: 0.1, dimension: 40, minimizers: [centre], seed: 3)
        #expect(region.clearance(of: centre) >= FailureRegion.margin * (1 - 1e-9))
        let measured = Self.measuredShare(region, dimension: 40)
        #expect(abs(measured - 0.1) <= 0.009, "ball s=0.1: \(measured)")
        #expect {
            try FailureRegion(shape: .halfspace, share: 0.5, dimension: 40, minimizers: [centre], seed: 3)
        } throws: { "\($0)".contains("failure-share") && "\($0)".contains("0.5") }
    }

    /// A region drawn around one minimizer may cover another: the problem then lists only those outside it.
    @Test func coveredMinimizersAreNoLongerListed() throws {
        var covered = 0
        for seed in UInt64(0)..<40 {
            let problem = try Self.make(
                "six-hump-camel", ["failure": .string("optimum"), "failure-share": .real(0.3)], seed: seed)
            let failing = try #require(problem as? any KnownMinimizers)
            var mutable = problem
            for minimizer in failing.minimizers { #expect(try mutable.evaluate(minimizer).value.isFinite) }
            if failing.minimizers.count < 2 { covered += 1 }
        }
        #expect(covered > 0, "no draw covered the second minimizer: the test no longer tests anything")
    }

    @Test func theSeedFixesTheRegion() throws {
        let m = Self.minimizer(3, seed: 1)
        let a = try FailureRegion(shape: .ball, share: 0.1, dimension: 3, minimizers: [m], seed: 7)
        let b = try FailureRegion(shape: .ball, share: 0.1, dimension: 3, minimizers: [m], seed: 7)
        let c = try FailureRegion(shape: .ball, share: 0.1, dimension: 3, minimizers: [m], seed: 8)
        #expect(a == b && a != c)
    }

    @Test func badSharesAreRefusedByName() {
        for share in [0.0, 0.005, 0.6] {
            #expect(throws: ProblemsError.self) {
                try FailureRegion(shape: .ball, share: share, dimension: 2, minimizers: [], seed: 1)
            }
        }
        #expect(throws: ProblemsError.self) {
            try FailureRegion(shape: .band, share: 0.1, dimension: 2, minimizers: [], seed: 1)
        }
    }

    // MARK: - Through the registry

    /// The synthetic functions and COCO's bbob functions.
    static let registry: Registry = {
        var registry = Fixtures.registry
        for entry in BBOBProblems.entries { try! registry.register(entry) }
        return registry
    }()

    static func make(_ name: String, _ options: [String: OptionValue], seed: UInt64 = 3) throws -> any Problem {
        try registry.makeProblem(EntrySpec(name, options: options), seed: seed)
    }

    @Test(arguments: ["branin", "hartmann6", "rastrigin", "bbob-f15"])
    func failingEntriesFailOnTheirShareAndNotAtTheOptimum(_ name: String) throws {
        for shape in FailureRegion.Shape.allCases {
            var problem = try Self.make(name, ["failure": .string(shape.rawValue), "failure-share": .real(0.2)])
            let dimension = problem.space.dimension
            var generator = Xoshiro256StarStar(seed: 11)
            var failed = 0
            let n = 4000
            for _ in 0..<n {
                let evaluation = try problem.evaluate(
                    problem.space.decode((0..<dimension).map { _ in generator.nextUnit() }))
                if !evaluation.value.isFinite {
                    failed += 1
                    #expect(evaluation.noiselessValue == nil)
                }
            }
            #expect(abs(Double(failed) / Double(n) - 0.2) <= 0.03, "\(name) \(shape): \(failed) of \(n) failed")
            let minimizers = try #require((problem as? any KnownMinimizers)?.minimizers)
            for minimizer in minimizers {
                let value = try problem.evaluate(minimizer).value
                #expect(value.isFinite, "\(name) \(shape): the minimizer fails")
            }
        }
    }

    @Test func failuresStayFailedUnderNoise() throws {
        var problem = try Self.make("branin", ["failure": .string("halfspace"), "failure-share": .real(0.5), "noise": .real(1)])
        var generator = Xoshiro256StarStar(seed: 2)
        var sawFailure = false
        for _ in 0..<200 {
            let evaluation = try problem.evaluate(problem.space.decode([generator.nextUnit(), generator.nextUnit()]))
            if !evaluation.value.isFinite {
                sawFailure = true
                #expect(evaluation.noiselessValue == nil)
            } else {
                #expect(evaluation.noiselessValue?.isFinite == true)
            }
        }
        #expect(sawFailure)
    }

    @Test func aShareWithoutAShapeIsRefused() throws {
        #expect(throws: ProblemsError.self) { try Self.make("branin", ["failure-share": .real(0.3)]) }
        #expect(throws: (any Error).self) { try Self.make("branin", ["failure": .string("ball"), "failure-share": .real(0.7)]) }
        // Without failure options the problem is the plain one, bytes and all.
        var plain = try Self.make("branin", [:])
        #expect(!(plain is FailingProblem<SyntheticProblem<Branin>>))
        _ = try plain.evaluate(plain.space.decode([0.5, 0.5]))
    }
}
