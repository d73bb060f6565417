import Foundation
import Testing
import TunebenchConformance
import TunebenchCore
import TunebenchNumerics
import TunebenchProblems

/// The classic constrained problems: their optima and formulas against `Tests/Scripts/constrained_optima.py` (SciPy's
/// SLSQP from 512 starts, written from the publications independently of the Swift code) and the published figures,
/// and the problem contract with constraints.
struct ConstrainedProblemTests {
    /// One problem's reference values, as the script printed them.
    struct Reference: Sendable, CustomTestStringConvertible {
        var name: String
        /// The script's optimum and minimizer.
        var optimum: Double
        var minimizer: [Double]
        /// The published figure, and its tolerance: one unit of its last digit (CEC 2020 truncates its figures).
        var published: Double
        var publishedTolerance: Double
        /// The value and constraint values at the centre of the box.
        var centreValue: Double
        var centreConstraints: [Double]
        var testDescription: String { name }
    }

    static let references: [Reference] = [
        Reference(
            // The script's SLSQP stops at x1 = 4.712388973746243; the exact minimizer is 3π/2.
            name: "gardner", optimum: -2, minimizer: [3 * Double.pi / 2, 0], published: -2, publishedTolerance: 0,
            centreValue: -0.8094413711826939, centreConstraints: [0.46017028665036597]),
        Reference(
            name: "gramacy", optimum: 0.599788052010069, minimizer: [0.1951226886147587, 0.40466536339531034],
            published: 0.5998, publishedTolerance: 5e-5, centreValue: 1, centreConstraints: [-0.5, -1]),
        Reference(
            name: "branin-constrained", optimum: 0.8446741296445861,
            minimizer: [2.9451328162513577, 2.9451328162513613], published: 0.8447, publishedTolerance: 5e-5,
            centreValue: 24.129964413622268, centreConstraints: [-5, -2.5]),
        Reference(
            name: "spring", optimum: 0.012665232788320626,
            minimizer: [0.051689060212850545, 0.3567177188716026, 11.288966978548219], published: 0.01266523278,
            publishedTolerance: 1e-11, centreValue: 8.549460937500001,
            centreConstraints: [0.9999500661713138, -1.0002890094435744, -27.198322825488145, 0.19999999999999996]),
        Reference(
            name: "pressure-vessel", optimum: 5885.332773616459,
            minimizer: [0.7781686413751053, 0.3846491626279018, 40.31961872409872, 200], published: 5885.332773,
            publishedTolerance: 1e-6, centreValue: 106294.9658203125,
            centreConstraints: [-1.0985, -2.1233, -7189834.456427729]),
    ]

    /// The functions themselves, for their raw values (the problems floor feasible values at the optimum).
    static let functions: [String: any ConstrainedFunction] = {
        let all: [any ConstrainedFunction] = [
            Gardner(), Gramacy(), ConstrainedBranin(), TensionSpring(), PressureVessel(),
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()

    static let registry: Registry = {
        var registry = Registry()
        for entry in ConstrainedProblems.entries { try! registry.register(entry) }
        try! registry.register(ConstrainedProblems.suite)
        return registry
    }()

    static func problem(_ name: String) throws -> any Problem {
        try registry.makeProblem(EntrySpec(name), seed: 1)
    }

    @Test(arguments: references)
    func optimumIsTheScriptsAndThePublishedFigure(_ reference: Reference) throws {
        var problem = try Self.problem(reference.name)
        #expect(problem.optimum == reference.optimum)
        #expect(abs(reference.optimum - reference.published) <= reference.publishedTolerance)
        let function = try #require(Self.functions[reference.name])
        #expect(function.minimum == reference.optimum && function.minimizer == reference.minimizer)
        let at = try problem.evaluate(.reals(reference.minimizer))
        // The raw value, not the problem's (which floors a feasible value at the optimum).
        let raw = function.value(reference.minimizer)
        #expect(abs(raw - reference.optimum) <= 1e-15 * max(1, abs(reference.optimum)), "value \(raw) at the minimizer")
        #expect(at.value == reference.optimum)
        // The stated minimizer is feasible in double precision.
        for c in at.constraints ?? [] { #expect(c <= 0, "constraint \(c) at the minimizer") }
    }

    @Test(arguments: references)
    func formulasMatchTheScriptAtTheCentre(_ reference: Reference) throws {
        var problem = try Self.problem(reference.name)
        let centre = problem.space.decode([Double](repeating: 0.5, count: problem.space.dimension))
        let evaluation = try problem.evaluate(centre)
        #expect(abs(evaluation.value - reference.centreValue) <= 1e-12 * max(1, abs(reference.centreValue)))
        let constraints = try #require(evaluation.constraints)
        #expect(constraints.count == reference.centreConstraints.count)
        for (c, expected) in zip(constraints, reference.centreConstraints) {
            #expect(abs(c - expected) <= 1e-12 * max(1, abs(expected)), "\(c) against \(expected)")
        }
    }

    /// CRAN `CompModels::gram`'s example: at (0.2, 0.2) the objective is 0.4 and the constraints 1.29 and -1.42
    /// (published to two decimals).
    @Test func gramacyMatchesCompModelsExample() throws {
        var problem = try Self.problem("gramacy")
        let evaluation = try problem.evaluate(.reals([0.2, 0.2]))
        #expect(abs(evaluation.value - 0.4) < 1e-15)
        let c = try #require(evaluation.constraints)
        #expect(abs(c[0] - 1.29) < 0.005 && abs(c[1] - -1.42) < 0.005, "\(c)")
    }

    /// No feasible point of 20,000 uniform draws has a raw value below the optimum (to 1e-12 of it), and some are
    /// feasible; the script's 2^16 Sobol points say the same for its optima.
    @Test(arguments: references)
    func noFeasibleSampleBeatsTheOptimum(_ reference: Reference) throws {
        var problem = try Self.problem(reference.name)
        let function = try #require(Self.functions[reference.name])
        var generator = Xoshiro256StarStar(seed: 17)
        var feasible = 0
        for _ in 0..<20_000 {
            let point = (0..<problem.space.dimension).map { _ in generator.nextUnit() }
            let configuration = problem.space.decode(point)
            let evaluation = try problem.evaluate(configuration)
            guard evaluation.isFeasible else { continue }
            feasible += 1
            let raw = function.value((0..<problem.space.dimension).map { configuration.real($0) })
            #expect(raw >= reference.optimum - 1e-12 * max(1, abs(reference.optimum)), "\(raw) at \(point)")
        }
        #expect(feasible > 0)
    }

    @Test(arguments: references)
    func problemConforms(_ reference: Reference) {
        for noise in [0.0, 1.0] {
            let spec = EntrySpec(reference.name, options: noise > 0 ? ["noise": .real(noise)] : [:])
            let failures = ProblemConformance.check(name: spec.label) { try Self.registry.makeProblem(spec, seed: $0) }
            #expect(failures.isEmpty, "\(failures)")
        }
    }

    /// An infeasible value may be below the optimum (the objective is not floored there), and the conformance suite
    /// compares only feasible values with the optimum; it catches a constrained problem that reports no constraints.
    @Test func conformanceComparesFeasibleValuesAndCountsConstraints() throws {
        var gramacy = try Self.problem("gramacy")
        let origin = try gramacy.evaluate(.reals([0, 0]))
        #expect(origin.value < 0.599788052010069 && !origin.isFeasible)

        struct Forgetful: Problem {
            let space = try! SearchSpace([.real("x", lower: 0, upper: 1)])
            var constraintCount: Int { 1 }
            mutating func evaluate(_ configuration: Configuration) -> Evaluation {
                Evaluation(value: configuration.real(0))
            }
        }
        let failures = ProblemConformance.check(name: "forgetful") { _ in Forgetful() }
        #expect(failures.map(\.check) == ["constraint values match the count"])
    }

    @Test func suiteListsEveryConstrainedProblem() throws {
        let suite = try Self.registry.suite(named: "constrained")
        #expect(suite.problems.map(\.name) == Self.references.map(\.name))
        for reference in Self.references {
            #expect(try Self.problem(reference.name).constraintCount == reference.centreConstraints.count)
        }
    }
}
