import TunebenchCore

/// The registry entries of COCO's bbob functions and the suites `bbob` and `bbob-2009`.
///
/// `Registry.builtin` (in the `Tunebench` module) registers ``entries`` after the other built-in problems, and
/// ``suite`` and ``campaign2009`` after the other suites. Each entry `bbob-f01` ... `bbob-f24` is one function of
/// ``BBOBProblem`` with the options
///
/// | option      | values (default)                                                                       |
/// |-------------|----------------------------------------------------------------------------------------|
/// | `dimension` | 2, 3, 5, 10, 20, 40 (10)                                                               |
/// | `instances` | COCO instances, `1-5,101-110` (`1-15`); repetition k runs the one at position k mod n |
/// | `noise`     | standard deviation of Gaussian observation noise (0)                                   |
public enum BBOBProblems {
    /// `bbob-f01` ... `bbob-f24`, in function order.
    public static let entries: [ProblemEntry] = BBOBFunctions.numbers.map(entry)

    /// The `dimension` option: one of COCO's dimensions or the tuning set's, 10 by default.
    public static let dimensionOption = OptionSpec(
        "dimension", .integerChoice(BBOBFunctions.allowedDimensions), default: .integer(10),
        summary: "number of variables: COCO's 2, 3, 5, 10, 20 or 40, or the tuning set's 8 or 12 (docs/tuning-set.md)")

    /// The `instances` option: the COCO instances that the repetitions run in turn (``BBOBInstanceList``).
    public static let instancesOption = OptionSpec(
        "instances", .text, default: .string("1-15"),
        summary: "COCO instances, e.g. 1-5,101-110: repetition k runs the one at position k mod their count")

    /// `bbob`: the 24 entries with default options (10-D, instances 1–15). Options given to the suite go to each
    /// function: `bbob:dimension=2`.
    public static let suite = Suite(
        name: "bbob",
        summary: "COCO's 24 bbob functions, 10-D, instances 1-15 (one per repetition); bbob:dimension=D for others",
        problems: entries.map { EntrySpec($0.name) })

    /// The instances COCO's suite `bbob` used in the 2009 workshop (`suite_bbob_get_instances_by_year(2009)` in
    /// coco-experiment 2.8.2 `src/suite_bbob.c`): instances 1–5, three times.
    public static let instances2009 = "1-5,1-5,1-5"

    /// `bbob-2009`: COCO's BBOB-2009 campaign, the 24 functions in each of the six dimensions (labels
    /// `bbob-f01-d02` ... `bbob-f24-d40`, by dimension, then function) with the instances of ``instances2009``;
    /// 15 repetitions run it all.
    public static let campaign2009 = Suite(
        name: "bbob-2009",
        summary: "COCO's BBOB-2009 campaign: 24 functions in 2, 3, 5, 10, 20, 40-D, instances 1-5 three times; "
            + "run 15 repetitions",
        problems: BBOBFunctions.dimensions.flatMap { d in
            BBOBFunctions.numbers.map { f in
                EntrySpec(
                    name(f), label: "\(name(f))-d\(BBOBFunctions.twoDigits(d))",
                    options: ["dimension": .integer(d), "instances": .string(instances2009)])
            }
        })

    /// The entry name of function `function`: `bbob-f07`.
    public static func name(_ function: Int) -> String {
        "bbob-f\(BBOBFunctions.twoDigits(function))"
    }

    /// The entry of function `function`.
    static func entry(_ function: Int) -> ProblemEntry {
        let name = name(function)
        let summary =
            "COCO bbob f\(function): \(BBOBFunctions.name(function)) (\(BBOBFunctions.group(function))); "
            + "COCO's instances (Hansen et al. 2009)"
        return ProblemEntry(
            name: name, summary: summary,
            options: [dimensionOption, instancesOption, BuiltinProblems.noiseOption] + BuiltinProblems.failureOptions
                + BuiltinProblems.durationOptions,
            shapeNeutralOptions: BuiltinProblems.instanceNeutralOptions
        ) { context in
            let instances = try BBOBInstanceList(parsing: context.options.string("instances"), entry: name)
            let problem = try BBOBProblem(
                function: function, dimension: context.options.integer("dimension"),
                instance: instances.instance(forRepetition: context.repetition))
            return try BuiltinProblems.withFailuresAndNoise(problem, context)
        }
    }
}
