import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// The seeded instances of the synthetic functions (``SyntheticInstance``): each moves the minimizer inside the
/// box, keeps the minimum exactly, and never computes a value below it.
struct InstanceTests {
    /// Every case whose entry has the `instance` option (the synthetic functions, `shifted-choice` and
    /// `conditional-choice`).
    static let syntheticCases: [ProblemCase] = Fixtures.cases.filter { testCase in
        (try? Fixtures.registry.problem(named: testCase.spec.name).options.contains { $0.name == "instance" }) == true
    }

    static let seeds: [UInt64] = Array(1...12)

    @Test func everySyntheticFunctionHasInstances() {
        #expect(Self.syntheticCases.count >= 16)
        // Mixed Branin has none: its optimum was computed on the published box, and shifting x1 would uncover lower
        // values outside it.
        #expect(!Self.syntheticCases.contains { $0.spec.name == "branin-mixed" })
    }

    @Test(arguments: syntheticCases)
    func instancesMoveTheMinimizerAndKeepTheMinimum(_ testCase: ProblemCase) throws {
        let canonical = try Fixtures.registry.makeProblem(Fixtures.canonical(testCase.spec), seed: 1)
        let published = try #require(canonical as? any KnownMinimizers)
        let stated = try #require(published.optimum)
        var seen: [[Double]] = []
        for seed in Self.seeds {
            var problem = try testCase.make(seed: seed)
            let optimum = try #require(problem.optimum)
            // The instance keeps the function's minimum, to within the rounding of the values at the minimizers.
            #expect(abs(optimum - stated) <= 1e-12 * max(1, abs(stated)), "seed \(seed)")
            let minimizer = try #require(problem.minimizers.first)
            try problem.space.validate(minimizer)
            let value = try problem.evaluate(minimizer).value
            #expect(value >= optimum && value - optimum <= 1e-12 * max(1, abs(optimum)), "seed \(seed)")
            seen.append(minimizer.numericValues)
        }
        // Every seed draws its own shift; a symmetry has finitely many images, of which the seeds find several.
        let distinct = Set(seen.map { $0.map(\.bitPattern) }).count
        let moved = seen.filter { point in !published.minimizers.contains { $0.numericValues == point } }.count
        if try Self.scheme(of: testCase) != .symmetry {
            #expect(distinct == seen.count)
            #expect(moved == seen.count)
        } else {
            #expect(distinct >= 3)
            #expect(moved >= seen.count / 2)
        }
    }

    /// The instance scheme of a synthetic function's case, read from the instance its problem was built with; `nil`
    /// for a mixed problem, whose instances draw continuous values.
    static func scheme(of testCase: ProblemCase) throws -> InstanceScheme? {
        let problem = try Fixtures.registry.makeProblem(testCase.spec, seed: 1)
        return (Mirror(reflecting: problem).descendant("instance") as? SyntheticInstance)?.scheme
    }

    @Test(arguments: syntheticCases)
    func theSameSeedGivesTheSameInstance(_ testCase: ProblemCase) throws {
        var first = try testCase.make(seed: 99)
        var second = try testCase.make(seed: 99)
        let space = first.space
        var generator = Xoshiro256StarStar(seed: 5)
        for _ in 0..<20 {
            let configuration = space.decode((0..<space.dimension).map { _ in generator.nextUnit() })
            #expect(try first.evaluate(configuration).value == second.evaluate(configuration).value)
        }
    }

    /// Regret is never negative, not even by one unit in the last place: at every minimizer, at moves of relative
    /// size 1e-16 to 1e-6 around it, and at uniform points, every problem with a known optimum (every synthetic
    /// function canonical and in 12 instances, and the mixed problems) computes a value at or above its optimum.
    @Test(arguments: Fixtures.cases)
    func regretIsNeverNegative(_ testCase: ProblemCase) throws {
        let specs = try [Fixtures.canonical(testCase.spec)] + Self.seeds.map { _ in testCase.spec }
        for (index, spec) in specs.enumerated() {
            let seed = index == 0 ? 1 : Self.seeds[index - 1]
            let built = try Fixtures.registry.makeProblem(spec, seed: seed)
            var problem = try #require(built as? any KnownMinimizers)
            let optimum = try #require(problem.optimum)
            let space = problem.space
            var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(seed, ["regret", spec.label]))
            var points = problem.minimizers
            for minimizer in problem.minimizers {
                for scale in [1e-16, 1e-15, 1e-14, 1e-12, 1e-10, 1e-8, 1e-6] {
                    for _ in 0..<40 {
                        var neighbour = minimizer
                        for (k, parameter) in space.parameters.enumerated() {
                            guard case .real(let lower, let upper, _) = parameter.domain,
                                case .real(let x)? = minimizer[k]
                            else { continue }
                            let move = (2 * generator.nextUnit() - 1) * scale * max(abs(x), upper - lower)
                            neighbour[k] = .real(min(max(x + move, lower), upper))
                        }
                        points.append(neighbour)
                    }
                }
            }
            for _ in 0..<200 {
                points.append(space.decode((0..<space.dimension).map { _ in generator.nextUnit() }))
            }
            for point in points where (try? space.validate(point)) != nil {
                let value = try problem.evaluate(point).value
                #expect(value >= optimum, "\(spec.label) seed \(seed) at \(space.describe(point)): \(value) < \(optimum)")
            }
        }
    }

    @Test func rotationsAreOrthogonal() throws {
        for d in [2, 5, 10] {
            for seed: UInt64 in 1...5 {
                let instance = SyntheticInstance(try Griewank(dimension: d), seed: seed)
                let q = instance.rotation
                #expect(q.count == d * d)
                for i in 0..<d {
                    for j in 0..<d {
                        let dot = (0..<d).reduce(0.0) { $0 + q[i * d + $1] * q[j * d + $1] }
                        #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
                    }
                }
            }
        }
    }

    @Test func schemesFollowTheFunctionsDomains() throws {
        #expect(try Rastrigin(dimension: 3).instanceScheme == .shift(rotated: false))
        #expect(try Rosenbrock(dimension: 3).instanceScheme == .shift(rotated: true))
        #expect(Hartmann6().instanceScheme == .symmetry)
        // A symmetry maps the cube onto itself: its minimizer is the published one reflected and permuted.
        let instance = SyntheticInstance(Hartmann6(), seed: 3)
        let image = instance.preimage(Hartmann6().minimizers[0])
        let published = Hartmann6().minimizers[0]
        let folded = zip(image.map { min($0, 1 - $0) }.sorted(), published.map { min($0, 1 - $0) }.sorted())
        #expect(folded.allSatisfy { abs($0 - $1) <= 1e-15 })
    }

    @Test func theCanonicalOptionGivesThePublishedFunction() throws {
        var problem = try Fixtures.registry.makeProblem(
            EntrySpec("rastrigin", options: ["instance": .string("canonical")]), seed: 7)
        #expect(problem.optimum == 0)
        let origin = Configuration.reals([0, 0, 0, 0])
        #expect(try problem.evaluate(origin).value == 0)
        var seeded = try Fixtures.registry.makeProblem(EntrySpec("rastrigin"), seed: 7)
        #expect(try seeded.evaluate(origin).value > 1)
    }
}
