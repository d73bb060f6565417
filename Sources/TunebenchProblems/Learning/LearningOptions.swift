import TunebenchCore

/// The registry options shared by every learning problem, and the builders that turn them into a
/// ``LearningProblem``.
///
/// Classification entries take ``classification``:
///
/// | option        | values (default)                  | meaning                                              |
/// |---------------|-----------------------------------|------------------------------------------------------|
/// | `samples`     | 20...1000000 (3000)               | rows of the dataset                                  |
/// | `features`    | 1...10000 (20)                    | columns: informative + redundant + noise             |
/// | `informative` | 1...1000 (6)                      | features carrying the class clusters                 |
/// | `redundant`   | 0...1000 (2)                      | random linear combinations of the informative ones   |
/// | `classes`     | 2...100 (3)                       | number of classes                                    |
/// | `clusters`    | 1...100 (2)                       | Gaussian clusters per class                          |
/// | `class-sep`   | ≥ 0 (1)                           | half the side of the cluster hypercube               |
/// | `label-noise` | [0, 1] (0.01)                     | probability that a label is redrawn at random        |
/// | `folds`       | 1...20 (1)                        | 1: a 20/60/20 holdout; k ≥ 2: k-fold CV, 20% test    |
/// | `split`       | tunebench, bayesmark (tunebench)  | bayesmark: its fixed 20% test, 5 folds, raw features |
/// | `divergence`  | prior, fail (prior)               | a diverged fit scores as the prior model, or fails   |
/// | `duration`    | model, constant (model)           | simulated seconds: the operations counted, or 1 s    |
/// | `time-objective` | true, false (false)            | the simulated training seconds as a second objective |
/// | `loss`        | log-loss, error-rate (log-loss)   | the objective on the validation rows                 |
/// | `dataset`     | generated, iris, wine, breast, digits (generated) | a real data set (``RealDataset``) instead |
///
/// Regression entries take ``regression``: `friedman` (1, 2 or 3; 1), `samples` (3000), `features` (5...10000, 10;
/// Friedman #1 only), `noise` (≥ 0, 1: the standard deviation of the target noise), `folds` and `dataset`
/// (generated or diabetes), `split`, `divergence`, `duration`, `time-objective`; their loss is the mean squared error.
///
/// `split=bayesmark` splits the rows as bayesmark 0.0.8's scikit-learn problems do (``BayesmarkSplit``): the same
/// 20% test rows whatever the instance, then 5-fold cross-validation (stratified for classification) of the rest, on
/// the features as loaded, not standardized. With it `folds` keeps its default, since bayesmark's folds are fixed; the
/// instance seed still seeds training.
///
/// With a real data set the generator's options (`samples`, `features`, `informative`, `redundant`, `classes`,
/// `clusters`, `class-sep`, `label-noise`; `friedman`, `noise`) describe nothing, and one given other than its
/// default is an error; the rows are split as the generated ones are (``Resampling``), seeded by the instance.
///
/// The data come from ``ClassificationData`` and ``FriedmanData``; see ``LearningProblem`` for seeds and splits.
public enum LearningOptions {
    /// The options of a classification entry, in listing order.
    public static let classification: [OptionSpec] = [
        samples,
        OptionSpec(
            "features",
            .integer(1...10_000),
            default: .integer(20),
            summary: "columns of the dataset: informative, redundant and noise features"
        ),
        OptionSpec(
            "informative",
            .integer(1...1000),
            default: .integer(6),
            summary: "features that carry the class clusters (Gaussian clusters on hypercube vertices)"
        ),
        OptionSpec(
            "redundant",
            .integer(0...1000),
            default: .integer(2),
            summary: "features that are random linear combinations of the informative ones"
        ),
        OptionSpec("classes", .integer(2...100), default: .integer(3), summary: "number of classes"),
        OptionSpec("clusters", .integer(1...100), default: .integer(2), summary: "Gaussian clusters per class"),
        OptionSpec(
            "class-sep",
            .real(0...Double.infinity),
            default: .real(1),
            summary: "half the side of the hypercube whose vertices centre the clusters; larger is easier"
        ),
        OptionSpec(
            "label-noise",
            .real(0...1),
            default: .real(0.01),
            summary: "probability that a row's label is replaced by a random class"
        ),
        folds,
        split,
        divergence,
        duration,
        timeObjective,
        OptionSpec(
            "loss",
            .choice(["log-loss", "error-rate"]),
            default: .string("log-loss"),
            summary: "objective on the validation rows: log-loss (probabilities clipped to 1e-15) or error rate"
        ),
        OptionSpec(
            "dataset",
            .choice(["generated"] + RealDataset.allCases.filter { $0.task != .regression }.map(\.rawValue)),
            default: .string("generated"),
            summary: "generated data, or a real data set as scikit-learn loads it (iris, wine, breast, digits)"
        ),
    ]

    /// The options of a regression entry, in listing order.
    public static let regression: [OptionSpec] = [
        OptionSpec(
            "friedman",
            .integerChoice([1, 2, 3]),
            default: .integer(1),
            summary: "which of Friedman's three regression benchmarks generates the data"
        ),
        samples,
        OptionSpec(
            "features",
            .integer(5...10_000),
            default: .integer(10),
            summary: "columns for Friedman #1 (5 carry the target, the rest are noise); #2 and #3 always have 4"
        ),
        OptionSpec(
            "noise",
            .real(0...Double.infinity),
            default: .real(1),
            summary: "standard deviation of the Gaussian noise added to the target"
        ),
        folds,
        split,
        divergence,
        duration,
        timeObjective,
        OptionSpec(
            "dataset",
            .choice(["generated"] + RealDataset.allCases.filter { $0.task == .regression }.map(\.rawValue)),
            default: .string("generated"),
            summary: "generated data (Friedman's), or a real data set as scikit-learn loads it (diabetes)"
        ),
    ]

    static let samples = OptionSpec(
        "samples",
        .integer(20...1_000_000),
        default: .integer(3000),
        summary: "rows of the dataset"
    )

    static let folds = OptionSpec(
        "folds",
        .integer(1...20),
        default: .integer(1),
        summary: "1: one 20/60/20 train/validation/test split; k >= 2: mean validation loss of k-fold CV, 20% test"
    )

    static let split = OptionSpec(
        "split",
        .choice(["tunebench", "bayesmark"]),
        default: .string("tunebench"),
        summary: "tunebench: seeded splits (folds), standardized; bayesmark: bayesmark 0.0.8's 20% test and 5 folds, raw"
    )

    /// How long an evaluation takes on a simulated worker (``LearningProblem/modelsDuration``).
    static let duration = OptionSpec(
        "duration",
        .choice(["model", "constant"]),
        default: .string("model"),
        summary: "simulated seconds per evaluation on parallel workers: 'model' (the fit's operations at 10^9 per "
            + "second) or 'constant' (1 s at full fidelity)"
    )

    /// Whether the simulated training seconds are a second objective (``LearningProblem/addTimeObjective()``).
    static let timeObjective = OptionSpec(
        "time-objective",
        .bool,
        default: .bool(false),
        summary: "a second objective: the simulated training seconds (the loss against the cost; the metric is the "
            + "negated hypervolume)"
    )

    static let divergence = OptionSpec(
        "divergence",
        .choice(["prior", "fail"]),
        default: .string("prior"),
        summary: "a fit that diverges (non-finite predictions): scored as the prior model, or a failed trial"
    )

    /// `options` with the defaults in `defaults` in place of theirs, for an entry whose model needs other data sizes.
    public static func options(_ options: [OptionSpec], defaults: [String: OptionValue]) -> [OptionSpec] {
        options.map { option in
            var option = option
            if let value = defaults[option.name] { option.defaultValue = value }
            return option
        }
    }

    // MARK: - Builders

    /// The classification recipe the options describe.
    public static func classificationData(_ options: Options) -> ClassificationData {
        ClassificationData(
            samples: options.integer("samples"),
            features: options.integer("features"),
            informative: options.integer("informative"),
            redundant: options.integer("redundant"),
            classes: options.integer("classes"),
            clustersPerClass: options.integer("clusters"),
            classSeparation: options.real("class-sep"),
            labelNoise: options.real("label-noise")
        )
    }

    /// The regression recipe the options describe.
    public static func regressionData(_ options: Options) -> FriedmanData {
        FriedmanData(
            variant: FriedmanData.Variant(rawValue: options.integer("friedman"))!,
            samples: options.integer("samples"),
            features: options.integer("features"),
            noise: options.real("noise")
        )
    }

    /// The resampling of the `split` and `folds` options (``Resampling/folds(_:)`` or ``Resampling/bayesmark``).
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for `folds` other than 1 beside
    ///   `split=bayesmark`, whose folds are fixed.
    public static func resampling(_ options: Options) throws -> Resampling {
        let folds = options.integer("folds")
        guard options.values["split"] == .string("bayesmark") else { return .folds(folds) }
        guard folds == 1 else {
            throw ProblemsError.invalidArgument(
                problem: "learning problem", argument: "folds", value: "\(folds)",
                expected: "its default 1: split bayesmark always uses bayesmark's \(BayesmarkSplit.folds) folds")
        }
        return .bayesmark
    }

    /// A classification problem for `learner` from a context whose options are ``classification``.
    /// - Throws: ``ProblemsError`` when the options do not fit together (for example more informative features
    ///   than features, or a generator's option with a real data set).
    public static func classificationProblem<L: Learner>(
        _ learner: L,
        _ context: ProblemContext,
        options specs: [OptionSpec] = classification
    ) throws
        -> LearningProblem<L>
    {
        let loss = LearningLoss(rawValue: context.options.string("loss"))!
        if let real = try realData(context.options, specs: specs) {
            return try problem(learner, data: real, loss: loss, context)
        }
        return try problem(learner, data: classificationData(context.options), loss: loss, context)
    }

    /// A regression problem for `learner` from a context whose options are ``regression`` (with the entry's own
    /// defaults, `specs`).
    /// - Throws: ``ProblemsError`` when the options do not fit together.
    public static func regressionProblem<L: Learner>(
        _ learner: L,
        _ context: ProblemContext,
        options specs: [OptionSpec] = regression
    ) throws
        -> LearningProblem<L>
    {
        if let real = try realData(context.options, specs: specs) {
            return try problem(learner, data: real, loss: .meanSquaredError, context)
        }
        return try problem(learner, data: regressionData(context.options), loss: .meanSquaredError, context)
    }

    /// The options that only the generated data read.
    public static let generatorOptions: Set<String> = [
        "samples", "features", "informative", "redundant", "classes", "clusters", "class-sep", "label-noise",
        "friedman", "noise",
    ]

    /// The real data set the `dataset` option names, or `nil` for generated data.
    /// - Throws: ``ProblemsError/invalidArgument(problem:argument:value:expected:)`` for a generator's option given
    ///   other than its default (in `specs`) beside a real data set, which it would not change.
    static func realData(_ options: Options, specs: [OptionSpec]) throws -> RealDataset? {
        guard let real = RealDataset(rawValue: options.string("dataset")) else { return nil }
        for spec in specs where generatorOptions.contains(spec.name) {
            let value = options.values[spec.name]
            guard value != (try? spec.coerce(spec.defaultValue, entry: "")) else { continue }
            throw ProblemsError.invalidArgument(
                problem: "learning problem", argument: spec.name, value: value?.text ?? "",
                expected: "its default \(spec.defaultValue.text): with dataset \(real.rawValue) the data are "
                    + "fixed, and only generated data read \(spec.name)")
        }
        return real
    }

    private static func problem<L: Learner>(
        _ learner: L,
        data: some DatasetGenerator,
        loss: LearningLoss,
        _ context: ProblemContext
    ) throws -> LearningProblem<L> {
        var problem = try LearningProblem(
            learner: learner,
            data: data,
            resampling: try resampling(context.options),
            loss: loss,
            seed: context.seed
        )
        problem.failsOnDivergence = context.options.values["divergence"] == .string("fail")
        problem.modelsDuration = context.options.values["duration"] != .string("constant")
        if context.options.values["time-objective"] == .bool(true) { try problem.addTimeObjective() }
        return problem
    }
}
