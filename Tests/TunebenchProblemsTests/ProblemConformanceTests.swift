import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchProblems

/// Every built-in problem, with and without observation noise, passes the problem conformance suite.
struct ProblemConformanceTests {
    @Test(arguments: Fixtures.cases)
    func problemConforms(_ problem: ProblemCase) {
        let failures = ProblemConformance.check(name: problem.spec.label) {
            try Fixtures.registry.makeProblem(problem.spec, seed: $0)
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(arguments: Fixtures.cases)
    func noisyProblemConforms(_ problem: ProblemCase) {
        var spec = problem.spec
        spec.options["noise"] = .real(1)
        let failures = ProblemConformance.check(name: spec.label) { try Fixtures.registry.makeProblem(spec, seed: $0) }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The suite must be able to fail: a problem whose stated optimum is too high is caught.
    @Test func wrongOptimumIsCaught() {
        struct Overstated: Problem {
            let space = try! SearchSpace([.real("x", lower: -1, upper: 1)])
            var optimum: Double? { 0.5 }
            mutating func evaluate(_ configuration: Configuration) -> Evaluation {
                Evaluation(value: configuration.real(0) * configuration.real(0))
            }
        }
        let failures = ProblemConformance.check(name: "overstated") { _ in Overstated() }
        #expect(failures.map(\.check) == ["no value below the optimum"])
    }
}
