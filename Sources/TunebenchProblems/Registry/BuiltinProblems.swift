import TunebenchCore

/// The registry entries of the built-in problems and the classic suite.
///
/// `Registry.builtin` (in the `Tunebench` module) registers ``entries`` and then ``classicSuite``. Every entry has
/// a `noise` option (see ``noiseOption``); functions with a free dimension have a `dimension` option.
///
/// | name                 | options (default)                          |
/// |----------------------|--------------------------------------------|
/// | `branin`             | noise                                      |
/// | `hartmann3`          | noise                                      |
/// | `hartmann6`          | noise                                      |
/// | `rosenbrock`         | dimension 2...1000 (4), noise              |
/// | `ackley`             | dimension 1...1000 (5), noise              |
/// | `levy`               | dimension 1...1000 (4), noise              |
/// | `rastrigin`          | dimension 1...1000 (4), noise              |
/// | `styblinski-tang`    | dimension 1...1000 (4), noise              |
/// | `griewank`           | dimension 1...1000 (4), noise              |
/// | `sphere`             | dimension 1...1000 (4), noise              |
/// | `six-hump-camel`     | noise                                      |
/// | `goldstein-price`    | noise                                      |
/// | `michalewicz`        | dimension one of 2, 5, 10 (5), noise       |
/// | `shekel`             | m one of 5, 7, 10 (10), noise              |
/// | `branin-mixed`       | noise                                      |
/// | `shifted-choice`     | noise                                      |
/// | `conditional-choice` | noise                                      |
public enum BuiltinProblems {
    /// Every built-in problem, in listing order: the continuous functions, then the mixed problems.
    public static let entries: [ProblemEntry] = [
        synthetic(
            "branin",
            summary: "Branin-Hoo function, 2-D, three global minima (Branin 1972; Dixon & Szegő 1978; SFU VLSE)"
        ) { _ in Branin() },
        synthetic(
            "hartmann3",
            summary: "Hartmann function, 3-D, four wells in the unit cube (Dixon & Szegő 1978; SFU VLSE)"
        ) { _ in Hartmann3() },
        synthetic(
            "hartmann6",
            summary: "Hartmann function, 6-D, four wells in the unit hypercube (Dixon & Szegő 1978; SFU VLSE)"
        ) { _ in Hartmann6() },
        synthetic(
            "rosenbrock",
            summary: "Rosenbrock's curved valley, d-D (Rosenbrock 1960; SFU VLSE)",
            options: [dimensionOption(Rosenbrock.dimensions, default: 4)]
        ) { try Rosenbrock(dimension: $0.integer("dimension")) },
        synthetic(
            "ackley",
            summary: "Ackley function, d-D, a funnel of regular local minima (Ackley 1987; SFU VLSE)",
            options: [dimensionOption(Ackley.dimensions, default: 5)]
        ) { try Ackley(dimension: $0.integer("dimension")) },
        synthetic(
            "levy",
            summary: "Levy function, d-D, many local minima on a bowl (Levy & Montalvo 1985; SFU VLSE)",
            options: [dimensionOption(Levy.dimensions, default: 4)]
        ) { try Levy(dimension: $0.integer("dimension")) },
        synthetic(
            "rastrigin",
            summary: "Rastrigin function, d-D, a grid of local minima (Rastrigin 1974; SFU VLSE)",
            options: [dimensionOption(Rastrigin.dimensions, default: 4)]
        ) { try Rastrigin(dimension: $0.integer("dimension")) },
        synthetic(
            "styblinski-tang",
            summary: "Styblinski-Tang function, d-D, separable, 2^d local minima (Styblinski & Tang 1990; SFU VLSE)",
            options: [dimensionOption(StyblinskiTang.dimensions, default: 4)]
        ) { try StyblinskiTang(dimension: $0.integer("dimension")) },
        synthetic(
            "griewank",
            summary: "Griewank function, d-D, cosine ripples on a wide bowl (Griewank 1981; SFU VLSE)",
            options: [dimensionOption(Griewank.dimensions, default: 4)]
        ) { try Griewank(dimension: $0.integer("dimension")) },
        synthetic(
            "sphere",
            summary: "Sphere function, d-D, the convex quadratic baseline (De Jong 1975; SFU VLSE)",
            options: [dimensionOption(Sphere.dimensions, default: 4)]
        ) { try Sphere(dimension: $0.integer("dimension")) },
        synthetic(
            "six-hump-camel",
            summary: "Six-hump camel function, 2-D, two global minima (Dixon & Szegő 1978; SFU VLSE)"
        ) { _ in SixHumpCamel() },
        synthetic(
            "goldstein-price",
            summary: "Goldstein-Price function, 2-D, values over five decades (Goldstein & Price 1971; SFU VLSE)"
        ) { _ in GoldsteinPrice() },
        synthetic(
            "michalewicz",
            summary: "Michalewicz function (m = 10), d-D, steep narrow valleys (Michalewicz 1992; SFU VLSE)",
            options: [
                OptionSpec(
                    "dimension", .integerChoice(Michalewicz.dimensions), default: .integer(5),
                    summary: "number of coordinates: 2, 5 or 10, the dimensions with a published minimum")
            ]
        ) { try Michalewicz(dimension: $0.integer("dimension")) },
        synthetic(
            "shekel",
            summary: "Shekel function, 4-D, m wells (Shekel 1971; Dixon & Szegő 1978; SFU VLSE)",
            options: [
                OptionSpec(
                    "m", .integerChoice(Shekel.wellCounts), default: .integer(10),
                    summary: "number of wells: 5, 7 or 10 (Dixon & Szegő's S5, S7, S10)")
            ]
        ) { try Shekel(m: $0.integer("m")) },
        mixed(
            "branin-mixed",
            summary: "Branin with integer x2: mixed real-integer, optimum computed by Tunebench (Branin 1972; SFU VLSE)"
        ) { BraninMixed() },
        mixed(
            "shifted-choice",
            summary: "A categorical choice shifting a sphere, with two reals and a log-scale integer (Tunebench)",
            instances: "each choice's centre and preferred n drawn, the offsets permuted among the choices"
        ) { seed in seed.map(ShiftedChoice.init(seed:)) ?? ShiftedChoice() },
        mixed(
            "conditional-choice",
            summary: "AutoML-shaped conditional space, a branch choice with nested children, log scales (Tunebench)",
            instances: "every branch's preferred values drawn (x, alpha, depth, trees, gamma, degree), constants kept"
        ) { seed in seed.map(ConditionalChoice.init(seed:)) ?? ConditionalChoice() },
    ]

    /// The classic suite: every entry once with its default options, plus Michalewicz in 2 and 10 dimensions and
    /// Shekel with 5 and 7 wells; every variant of those two carries its dimension or well count in its label.
    public static let classicSuite = Suite(
        name: "classic",
        summary: "every built-in problem with default options, plus Michalewicz 2-D and 10-D and Shekel S5 and S7",
        problems: entries.flatMap { entry -> [EntrySpec] in
            switch entry.name {
            case "michalewicz":
                return Michalewicz.dimensions.map {
                    EntrySpec("michalewicz", label: "michalewicz-\($0)", options: ["dimension": .integer($0)])
                }
            case "shekel":
                return Shekel.wellCounts.map {
                    EntrySpec("shekel", label: "shekel-\($0)", options: ["m": .integer($0)])
                }
            default:
                return [EntrySpec(entry.name)]
            }
        })

    /// The `noise` option of every entry: the standard deviation of Gaussian observation noise (see
    /// ``NoisyProblem``), 0 by default (no noise).
    public static let noiseOption = OptionSpec(
        "noise", .real(0...Double.infinity), default: .real(0),
        summary: "standard deviation of Gaussian observation noise; regret uses the noiseless value")

    /// The `failure` and `failure-share` options of every synthetic and bbob function: a seeded region of the box
    /// where evaluations fail (``FailingProblem``, ``FailureRegion``); `none` by default.
    public static let failureOptions = [
        OptionSpec(
            "failure", .choice(["none"] + FailureRegion.Shape.allCases.map(\.rawValue)), default: .string("none"),
            summary: "a seeded region where evaluations fail: halfspace or ball (away from the optimum), band (around "
                + "it), optimum (touching it)"),
        failureShareOption,
    ]

    /// The `duration` and `duration-spread` options of every synthetic and bbob function: how long an evaluation
    /// takes on a simulated worker (``TimedProblem``); `constant` (one second) by default.
    public static let durationOptions = [
        OptionSpec(
            "duration", .choice(["constant", "lognormal"]), default: .string("constant"),
            summary: "simulated seconds per evaluation on parallel workers: 'constant' (1 s) or 'lognormal' (mean 1 s, "
                + "seeded per instance and configuration)"),
        durationSpreadOption,
    ]

    /// The `duration-spread` option (see ``durationOptions``).
    static let durationSpreadOption = OptionSpec(
        "duration-spread", .real(0.01...3), default: .real(1),
        summary: "with duration=lognormal, the standard deviation of the duration's logarithm")

    /// The options that leave a problem's instances as they are (``TunebenchCore/EntrySpec/seedLabel``): a failing
    /// region's and the durations'.
    static let instanceNeutralOptions = Set((failureOptions + durationOptions).map(\.name))

    /// The `failure-share` option (see ``failureOptions``).
    static let failureShareOption = OptionSpec(
        "failure-share", .real(0.01...0.5), default: .real(0.1), summary: "the share of the box the failing region covers")

    /// The `instance` option of every synthetic function and of the mixed problems with instances: `seeded` (the
    /// default) draws the repetition's instance from its instance seed (``SyntheticInstance``,
    /// ``ShiftedChoice/init(seed:)``, ``ConditionalChoice/init(seed:)``), `canonical` gives the published problem.
    public static let instanceOption = OptionSpec(
        "instance", .choice(["seeded", "canonical"]), default: .string("seeded"),
        summary: "'seeded': a seeded instance per repetition (tunebench list NAME says how); 'canonical': the published one")

    /// The lines of `tunebench list NAME` that say how a function's instances are drawn.
    static func instanceDetails(_ scheme: InstanceScheme) -> [String] {
        let how: String
        switch scheme {
        case .shift(rotated: false):
            how = "the minimizer moved uniformly into the middle 80% of each side of the box, no rotation"
        case .shift(rotated: true):
            how = "the minimizer moved uniformly into the middle 80% of each side of the box, and a uniform rotation"
        case .symmetry:
            how = "the box reflected and its coordinates permuted, so the minimizer is one of the published one's images"
        }
        return [
            "instances (instance=seeded): \(how), drawn from the repetition's instance seed; minimum unchanged",
            "  (COCO's scheme: Hansen et al. 2009, INRIA RR-6829); instance=canonical gives the published function",
        ]
    }

    /// A `dimension` option over `range` with default `value`.
    static func dimensionOption(_ range: ClosedRange<Int>, default value: Int) -> OptionSpec {
        OptionSpec("dimension", .integer(range), default: .integer(value), summary: "number of coordinates")
    }

    // MARK: - Entry builders

    /// An entry for the synthetic function that `make` builds from the options, as a ``SyntheticProblem``.
    static func synthetic<Function: SyntheticFunction>(
        _ name: String, summary: String, options: [OptionSpec] = [],
        make: @escaping @Sendable (Options) throws -> Function
    ) -> ProblemEntry {
        let specs = options + [instanceOption, noiseOption] + failureOptions + durationOptions
        let scheme = (try? make(Options.resolve([:], specs: specs, entry: name)))?.instanceScheme
        return ProblemEntry(
            name: name, summary: summary, options: specs, details: scheme.map(instanceDetails) ?? [],
            shapeNeutralOptions: instanceNeutralOptions
        ) { context in
            let function = try make(context.options)
            let instance =
                context.options.string("instance") == "seeded" ? SyntheticInstance(function, seed: context.seed) : nil
            return try withFailuresAndNoise(SyntheticProblem(function, instance: instance), context)
        }
    }

    /// An entry for a problem without options besides `noise`.
    static func mixed<P: Problem & Sendable>(
        _ name: String, summary: String, make: @escaping @Sendable () -> P
    ) -> ProblemEntry {
        // Only branin-mixed takes this form: its optimum was computed on the published box, so it has no instances.
        ProblemEntry(
            name: name, summary: summary, options: [noiseOption],
            details: [
                "instances: none; every repetition runs the published function, whose optimum was computed on its box"
            ]
        ) { context in
            try withNoise(make(), context)
        }
    }

    /// An entry for a mixed problem with seeded instances, described by `instances`: `make` receives the instance
    /// seed, or `nil` for the canonical problem (`instance=canonical`).
    static func mixed<P: Problem & Sendable>(
        _ name: String, summary: String, instances: String, make: @escaping @Sendable (UInt64?) -> P
    ) -> ProblemEntry {
        let details = [
            "instances (instance=seeded): \(instances), from the repetition's instance seed; minimum unchanged",
            "  instance=canonical gives the problem as first published",
        ]
        return ProblemEntry(name: name, summary: summary, options: [instanceOption, noiseOption], details: details) {
            context in
            try withNoise(make(context.options.string("instance") == "seeded" ? context.seed : nil), context)
        }
    }

    /// `problem` with the failing region of the `failure` options (``FailingProblem``), then the noise of `noise`
    /// (``withNoise(_:_:)``): a failed evaluation stays failed under noise, and the noise draws stay paired.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for `failure-share` given
    ///   without a `failure` shape, and what ``FailureRegion`` throws.
    static func withFailuresAndNoise<P: KnownMinimizers>(_ problem: P, _ context: ProblemContext) throws -> any Problem {
        try withDurations(try withFailuresAndNoiseOnly(problem, context), context)
    }

    /// `problem` itself with `duration=constant`, else in a ``TimedProblem``.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for `duration-spread` given
    ///   without `duration=lognormal`.
    static func withDurations(_ problem: any Problem, _ context: ProblemContext) throws -> any Problem {
        guard context.options.string("duration") == "lognormal" else {
            if let spread = context.options.values["duration-spread"], spread != durationSpreadOption.defaultValue {
                throw ProblemsError.invalidArgument(
                    problem: "timed problem", argument: "duration-spread", value: spread.text,
                    expected: "duration=lognormal beside it: a constant duration has no spread")
            }
            return problem
        }
        return TimedProblem(problem, spread: context.options.real("duration-spread"), instanceSeed: context.seed)
    }

    /// ``withFailuresAndNoise(_:_:)`` before the durations.
    private static func withFailuresAndNoiseOnly<P: KnownMinimizers>(
        _ problem: P, _ context: ProblemContext
    ) throws -> any Problem {
        guard let shape = FailureRegion.Shape(rawValue: context.options.string("failure")) else {
            if let share = context.options.values["failure-share"], share != failureShareOption.defaultValue {
                throw ProblemsError.invalidArgument(
                    problem: "failing problem", argument: "failure-share", value: share.text,
                    expected: "a failure shape beside it (failure=halfspace, ball, band or optimum): without one "
                        + "nothing fails")
            }
            return try withNoise(problem, context)
        }
        let failing = try FailingProblem(
            problem, shape: shape, share: context.options.real("failure-share"), seed: context.seed)
        return try withNoise(failing, context)
    }

    /// `problem` itself when the `noise` option is 0, else `problem` in a ``NoisyProblem`` seeded from the
    /// instance seed.
    static func withNoise<P: Problem>(_ problem: P, _ context: ProblemContext) throws -> any Problem {
        let noise = context.options.real("noise")
        guard noise > 0 else { return problem }
        return try NoisyProblem(problem, noise: noise, seed: context.seed)
    }
}
