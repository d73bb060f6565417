import Testing
import TunebenchCore
import TunebenchProblems

/// Values at points other than the optimum, each computed independently of this package: by hand from the
/// formula where it simplifies (shown in `how`), otherwise with mpmath 1.3 in 40-digit arithmetic from the
/// formula and constants as printed by the source (SFU VLSE), then rounded to double.
struct KnownValueTests {
    struct Point: Sendable, CustomTestStringConvertible {
        var spec: EntrySpec
        var values: [ParameterValue?]
        var expected: Double
        var how: String

        /// A point of a continuous function with the given `dimension` or `m` option.
        init(
            _ name: String, dimension: Int? = nil, m: Int? = nil, at x: [Double], _ expected: Double, _ how: String
        ) {
            var options: [String: OptionValue] = [:]
            options["dimension"] = dimension.map { .integer($0) }
            options["m"] = m.map { .integer($0) }
            self.init(EntrySpec(name, options: options), x.map { .real($0) }, expected, how)
        }

        /// A configuration of a mixed problem.
        init(_ name: String, values: [ParameterValue?], _ expected: Double, _ how: String) {
            self.init(EntrySpec(name), values, expected, how)
        }

        init(_ spec: EntrySpec, _ values: [ParameterValue?], _ expected: Double, _ how: String) {
            self.spec = spec
            self.values = values
            self.expected = expected
            self.how = how
        }

        var testDescription: String { "\(spec.label) at \(values.map { $0.map { "\($0.numericValue)" } ?? "-" })" }
    }

    static let points: [Point] = [
        Point("branin", at: [0, 0], 55.602112642270262, "36 + 10 (1 - 1/(8π)) + 10 = 56 - 5/(4π)"),
        Point("branin", at: [Double.pi, 0], 5.5735123577297382, "at x1 = π: (x2 - 2.275)² + 5/(4π)"),
        Point("rosenbrock", dimension: 2, at: [0, 0], 1, "d - 1: each (x_i - 1)² is 1"),
        Point("rosenbrock", dimension: 7, at: Array(repeating: 0, count: 7), 6, "d - 1"),
        Point("rosenbrock", dimension: 2, at: [-1, 1], 4, "100 (1 - 1)² + (-2)²"),
        Point("sphere", dimension: 3, at: [1, 2, 3], 14, "1 + 4 + 9"),
        Point("rastrigin", dimension: 3, at: [1, 1, 1], 3, "each term 1 - 10 cos 2π + 10 = 1"),
        Point("rastrigin", dimension: 2, at: [0.5, 0.5], 40.5, "each term 0.25 + 10 + 10"),
        Point("ackley", dimension: 4, at: [1, 1, 1, 1], 3.625384938440363, "20 (1 - e^-0.2)"),
        Point("styblinski-tang", dimension: 3, at: [1, 1, 1], -15, "each term (1 - 16 + 5)/2"),
        Point("styblinski-tang", dimension: 2, at: [0, 0], 0, "every term vanishes"),
        Point("griewank", dimension: 1, at: [Double.pi], 2.0024674011002723, "2 + π²/4000"),
        Point("griewank", dimension: 2, at: [Double.pi, Double.pi], 0.39923493512173125, "mpmath"),
        Point("levy", dimension: 1, at: [0], 0.625, "w = 3/4: sin²(3π/4) + (1/16)(1 + 1)"),
        Point("levy", dimension: 2, at: [0, 0], 0.7158445541169745, "mpmath"),
        Point("six-hump-camel", at: [0, 0], 0, "every term vanishes"),
        Point("six-hump-camel", at: [1, 1], 3.2333333333333334, "(4 - 2.1 + 1/3) + 1 + 0 = 97/30"),
        Point("goldstein-price", at: [0, 0], 600, "(1 + 1 · 19)(30 + 0)"),
        Point("goldstein-price", at: [1, 1], 1876, "mpmath (exact integer)"),
        Point("hartmann3", at: [0.5, 0.5, 0.5], -0.6280220150705942, "mpmath"),
        Point("hartmann6", at: Array(repeating: 0.5, count: 6), -0.5053149917022332, "mpmath"),
        Point("hartmann6", at: Array(repeating: 0, count: 6), -0.00508911288366444, "mpmath"),
        Point("michalewicz", dimension: 2, at: [Double.pi / 2, Double.pi / 2], -1.0009765625, "-sin²⁰(π/4) - 1"),
        Point("michalewicz", dimension: 5, at: [1, 1, 1, 1, 1], -1.194925864568349, "mpmath"),
        Point("shekel", m: 5, at: [0, 0, 0, 0], -0.2731153357930401, "mpmath"),
        Point("shekel", m: 7, at: [1, 1, 1, 1], -5.087666504914353, "mpmath"),
        Point("shekel", m: 10, at: [1, 1, 1, 1], -5.128471039662403, "mpmath"),
        Point("branin-mixed", values: [.real(0), .integer(0)], 55.602112642270262, "as Branin at (0, 0)"),
        Point(
            "shifted-choice", values: [.categorical(0), .real(0), .real(0), .integer(1)], 13.9804530139182,
            "0.5 + 2² + 3² + ln²(1/4)/4"),
        Point(
            "shifted-choice", values: [.categorical(3), .real(4), .real(4), .integer(2)], 1, "the offset of choice d"),
        Point(
            "conditional-choice",
            values: [.categorical(1), .real(0.5), nil, .integer(10), .integer(128), nil, nil, nil],
            1.25, "0.25 + 0 + 4²/16 + 0"),
        Point(
            "conditional-choice",
            values: [.categorical(2), .real(0.8), nil, nil, nil, .categorical(1), .real(0.1), .integer(5)],
            0.8, "0.3 + 0 + 0 + 2²/8"),
        Point(
            "conditional-choice", values: [.categorical(0), .real(0), .real(1), nil, nil, nil, nil, nil],
            3.522317687144099, "0.5 + 0.2² + ln²(1000)/16"),
    ]

    @Test(arguments: points)
    func valueMatchesIndependentComputation(_ point: Point) throws {
        // The published function: a synthetic entry's seeded instances move it (InstanceTests checks those).
        var problem = try Fixtures.registry.makeProblem(Fixtures.canonical(point.spec), seed: 1)
        let configuration = Configuration(point.values)
        try problem.space.validate(configuration)
        let value = try problem.evaluate(configuration).value
        #expect(abs(value - point.expected) <= 1e-12 * max(1, abs(point.expected)), "\(point.how): got \(value)")
    }
}
