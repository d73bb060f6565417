import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// Nothing in a large uniform random sample lies below the stated optimum.
struct RandomSampleTests {
    /// Points drawn per case: uniform in the unit cube, decoded through the space.
    static let sampleSize = 20_000

    @Test(arguments: Fixtures.cases)
    func noSampledValueIsBelowTheOptimum(_ testCase: ProblemCase) throws {
        var problem = try testCase.make()
        let optimum = try #require(problem.optimum)
        let space = problem.space
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(20_240_601, ["sample", testCase.spec.label]))
        var point = [Double](repeating: 0, count: space.dimension)
        var best = Double.infinity
        var bestConfiguration: Configuration?
        var nonFinite = 0
        for _ in 0..<Self.sampleSize {
            for index in point.indices {
                point[index] = generator.nextUnit()
            }
            let configuration = space.decode(point)
            let value = try problem.evaluate(configuration).value
            if !value.isFinite { nonFinite += 1 }
            if value < best {
                best = value
                bestConfiguration = configuration
            }
        }
        #expect(nonFinite == 0)
        #expect(
            best >= optimum - 1e-9,
            "\(testCase.spec.label): \(best) < \(optimum) at \(bestConfiguration.map(space.describe) ?? "?")")
    }
}
