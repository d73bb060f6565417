import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// Observation noise: seeded by the instance seed, zero-mean with the requested spread, never touching the
/// noiseless value.
struct NoiseTests {
    /// Configurations spread over Branin's domain.
    static let configurations: [Configuration] = (0..<25).map { k in
        Configuration.reals([-5 + 15 * Double(k % 5) / 4, 15 * Double(k / 5) / 4])
    }

    static func noisyBranin(noise: Double, seed: UInt64) throws -> any Problem {
        try Fixtures.registry.makeProblem(
            EntrySpec("branin", options: ["noise": .real(noise), "instance": .string("canonical")]), seed: seed)
    }

    static func values(_ problem: any Problem) throws -> [Evaluation] {
        var problem = problem
        return try configurations.map { try problem.evaluate($0) }
    }

    @Test func sameSeedGivesTheSameNoise() throws {
        let first = try Self.values(Self.noisyBranin(noise: 0.5, seed: 42))
        let second = try Self.values(Self.noisyBranin(noise: 0.5, seed: 42))
        #expect(first.map(\.value) == second.map(\.value))
    }

    @Test func differentSeedsGiveDifferentNoise() throws {
        let first = try Self.values(Self.noisyBranin(noise: 0.5, seed: 42))
        let second = try Self.values(Self.noisyBranin(noise: 0.5, seed: 43))
        #expect(first.map(\.noiselessValue) == second.map(\.noiselessValue))
        #expect(zip(first, second).allSatisfy { $0.value != $1.value })
    }

    @Test func noiselessValueIsThePlainFunctionValue() throws {
        let evaluations = try Self.values(Self.noisyBranin(noise: 2, seed: 7))
        for (configuration, evaluation) in zip(Self.configurations, evaluations) {
            let plain = Branin().value(configuration.numericValues)
            #expect(evaluation.noiselessValue == plain)
            #expect(evaluation.trueValue == plain)
        }
        #expect(evaluations.contains { $0.value != $0.noiselessValue })
    }

    @Test(arguments: BuiltinProblems.entries.map(\.name))
    func zeroNoiseLeavesTheValueAlone(_ name: String) throws {
        var plain = try Fixtures.registry.makeProblem(EntrySpec(name), seed: 3)
        var noisy = try Fixtures.registry.makeProblem(EntrySpec(name, options: ["noise": .real(0.5)]), seed: 3)
        for u in [0.1, 0.3, 0.77] {
            let configuration = plain.space.decode([Double](repeating: u, count: plain.space.dimension))
            let evaluation = try plain.evaluate(configuration)
            let noisyEvaluation = try noisy.evaluate(configuration)
            // No wrapper at noise 0: no noiseless value is reported, and the value is the noiseless one.
            #expect(evaluation.noiselessValue == nil)
            #expect(evaluation.value == noisyEvaluation.noiselessValue)
            #expect(evaluation.value != noisyEvaluation.value)
        }
    }

    @Test(arguments: BuiltinProblems.entries.map(\.name))
    func everyEntryAddsNoiseWhenAsked(_ name: String) throws {
        var problem = try Fixtures.registry.makeProblem(EntrySpec(name, options: ["noise": .real(1)]), seed: 3)
        let known = try #require(problem as? any KnownMinimizers)
        let minimizer = try #require(known.minimizers.first)
        let evaluation = try problem.evaluate(minimizer)
        let optimum = try #require(problem.optimum)
        #expect(abs(try #require(evaluation.noiselessValue) - optimum) <= 1e-6)
        #expect(evaluation.value != evaluation.noiselessValue)
    }

    /// The `k`-th evaluation gets `σ ε_k` with `ε_k` the `k`-th `nextGaussian()` of the documented generator.
    @Test func noiseFollowsTheDocumentedGenerator() throws {
        let seed: UInt64 = 2024
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["observation-noise"]))
        let noiseSeed = NoisyProblem<BraninMixed>.noiseSeed(instanceSeed: seed)
        #expect(noiseSeed == SeedDerivation.derive(seed, ["observation-noise"]))
        for evaluation in try Self.values(Self.noisyBranin(noise: 0.25, seed: seed)) {
            let expected = try #require(evaluation.noiselessValue) + 0.25 * generator.nextGaussian()
            #expect(evaluation.value == expected)
        }
    }

    @Test func noiseHasZeroMeanAndTheRequestedSpread() throws {
        var problem = try NoisyProblem(SyntheticProblem(Branin()), noise: 0.5, seed: 11)
        let configuration = Configuration.reals([1, 2])
        let n = 4000
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<n {
            let evaluation = try problem.evaluate(configuration)
            let error = evaluation.value - evaluation.trueValue
            sum += error
            sumOfSquares += error * error
        }
        let mean = sum / Double(n)
        let deviation = (sumOfSquares / Double(n) - mean * mean).squareRoot()
        // Standard error of the mean: 0.5 / sqrt(4000) ≈ 0.0079; of the deviation: about 0.5 / sqrt(8000) ≈ 0.0056.
        #expect(abs(mean) < 0.04)
        #expect(abs(deviation - 0.5) < 0.03)
    }

    @Test func failedEvaluationsStayFailedAndKeepTheSequence() throws {
        var failing = try NoisyProblem(FailsOnNegative(), noise: 1, seed: 5)
        var plain = try NoisyProblem(FailsOnNegative(), noise: 1, seed: 5)
        let bad = try failing.evaluate(.reals([-1]))
        #expect(bad.value.isNaN)
        // No noiseless value: a NaN would be written as null and read back as nil, changing the record.
        #expect(bad.noiselessValue == nil)
        _ = try plain.evaluate(.reals([0.5]))
        // Both have drawn one variate, so the second evaluations get the same noise.
        let afterFailure = try failing.evaluate(.reals([0.5])).value
        let afterSuccess = try plain.evaluate(.reals([0.5])).value
        #expect(afterFailure == afterSuccess)
    }

    @Test func wrapperForwardsTheBaseProblem() throws {
        let base = try SyntheticProblem(Hartmann6())
        let noisy = try NoisyProblem(base, noise: 0.1, seed: 1)
        #expect(noisy.space == base.space)
        #expect(noisy.optimum == base.optimum)
        #expect(noisy.minimizers == base.minimizers)
        #expect(noisy.noise == 0.1)
    }
}

/// A one-parameter problem whose value is `x`, failing (NaN) for negative `x`.
private struct FailsOnNegative: Problem {
    let space = try! SearchSpace([.real("x", lower: -1, upper: 1)])

    func evaluate(_ configuration: Configuration) -> Evaluation {
        let x = configuration.real(0)
        return Evaluation(value: x < 0 ? .nan : x)
    }
}

/// A noisy problem keeps its base problem's metadata: a noisy bbob function still says which COCO problem it is.
@Test func noiseKeepsTheMetadata() throws {
    let plain = try BBOBRegistryTests.registry.makeProblem(EntrySpec("bbob-f01", options: ["dimension": .integer(2)]), seed: 1)
    let noisy = try BBOBRegistryTests.registry.makeProblem(
        EntrySpec("bbob-f01", options: ["dimension": .integer(2), "noise": .real(0.1)]), seed: 1)
    #expect(plain.metadata["coco"] != nil && noisy.metadata == plain.metadata)
}
