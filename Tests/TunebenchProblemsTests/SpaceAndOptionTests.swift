import Testing
import TunebenchCore
import TunebenchProblems

/// Options shape the spaces; invalid option values are rejected with a clear error before a problem is built.
struct SpaceAndOptionTests {
    /// The default dimension of every entry, as documented in `BuiltinProblems`.
    @Test(arguments: [
        ("branin", 2), ("hartmann3", 3), ("hartmann6", 6), ("rosenbrock", 4), ("ackley", 5), ("levy", 4),
        ("rastrigin", 4), ("styblinski-tang", 4), ("griewank", 4), ("sphere", 4), ("six-hump-camel", 2),
        ("goldstein-price", 2), ("michalewicz", 5), ("shekel", 4), ("branin-mixed", 2), ("shifted-choice", 4),
        ("conditional-choice", 8),
    ])
    func defaultSpaceHasDocumentedDimension(_ name: String, _ dimension: Int) throws {
        let problem = try Fixtures.registry.makeProblem(EntrySpec(name), seed: 1)
        #expect(problem.space.dimension == dimension)
        #expect(problem.fidelities.isEmpty)
    }

    @Test(
        arguments: ["rosenbrock", "ackley", "levy", "rastrigin", "styblinski-tang", "griewank", "sphere"], [2, 3, 17])
    func dimensionOptionSetsTheNumberOfRealParameters(_ name: String, _ dimension: Int) throws {
        let spec = EntrySpec(name, options: ["dimension": .integer(dimension)])
        let problem = try Fixtures.registry.makeProblem(spec, seed: 1)
        #expect(problem.space.dimension == dimension)
        #expect(problem.space.parameters.map(\.name) == (1...dimension).map { "x\($0)" })
        #expect(problem.space.requiredCapabilities == [.real])
    }

    @Test(arguments: [2, 5, 10])
    func michalewiczAcceptsThePublishedDimensions(_ dimension: Int) throws {
        let spec = EntrySpec("michalewicz", options: ["dimension": .integer(dimension)])
        let problem = try Fixtures.registry.makeProblem(spec, seed: 1)
        #expect(problem.space.dimension == dimension)
        guard case .real(let lower, let upper, .linear) = problem.space.parameters[0].domain else {
            Issue.record("x1 is not a linear real parameter")
            return
        }
        #expect(lower == 0 && upper == Double.pi)
    }

    @Test func syntheticBoundsFollowTheSource() throws {
        let branin = try SyntheticProblem(Branin())
        #expect(branin.space.parameters.map(\.domainDescription) == ["real [-5.0, 10.0]", "real [0.0, 15.0]"])
        let ackley = try SyntheticProblem(Ackley(dimension: 2))
        #expect(ackley.space.parameters.allSatisfy { $0.domainDescription == "real [-32.768, 32.768]" })
    }

    @Test func mixedSpacesNeedTheirParameterKinds() throws {
        #expect(BraninMixed().space.requiredCapabilities == [.real, .integer])
        #expect(ShiftedChoice().space.requiredCapabilities == [.categorical, .real, .integer, .logScale])
        #expect(
            ConditionalChoice().space.requiredCapabilities == [.categorical, .real, .integer, .logScale, .conditional])
    }

    @Test func conditionalChildrenAreActiveOnlyUnderTheirBranch() {
        let space = ConditionalChoice().space
        // Unit-cube coordinate of choice i of n: (i + 1/2) / n; every other coordinate 1/2.
        func activeNames(branch: Int, kernel: Int) -> [String] {
            var point = [Double](repeating: 0.5, count: space.dimension)
            point[0] = (Double(branch) + 0.5) / 3
            point[5] = (Double(kernel) + 0.5) / 2
            let configuration = space.decode(point)
            return space.parameters.indices.filter { configuration[$0] != nil }.map { space.parameters[$0].name }
        }
        #expect(activeNames(branch: 0, kernel: 0) == ["branch", "x", "alpha"])
        #expect(activeNames(branch: 1, kernel: 0) == ["branch", "x", "depth", "trees"])
        #expect(activeNames(branch: 2, kernel: 0) == ["branch", "x", "kernel", "gamma"])
        #expect(activeNames(branch: 2, kernel: 1) == ["branch", "x", "kernel", "gamma", "degree"])
    }

    // MARK: - Rejected options

    @Test func michalewiczRejectsDimensionWithoutPublishedMinimum() {
        let spec = EntrySpec("michalewicz", options: ["dimension": .integer(3)])
        let expected = CoreError.invalidOption(
            entry: "michalewicz", option: "dimension", value: "3", expected: "one of 2, 5, 10")
        #expect(throws: expected) { try Fixtures.registry.makeProblem(spec, seed: 1) }
        #expect(expected.description == "option 'dimension' of 'michalewicz' is 3; expected one of 2, 5, 10")
    }

    @Test(arguments: [
        ("rosenbrock", "dimension", OptionValue.integer(1), "an integer in [2, 1000]"),
        ("sphere", "dimension", .integer(0), "an integer in [1, 1000]"),
        ("ackley", "dimension", .integer(1001), "an integer in [1, 1000]"),
        ("levy", "dimension", .real(2.5), "an integer in [1, 1000]"),
        ("shekel", "m", .integer(6), "one of 5, 7, 10"),
        ("branin", "noise", .real(-0.1), "a finite number >= 0.0"),
        ("conditional-choice", "noise", .string("loud"), "a finite number >= 0.0"),
    ])
    func invalidOptionValuesAreRejected(_ name: String, _ option: String, _ value: OptionValue, _ expected: String) {
        let spec = EntrySpec(name, options: [option: value])
        #expect(throws: CoreError.self) { try Fixtures.registry.problemOptions(spec) }
        do {
            _ = try Fixtures.registry.makeProblem(spec, seed: 1)
            Issue.record("\(name) accepted \(option) = \(value.text)")
        } catch let error as CoreError {
            guard case .invalidOption(let entry, let name, _, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(entry == spec.name && name == option && message == expected)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func misspelledOptionGetsASuggestion() {
        let spec = EntrySpec("rastrigin", options: ["dimensoin": .integer(3)])
        #expect(throws: CoreError.unknownOption(entry: "rastrigin", option: "dimensoin", suggestion: "dimension")) {
            try Fixtures.registry.makeProblem(spec, seed: 1)
        }
    }

    @Test func optionsOnlyWhereAFunctionHasThem() {
        let spec = EntrySpec("branin", options: ["dimension": .integer(3)])
        #expect(throws: CoreError.self) { try Fixtures.registry.makeProblem(spec, seed: 1) }
    }

    // MARK: - Direct construction

    @Test func constructorsRejectUnsupportedArguments() {
        #expect(
            throws: ProblemsError.invalidArgument(
                problem: "michalewicz", argument: "dimension", value: "3",
                expected: "one of 2, 5, 10 (the dimensions with a published minimum)")
        ) { try Michalewicz(dimension: 3) }
        #expect(throws: ProblemsError.self) { try Rosenbrock(dimension: 1) }
        #expect(throws: ProblemsError.self) { try Sphere(dimension: 0) }
        #expect(throws: ProblemsError.self) { try Shekel(m: 4) }
        #expect(throws: ProblemsError.self) { try NoisyProblem(BraninMixed(), noise: -1, seed: 0) }
        #expect(throws: ProblemsError.self) { try NoisyProblem(BraninMixed(), noise: .nan, seed: 0) }
        let error = ProblemsError.invalidArgument(problem: "shekel", argument: "m", value: "4", expected: "one of 5")
        #expect(error.description == "shekel: m 4 is not supported; expected one of 5")
    }
}
