/// A registered optimizer: its name, what it does, what it can handle, its options and a factory.
public struct OptimizerEntry: Sendable {
    public var name: String
    /// One line for `tunebench list`.
    public var summary: String
    /// Which parameter kinds (and fidelity) it handles; pairs with problems it cannot handle are refused.
    public var capabilities: Capabilities
    public var options: [OptionSpec]
    /// Builds one optimizer for one run. Called from any thread.
    public var factory: @Sendable (OptimizerContext) throws -> any Optimizer
    /// Checks, before any run, that the optimizer can run in a context, without building it (for optimizers that
    /// are costly to build, such as plugins that start a process). When `nil`, the check builds the optimizer.
    public var preflight: (@Sendable (OptimizerContext) throws -> Void)?
    /// Whether experiments that name no optimizers (the default experiment) include this one; plugins do not.
    public var includedByDefault: Bool
    /// The published method's reference defaults and how this entry's differ; `nil` when it names no published
    /// method with reference defaults.
    public var reference: ReferenceDefaults?
    /// Which results table it belongs in, given its options (an optimizer that reads gradients only with some
    /// options is black-box with the others).
    public var track: @Sendable (Options) -> OptimizerTrack

    public init(
        name: String, summary: String, capabilities: Capabilities = .allParameterKinds, options: [OptionSpec] = [],
        includedByDefault: Bool = true, reference: ReferenceDefaults? = nil,
        track: @escaping @Sendable (Options) -> OptimizerTrack = { _ in .blackBox },
        preflight: (@Sendable (OptimizerContext) throws -> Void)? = nil,
        factory: @escaping @Sendable (OptimizerContext) throws -> any Optimizer
    ) {
        self.name = name
        self.summary = summary
        self.capabilities = capabilities
        self.options = options
        self.includedByDefault = includedByDefault
        self.reference = reference
        self.track = track
        self.preflight = preflight
        self.factory = factory
    }

    /// Every option at its default.
    public var defaultOptions: Options {
        Options(Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0.defaultValue) }))
    }
}

/// A registered problem: its name, what it is, its options and a factory taking the instance seed.
public struct ProblemEntry: Sendable {
    public var name: String
    /// One line for `tunebench list`, with the source of the function.
    public var summary: String
    public var options: [OptionSpec]
    /// Further lines for `tunebench list NAME`, such as how the entry's instances are drawn.
    public var details: [String]
    /// Builds one problem instance. Called from any thread.
    public var factory: @Sendable (ProblemContext) throws -> any Problem
    /// Options that change neither the space nor whether the problem provides gradients (such as a seeded failure
    /// region): ``Registry/makeProblemShape(_:)`` leaves them out when it only needs those.
    public var shapeNeutralOptions: Set<String>
    /// Whether the entry's problems may know a sample of their Pareto front (``Problem/referenceFront``): only such
    /// entries are built to ask it, so that aggregating never starts a plugin or generates data for nothing.
    public var providesReferenceFront: Bool

    public init(
        name: String, summary: String, options: [OptionSpec] = [], details: [String] = [],
        shapeNeutralOptions: Set<String> = [], providesReferenceFront: Bool = false,
        factory: @escaping @Sendable (ProblemContext) throws -> any Problem
    ) {
        self.name = name
        self.summary = summary
        self.options = options
        self.details = details
        self.shapeNeutralOptions = shapeNeutralOptions
        self.providesReferenceFront = providesReferenceFront
        self.factory = factory
    }
}

/// A use of a registry entry in an experiment: which entry, under which label, with which options.
///
/// The label names the entry in results and file names and enters the seed derivation; it defaults to
/// ``defaultLabel(name:options:)``.
public struct EntrySpec: Sendable, Hashable {
    public var name: String
    public var label: String
    /// Options as given (not completed with defaults), so that a stored experiment reads as it was written.
    public var options: [String: OptionValue]

    public init(_ name: String, label: String? = nil, options: [String: OptionValue] = [:]) {
        self.name = name
        self.options = options
        self.label = label ?? Self.defaultLabel(name: name, options: options)
    }

    /// Options that wrap a problem without changing its instance: a hidden failure region (`failure`,
    /// `failure-share`) and simulated durations (`duration`, `duration-spread`). They stay out of ``seedLabel``.
    public static let seedNeutralOptions: Set<String> = ["failure", "failure-share", "duration", "duration-spread"]

    /// The label the seeds derive from (``SeedDerivation``): the label, except that a default label
    /// (``defaultLabel(name:options:)``) leaves out the ``seedNeutralOptions``. So repetition k of
    /// `branin:failure=ball` runs on the same instance, with the same optimizer seed, as repetition k of `branin`: the
    /// two runs coincide until the first failure, and a paired test compares the same instances with and without
    /// failures (common random numbers). Other options (a dimension, observation noise) make another problem and
    /// enter the seeds; an explicit label is the seeds' label as it stands.
    public var seedLabel: String {
        let kept = options.filter { !Self.seedNeutralOptions.contains($0.key) }
        guard kept.count < options.count, label == Self.defaultLabel(name: name, options: options) else { return label }
        return Self.defaultLabel(name: name, options: kept)
    }

    /// The name alone, or the name followed by `-keyvalue` for each option in key order
    /// (`rosenbrock` with `dimension: 4` gives `rosenbrock-dimension4`).
    public static func defaultLabel(name: String, options: [String: OptionValue]) -> String {
        let label = ([name] + options.keys.sorted().map { "\($0)\(options[$0]!.text)" }).joined(separator: "-")
        // A character a label cannot hold (the comma of `instances=1-5,101-110`) becomes '+'.
        return String(
            String.UnicodeScalarView(
                label.unicodeScalars.map { scalar in
                    scalar == "," || scalar == " " || scalar == "/" || scalar == ":" ? "+" : scalar
                }))
    }

    /// What options that go into a label must be, for messages: the characters that ``defaultLabel(name:options:)``
    /// keeps or turns into `+`, and ``isValidLabel(_:)``'s length.
    public static let optionTextRule =
        "use option texts of ASCII letters, digits and ._+=- (a comma, colon, slash or space becomes +), in a label "
        + "of at most 100 characters"

    /// Whether `label` can name files on every common file system: ASCII letters, digits and `._+=-`, not
    /// starting with a dot, at most 100 characters.
    public static func isValidLabel(_ label: String) -> Bool {
        guard !label.isEmpty, label.utf8.count <= 100, !label.hasPrefix(".") else { return false }
        return label.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "._+=-".unicodeScalars.contains(scalar))
        }
    }
}

/// A named list of problem instances, such as the classic suite of the default experiment.
public struct Suite: Sendable {
    public var name: String
    public var summary: String
    public var problems: [EntrySpec]

    public init(name: String, summary: String, problems: [EntrySpec]) {
        self.name = name
        self.summary = summary
        self.problems = problems
    }
}
