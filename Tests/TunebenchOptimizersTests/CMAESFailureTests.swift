import Testing
import Tunebench

/// CMA-ES's answers to failures: a generation that fails more than `λ` times moves the mean to the best success since
/// the last (re)start (`failure-recentre`), and a draw whose nearest told point failed is redrawn
/// (`failure-avoidance`).
struct CMAESFailureTests {
    private let space: SearchSpace = {
        let parameters = (0..<4).map { Parameter.real("x\($0)", lower: 0, upper: 1) }
        return try! SearchSpace(parameters)
    }()

    /// Runs CMA-ES from seed `seed` for `budget` evaluations of `objective`; returns the trace and the failures.
    private func run(
        seed: UInt64, budget: Int, recentre: Bool, avoidance: Bool = false, _ objective: ([Double]) -> Double?
    ) throws -> (trace: [Configuration], failures: Int) {
        var settings = CMAESOptimizer.Settings()
        settings.failureRecentre = recentre
        settings.failureAvoidance = avoidance
        var optimizer: any Optimizer = CMAESOptimizer(
            context: OptimizerContext(space: space, seed: seed, budget: budget), settings: settings)
        var failures = 0
        let trace = try TunebenchOptimizersTests.run(&optimizer, space) { c in
            let value = objective((0..<4).map { c.real($0) })
            if value == nil { failures += 1 }
            return value
        }
        return (trace, failures)
    }

    /// The start, the centre of the cube, lies inside a failing ball of radius 0.45 (σ₀ = 1/6, so about 7 draws in 8
    /// fail there); the minimizer, (0.9, 0.9, 0.9, 0.9), lies outside it. Resampling alone has to collect `λ`
    /// successes around the failing mean; moving the mean to the best success leaves the ball. Over seeds 1…4 and 80
    /// evaluations each, the rule fails less than half as often (measured 2026-12-06: 19, 35, 16 and 28 failures
    /// against 58, 71, 60 and 40).
    @Test func aFailingStartMovesTheMeanToTheBestSuccess() throws {
        func objective(_ x: [Double]) -> Double? {
            let fromCentre = x.reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) }
            guard fromCentre >= 0.2025 else { return nil }
            return x.reduce(0) { $0 + ($1 - 0.9) * ($1 - 0.9) }
        }
        var with: [Int] = []
        var without: [Int] = []
        for seed: UInt64 in 1...4 {
            with.append(try run(seed: seed, budget: 80, recentre: true, objective).failures)
            without.append(try run(seed: seed, budget: 80, recentre: false, objective).failures)
        }
        let total: Int = with.reduce(0, +)
        let baseline: Int = without.reduce(0, +)
        #expect(2 * total < baseline, "with \(with), without \(without)")
    }

    /// The minimizer, (0.3, 0.3, 0.3, 0.3), lies 0.02 from a failing half-space `x₀ > 0.32`: a search converging on
    /// it keeps drawing into the half-space until σ shrinks well below 0.02. Screening draws by their nearest told
    /// point fails at least a fifth less often over seeds 1…12 and 100 evaluations each (measured 2026-12-07: 252
    /// failures against 324; per seed 20, 19, 23, 13, 19, 32, 23, 17, 35, 15, 21, 15 against 19, 26, 27, 32, 24, 24,
    /// 28, 24, 27, 36, 33, 24). A modest gain where the successes crowd the boundary; its measure on the tuning set
    /// is in docs/tuning-set.md.
    @Test func drawsNearFailuresAreRedrawn() throws {
        func objective(_ x: [Double]) -> Double? {
            guard x[0] <= 0.32 else { return nil }
            return x.reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) }
        }
        var with: [Int] = []
        var without: [Int] = []
        for seed: UInt64 in 1...12 {
            with.append(try run(seed: seed, budget: 100, recentre: true, avoidance: true, objective).failures)
            without.append(try run(seed: seed, budget: 100, recentre: true, avoidance: false, objective).failures)
        }
        let total: Int = with.reduce(0, +)
        let baseline: Int = without.reduce(0, +)
        #expect(5 * total < 4 * baseline, "with \(with), without \(without)")
    }

    /// Without failures neither rule fires: the same trace either way.
    @Test func withoutFailuresTheRulesChangeNothing() throws {
        let sphere = { (x: [Double]) -> Double? in x.reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) } }
        let with = try run(seed: 9, budget: 60, recentre: true, avoidance: true, sphere).trace
        let without = try run(seed: 9, budget: 60, recentre: false, sphere).trace
        #expect(with == without)
    }
}
