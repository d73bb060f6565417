import Testing
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// No configuration near a minimizer is better: coordinate steps of several sizes, random small moves, the
/// neighbouring integers and the other choices of unconditional categorical parameters.
struct LocalPerturbationTests {
    @Test(arguments: Fixtures.cases)
    func neighboursOfEveryMinimizerAreNotBetter(_ testCase: ProblemCase) throws {
        var problem = try testCase.make()
        let optimum = try #require(problem.optimum)
        let space = problem.space
        var generator = Xoshiro256StarStar(seed: SeedDerivation.derive(7, ["perturb", testCase.spec.label]))
        for minimizer in problem.minimizers {
            var neighbours: [Configuration] = []
            for (index, parameter) in space.parameters.enumerated() {
                guard let value = minimizer[index] else { continue }
                switch (parameter.domain, value) {
                case (.real(let lower, let upper, _), .real(let x)):
                    for step in [1e-2, 1e-4, 1e-6] {
                        for sign in [-1.0, 1.0] {
                            var neighbour = minimizer
                            neighbour[index] = .real(min(max(x + sign * step * (upper - lower), lower), upper))
                            neighbours.append(neighbour)
                        }
                    }
                case (.integer(let lower, let upper, _), .integer(let k)):
                    for j in [k - 1, k + 1] where (lower...upper).contains(j) {
                        var neighbour = minimizer
                        neighbour[index] = .integer(j)
                        neighbours.append(neighbour)
                    }
                case (.categorical(let choices), .categorical(let i)):
                    for j in choices.indices where j != i {
                        var neighbour = minimizer
                        neighbour[index] = .categorical(j)
                        neighbours.append(neighbour)
                    }
                default:
                    Issue.record("value \(value) does not match parameter \(parameter.name)")
                }
            }
            // Random moves of every real parameter at once, up to 1e-3 of its range.
            for _ in 0..<50 {
                var neighbour = minimizer
                for (index, parameter) in space.parameters.enumerated() {
                    guard case .real(let lower, let upper, _) = parameter.domain, case .real(let x)? = minimizer[index]
                    else { continue }
                    let move = (2 * generator.nextUnit() - 1) * 1e-3 * (upper - lower)
                    neighbour[index] = .real(min(max(x + move, lower), upper))
                }
                neighbours.append(neighbour)
            }
            for neighbour in neighbours {
                // Switching a parent choice can make a configuration invalid (children without values); skip those.
                guard (try? space.validate(neighbour)) != nil else { continue }
                let value = try problem.evaluate(neighbour).value
                #expect(value >= optimum - 1e-9, "\(testCase.spec.label) at \(space.describe(neighbour)): \(value)")
            }
        }
    }
}
